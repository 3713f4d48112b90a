"""Claims: attributions with a canonical speaker, a kind and file offsets, per article.

``attribution.py`` finds the spans; this module decides *who* speaks:

* pronouns ("it added", "he continued") take the nearest earlier named source of a compatible
  kind (``it`` → an organisation, ``he``/``she`` → a person, ``they`` → anyone);
* descriptions are reduced to the entity they name ("a readout of the call from the State
  Department" → "State Department"; "Secretary Blinken" → "Blinken");
* a bare surname becomes the article's full name for it ("Blinken" → "Antony Blinken"), and
  ``SpeakerNames`` merges spellings across the corpus ("Tony Blinken" → "Antony Blinken");
* anonymous sources keep their description ("senior official in Beijing");
* "our understanding is …" is the outlet itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .attribution import RawClaim, extract, headline, quotes
from .models import TITLE_PARAGRAPH, Article, Claim
from .textnorm import NormalisedText

_TITLES = re.compile(
    r"^(?:(?:u\.?s\.?|us|american|chinese|former|then|deputy|acting|vice|senior|top|state|"
    r"secretary(?:\s+of\s+state)?|secretary-general|president|president-elect|prime\s+minister|"
    r"minister|foreign\s+minister|director|chairman|chairwoman|chair|senator|sen\.|rep\.|gov\.|"
    r"governor|mayor|ambassador|general|gen\.|mr\.?|mrs\.?|ms\.?|dr\.?|judge|justice|"
    r"spokesman|spokeswoman|spokesperson|candidate|republican|democratic|democrat|"
    r"gop|presidential|nominee|leader|rep|sen|gov)\s+)+",
    re.IGNORECASE,
)
# "Former Florida Gov. Jeb Bush", "Ohio Governor John Kasich": a place before the title.
_PLACE_TITLE = re.compile(
    r"^(?:former\s+)?(?:[A-Z][a-z]+\s+){1,2}(?:gov\.|sen\.|rep\.|governor|senator|"
    r"congressman|congresswoman|mayor|attorney\s+general)\s+(?=[A-Z][\w’'.\-]*\s+[A-Z])",
    re.IGNORECASE,
)
_DETERMINERS = re.compile(r"^(?:the|a|an|one|another|some|this|that|these|those)\s+", re.IGNORECASE)
_VIA = re.compile(
    r"^(?:(?:a|the)\s+)?(?:readout|statement|report|press\s+release|transcript|spokes(?:man|woman|person)|"
    r"tweet|post|memo|letter|release|summary)\b.*?\b(?:from|of|by|for)\s+(?:the\s+)?(?P<who>[A-Z].*)$"
)
_ORG_WORDS = re.compile(
    r"\b(?:Department|Ministry|House|Council|Committee|Party|Office|Agency|Bureau|Commission|"
    r"Government|Administration|Campaign|Times|Post|News|Journal|Institute|University|Center|"
    r"Centre|Council|Association|Union|Court|Congress|Senate|Pentagon|Kremlin|Beijing|Washington|"
    r"Foundation|Group|Inc|Corp|Company|Bank|Fund|Network|Poll|Survey|Study|Report|Commission)\b"
)
_PLURAL = re.compile(r"(?:sources|officials|people|analysts|experts|diplomats|observers|critics|aides)\b", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3}$")


_PERSON_WORDS = re.compile(
    r"\b(?:official|spokes(?:man|woman|person)|aide|diplomat|analyst|expert|source|minister|"
    r"secretary|president|senator|governor|ambassador|adviser|advisor|strategist|director|"
    r"chairman|chairwoman|lawmaker|leader|candidate|nominee|economist|professor|researcher|"
    r"insider|witness|man|woman)\b",
    re.IGNORECASE,
)


def speaker_kind(name: str) -> str:
    """"person", "org" or "group", to check pronoun agreement."""
    if _PLURAL.search(name):
        return "group"
    if _PERSON_WORDS.search(name):
        return "person"
    if _ORG_WORDS.search(name) or name.isupper():
        return "org"
    return "person"


def canonical_description(source: str) -> str:
    """Reduce a source phrase to the name or description of who it is."""
    text = " ".join(source.replace("’s", "").split()).strip(" ,.;:“”\"")
    text = re.sub(r"\s*\([^()]*\)$", "", text)  # "Harry M. Reid (D-Nev.)"
    text = re.sub(r"^\d+-year-old\s+", "", text)  # "81-year-old Parker Eaton, a …"
    parts = text.split(", ")
    if len(parts) > 1:
        name = next((p for p in (parts[0], parts[-1]) if _CAPITALISED_NAME.match(p)), None)
        if name is not None:
            # "Anne Richards, assistant secretary of state" / "The director, James B. Comey"
            text = name
    via = _VIA.match(text)
    if via:
        text = via.group("who")
    text = _DETERMINERS.sub("", text)
    if _NAME.match(text) or re.match(r"^(?:[A-Z][\w.’'\-]*\s+)+[A-Z]", text):
        stripped = _TITLES.sub("", _PLACE_TITLE.sub("", text))
        # Keep org names whole ("State Department"), strip titles off people.
        if stripped and not _ORG_WORDS.search(text):
            text = stripped
    text = _DETERMINERS.sub("", text)
    return text or source.strip()


def _surname(name: str) -> str:
    return name.split()[-1] if name else ""


def attach(article: Article, norm: NormalisedText) -> Article:
    """Extract the article's claims and return it with them (offsets into the file)."""
    text = norm.text
    named: list[tuple[str, str]] = []  # (speaker, kind) in order of appearance
    full_names = _full_names(" \n".join(p.text for p in article.paragraphs))
    claims: list[Claim] = []
    cursor = 0
    title = _title_span(text, article)
    if title is not None:
        # Headlines attribute too ("Lynch: No outside influence on FBI probe"); paragraph 0.
        for raw in headline(text, *title):
            claim = _resolve(raw, text, article, TITLE_PARAGRAPH, named, full_names, norm)
            if claim is not None:
                claims.append(claim)
        cursor = title[1]
    for paragraph in article.paragraphs:
        p_start, p_end = _normalised_span(norm, text, paragraph, cursor)
        cursor = p_end
        for raw in extract(text, p_start, p_end):
            claim = _resolve(raw, text, article, paragraph.number, named, full_names, norm)
            if claim is not None:
                claims.append(claim)
    return replace(article, claims=tuple(claims))


def _title_span(text: str, article: Article) -> tuple[int, int] | None:
    """Where the title line sits, when the text starts with it (text files; a web page's
    title comes from its metadata and is not in the extracted text)."""
    first = article.paragraphs[0].start if article.paragraphs else len(text)
    found = text.find(article.title, 0, first) if article.title else -1
    if found < 0 or text[:found].strip(" \t\r\n#"):
        return None
    return found, found + len(article.title)


def _normalised_span(norm: NormalisedText, text: str, paragraph, cursor: int) -> tuple[int, int]:
    """Where a paragraph sits in the normalised text (paragraphs come in order, so searching
    from the previous one's end finds the right copy of a repeated paragraph)."""
    if norm.starts is None:
        return paragraph.start, paragraph.end
    found = text.find(paragraph.text, cursor)
    return (found, found + len(paragraph.text)) if found != -1 else (cursor, cursor)


def _full_names(text: str) -> dict[str, str]:
    """Surname → the longest "First Last" name in the article, to expand bare surnames
    (a name never runs across a line break: that is two headlines or paragraphs)."""
    names: dict[str, str] = {}
    for match in re.finditer(r"\b([A-Z][a-z]+(?:[ \xa0]+[A-Z]\.)?[ \xa0]+[A-Z][a-z]+(?:[ \xa0]+[A-Z][a-z]+)?)\b", text):
        candidate = _TITLES.sub("", _DETERMINERS.sub("", match.group(1)))
        parts = candidate.split()
        if len(parts) >= 2 and not _ORG_WORDS.search(candidate):
            # Key by the last word ("Blinken") and, weaker, the first ("Yang" of "Yang Jiechi").
            for key, strong in ((parts[-1], True), (parts[0], False)):
                current = names.get(key, "")
                if strong and (not current or current.split()[-1] != key or len(candidate) > len(current)):
                    names[key] = candidate
                elif not strong and not current:
                    names[key] = candidate
    return names


# Words separated by spaces, so a long capitalised run cannot be split 2^n ways on a mismatch.
_CAPITALISED_NAME = re.compile(r"^[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*$")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_LOOK_BACK = 1500  # characters: about three paragraphs


def _last_person_named(text: str, before: int, full_names: dict[str, str]) -> str:
    """"Trump eased his tone. Asked …, he said Ryan.": no earlier claim, so "he" is the last
    person the article named (a surname or first name it also gives in full, or a name after
    "Mr.", "Sen." …)."""
    for match in reversed(list(_CAPITALISED.finditer(text, max(0, before - _LOOK_BACK), before))):
        name = full_names.get(match.group())
        if name and speaker_kind(name) == "person":
            return name
        if _HONORIFIC.search(text, max(0, match.start() - 6), match.start()):
            return match.group()  # "Mr. Cruz" with no full name in the article
    return ""


_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.\s+$")


def _resolve(raw: RawClaim, text: str, article: Article, paragraph: int,
             named: list[tuple[str, str]], full_names: dict[str, str],
             norm: NormalisedText) -> Claim | None:
    source_text = text[raw.source[0] : raw.source[1]] if raw.source else ""
    confidence = raw.confidence
    if raw.self_attributed:
        speaker = article.outlet or "(the outlet)"
    elif source_text.lower() in ("he", "she", "it", "they", "him", "her", "them", "who"):
        wanted = {"he": "person", "she": "person", "him": "person", "her": "person",
                  "who": "person", "it": "org"}.get(source_text.lower())
        speaker = next((s for s, kind in reversed(named) if wanted is None or kind == wanted), "")
        if not speaker and wanted == "person":
            speaker = _last_person_named(text, raw.source[0], full_names)
        if not speaker:
            return None
        confidence -= 0.1
    elif source_text.lower() == "i":
        # Outside quotation marks "I" is the writer: a columnist's own account.
        speaker = article.author or (f"{article.outlet} writer" if article.outlet else "the writer")
    elif source_text.lower() == "we":
        speaker = article.outlet or "(the outlet)"
    else:
        speaker = canonical_description(source_text)
        words = speaker.split()
        if len(words) == 1 and words[0] in full_names:
            speaker = full_names[words[0]]
        elif len(words) >= 2 and full_names.get(words[-1], "").endswith(speaker) and speaker_kind(speaker) == "person":
            speaker = full_names[words[-1]]
        named.append((speaker, speaker_kind(speaker)))
    content_spans = tuple(c for c in raw.content if c[1] > c[0])
    if raw.source is None and not raw.self_attributed:
        speaker = ""  # an attribution with no source at all ("Asked whether …, she said")
    elif not speaker:
        return None
    if not content_spans:
        return None
    content = " … ".join(text[s:e] for s, e in content_spans)
    return Claim(
        speaker=speaker,
        kind=_kind(text, content_spans),
        cue=" ".join(text[raw.cue[0] : raw.cue[1]].split()),
        content=content,
        source_text=source_text,
        paragraph=paragraph,
        source_spans=(norm.original_span(*raw.source),) if raw.source else (),
        cue_spans=(norm.original_span(*raw.cue),),
        content_spans=tuple(norm.original_span(s, e) for s, e in content_spans),
        confidence=round(max(0.1, min(confidence, 1.0)), 2),
    )


def _kind(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """direct: all inside quotation marks; indirect: none; mixed: some."""
    inside = outside = 0
    for start, end in spans:
        quoted = quotes(text, start, end)
        covered = sum(q1 - q0 for q0, q1 in quoted)
        words_outside = len(re.findall(r"\w+", _blank(text, start, end, quoted)))
        inside += covered
        outside += words_outside
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


def _blank(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    chars = list(text[start:end])
    for q0, q1 in quoted:
        for i in range(q0 - start, q1 - start):
            chars[i] = " "
    return "".join(chars)


class SpeakerNames:
    """Merges spellings of one person across a corpus: "Tony Blinken" and "Antony Blinken"
    share a surname and compatible first names, so both become the longer, formal one."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        # Each spelling once: a batch mentions "Donald Trump" thousands of times, and every
        # claim's lookup scanned them all (a quarter of a 15,600-paragraph build's writer time).
        self._by_surname: dict[str, set[str]] = {}
        for name in known:
            self.add(name)

    def add(self, name: str) -> None:
        if speaker_kind(name) == "person" and len(name.split()) >= 2:
            self._by_surname.setdefault(_surname(name).lower(), set()).add(name)

    def canonical(self, name: str) -> str:
        if speaker_kind(name) != "person":
            return name
        candidates = self._by_surname.get(_surname(name).lower(), [])
        first = name.split()[0].lower() if len(name.split()) >= 2 else ""
        compatible = [c for c in candidates if not first or _compatible(first, c.split()[0].lower())]
        return max(compatible, key=lambda c: (len(c), c), default=name)


def _compatible(a: str, b: str) -> bool:
    a, b = a.strip("."), b.strip(".")
    return a == b or a.endswith(b) or b.endswith(a) or (a[:1] == b[:1] and (len(a) == 1 or len(b) == 1))


def unify_speakers(articles: list[Article], known: Iterable[str] = ()) -> list[Article]:
    """Give every claim in these articles one speaker name per person across the corpus.

    Full names mentioned anywhere in the articles count too, so a speaker quoted as "Tony
    Blinken" in one outlet meets the "Antony Blinken" another outlet names.
    """
    names = SpeakerNames(known)
    for article in articles:
        for name in _full_names(" \n".join(p.text for p in article.paragraphs)).values():
            names.add(name)
        for claim in article.claims:
            names.add(claim.speaker)
    # Once per spelling, not per claim: a batch quotes a few hundred people thousands of times.
    canonical = {name: names.canonical(name)
                 for name in {c.speaker for article in articles for c in article.claims}}
    return [
        replace(article, claims=tuple(replace(c, speaker=canonical[c.speaker]) for c in article.claims))
        for article in articles
    ]


def claim_record(article: Article, claim: Claim) -> dict[str, object]:
    """The evaluation format of ``briefing claims --json`` (keep it exact)."""
    return {
        "doc": Path(article.path).stem,
        "source": [list(s) for s in claim.source_spans],
        "cue": [list(s) for s in claim.cue_spans],
        "content": [list(s) for s in claim.content_spans],
        "speaker": claim.speaker,
        "outlet": article.outlet,
        "kind": claim.kind,
    }
