"""Decoding and normalising untrusted article text.

Articles come from whatever people saved from the web, so every string that reaches the index
(and later the terminal) passes through here. Two jobs:

* ``decode_bytes`` turns file bytes into text or a reason to skip the file.
* ``normalise`` produces the text we index (NFC, LF line ends, no control or invisible
  formatting characters) together with a map back to the decoded original, because claim and
  paragraph offsets must point into the file as the user has it.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from array import array
from dataclasses import dataclass

# C0 controls except \t and \n, DEL, C1 controls. \r is handled separately (line ends).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Invisible formatting characters that split words or reorder text: soft hyphen, zero-width
# space, LRM/RLM, bidi embeddings/overrides/isolates, word joiner, BOM. ZWJ/ZWNJ stay: scripts
# such as Persian need them.
_INVISIBLE = "\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
# ESC-introduced sequences are removed whole so their parameters do not survive as text. A
# string sequence (OSC, DCS, SOS, PM, APC) is removed only with its terminator on the same line:
# an unterminated one would make a terminal swallow everything up to the next BEL, and the
# index must not do the same to an article, so only its introducer is dropped.
_STRING_BODY = r"[^\x00-\x1f\x7f-\x9f]*"
_ESCAPE_SEQUENCE = re.compile(
    rf"\x1b\]{_STRING_BODY}(?:\x07|\x1b\\|\x9c)"  # OSC ... BEL/ST
    rf"|\x9d{_STRING_BODY}(?:\x07|\x1b\\|\x9c)"  # C1 OSC
    rf"|\x1b[PX^_]{_STRING_BODY}(?:\x1b\\|\x9c)"  # DCS, SOS, PM, APC
    r"|\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # C1 CSI
    r"|\x1b[ -/]*[0-~]?"  # other two-byte escapes, and unterminated string introducers
)
_DROP = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
_NEEDS_WORK = re.compile(f"[\r{_CONTROL}{_INVISIBLE}]")

SNIFF_BYTES = 8192


class UndecodableError(ValueError):
    """The bytes are not text we can read (binary, or an unknown encoding)."""


def decode_bytes(data: bytes) -> str:
    """Decode file bytes, refusing binaries rather than indexing mojibake.

    Order matters (measured in shared/RELIABILITY.md §3): BOMs first, then strict UTF-8, then
    UTF-8 with replacement when only a few bytes are bad. Charset guessing libraries mislabel
    valid UTF-8, so the only legacy fallback is cp1252, the encoding of most old Western pages,
    and only when the result looks like text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"invalid UTF-16 ({exc.reason})") from None
    if b"\x00" in data[:SNIFF_BYTES]:
        raise UndecodableError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(1, len(data) // 100):
        return text
    legacy = data.decode("cp1252", errors="replace")
    if _looks_like_text(legacy):
        return legacy
    raise UndecodableError("not UTF-8 and not recognisable text")


def _looks_like_text(text: str) -> bool:
    sample = text[:SNIFF_BYTES]
    if not sample:
        return False
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    letters = sum(1 for ch in sample if ch.isalpha())
    return printable / len(sample) > 0.97 and letters / len(sample) > 0.5


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """Normalised text plus, when it differs from the original, where each char came from.

    ``starts[i]``/``ends[i]`` are the original span that normalised char ``i`` came from; both
    are ``None`` when normalisation changed nothing, the common case, so it costs nothing.
    """

    text: str
    starts: array | None = None
    ends: array | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the decoded original."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.ends[-1] if self.ends else 0
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def normalise(original: str) -> NormalisedText:
    """NFC, ``\\n`` line ends, no control or invisible characters, with an offset map."""
    if not _NEEDS_WORK.search(original) and unicodedata.is_normalized("NFC", original):
        return NormalisedText(original)
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    for piece, begin, finish in _clusters(original):
        for ch in unicodedata.normalize("NFC", piece):
            out.append(ch)
            starts.append(begin)
            ends.append(finish)
    return NormalisedText("".join(out), starts, ends)


def _clusters(original: str):
    """Yield (normalisable piece, start, end) with control text removed.

    A piece is a base character with its combining marks, so NFC can compose it and every
    output character maps to one source span.
    """
    i = 0
    n = len(original)
    while i < n:
        ch = original[i]
        if ch == "\r":
            end = i + 2 if original.startswith("\r\n", i) else i + 1
            yield "\n", i, end
            i = end
            continue
        if ch == "\x1b" or ch in "\x9b\x9d":
            match = _ESCAPE_SEQUENCE.match(original, i)
            i = match.end() if match and match.end() > i else i + 1
            continue
        if _DROP.match(ch):
            i += 1
            continue
        end = i + 1
        while end < n and (unicodedata.combining(original[end]) or "\u1160" <= original[end] <= "\u11ff"):
            end += 1
        yield original[i:end], i, end
        i = end


def clean_input(text: str) -> str:
    """One line of user input as a text field may hold it: normalised like article text (no
    control characters or escape sequences; ZWJ/ZWNJ kept), no lone surrogates, line breaks as
    spaces. Unlike ``clean_line`` it keeps the spacing as typed, so a cursor stays put."""
    kept = normalise(_SURROGATE.sub("", text)).text
    return kept.replace("\n", " ").replace("\u2028", " ").replace("\u2029", " ")


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_line(text: str) -> str:
    """Collapse a metadata value (title, outlet, author) to one safe line."""
    return " ".join(normalise(text).text.split())


def sanitize_display(text: str) -> str:
    """Last line of defence before the terminal: no control, format, private-use, unassigned
    or surrogate characters; only tabs and newlines survive among the invisibles.

    Ingestion already normalises, but queries, file names and indexes built by other versions
    also reach the screen.
    """
    cleaned = normalise(text).text
    if cleaned.isascii():
        return cleaned
    return "".join(_display_char(ch) for ch in cleaned)


# Characters JSON may carry raw but a terminal or editor acts on: DEL and C1 controls (U+009B
# is CSI), bidi marks, embeddings, overrides and isolates (U+202E reverses what follows, U+061C
# is the Arabic letter mark), invisible formatting, line/paragraph separators, lone surrogates
# and Unicode tag characters. json.dumps already escapes C0 controls.
_JSON_UNSAFE = re.compile(  # categories Cc (above C0), Cf, Cs, Zl and Zp as of Unicode 15
    "[\\x7f-\\x9f\\xad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e"
    "\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ud800-\\udfff\\ufeff"
    "\\ufff9-\\ufffb\\U000110bd\\U000110cd\\U00013430-\\U00013438\\U0001bca0-\\U0001bca3"
    "\\U0001d173-\\U0001d17a\\U000e0001\\U000e0020-\\U000e007f]"
)


def json_text(value: object, **options: object) -> str:
    """``json.dumps`` with readable non-ASCII text but every character above escaped as
    ``\\uXXXX``, so piping JSON to a terminal or opening it in an editor shows, never obeys,
    controls that came from file names or article text. The decoded value is unchanged."""
    dumped = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(_json_escape, dumped)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _display_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Zl", "Zp"):
        return "\n"
    if category[0] == "C" and ch not in "\n\t":
        return ""
    return ch
