"""Every key, generated from the bindings themselves so the help cannot drift from them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import render

# Keys Textual widgets provide themselves, described in our words.
BUILT_IN = (
    ("Everywhere", [("tab / shift+tab", "Move between panes"),
                    ("↑ ↓ / j k", "Move in a list"),
                    ("pgup pgdn home end", "Page, first, last"),
                    ("ctrl+p", "Command palette: theme, re-index, export, jump to article…"),
                    ("ctrl+q", "Quit, even while typing")]),
)

# Moves in a list: covered by "Move in a list" and "Page, first, last".
LIST_MOVES = ("cursor_down", "cursor_up", "cursor(1)", "cursor(-1)", "page(1)", "page(-1)",
              "first", "last")
KEY_NAMES = {"enter": "enter", "escape": "escape", "space": "space", "delete": "delete",
             "tab": "tab"}

QUERY_HELP = (
    ("taiwan strait", "paragraphs with both words (stemmed: sanction finds sanctions)"),
    ('"frank and tough"', "an exact phrase"),
    ("taiwan OR tibet, NOT hong", "either word; exclude a word"),
    ("outlet:hill  speaker:yang", "by outlet or by the person or body quoted"),
    ("title:call  date:2021-02", "in titles; a year, month or day"),
    ("date:[2021-02-01 TO 2021-02-07]", "a date range"),
    ("taiw*  taiwn~", "a prefix; a misspelling (one or two letters off)"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%;
                                  border: round $accent; background: $surface; padding: 0 2; }
    HelpScreen Static { height: auto; }
    """

    def __init__(self, groups: Iterable[tuple[str, Iterable[Binding]]]) -> None:
        super().__init__()
        self.groups = [(title, list(bindings)) for title, bindings in groups]

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys — escape to close"
            yield Static(self._body(), id="help-body")

    def _body(self) -> Content:
        lines: list[Content] = []
        sections = [(title, _merged([(self._keys(b), b.tooltip or b.description)
                                     for b in bindings
                                     if b.description and b.action not in LIST_MOVES]))
                    for title, bindings in self.groups]
        for title, rows in list(BUILT_IN) + sections:
            if not rows:
                continue
            lines += [Content(""), render.plain(title, "bold $text-accent")]
            lines += [_row(keys, description) for keys, description in rows]
        lines += [Content(""), render.plain("Query language", "bold $text-accent")]
        lines += [_row(example, meaning) for example, meaning in QUERY_HELP]
        lines += [Content(""), render.plain(
            "In the detail panel, claims are marked by role: ", "dim") + render.legend()]
        return Content("\n").join(lines[1:])

    def _keys(self, binding: Binding) -> str:
        """Named keys are spelled out ("enter", "escape"); Textual shows some as symbols."""
        keys = [k.strip() for k in binding.key.split(",")]
        return " / ".join(KEY_NAMES.get(k, self.app.get_key_display(Binding(k, ""))) for k in keys)


def _row(keys: str, description: str) -> Content:
    return Content.assemble(render.plain(f"{keys:>22}  ", "bold $accent"), render.plain(description))


def _merged(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """One row per description: keys doing the same thing share it ("space / enter")."""
    keys_for: dict[str, list[str]] = {}
    for keys, description in rows:
        known = keys_for.setdefault(description, [])
        known.extend(k for k in keys.split(" / ") if k not in known)
    return [(" / ".join(keys), description) for description, keys in keys_for.items()]
