"""Claims: attributions with a canonical speaker, a kind and file offsets, per article.

``attribution.py`` finds the spans; this module decides *who* speaks:

* pronouns ("it added", "he continued") take the nearest earlier named source of a compatible
  kind (``it`` → an organisation, ``he``/``she`` → a person, ``they`` → anyone);
* descriptions are reduced to the entity they name ("a readout of the call from the State
  Department" → "State Department"; "Secretary Blinken" → "Blinken");
* a bare surname becomes the article's full name for it ("Blinken" → "Antony Blinken"), and
  ``SpeakerNames`` merges spellings across the corpus ("Tony Blinken" → "Antony Blinken");
* anonymous sources and other descriptions keep their words, made particular to the article
  ("senior official in Beijing (SGH Insight, 2021-02-10)");
* "our understanding is …" is the outlet itself.

``speakers.py`` holds the rules for names, kinds and merging across articles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from . import budget, speakers
from .attribution import (RawClaim, ends_in_quotation, extract, headline, opening_quotations,
                          quotes, relative_head)
from .models import TITLE_PARAGRAPH, Article, Claim
from .renames import resolve as resolve_rename
from .speakers import SpeakerNames, full_names as _full_names
from .textnorm import NormalisedText

__all__ = ["SpeakerNames", "attach", "canonical_description", "claim_record", "unify_speakers"]

_TITLES = re.compile(
    r"^(?:(?:u\.?s\.?|us|american|chinese|former|then|deputy|acting|vice|senior|top|state|"
    r"secretary(?:\s+of\s+state)?|secretary-general|president|president-elect|prime\s+minister|"
    r"minister|foreign\s+minister|director|chairman|chairwoman|chair|senator|sen\.|rep\.|gov\.|"
    r"governor|mayor|ambassador|general|gen\.|mr\.?|mrs\.?|ms\.?|dr\.?|judge|justice|"
    r"spokesman|spokeswoman|spokesperson|candidate|republican|democratic|democrat|"
    r"gop|presidential|nominee|leader|rep|sen|gov|speaker|house\s+speaker|majority\s+leader|"
    r"minority\s+leader|whip|front-?runner|hopeful|businessman|businesswoman|billionaire|rival|"
    r"challenger|independent|conservative|liberal|progressive|activist|pastor|reverend|rev\.|"
    r"professor|prof\.|attorney|lawyer|host|anchor|commentator|columnist|congressman|"
    r"congresswoman|lawmaker|rabbi|father|bishop|lt\.|col\.|capt\.|sgt\.|adm\.|"
    r"admiral|colonel|captain|sergeant|dem\.|rep\.|mogul|representative|chancellor|"
    # a nationality only before an office ("Mexican President Vicente Fox"), never a
    # company's first word ("British Airways")
    r"(?:mexican|british|french|german|russian|israeli|iranian|japanese|indian|canadian|"
    r"palestinian|syrian|iraqi|afghan|turkish|saudi|egyptian|(?:north|south)\s+korean|"
    r"australian|italian|spanish|ukrainian|cuban|venezuelan|brazilian|pakistani|taiwanese)"
    r"(?=\s+(?:president|prime\s+minister|foreign\s+minister|minister|ambassador|"
    r"chancellor|leader|official)\b))\s+)+",
    re.IGNORECASE,
)
# "Former Florida Gov. Jeb Bush", "Ohio Governor John Kasich": a place before the title.
_PLACE_TITLE = re.compile(
    r"^(?:former\s+)?(?:[A-Z][a-z]+\s+){1,2}(?:gov\.|sen\.|rep\.|governor|senator|"
    r"congressman|congresswoman|mayor|attorney\s+general)\s+(?=[A-Z][\w’'.\-]*\s+[A-Z])",
    re.IGNORECASE,
)
_DETERMINERS = re.compile(r"^(?:the|a|an|one|another|some|this|that|these|those)\s+", re.IGNORECASE)
# A document speaks for who issued it; a spokesman for someone speaks for himself.
_VIA = re.compile(
    r"^(?:(?:a|the)\s+)?(?:readout|statement|report|press\s+release|transcript|"
    r"tweet|post|memo|letter|release|summary)\b.*?\b(?:from|of|by|for)\s+(?:the\s+)?(?P<who>[A-Z].*)$"
)
# Words that make a capitalised phrase an organisation (one list, with the speaker rules).
_ORG_WORDS = speakers.ORG_WORDS
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
    """"person", "org" or "group", to check pronoun agreement. A per-article description is
    judged without its "(outlet · date)" ("voters (Fox News · …)" is no organisation), and a
    lowercase body ("her campaign", "the company") is not a "she"."""
    name = re.sub(r"\s*\([^()]*\)$", "", name)
    if _PLURAL.search(name):
        return "group"
    if _PERSON_WORDS.search(name):
        return "person"
    if _ORG_WORDS.search(name) or name.isupper() or speakers.ORG_HEADS.search(name):
        return "org"
    return "person"


def strip_titles(text: str) -> str:
    """"Former Florida Gov. Jeb Bush" → "Jeb Bush", "Speaker Paul Ryan" → "Paul Ryan"."""
    return _TITLES.sub("", _PLACE_TITLE.sub("", text))


def canonical_description(source: str) -> str:
    """Reduce a source phrase to the name or description of who it is."""
    text = speakers.clean_source(source.replace("’s ", " ").replace("'s ", " ").removesuffix("’s"))
    if not text:
        return ""
    text = re.sub(r"\s*\([^()]*\)", "", text)  # "Harry M. Reid (D-Nev.)", "(D-N.C.), head of …"
    text = re.sub(r"^\d+-year-old\s+", "", text)  # "81-year-old Parker Eaton, a …"
    text = re.sub(r"^((?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'.\-]*)\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$",
                  r"\1", text) if re.match(r"^(?:Sen|Rep|Gov|Senator|Representative|Governor)\b", text) else text
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
    return text


_PREFIX_FUNCTION = re.compile(
    r"\b(?:for|to|of|with|by|at|in|on|from|and|or|who|whose|whom|that|which|than|like|about|"
    r"against|under|behind|near|after|before|than|as|said|says|told|but)\b", re.IGNORECASE)


def _name_in_description(text: str, names: dict[str, str]) -> str:
    """The person an appositive title names ("Republican presidential front-runner Donald
    Trump" → "Donald Trump"); "" when the name belongs to a phrase around someone else ("a top
    adviser for President Obama" is not Obama)."""
    last = speakers.surname(text)
    full = names.get(last, "")
    if full and text.endswith(full) and text != full:
        prefix = text[: -len(full)]
    else:
        words = text.split()
        if len(words) < 3:
            return ""
        tail = " ".join(words[-2:])
        if speakers._SUFFIX.match(words[-1]):
            tail = " ".join(words[-3:])
        full = strip_titles(tail)
        if not speakers.is_person_name(full):
            return ""
        prefix = text[: -len(tail)]
    return "" if _PREFIX_FUNCTION.search(prefix) else full


def attach(article: Article, norm: NormalisedText) -> Article:
    """Extract the article's claims and return it with them (offsets into the file)."""
    text = norm.text
    named: list[tuple[str, str, str]] = []  # (speaker, agreement kind, speaker kind), in order
    # The title names who the article is about: a senator in the headline keeps his surname
    # against a namesake the story mentions in passing.
    full_names = _full_names(" \n".join(p.text for p in article.paragraphs), article.title)
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
    carried: int | None = None  # the claim whose quotation the next paragraph may carry on
    for paragraph in article.paragraphs:
        budget.check()
        p_start, p_end = _normalised_span(norm, text, paragraph, cursor)
        cursor = p_end
        found = extract(text, p_start, p_end)
        if not found and carried is not None:
            more = opening_quotations(text, p_start, p_end)
            if more:
                # A quotation carried on in the next paragraph is more of the same claim.
                claims[carried] = _with_more_content(claims[carried], text, more, norm)
                continue
        carried = None
        for raw in found:
            claim = _resolve(raw, text, article, paragraph.number, named, full_names, norm)
            if claim is not None:
                claims.append(claim)
                carried = len(claims) - 1 if ends_in_quotation(text, raw) else None
            else:
                carried = None
    return replace(article, claims=tuple(claims))


def _with_more_content(claim: Claim, text: str, more: tuple[tuple[int, int], ...],
                       norm: NormalisedText) -> Claim:
    return replace(claim, content=" … ".join((claim.content, *(text[s:e] for s, e in more))),
                   content_spans=claim.content_spans + tuple(norm.original_span(s, e) for s, e in more))


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
             named: list[tuple[str, str, str]], full_names: dict[str, str],
             norm: NormalisedText) -> Claim | None:
    source_text = text[raw.source[0] : raw.source[1]] if raw.source else ""
    confidence = raw.confidence
    lowered = source_text.lower()
    category = speakers.ANONYMOUS
    if raw.self_attributed or lowered in ("we", "us"):
        speaker, category = article.outlet or "(the outlet)", speakers.OUTLET
    elif lowered == "who" and (head := relative_head(text, raw.source[0])):
        # "voters who said …": the speaker is the voters, not the last person named
        speaker, category = _named_speaker(text[head[0] : head[1]], article, full_names)
    elif lowered in ("he", "she", "it", "they", "him", "her", "them", "who"):
        wanted = {"he": "person", "she": "person", "him": "person", "her": "person",
                  "who": "person", "it": "org"}.get(lowered)
        speaker, category = next(((s, c) for s, kind, c in reversed(named)
                                  if wanted is None or kind == wanted), ("", ""))
        if not speaker and wanted == "person":
            speaker, category = _last_person_named(text, raw.source[0], full_names), speakers.PERSON
        if not speaker:
            # "It said …" with no organisation before it: the words are still a claim, as one
            # with no source is; its speaker stays empty rather than guessed
            speaker, category = "", speakers.ANONYMOUS
        confidence -= 0.1
    elif lowered == "i":
        # Outside quotation marks "I" is the writer: a columnist's own account. Without a
        # byline it is this article's writer, not every writer of the outlet.
        speaker = article.author or speakers.per_article("the writer", article.outlet, article.date)
        category = speakers.OUTLET
    else:
        speaker, category = _named_speaker(source_text, article, full_names)
        if speaker:
            named.append((speaker, speaker_kind(speaker), category))
    content_spans = tuple(c for c in raw.content if c[1] > c[0])
    if raw.source is None and not raw.self_attributed:
        # An attribution with no source at all ("Asked whether …, she said"), or a source that
        # names no one ("The", "But"): the claim stands without a speaker.
        speaker, category = "", speakers.ANONYMOUS
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
        speaker_kind=category or speakers.kind_of(speaker),
    )


def _named_speaker(source_text: str, article: Article, full_names: dict[str, str]) -> tuple[str, str]:
    """The speaker a source's words name, and its kind; ("", anonymous) for junk."""
    speaker = canonical_description(source_text)
    words = speaker.split()
    if not words:
        return "", speakers.ANONYMOUS
    if (len(words) == 1 and re.match(r"(?i)the\s", source_text.strip()) and speaker[:1].isupper()
            and not speaker.isupper()):
        # "Guardian" may be Mayor Don Guardian; "the Guardian" is a body.
        speaker = (_body_named_in(article, speaker) if speakers.kind_of(speaker) != speakers.PERSON
                   else "") or f"The {speaker}"
    elif len(words) == 1 and words[0] in full_names:
        speaker = full_names[words[0]]
    elif len(words) >= 2 and not speakers.is_person_name(speaker):
        speaker = _name_in_description(speaker, full_names) or speaker
    elif speakers.is_person_name(speaker):
        full = full_names.get(speakers.surname(speaker), "")
        if full.endswith(speaker) or (full and SpeakerNames([full]).canonical(speaker) == full):
            speaker = full  # "Donald Trump" in an article that calls him "Donald J. Trump"
    if re.search(r"\s(?:Jr|Sr)$", speaker):
        speaker += "."  # the sentence's full stop took the abbreviation's
    category = speakers.kind_of(speaker)
    if category == speakers.ORGANISATION and " " not in speaker and not speaker.isupper():
        speaker = _body_named_in(article, speaker) or speaker  # "the Post": "Washington Post"
    if speakers.is_generic(speaker):
        speaker = speakers.per_article(speaker, article.outlet, article.date)
    return speaker, category


def _body_named_in(article: Article, word: str) -> str:
    """The article's most frequent capitalised name ending in ``word``, or ""."""
    pattern = re.compile(rf"\b((?:[A-Z][\w.&’'\-]*\s+){{1,3}}){re.escape(word)}\b")
    found = Counter(" ".join(speakers.clean_source(m.group(1)).split() + [word])
                    for p in article.paragraphs for m in pattern.finditer(p.text))
    found.pop(word, None)
    return found.most_common(1)[0][0] if found else ""


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


def unify_speakers(articles: list[Article], known: Iterable[str] = (),
                   renames: dict[str, str] | None = None) -> list[Article]:
    """Give every claim in these articles one speaker name per person across the corpus.

    ``renames`` are the analyst's speaker fixes (``renames.py``), applied last so they win.

    Full names mentioned anywhere in the articles count too, so a speaker quoted as "Tony
    Blinken" in one outlet meets the "Antony Blinken" another outlet names.
    """
    renames = renames or {}
    # Once per spelling, not per claim: a batch quotes a few hundred people thousands of times.
    spellings = Counter(c.speaker for article in articles for c in article.claims)
    # The index knows renamed speakers by their new names, so those come first ("Biden" meets
    # the "Joe Biden" the analyst named him back to, not the "President Biden" before); a
    # spelling they leave alone may still belong to a renamed speaker's old name ("Biden" to
    # "Joe Biden", merged into someone else).
    names = _speaker_names(articles, (resolve_rename(renames, name) for name in known))
    canonical = {name: names.canonical(name) for name in spellings}
    if renames:
        canonical.update(_old_names_met(renames, [n for n, final in canonical.items() if final == n]))
    # "AP" is the "Associated Press" the corpus quotes most under a name with those initials.
    bodies = {speakers.acronym(n): n for n, _ in reversed(spellings.most_common())
              if " " in n and speakers.kind_of(n) == speakers.ORGANISATION and len(n.split()) <= 5}
    for name in spellings:
        if name.isupper() and 2 <= len(name) <= 5 and name in bodies:
            canonical[name] = bodies[name]
    canonical = {name: resolve_rename(renames, final) for name, final in canonical.items()}
    return [
        replace(article, claims=tuple(replace(c, speaker=canonical[c.speaker]) for c in article.claims))
        for article in articles
    ]


def _old_names_met(renames: dict[str, str], spellings: list[str]) -> dict[str, str]:
    """Spellings that one renamed speaker's old names alone would take (each spelling's final
    name; several old names of one chain, "Joe Biden" → "President Biden" → X, agree)."""
    olds = [(SpeakerNames([old]), old) for old in renames]
    found = {}
    for name in spellings:
        finals = {resolve_rename(renames, old) for names, old in olds if names.canonical(name) == old}
        if len(finals) == 1:
            found[name] = finals.pop()
    return found


def _speaker_names(articles: list[Article], known: Iterable[str]) -> SpeakerNames:
    names = SpeakerNames(known)
    for article in articles:
        # Each spelling once per article that gives it (a full name or a claim's speaker): the
        # articles, not the claims, decide which person a bare surname means, so one article
        # quoting thirty tweets about "Crooked Hillary Clinton" does not outweigh fifty that
        # name Hillary Clinton.
        spellings = set(_full_names(" \n".join(p.text for p in article.paragraphs)).values())
        for name in spellings | {c.speaker for c in article.claims}:
            names.add(name)
    return names


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
