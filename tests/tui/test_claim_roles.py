"""Who, said, what: the three claim roles must read apart in every theme and without colour."""

from __future__ import annotations

from itertools import combinations

import pytest
from textual.style import Style
from textual.theme import BUILTIN_THEMES

from tui import render

ROLES = ("source", "cue", "content")


@pytest.mark.parametrize("theme", sorted(BUILTIN_THEMES))
def test_roles_differ_in_colour_in_every_builtin_theme(theme):
    variables = BUILTIN_THEMES[theme].to_color_system().generate()
    colours = {role: Style.parse(render.ROLE_STYLES[role], variables).foreground
               for role in ROLES}
    for a, b in combinations(ROLES, 2):
        assert colours[a] != colours[b], (theme, a, b, colours[a])


def test_roles_differ_without_colour():
    """Bold, underline and italic each belong to one role: a monochrome terminal shows all three."""
    looks = {}
    for role in ROLES:
        variables = BUILTIN_THEMES["textual-dark"].to_color_system().generate()
        style = Style.parse(render.ROLE_STYLES[role], variables)
        looks[role] = (bool(style.bold), bool(style.underline), bool(style.italic))
    assert len(set(looks.values())) == 3, looks
    for a, b in combinations(ROLES, 2):
        shared = [x and y for x, y in zip(looks[a], looks[b], strict=True)]
        assert not any(shared), (a, b)  # no attribute is shared, so none hides another


def _claim(content: str, kind: str) -> dict[str, str]:
    return {"speaker": "Yang Jiechi", "cue": "characterized", "content": content, "kind": kind}


def test_a_paraphrase_is_not_put_in_quotation_marks():
    row = render.claim_row(_claim("the coup as Myanmar's internal affairs", "indirect"), "SGH")
    said = row.plain.split("\n")[1].strip()
    assert said == "the coup as Myanmar's internal affairs"


def test_a_partial_quote_keeps_only_its_own_marks():
    row = render.claim_row(_claim("it was “as Myanmar’s internal affairs”", "mixed"), "SGH")
    assert row.plain.split("\n")[1].strip() == "it was “as Myanmar’s internal affairs”"


def test_a_quote_gets_marks_once():
    bare = render.claim_row(_claim("we will stand firm", "direct"), "SGH")
    marked = render.claim_row(_claim("“Secretary Blinken stressed the point”", "direct"), "SGH")
    assert bare.plain.split("\n")[1].strip() == "“we will stand firm”"
    assert marked.plain.split("\n")[1].strip() == "“Secretary Blinken stressed the point”"
    assert "““" not in marked.plain
