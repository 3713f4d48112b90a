import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.textnorm import UndecodableError, decode_bytes, normalise, sanitize_display


def test_crlf_controls_and_escape_sequences_are_removed_with_offsets_kept():
    original = "Title\r\n\r\nHe said\x1b]52;c;ZXZpbA==\x07 hello\x00 wor\u200bld\x9b6n.\r\n"
    norm = normalise(original)
    assert norm.text == "Title\n\nHe said hello world.\n"
    start = norm.text.index("hello")
    o_start, o_end = norm.original_span(start, start + len("hello"))
    assert original[o_start:o_end] == "hello"


def test_nfd_text_is_composed_and_maps_back():
    original = "cafe\u0301 society"
    norm = normalise(original)
    assert norm.text == "café society"
    s, e = norm.original_span(0, 4)
    assert original[s:e] == "cafe\u0301"


def test_clean_text_is_returned_unchanged_without_a_map():
    norm = normalise("Plain text.\n\nSecond paragraph.")
    assert norm.starts is None and norm.original_span(3, 8) == (3, 8)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Caf\u00e9".encode("utf-16"), "Café"),
        (b"\xef\xbb\xbfBOM text", "BOM text"),
        ("naïve résumé text".encode("cp1252"), "naïve résumé text"),
    ],
)
def test_decoding_text_encodings(data, expected):
    assert decode_bytes(data) == expected


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x1f\x8b\x08\x00\x00\x00"])
def test_binary_files_are_refused(data):
    with pytest.raises(UndecodableError):
        decode_bytes(data)


@given(st.text())
def test_sanitised_text_has_no_invisible_characters_but_newlines_and_tabs(text):
    shown = sanitize_display(text)
    assert all(unicodedata.category(ch)[0] != "C" or ch in "\n\t" for ch in shown)
    assert "\u2028" not in shown and "\x1b" not in shown


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        text = decode_bytes(data)
    except UndecodableError:
        return
    assert isinstance(text, str)


@pytest.mark.parametrize(
    "introducer", ["\x1b]", "\x9d", "\x1bP", "\x1b_", "\x1b^", "\x1bX"],
)
def test_an_unterminated_escape_string_keeps_the_text_after_it(introducer):
    # A terminal would wait for BEL or ST; the index must not drop the rest of the file.
    original = f"Title\n\nFirst {introducer}0;half a title\n\nLast paragraph.\n"
    text = normalise(original).text
    assert "\x1b" not in text and "\x9d" not in text
    assert text.endswith("half a title\n\nLast paragraph.\n")


def test_a_terminated_escape_string_is_removed_whole_on_its_line():
    original = "He said\x1b]8;;https://evil.test\x1b\\ hello\x1bPq#0;2\x9c and \x1b]0;t\x07bye.\n"
    assert normalise(original).text == "He said hello and bye.\n"


def test_an_escape_string_never_runs_across_a_line_end():
    original = "One \x1b]52;c;ZXZp\nTwo\x07 three.\n"
    assert normalise(original).text == "One 52;c;ZXZp\nTwo three.\n"


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3), max_leaves=5))
def test_json_text_round_trips_and_carries_no_raw_control_or_bidi_character(value):
    import json

    from index.textnorm import json_text

    dumped = json_text(value)
    assert json.loads(dumped) == value
    dumped.encode("utf-8")  # lone surrogates are escaped, so the output is always encodable
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in dumped)


def test_clean_input_is_one_line_without_controls_and_keeps_zwnj_and_spacing():
    from index.textnorm import clean_input

    typed = "می\u200cخواهم \x1b]52;c;eA==\x07 taiwan\u202e \ud800\nstrait "
    assert clean_input(typed) == "می\u200cخواهم  taiwan  strait "
