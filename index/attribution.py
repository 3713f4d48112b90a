"""Find attributions (source, cue, content) in article text with lexicons and rules.

No model and no network: a cue lexicon (verbs of saying, thinking and reporting, plus phrases
such as "according to" and "in the words of") anchors each attribution, and the sentence around
it decides the shape:

* ``“…,” SOURCE said`` / ``“…,” said SOURCE`` / ``CONTENT, SOURCE said.`` — content first;
* ``SOURCE said (that) CONTENT`` / ``SOURCE urged X to …`` — source first;
* ``according to SOURCE, CONTENT`` / ``CONTENT, according to SOURCE`` / ``In the words of …``;
* ``SOURCE characterized X as “…”``;
* ``“…,” he continued, “…”`` — a quote interrupted by its cue, one claim with two content spans;
* ``our understanding is that …`` / ``we believe …`` — the outlet speaking for itself.

Quotes are found first so sentences never split inside them and cues inside quotes are ignored.
Everything here works on the normalised text; ``claims.py`` maps spans back to the file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import (
    ADVERBS,
    AUXILIARIES,
    CLAUSE_WORDS,
    EVIDENCE,
    GROUP_HEADS,
    LABELS,
    LY_NOUNS,
    NAMING,
    NEEDS_INTRODUCER,
    NESTED_STANCES,
    NOT_SOURCE_START,
    NOUN_CONTEXT,
    NP_WORDS,
    PRONOUNS,
    SAY,
    SEE_AS,
    SEEM,
    SHARE_WORDS,
    SHOW,
    SMALL_WORDS,
    SOURCE_NOUNS,
    SUBJECT_PRONOUNS,
    TAKES_INFINITIVE,
    TAKES_OBJECT,
)

Span = tuple[int, int]

_AUX = r"(?:(?:has|have|had|will|would|did|does|do|may|might|could|should|is|was|were|are)" \
    r"(?:\s+not|n’t|n't)?\s+)?"


def _by_first_letter(alternatives: str) -> str:
    """The same alternation grouped by first letter, each group in the original order.

    Python's regex engine tries a long alternation branch by branch at every word start; at
    ~460 cue words that was a third of claim extraction. Words with different first letters
    never match at the same place, and within a group the order (which decides between "call
    for" and "call") is kept, so the pattern matches exactly what the flat one did.
    """
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


# Lower case only: "State" or "Says" at a sentence start are rarely cues, "state" often is not.
# "he’s said", "she's telling": a pronoun's contracted auxiliary belongs to the cue (never a
# name's "’s", which is a possessive: "Trump’s claims").
_CONTRACTED = r"(?=[’'])(?:(?<=\b[Hh]e)|(?<=\b[Ss]he)|(?<=\b[Ii]t)|(?<=\b[Ww]ho)|(?<=\bThey)|(?<=\bthey))" \
    r"(?:[’']s|[’']ve|[’']re|[’']d)\s+"
_CUE = re.compile(rf"(?:{_CONTRACTED}|\b{_AUX})(?:{_by_first_letter(SAY)})\b")
_SEEM_COMPLEMENT = re.compile(
    r"\s+(?:(?:so|very|more|less|genuinely|clearly|visibly|somewhat|increasingly)\s+)?"
    r"(?:[a-z]+ed|certain|likely|unlikely|poised|ready|eager|reluctant|open|confident|unsure|"
    r"unaware|aware|happy|unhappy|willing|unwilling|uninterested|interested|sure|keen|like|"
    r"intent|resigned|upset|angry|skeptical|sceptical|optimistic|pessimistic)\b")
# Connectives built on a verb of saying: the writer moving on, not anyone being reported.
_IDIOM = re.compile(
    r"\b(?:[Hh]aving said that|[Tt]hat said(?=,)|[Nn]eedless to say|[Ss]uffice it to say|"
    r"so to speak|that is to say|goes without saying|[Tt]ruth be told)\b"
)
_ACCORDING = re.compile(r"\b(?:according to|in the words of|as reported by)\s+", re.IGNORECASE)
_TWEET = re.compile(r"\b(?:posted|wrote|sent|published)\s+(?:a|an)\s+(?:tweet|post|statement|message)\s+(?:saying|stating|that)\b", re.IGNORECASE)
_CHARACTERIZE = re.compile(r"\b(?:characteri[sz]ed|described|labell?ed|called|branded|termed|dubbed)\b", re.IGNORECASE)
# "In a survey released Thursday, 79 percent said …": a fronted phrase, not what they said.
_FRONTED = re.compile(r"\s*(?:In|On|At|After|Before|During|Since|When|While|Earlier|Later|"
                      r"Speaking|Unlike|Despite|Although|Though|Asked|Last|This|Yesterday|"
                      r"Today|Throughout|Among|Of|For)\b")
_IN_SOURCE = re.compile(
    r"\s*(?P<cue>[Ii]n)\s+(?P<src>(?:a|an|the|its|their|his|her)\s+[^,.;“”\"]{0,60}?\b(?:poll|survey|"
    r"study|report|analysis|filing|memo|letter|op-ed|column|book|essay)s?\b[^,;“”\"]{0,60}?),\s+"
)
_ASKED = re.compile(
    r"\s*(?:(?:And|But|So)\s+)?(?:[Ww]hen\s+)?(?P<cue>[Aa]sked)\s+(?:by\s+(?P<asker>[^,“”\"]{1,60}?)\s+)?"
    r"(?P<question>(?:\w+ly\s+)?(?:if|whether|what|why|how|who|where|when|which|to|on)\b"
    r"[^,;]{2,200}?)[”\"]?,[”\"]?\s"
)
# “…” ― Sonya Herridge  (reader comments, epigraphs)
_DASH_SOURCE = re.compile(r"\s*([―—–]{1,2})\s*([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3})\s*$")
# Pat Caddell: Democrat voters are worried …  (headline-style attribution)
_COLON_SOURCE = re.compile(r"((?:[A-Z][\w’'.\-]*\s+){0,3}[A-Z][\w’'.\-]*)\s*(:)\s+(?=\S)")


_COLON_QUOTE = re.compile(
    r"(?:(?<=[-–—―]\s)|(?<=\b[Ff]rom\s)|(?<=[.!?]\s))"
    r"((?:[A-Z][\w’'.\-]*\s+(?:(?:and|of|at|de|van|von)\s+)?){0,4}[A-Z][\w’'.\-]*)\s*(:)\s+(?=[“\"‘])")


def _is_listing(content: str) -> bool:
    """"Iowa: Tim Albrecht, Brad Anderson, …" or a link: a list after the colon, not words."""
    items = content.split(",")
    return "http" in content or (len(items) >= 4 and all(i.strip()[:1].isupper() for i in items))


def _is_heading(content: str) -> bool:
    """"China: A Frosty Yang-Blinken Call": a section and a title, not a statement (no quote,
    an article, then only capitalised or small words)."""
    words = content.rstrip(".!").split()
    return (not re.search(r"[“”\"‘’']", content) and words[0] in ("A", "An", "The")
            and all(w[:1].isupper() or w in SMALL_WORDS for w in words))


def _speaks(label: str) -> bool:
    words = label.split()
    return words[-1].lower().strip(".’'s") not in LABELS and words[0].lower() not in LABELS


_SELF = re.compile(
    r"\b(?:(our)\s+(?:understanding|view|assessment|sense|reading)\s+is(?:\s+that)?|"
    r"(we)\s+(?:understand|believe|expect|think|suspect|hear|learn)(?:\s+that)?)\s+",
    re.IGNORECASE,
)
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Jan|Feb|Mar|Apr|"
                     r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|D\.C|No|vs|etc|Inc|Co|Corp|[A-Z])\.$")
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|[\w’'\-.&/]+")
MAX_SOURCE_WORDS = 12


@dataclass(frozen=True, slots=True)
class RawClaim:
    """An attribution found in normalised text, before speakers are resolved."""

    source: Span | None
    cue: Span
    content: tuple[Span, ...]
    self_attributed: bool = False
    confidence: float = 0.7


def quotes(text: str, start: int, end: int) -> list[Span]:
    """Spans of quotations (marks included).

    A quotation left open runs to the end of its line: in a paragraph that is the paragraph
    (a quote continued in the next one), in a live blog or a list it is that line only.
    """
    found: list[Span] = []
    i = start
    while (mark := _QUOTE_MARK.search(text, i, end)) is not None:
        i = mark.start()
        if text.startswith("''", i) and _opens(text, i):
            j = text.find("''", i + 2, _line_end(text, i, end))
            stop = j + 2 if j != -1 else _line_end(text, i, end)
        elif text[i] == "“" or (text[i] == '"' and _opens(text, i)):
            stop = _closing(text, i, _line_end(text, i, end))
        else:
            i += 1
            continue
        found.append((i, stop))
        i = stop
    return found


# Where a quotation can open; the search skips the text between them (a character-by-character
# scan was a seventh of claim extraction).
_QUOTE_MARK = re.compile("''|[“\"]")


def _line_end(text: str, i: int, end: int) -> int:
    j = text.find("\n", i, end)
    return end if j == -1 else j


def _closing(text: str, i: int, limit: int) -> int:
    """The end of the quotation opened at ``i`` (after its closing mark), at most ``limit``.

    Marks are often wrong: an opening “ typed where a closing one belongs (``here,“ said X``:
    after a word, before a space) closes the quote; a straight quote that can only open (after
    a space, before a word) means the previous one was never closed, so it ends there instead
    of pairing every later quote the wrong way round."""
    if text[i] == "“":
        j = text.find("”", i + 1, limit)
        misused = _MISUSED_CLOSE.search(text, i + 1, j if j != -1 else limit)
        if misused:
            return misused.end()
        if j == -1:
            # “… it would," he said: closed with a straight mark
            straight = _STRAIGHT_CLOSE.search(text, i + 1, limit)
            return straight.end() if straight else limit
        return j + 1
    j = text.find('"', i + 1, limit)
    curly = text.find("”", i + 1, j if j != -1 else limit)
    if curly != -1:
        return curly + 1  # "… it would,” he said: opened straight, closed curly
    if j == -1:
        return limit
    if text[j - 1].isspace() and j + 1 < limit and not text[j + 1].isspace():
        return _trim(text, i, j)[1]  # an opener: the quote before it never closed
    return j + 1


_STRAIGHT_CLOSE = re.compile(r'(?<=[\w.,!?’])"(?=[\s,.;:!?)]|$)')
_MISUSED_CLOSE = re.compile(r"(?<=[\w.,!?])“(?=[\s,.;:!?]|$)")


def _opens(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalnum()


def sentences(text: str, start: int, end: int, quoted: list[Span]) -> list[Span]:
    """Sentence spans that never end inside a quotation."""
    spans: list[Span] = []
    begin = start
    for match in _SENTENCE_END.finditer(text[start:end]):
        cut = start + match.end()
        stop = start + match.start() + max(1, len(match.group().rstrip()))  # after a closing ”
        if _inside(stop, _overlapping(quoted, stop - 1, stop + 1)) or _abbreviation_before(
                text, begin, stop):
            continue
        if text[stop - 1] in "”\"'" and _QUOTE_TAIL.match(text, cut, end):
            continue  # “Everybody sues, right?” Bush said.
        spans.append((begin, cut))
        begin = cut
    if begin < end:
        spans.append((begin, end))
    return [(s, e) for s, e in (_trim(text, s, e) for piece in spans for s, e in _bounded(text, *piece))
            if e > s]


# No sentence in PolNeAR train or dev is longer than 1,516 characters. A longer "sentence" (a
# run-on list, a crafted file of cue words) is read in pieces of at most this size: the rules
# look back from each cue over the sentence so far, which would make it quadratic.
MAX_SENTENCE_CHARS = 2000


def _bounded(text: str, start: int, end: int) -> Iterator[Span]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut + 1 if cut != -1 else start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    yield start, end


def _abbreviation_before(text: str, begin: int, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends an abbreviation. Only the last few characters are
    searched: searching the sentence so far made a paragraph of initials quadratic."""
    return _ABBREV.search(text, max(begin, stop - _ABBREV_LONGEST), stop) is not None


_ABBREV_LONGEST = 8  # "Sept." and a word boundary before it


# A full stop before a capital, or any line break: lines inside a paragraph are headlines,
# list items or bylines, never one sentence.
_SENTENCE_END = re.compile(r"[.!?]+[”\"’)']*\s+(?=[“\"‘'(A-Z0-9])|[ \t]*\n\s*")


# After a quotation that ends with its own full stop or question mark, a short "Bush said."
# still belongs to it.
_QUOTE_TAIL = re.compile(
    r"(?:[A-Z][\w’'.\-]*\s+){1,4}(?:said|says|asked|asks|added|adds|wrote|writes|told|tells|"
    r"continued|explained|replied|noted|recalled)\b[^.!?“\"]{0,40}[.!?]"
)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CONTENT_LEAD = re.compile(
    r"(?:(?:(?:on|last|this|in|at|during)\s+[^,.;:“”\"]{1,60}?|(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?)\s+)?"
    r"(?:(?=that\s)|:\s+|,\s+)")


def _strip_content(text: str, start: int, end: int) -> Span:
    """Content without surrounding spaces or a trailing period/comma; a leading "that" stays
    (PolNeAR's annotators count the complementiser as part of what was said)."""
    start, end = _trim(text, start, end)
    if start < end and text[start] == "(" and ")" not in text[start:end]:
        start += 1  # "(The French are big fans, Mr. Madden said.)": the aside's own bracket
    # "said on Tuesday that …", "said in a statement that …": the time or setting is not content
    lead = _CONTENT_LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1] in ".,;: ":
        end -= 1
    return start, end


def extract(text: str, start: int, end: int) -> list[RawClaim]:
    """Attributions in one paragraph ``text[start:end]``."""
    quoted = quotes(text, start, end)
    claims: list[RawClaim] = []
    continued: int | None = None  # a claim whose quote the next sentence may carry on
    for s_start, s_end in sentences(text, start, end, quoted):
        local = _overlapping(quoted, s_start, s_end)
        found = list(_sentence_claims(text, s_start, s_end, local))
        more = next((q for q in local if q[0] == s_start), None) if continued is not None else None
        if not found and more is not None:
            # “We will win,” she said. “Nobody doubts it.” “Not one of us.”: quotations with no
            # cue of their own are the rest of what she said.
            claim = claims[continued]
            claims[continued] = RawClaim(claim.source, claim.cue,
                                         (*claim.content, _strip_content(text, *more)),
                                         claim.self_attributed, claim.confidence)
            continue
        continued = None
        if found and _ends_in_quote(found[-1], local):
            continued = len(claims) + len(found) - 1
        claims.extend(found)
    return claims


def ends_in_quotation(text: str, claim: RawClaim) -> bool:
    """Whether a claim's words end in a quotation, which a next paragraph may carry on."""
    if not claim.content:
        return False
    last = claim.content[-1]
    return _ends_in_quote(claim, quotes(text, max(0, last[0] - 1), min(len(text), last[1] + 2)))


def opening_quotations(text: str, start: int, end: int) -> tuple[Span, ...]:
    """The quotations a paragraph opens with, sentence after sentence, when it has no cue of its
    own: ``“We will win,” she said.`` then a paragraph ``“Nobody doubts it.”`` (a long quote
    runs over several paragraphs, each opening with a quotation mark)."""
    quoted = quotes(text, start, end)
    opening = {q[0]: q for q in quoted}
    found: list[Span] = []
    for s_start, _ in sentences(text, start, end, quoted):
        quote = opening.get(s_start)
        if quote is None:
            break
        found.append(_strip_content(text, *quote))
    return tuple(found)


def _ends_in_quote(claim: RawClaim, quoted: list[Span]) -> bool:
    """``“…,” she said.`` / ``She said: “…”``: the claim's words end in a quotation, so a
    quotation opening the next sentence, with no cue of its own, is more of them."""
    last = claim.content[-1] if claim.content else None
    if last is None:
        return False
    quote = next((q for q in quoted if q[0] <= last[0] and last[1] <= q[1]), None)
    return quote is not None


def _overlapping(quoted: list[Span], start: int, end: int) -> list[Span]:
    """The quotations (sorted, never overlapping) that overlap ``start:end``: each sentence
    looks only at its own, so a paragraph of many short quoted sentences stays linear."""
    first = max(bisect.bisect_right(quoted, (start, start)) - 1, 0)
    last = bisect.bisect_left(quoted, (end, end), first)
    return [q for q in quoted[first:last] if q[1] > start and q[0] < end]


_HEADLINE = re.compile(
    r"\s*(?P<src>[A-Z][^:;“”\"‘’]{1,60}?)\s+(?P<cue>(?:Says|Said|Tells|Told|Endorses|Endorsed|"
    r"Announces|Reveals|Slams|Praises|Claims|Calls|Wants|Urges|Warns|Blasts|Rips|Vows|Admits|"
    r"Denies|Defends|Demands|Accuses|Backs|Rejects|Insists|Predicts|Suggests|Argues|Asks|"
    r"Hints|Pledges|Promises|Confirms|Questions|Criticizes|Attacks|Mocks|Dismisses|Knocks|"
    r"Thinks|Believes|Fears|Expects|Hopes|Plans|Supports|Opposes))\b\s+(?P<content>\S.*?)\s*[.!]?\s*$"
)


def headline(text: str, start: int, end: int) -> list[RawClaim]:
    """A title's attributions: the sentence rules, then headline case ("Bellwether County Says
    Trump Should Win GOP Nomination"), whose capitalised verbs the sentence rules ignore."""
    found = extract(text, start, end)
    match = _HEADLINE.match(text, start, end)
    if found or match is None:
        return found
    return [RawClaim(_trim(text, *match.span("src")), match.span("cue"),
                     (_trim(text, *match.span("content")),), confidence=0.6)]


def _inside(pos: int, quoted: list[Span]) -> bool:
    return any(q0 < pos < q1 for q0, q1 in quoted)


def _sentence_claims(text: str, start: int, end: int, quoted: list[Span]) -> Iterator[RawClaim]:
    sentence_quotes = [q for q in quoted if q[0] >= start and q[1] <= end]
    used: list[Span] = []
    claims_here: list[RawClaim] = []

    def free(span: Span) -> bool:
        return not any(u0 < span[1] and span[0] < u1 for u0, u1 in used)

    for match in _SELF.finditer(text, start, end):
        if _inside(match.start(), quoted):
            continue
        word = 1 if match.group(1) else 2
        source = match.span(word)
        cue = (match.end(word) + 1, match.end())
        content = _strip_content(text, match.end(), end)
        if content[1] > content[0]:
            used.append(match.span())
            yield RawClaim(source, _trim(text, *cue), (content,), self_attributed=True, confidence=0.8)

    for match in _ACCORDING.finditer(text, start, end):
        if _inside(match.start(), quoted) or not free(match.span()):
            continue
        src_end = _name_end(text, match.end(), end)  # "according to the U.S. Department …"
        source = _trim(text, match.end(), _relative_clause_start(text, match.end(), src_end))
        cue = _trim(text, match.start(), match.end())
        if text[cue[0] : cue[1]].lower().startswith("as reported"):
            cue = (cue[0] + 3, cue[0] + 11)  # "As reported by CNN, …": PolNeAR's cue is "reported"
        if src_end < end and text[src_end] == ",":
            content = _strip_content(text, src_end + 1, end)
            if match.start() > start + 3:  # "X, according to Y, Z": both sides are content
                before = _strip_content(text, start, match.start())
                content_spans = tuple(s for s in (before, content) if s[1] > s[0])
            else:
                content_spans = (content,)
        else:
            content_spans = (_strip_content(text, start, match.start()),)
        if source[1] > source[0] and all(c[1] > c[0] for c in content_spans) and content_spans:
            used.append(match.span())
            yield RawClaim(source, cue, content_spans, confidence=0.8)

    in_poll = _IN_SOURCE.match(text, start, end)
    if in_poll and not _CUE.search(text, in_poll.end(), end):
        # "In a CBS News poll last month, she led Mr. Sanders 56 percent to 32."
        content = _strip_content(text, in_poll.end(), end)
        if content[1] - content[0] > 10:
            used.append(in_poll.span("cue"))
            yield RawClaim(_trim(text, *in_poll.span("src")), in_poll.span("cue"), (content,),
                           confidence=0.6)

    asked = _ASKED.match(text, start, end)
    if asked and not _inside(asked.start(), quoted):
        # "Asked if he was ever bullied, the candidate said no": the question is attributed
        # to whoever asked it, usually unnamed (PolNeAR's "no source" attributions).
        source = _trim(text, *asked.span("asker")) if asked.group("asker") else None
        used.append(asked.span("cue"))
        yield RawClaim(source, asked.span("cue"), (_trim(text, *asked.span("question")),),
                       confidence=0.5)

    dash = _DASH_SOURCE.match(text, start, end)
    if dash is None:
        for q0, q1 in sentence_quotes:
            dash = _DASH_SOURCE.match(text, q1, end)
            if dash:
                content = _strip_content(text, q0, q1)
                used.append(dash.span(1))
                yield RawClaim(_trim(text, *dash.span(2)), dash.span(1), (content,), confidence=0.7)
                break
    colon = _COLON_SOURCE.match(text, start, end)
    if colon and not _inside(colon.start(), quoted) and _speaks(colon.group(1)):
        content = _strip_content(text, colon.end(), end)
        if content[1] - content[0] > 10 and not _is_listing(text[content[0] : content[1]]) \
                and not _is_heading(text[content[0] : content[1]]):
            used.append(colon.span(2))
            yield RawClaim(colon.span(1), colon.span(2), (content,), confidence=0.6)
    for match in _COLON_QUOTE.finditer(text, start, end):
        # "… too early - Mark Lee and Jo Park: “The polls …”" / "More from Park: “…”"
        quote = next((q for q in sentence_quotes if q[0] == match.end()), None)
        if quote is None or _inside(match.start(), quoted) or not free(match.span(2)) \
                or not _speaks(match.group(1)):
            continue
        used.append(match.span(2))
        yield RawClaim(match.span(1), match.span(2), (_strip_content(text, *quote),), confidence=0.6)

    for match in _WHEN_ASKED.finditer(text, start, end):
        # "…, she said when asked about the vote": the question's asker goes unnamed
        if match.start() == start or _inside(match.start(), quoted) or not free(match.span("cue")):
            continue
        question = _strip_content(text, match.end("cue"), _clause_end(text, match.end("cue"), end))
        if question[1] - question[0] > 3:
            used.append(match.span("cue"))
            yield RawClaim(None, match.span("cue"), (question,), confidence=0.5)

    for match in _PASSIVE.finditer(text, start, end):
        if _inside(match.start(), quoted) or not free(match.span("cue")):
            continue
        claim = _passive_claim(text, start, end, match)
        if claim is not None:
            used.append(claim.cue)
            yield claim

    for match in _TWEET.finditer(text, start, end):
        if _inside(match.start(), quoted) or not free(match.span()):
            continue
        source = _source_before(text, start, match.start())
        content = _strip_content(text, match.end(), end)
        if source and content[1] > content[0]:
            used.append(match.span())
            yield RawClaim(source, match.span(), (content,), confidence=0.8)

    for match in _CUE.finditer(text, start, end):
        cue = _trim(text, *match.span())
        if _inside(cue[0], quoted) or not free(cue) or _noun_use(text, start, cue) or _in_parentheses(text, start, cue[0]):
            continue
        if any(m.start() <= cue[0] and cue[1] <= m.end() for m in _IDIOM.finditer(
                text, max(start, cue[0] - 20), min(end, cue[1] + 20))):
            continue  # "Having said that, Beijing was …": a connective, nobody's claim
        if text[cue[0] : cue[1]].split()[-1] in NESTED_STANCES and any(
                c0 <= cue[0] < c1 for claim in claims_here for c0, c1 in claim.content):
            continue  # "Clinton says she wants to …": the wanting is part of what she says
        previous_source = claims_here[-1].source if claims_here else None
        if text[cue[0] : cue[1]].split()[0].endswith("ing"):  # "saying", "referring to"
            # "…, saying …" belongs to the clause's subject: the last source, else the sentence's.
            if not re.search(r"(?:,[”\"’']?|\b(?:and|while|by|after|before|when|without))\s*$",
                             _tail(text, start, cue[0])):
                continue  # "…, saying", "… and saying", "by saying"; not "the saying goes"
            subject = previous_source or _sentence_subject(text, start, cue[0])
            content = _strip_content(text, cue[1], end)
            if subject and content[1] - content[0] > 3:
                used.append(cue)
                if _no_subject(text, subject, end):
                    subject = None  # "Yet, …, saying", "MANCHESTER, N.H. — …": no one named
                claim = RawClaim(subject, cue, (content,), confidence=0.6)
                claims_here.append(claim)
                yield claim
            continue
        claim = _claim_at(text, start, end, cue, sentence_quotes)
        if claim is None and re.search(r"\b(?:and|but)\s+$", _tail(text, start, cue[0])):
            subject = previous_source or _sentence_subject(text, start, cue[0])
            content = _strip_content(text, cue[1], end)
            if subject and content[1] - content[0] > 3:
                claim = RawClaim(subject, cue, (content,), confidence=0.6)
        if claim is not None and asked is not None:
            claim = _after_question(text, claim, asked.end(), end)
        if claim is not None and claim.source is not None and text[
                claim.source[0] : claim.source[1]].lower() in _NOT_A_SOURCE:
            # "But said …", "Then said …": the words are still a claim, with no one named
            claim = RawClaim(None, claim.cue, claim.content, claim.self_attributed, 0.5)
        if claim is not None:
            claim = _widen_cue(text, claim, start, end)
            used.append(cue)
            claims_here.append(claim)
            yield claim


# What annotators count as part of the cue after the verb: the setting ("said in a statement",
# "wrote on Twitter") and a particle ("warned of", "joked about"). A day after the verb ("said
# Tuesday") is left out: PolNeAR's annotators include it less often than not.
_CUE_TAIL = re.compile(
    r"(?:,?\s+(?:in\s+(?:a|an|his|her|their|its)\s+(?:(?:written|joint|brief|separate|"
    r"prepared|televised|radio|phone|telephone|TV|television|new|recent)\s+)?(?:statement|"
    r"press\s+release|speech|tweet|post|letter|op-ed|memo|video|"
    r"news\s+conference|press\s+conference|conference\s+call|radio\s+interview)s?|"
    r"on\s+(?:Facebook|Instagram)))+(?=[\s,.;:!?”\"]|$)")
_PARTICLE = re.compile(r"\s+(?:of|about|against)(?=\s+(?![0-9$]))")
_PARTICLE_VERBS = re.compile(
    r"(?:warn|warns|warned|joke|jokes|joked|boast|boasts|boasted|write|writes|"
    r"wrote|ask|asks|asked|talk|talks|talked|spoke|speak|speaks|caution|cautions|cautioned|"
    r"complain|complains|complained|worried|worries|worry|brag|bragged|brags)")
_OWN_PARTICLE = {
    "respond": "to",  # "did not respond to"; "responded" alone is the annotated cue
    **dict.fromkeys(("agree", "agrees", "agreed"), "with"),
    **dict.fromkeys(("apologize", "apologizes", "apologized"), "for"),
    **dict.fromkeys(("comment", "comments", "commented"), "on"),
}
_LEADING_ADVERB = re.compile(r"(?:\b(?:also|later|then|now|still|once|again|never|further|"
                             r"even|previously|repeatedly|often|already|long|always|ever|just|"
                             r"since|both|all|first|soon|must|"
                             r"has|have|had|will|would|could|should|can|may|might|must|did|does|do|"
                             r"is|was|were|are|been|not|[a-z]+ly|[a-z]+n[’']t)\s+)+$")


def _widen_cue(text: str, claim: RawClaim, start: int, end: int) -> RawClaim:
    """The cue with the words annotators count as part of it: a leading adverb ("also said",
    "later told"), the setting after the verb ("said in a statement", "wrote on Twitter")
    and a particle ("said of", "warned against"). Content and source give the words up."""
    c0, c1 = claim.cue
    source_end = claim.source[1] if claim.source else start
    lead = _LEADING_ADVERB.search(text, max(start, source_end, c0 - 40), c0)
    if lead is not None and lead.group().split()[0] not in LY_NOUNS:
        c0 = lead.start()
    tail = _CUE_TAIL.match(text, c1, end)
    if tail is not None:
        c1 = tail.end()
    verb = text[claim.cue[0] : claim.cue[1]].split()[-1]
    if _PARTICLE_VERBS.fullmatch(verb):
        particle = _PARTICLE.match(text, c1, end)
        if particle is not None:
            c1 = particle.end()
    elif (own := _OWN_PARTICLE.get(verb)) is not None:
        # "did not respond to", "agreed with", "apologized for": the verb's own preposition
        particle = re.match(rf"\s+{own}\b", text[c1:end])
        if particle is not None:
            c1 += particle.end()
    if (c0, c1) == claim.cue:
        return claim
    content = tuple(_strip_content(text, max(s, c1), e) if s < c1 <= e or s <= c1 < e else (s, e)
                    for s, e in claim.content)
    source = claim.source
    if source is not None and source[0] < c1 and source[1] > claim.cue[1]:
        source = (max(source[0], c1), source[1])
        source = _trim(text, *source)
        while source[1] > source[0] and text[source[0]] in ",;: ":
            source = (source[0] + 1, source[1])
    return RawClaim(source, (c0, c1), tuple(c for c in content if c[1] > c[0]),
                    claim.self_attributed, claim.confidence)


# "is expected to", "was widely seen as", "also known as", "was asked about": attributions
# whose holders go unnamed (PolNeAR's source-less ones) unless "by …" names them.
_PASSIVE = re.compile(
    r"\b(?P<cue>(?:(?:is|are|was|were|be|been|being|has\s+been|have\s+been|had\s+been)\s+)"
    r"(?:(?:not|also|widely|still|now|largely|generally|increasingly|better|best|long|"
    r"repeatedly|often)\s+)*(?:(?P<inf>expected|believed|thought|rumou?red|reported|said|"
    r"projected|predicted)(?=\s+to\s+[a-z])|(?P<as>seen|viewed|regarded|known|described|"
    r"considered|portrayed|perceived)\s+as|(?P<ask>asked)(?:\s+about)?)|"
    r"(?P<also>(?:also|better|widely)\s+known\s+as))\b")
_WHEN_ASKED = re.compile(r"\b(?:when|after|if|before|once)\s+(?P<cue>asked(?:\s+about)?)\s+(?=\S)")
_BY = re.compile(r"\s+by\s+((?:[^,;:.“”\"]|\.(?=\d)){2,60}?)(?=[,;:“”\"]|\.(?!\d)|\s+(?:to|as|that|if|whether|about|of|for|in|on|at|over)\b)")


def _passive_claim(text: str, start: int, end: int, match: re.Match[str]) -> RawClaim | None:
    """``The mayor is expected to resign`` (content: the subject and the infinitive),
    ``the plan, widely seen as a gamble`` , ``she was asked whether …`` (the question)."""
    cue = match.span("cue")
    rest_end = _clause_end(text, cue[1], end)
    source = None
    by = _BY.match(text, cue[1], end)
    content_start = cue[1]
    if by is not None:
        source = _trim(text, *by.span(1))
        content_start = by.end()
        rest_end = _clause_end(text, content_start, end)
    rest = _strip_content(text, content_start, rest_end)
    if rest[1] - rest[0] < 3:
        return None
    if match.group("ask"):
        return RawClaim(source, cue, (rest,), confidence=0.5)
    subject = _source_before(text, start, cue[0]) if not match.group("also") else None
    content = (subject, rest) if subject is not None else (rest,)
    return RawClaim(source, cue, content, confidence=0.5)


def _after_question(text: str, claim: RawClaim, question_end: int, end: int) -> RawClaim | None:
    """"Asked whether …, Ryan said, “Sure.”": the question is not what Ryan said; his words
    are the rest (the quote, or what follows the cue)."""
    kept = tuple(c for c in claim.content if c[0] >= question_end)
    if not kept:
        rest = _strip_content(text, claim.cue[1], end)
        if rest[1] <= rest[0] or claim.source is None or claim.source[0] < question_end:
            return None
        kept = (rest,)
    return RawClaim(claim.source, claim.cue, kept, claim.self_attributed, claim.confidence)


def _claim_at(text: str, start: int, end: int, cue: Span, qs: list[Span]) -> RawClaim | None:
    before = text[start : cue[0]]
    verb = text[cue[0] : cue[1]].split()[-1].lower()
    # Content first: “…,” SOURCE said / “…,” said SOURCE / CONTENT, SOURCE said.
    comma = before.rstrip().endswith(",") or re.search(r"[,”\"'“]\s*[^,“”\"]{0,80}$", before)
    split = _content_split(before)
    between_text = before[split + 1 :].strip(" ,”\"'“")
    fronted = _FRONTED.match(before) and not re.search(r"[“”\"]", before[:split])
    if fronted:
        # Source first when it works: "In a survey released Thursday, 79 percent said they …"
        claim = _source_first(text, start, end, cue, qs)
        if claim is not None:
            return claim
    inverted = bool(between_text) or verb in _INVERTING  # "“…,” said Smith"; not "X, praised Y"
    if split > 3 and comma and inverted and not _CHARACTERIZE.fullmatch(verb) and _closes_sentence(
        text, cue[1], end, bool(between_text)
    ):
        split_at = start + split
        content = [_strip_content(text, start, split_at + (1 if text[split_at] in "”\"'“" else 0))]
        src = _source_between(text, split_at + 1, cue[0])
        if src[1] <= src[0] or not _looks_like_source(text[src[0] : src[1]]):
            # after the cue only when nothing stands between content and cue ("“…,” said X"):
            # "In 2011, the senator recalled the freeze" has no source after "recalled"
            src = _source_after(text, cue[1], end) if src[1] <= src[0] else None
        if src is not None and _looks_like_source(text[src[0] : src[1]].split(", ")[0]):
            follow = next((q for q in qs if q[0] >= cue[1] and not text[cue[1]:q[0]].strip(" ,").count(" ") > 6), None)
            if follow is not None:
                content.append(_strip_content(text, follow[0], follow[1]))
            return RawClaim(_tidy_source(text, src), cue, tuple(c for c in content if c[1] > c[0]),
                            confidence=0.85)
    return None if fronted else _source_first(text, start, end, cue, qs)


def _source_first(text: str, start: int, end: int, cue: Span, qs: list[Span]) -> RawClaim | None:
    """SOURCE said (that) CONTENT."""
    after = text[cue[1] : end]
    verb = text[cue[0] : cue[1]].split()[-1].lower()
    source = _source_before(text, start, cue[0])
    if source is None:
        return None
    content_end = end
    if _CHARACTERIZE.fullmatch(verb) or (verb in SEE_AS and re.search(r"\bas\b", after[:120])):
        as_word = re.search(r"\bas\b", after[:200])
        if as_word is not None:
            after_as = cue[1] + as_word.end()
            quote = next((q for q in qs if q[0] >= after_as and not text[after_as:q[0]].strip()),
                         None)
            content_end = quote[1] if quote else _clause_end(text, after_as, end)
        elif verb in NAMING and _names_something(text, source, cue[1], end):
            # "Jeb Bush called Trump “unhinged.”" / "They called him a political opportunist"
            quote = next((q for q in qs if cue[1] <= q[0] < cue[1] + 80), None)
            content_end = quote[1] if quote else _clause_end(text, cue[1], end)
        elif not (verb.startswith("descri") and re.match(
                r"\s+(?:the|a|an|his|her|their|its|how|what|[A-Z])", after)):
            return None  # "described the excitement when …" is a claim; "labeled" alone is not
    elif verb in ("shows", "showed") and text[source[0] : source[1]].lower() in PRONOUNS and not \
            re.match(r"\s*(?:that\b|:|,?\s*[“\"])", after):
        return None  # "He shows great promise": a person showing something says nothing
    elif verb in ("reported", "reports") and re.match(r"\s+(?:to|for)\s", after) and not re.search(
            r"\bthat\b", text[cue[1] : _clause_end(text, cue[1], end)]):
        return None  # "reported to the office", "reported for duty": no one reports anything
    elif verb in NEEDS_INTRODUCER and not re.match(
            r"\s*(?:that\b|:|,?\s*[“\"]|(?:how|why|what|whether|where|when)\b)", after):
        evidence = verb in SHOW and text[source[0] : source[1]].split()[-1].lower().rstrip(
            "s") in EVIDENCE  # "A 2010 video shows Hess talking …", "the poll shows a tie"
        complement = evidence or _FINITE_CLAUSE.match(after) or (
            verb in TAKES_INFINITIVE and re.match(r"\s+to\s+[a-z]", after)) or (
            verb in SEEM and _SEEM_COMPLEMENT.match(after)) or (
            verb in TAKES_OBJECT and re.match(r"\s+(?:[A-Z$“\"]|(?:the|a|an|his|her|their|its|"
                                                 r"him|them|it|this|that|these|those)\b)", after))
        if not complement:
            return None
    if _SUBORDINATE.match(text, start, cue[0]) and "," not in text[start : cue[0]]:
        # "Although she said it was safe, the council closed it": the main clause is not hers
        comma = text.find(", ", cue[1], content_end)
        if comma != -1 and not _inside(comma, qs):
            content_end = comma
    content_start = cue[1]
    if verb in _TELL:
        # "told reporters on Friday that …": whom they told is not what they said
        told = _TOLD_WHOM.match(text, cue[1], content_end) or _TOLD_OBJECT.match(
            text, cue[1], content_end)
        if told is not None:
            content_start = told.end()
    if re.match(r"\s*[,;]\s*(?:and|but|or|while|yet)\b", text[content_start:content_end]):
        return None  # "The candidates agreed, and Smith said …": nothing follows the cue
    content = _strip_content(text, content_start, content_end)
    if content[1] - content[0] < 3:
        return None
    source = _tidy_source(text, source)
    if re.match(r",\s", after) and re.search(r"\w[”\"']?,\s+$", text[start : source[0]]):
        # "To win, the organisers said, they need every vote": what they said is on both sides
        before = _strip_content(text, start, source[0])
        if before[1] - before[0] > 3:
            return RawClaim(source, cue, (before, content), confidence=0.7)
    if _PASSIVE_CUE.match(text, cue[0], cue[1]) and not verb.endswith("ing"):
        # "The result was announced on Friday", "Smith was accused of …": no one is named as
        # saying it ("by …" aside), and the subject is part of what was said
        by = _BY.match(text, cue[1], end)
        if by is not None:
            rest = _strip_content(text, by.end(), content_end)
            spans = (source, rest) if rest[1] - rest[0] > 2 else (source,)
            return RawClaim(_trim(text, *by.span(1)), cue, spans, confidence=0.5)
        return RawClaim(None, cue, (source, content), confidence=0.5)
    if verb in SEEM:
        # "The race seemed to be hers to lose": an impression no one in particular holds; the
        # subject is part of what seems so ("It seems that …": only the clause).
        subject = _tidy_source(text, source)
        if text[subject[0] : subject[1]].lower() == "it":
            return RawClaim(None, cue, (content,), confidence=0.5)
        return RawClaim(None, cue, (subject, content), confidence=0.5)
    return RawClaim(_tidy_source(text, source), cue, (content,), confidence=0.7)


# "promised her plan would be paid for": a clause without "that" (a subject, then a finite
# verb before any punctuation or relative word).
_FINITE_CLAUSE = re.compile(
    r"\s+(?:he|she|they|it|we|I|you|there|(?:(?:the|his|her|their|its|a|an|this|that|these|"
    r"[A-Z][\w’'.\-]*)\s+)(?:(?!who\b|which\b|that\b)[\w’'\-]+\s+){0,5}?)(?:would|will|was|were|is|are|has|have|had|"
    r"could|should|can|must|may|might|did|does|do|wo|ca)(?:n[’']t|\b)")
_PASSIVE_CUE = re.compile(r"(?:is|was|were|are|be|been|being)\b")
# Verbs that come before their source ("“…,” said Smith", "…, added the mayor").
_INVERTING = {"said", "says", "say", "reported", "reports", "notes", "recalls", "explains",
              "declares", "added", "adds", "wrote", "writes", "asked", "asks", "continued",
              "continues", "explained", "noted", "recalled", "replied", "told", "argued",
              "insisted", "warned", "declared", "observed", "countered", "cautioned", "stated",
              "tweeted", "concluded", "acknowledged", "conceded", "remarked", "suggested",
              "predicted", "quipped", "joked", "responded", "answered", "agreed", "offered"}
_SUBORDINATE = re.compile(r"\s*(?:Although|Though|While|Whereas|Because|If|Unless|"
                          r"Even though|Even if)\b")
_TELL = {"tell", "tells", "told", "telling", "assure", "assures", "assured", "remind", "reminds",
         "reminded", "warn", "warns", "warned", "convince", "convinced", "persuade", "persuaded",
         "inform", "informs", "informed", "promise", "promises", "promised", "notify", "notified"}
# "told POLITICO she was leaning", "told reporters the deal was done": whom, then a clause
_TOLD_OBJECT = re.compile(
    r"\s+(?:[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,3}|him|her|them|me|us|reporters|supporters|"
    r"voters|the\s+(?:crowd|audience|paper|newspaper|station|network))"
    r"(?=\s+(?:he|she|they|it|we|I|you|there|the|his|her|their|its|a|an)\s)")
_TOLD_WHOM = re.compile(r"\s+(?:[^\s,.;:“”\"]+\s+){1,7}?(?=that\s)")


_LEADING_JUNK = re.compile(r"(?:(?:and|but|or|which|while|after|as|so|then|just|only|when|if|"
                           r"because|compared with|let|Just|Only|Let|And|But|Or|So|Then|Yet|"
                           r"However,?|Still,?|Instead,?|Meanwhile,?|Now,?|Even)\s+)+")
_TRAILING_JUNK = re.compile(
    r"(?:,?\s+(?:on|last|this|early|late|earlier)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|week|month|year|night|morning)|\s+at the time|,\s+for instance|"
    rf",\s+in\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|\s+(?!(?:{'|'.join(sorted(LY_NOUNS))})$)[a-z]+ly|"
    r"\s+(?:too|also|again|then|now|still))+$"
)


def _tidy_source(text: str, span: Span) -> Span:
    """Trim what the word walk or a content-first split drags in around a source: a clause's
    conjunction ("and Breitbart News"), an earlier sentence ("… in Washington D.C. He"), a time
    or adverb after it ("Madeleine Albright recently", "the Kentucky Republican on Tuesday")."""
    start, end = span
    phrase = text[start:end]
    boundary = max(phrase.rfind(". "), phrase.rfind("; "))
    if boundary > 0 and phrase[boundary + 2 : boundary + 3].isupper() and not _ABBREV.search(
            phrase[: boundary + 1]):
        start += boundary + 2
    junk = _LEADING_JUNK.match(text, start, end)
    if junk and junk.end() < end:
        start = junk.end()
    tail = _TRAILING_JUNK.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    if end - start <= 0:
        return span
    return start, end


def _content_split(before: str) -> int:
    """Where content-first content ends: the closing quote when a described source follows it
    (``“…,” Anne Richards, assistant secretary of state, said``), else the last comma or
    closing quote."""
    misused = list(_MISUSED_CLOSE.finditer(before))
    closing = max(before.rfind("”"), before.rfind('"'), before.rfind("''") + 1,
                  misused[-1].start() if misused else -1)
    if closing > 0:
        described = re.fullmatch(r"\s*,?\s*([^,“”\"]+),[^“”\"]*,\s*", before[closing + 1 :])
        if described and _looks_like_source(described.group(1)):
            return closing
    return max(before.rfind(","), closing)


def _source_between(text: str, start: int, stop: int) -> Span:
    """The source between content and cue, without the quote marks and commas around it."""
    start, stop = _trim(text, start, stop)
    while start < stop and text[start] in "”\"'’, ":
        start += 1
    while stop > start and text[stop - 1] in ", ":
        stop -= 1
    return start, stop


_NAMED_OBJECT = re.compile(
    r"\s+(?:(?:him|her|it|them|this|that|these|those|(?:the|his|her|their|its)\s+[\w’'-]+|"
    r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)\s+)?(?:[“\"]|''|(?:a|an|the)\s)"
    # "called Ford’s plans to open a plant in Mexico “an absolute disgrace”": a longer object
    # when the name given is quoted (also in a newspaper's ''double apostrophes'').
    r"|\s+[^.;:“”\"!?]{1,100}?\s+(?:an?\s+)?(?:[“\"]|'')")


def _names_something(text: str, source: Span, cue_end: int, end: int) -> bool:
    """``X called Y “…”`` or ``X called Y a …``, not a passive naming (``a group called
    the Foundation``: an indefinite common noun before the verb)."""
    words = text[source[0] : source[1]].split()
    if words[0].lower() in ("a", "an") and words[-1].lower().rstrip("s") not in SOURCE_NOUNS:
        return False
    return _NAMED_OBJECT.match(text, cue_end, end) is not None


def _sentence_subject(text: str, start: int, stop: int) -> Span | None:
    """The capitalised name (or pronoun) a sentence starts with, for elided subjects."""
    fronted = _FRONTED.match(text, start, stop)
    comma = text.find(", ", start, stop) if fronted else -1
    if comma != -1 and comma - start < 80:
        start = comma + 2  # "In his speech, Obama …": the subject follows the fronted phrase
    match = _SUBJECT.match(text[start:stop])
    if not match:
        return None
    span = (start + match.start(1), start + match.end(1))
    if not _looks_like_source(text[span[0] : span[1]]):
        return None
    # The name may be a modifier of its head and carry a tail: "The Sanders campaign",
    # "Attorneys for Clinton", "Davis, a longtime liberal,".
    tail = _SUBJECT_TAIL.match(text, span[1], stop)
    if tail is not None and tail.end() > span[1]:
        return span[0], tail.end() - (text[tail.end() - 1] == ",")
    return span


# A sentence's capitalised first words, with a lowercase title among them ("Democratic
# front-runner Hillary Clinton", "Rubio press secretary Brooke Sammon").
_SUBJECT = re.compile(
    r"\s*((?:(?:[A-Z][\w’'.\-]*|of|the|front-runner|nominee|candidate|rival|challenger|press|"
    r"secretary|spokesman|spokeswoman|adviser|aide|director|chairman|chairwoman|manager|leader|"
    r"governor|senator|attorney|general|judge|lawyer|strategist|pollster|president|"
    r"minister|official)\s+){0,5}[A-Z][\w’'\-]*(?:\s+[A-Z]\.(?=\s+[A-Z]))?(?:\s+[A-Z][\w’'\-]*)?"
    r"|[Hh]e|[Ss]he|[Tt]hey|It)\b")


# After a sentence's capitalised first words: a common-noun head ("campaign", "leaders"), a
# short phrase of capitalised words after a preposition, or a description between commas.
_SUBJECT_TAIL = re.compile(
    r"(?:\s+(?:[a-z]+\s+)?(?:campaign|leaders?|supporters?|experts?|officials?|governor|operatives?|"
    r"attorneys?|lawyers?|hackers?|estimates?|aides?|advisers?|spokes(?:man|woman)|members?|"
    r"voters|delegates|lawmakers|senators?|officers?|analysts?|researchers?|activists?|"
    r"protesters|giant|group|committee|staff|team|poll|survey|report|study))?"
    r"(?:\s+(?:of|for|on|at|inside|from)(?:\s+the)?(?!\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)(?:\s+[A-Z][\w’'.\-]*){1,4})?"
    r"(?:\s+and\s+(?:his|her|their|other|several|some)\s+[a-z]+s\b)?"
    r"(?:,\s+(?:a|an|the|who|including)\s[^,;:“”\"()]{3,90},(?=\s+(?:also\s+|then\s+)?[a-z]+(?:ed|s)\b))?"
)


def _no_subject(text: str, span: Span, end: int) -> bool:
    """A sentence's first words that name no one: a function word or a dateline."""
    words = text[span[0] : span[1]]
    return words.lower() in _NOT_A_SOURCE or (len(words) > 3 and words.isupper() and re.match(
        r"\s*(?:,|[-—–]|\()", text[span[1] : end]) is not None)


def _tail(text: str, start: int, pos: int) -> str:
    """The end of ``text[start:pos]``, for a pattern anchored at ``pos``: searching the whole
    sentence so far for it, from every cue, made a sentence of many cues quadratic."""
    return text[max(start, pos - 200) : pos]


def _noun_use(text: str, start: int, cue: Span) -> bool:
    previous = re.search(r"([\w’']+)\s*$", _tail(text, start, cue[0]))
    if not previous:
        return False
    word = previous.group(1)
    if word.lower() in ("by", "while", "after", "before", "without", "when") and text[
            cue[0] : cue[1]].split()[0].endswith("ing"):
        return False  # "by saying", "while telling": a verb
    if word in ("Press", "News", "Media"):
        return False  # the end of a name: "The Associated Press reported", "Fox News said"
    return word.lower() in NOUN_CONTEXT or word.endswith(("’s", "'s"))


def _in_parentheses(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside an aside; a sentence that is itself in parentheses ("(The
    French are big fans, Mr. Madden said.)") is not an aside within it."""
    segment = text[start:pos]
    if segment.startswith("("):
        segment = segment[1:]
    return segment.count("(") > segment.count(")")


def _closes_sentence(text: str, cue_end: int, end: int, source_before: bool) -> bool:
    """Whether a content-first cue ends its clause: after ``“A,” he said`` only a time or place
    phrase may follow; after ``“A,” said`` the source itself; either may be followed by the rest
    of an interrupted quote (``, “B.”``)."""
    rest = text[cue_end:end].strip()
    if not rest.strip(".!?,;:”\" )"):
        return True
    if re.match(r"^,\s*(?:[“\"]|'')", rest):
        return True
    if source_before and re.match(r"^,?\s*(?:[a-z]+ing\b|but\b|and\b|while\b|as\b|before\b|"
                                  r"after\b|when\b|-\s|—)", rest):
        return True  # "“…,” he said, referring to voters" / "she said, but added that …"
    head = re.split(r"[,.;:“\"]|''", rest, maxsplit=1)[0].strip()
    if source_before and re.match(r"of\s", head) and len(head.split()) <= 8:
        return True  # "“…,” he said of the industry in general"
    if not head or re.match(r"(?:to|of|yes|no)\b", head, re.IGNORECASE) or re.search(
            r"\bthat\b", head):
        return False  # "said that …", "said to be …", "said yes": content follows
    if source_before:
        # "…, and Smith said it was fine": a clause after the cue is its content
        return len(head.split()) <= 10 and not re.search(r"\bto\b", head) and not any(
            w in AUXILIARIES for w in head.lower().split())
    # "said a longtime adviser to Trump", "said a member who supports Trump"; not "urged the
    # US to “…”" (an infinitive: content follows)
    if re.search(r"\bto\b(?!\s+[A-Z])", head):
        return False
    head = head[: _relative_clause_start(head, 0, len(head))]
    return len(head.split()) <= 8 and _looks_like_source(head)


_CLAUSE_END = re.compile(r"[,;:.“\"]")


def _clause_end(text: str, start: int, end: int) -> int:
    match = _CLAUSE_END.search(text, start, end)
    return match.start() if match else end


def _source_before(text: str, start: int, cue_start: int) -> Span | None:
    """The noun phrase right before a cue, with the time of a document that reports: "a
    Monmouth poll out Monday showed", "emails released this week showed" (a person's time,
    "Feinstein last week said", stays out)."""
    span = _source_walk(text, start, cue_start)
    if span is None:
        return None
    when = _TIME_BEFORE_CUE.search(text, span[1], cue_start)
    if when is not None and when.start() == span[1] and _DOCUMENT_END.search(
            text, span[0], span[1]):
        return span[0], _trim(text, span[1], when.end())[1]
    return span


_DOCUMENT_END = re.compile(r"\b(?:polls?|survey|ad|report|study|emails|released|published|issued|"
                           r"conducted|out|filed)$")


def _source_walk(text: str, start: int, cue_start: int) -> Span | None:
    """The noun phrase right before a cue: walk back over words until a clause boundary.

    Only the last ``SOURCE_LOOKBACK`` characters are read: a source and its description are
    far shorter, and reading back to the sentence start from every cue made a sentence of many
    cues quadratic."""
    if cue_start - start > SOURCE_LOOKBACK:
        space = text.find(" ", cue_start - SOURCE_LOOKBACK, cue_start)
        start = space + 1 if space != -1 else cue_start - SOURCE_LOOKBACK
    segment = text[start:cue_start]
    when = _TIME_BEFORE_CUE.search(segment)
    if when is not None and when.start() > 0:
        # "Feinstein last week said", "the mayor on Tuesday said": the time is not the source
        segment = segment[: when.start()]
        cue_start = start + when.start()
    # Skip an appositive ("Yang, who carries the title …, urged") back to its head.
    appositive = re.search(r",\s+(?:who|which|whose|\w+ing)\b[^“”\"]*,\s*$", segment) or re.search(
        r",\s+(?:however|though|meanwhile|too|in turn|for (?:his|her|their|its) part|in fact|"
        r"of course|for example|for instance|at least|once again|again|perhaps|so far),"
        r"\s*(?:(?:has|have|had|will|would|could|did|does|do|is|was|were|are)\s+)?$", segment)
    if appositive:
        head = _source_before(text, start, start + appositive.start())
        describes = re.match(r",\s+(?:who|which|whose)\b", appositive.group())
        if head is not None and describes:
            # The source is the head and its description ("Chris Cox, who runs the NRA’s
            # lobbying arm,"); the speaker is still the head (claims.canonical_description).
            return head[0], start + len(segment.rstrip(" ,"))
        segment = segment[: appositive.start()]
    # An age or a party after the name ("Marvin Teske, 53,", "Harry M. Reid (D-Nev.)") is
    # blanked for the walk and given back to the source span afterwards.
    aside = _ASIDE.search(segment)
    if aside is not None:
        segment = segment[: aside.start()] + " " * len(aside.group())
    described = _described_source(text, start, segment)
    if described is not None:
        return described
    modified = _modified_source(text, start, segment)
    if modified is not None:
        return modified
    words = list(_WORD.finditer(segment))
    chosen: list[re.Match[str]] = []
    edge = len(segment)  # start of the last word looked at, chosen or skipped
    for word in reversed(words):
        gap = segment[word.end() : edge]
        if gap.strip():
            break
        edge = word.start()
        token = word.group()
        # "also said", "reportedly told"; a capitalised -ly word is a name (Megyn Kelly).
        if not chosen and (token.lower() in ADVERBS or token in AUXILIARIES or token in _LONG or
                           token in _SENTENCE_ADVERBS or (
                token.islower() and token.endswith("ly") and token not in LY_NOUNS)):
            continue  # "have long insisted": the cue's own words
        if not chosen and token.lower() in SUBJECT_PRONOUNS:
            span = (start + word.start(), start + word.end())
            return span  # "Although in September she said": a pronoun is the whole subject
        if token.lower() == "than" and chosen and re.search(r"(?i)\b(?:more|less|fewer)\s+$",
                                                             segment[: word.start()]):
            chosen.insert(0, word)  # "more than 4 in 10 said"
            continue
        if token == "and" and chosen:
            joined = _joined_name(segment[: word.start()])
            if joined is not None:  # "Jeb Bush and Chris Christie said"
                span = (start + joined, start + chosen[-1].end())
                return span if _looks_like_source(text[span[0] : span[1]]) else None
        if token.lower() in CLAUSE_WORDS:
            if not chosen and token.lower() == "who":
                chosen.append(word)  # "Barkley, who said …", "voters who said": see relative_head
            break
        chosen.insert(0, word)
        if len(chosen) >= MAX_SOURCE_WORDS:
            break
    if not chosen:
        return None
    span = (start + chosen[0].start(), start + chosen[-1].end())
    span = (span[0], span[1] - (1 if text[span[1] - 1] == "." and not _ABBREV.search(text[span[0]:span[1]]) else 0))
    if not _looks_like_source(text[span[0] : span[1]]):
        return None
    if aside is not None and not segment[chosen[-1].end() : aside.start()].strip():
        span = (span[0], start + aside.start() + len(aside.group().rstrip(" ,")))
    return span


def relative_head(text: str, who: int) -> Span | None:
    """What a restrictive "who" stands for ("voters who said" → "voters"): the noun phrase
    right before it; None after a comma ("Barkley, who said"), where the nearest name is."""
    start = max(0, who - 120, *(text.rfind(mark, 0, who) + 1 for mark in ("\n", ". ", ";", ":")))
    if text[start:who].rstrip().endswith(",") or not text[start:who].strip():
        return None
    head = _source_before(text, start, who)
    lead = _PREPOSITIONS.match(text, *head) if head else None
    return (lead.end(), head[1]) if lead and lead.end() < head[1] else head


_PREPOSITIONS = re.compile(r"(?:(?:among|of|for|with|by|from|to|in|on|at|Among|Of|For|With|By|"
                           r"From|To|In|On|At)\s+)+")


SOURCE_LOOKBACK = 600
_TIME_BEFORE_CUE = re.compile(
    r"(?<!Super)\s+(?:(?:last|this|earlier\s+this|late\s+last|early\s+last)\s+(?:week|month|year|night|"
    r"spring|summer|fall|autumn|winter|weekend)|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?|yesterday|today|"
    r"(?:earlier|later)\s+(?:in\s+the\s+day|that\s+day|this\s+week|that\s+week))\s*$")
_NOT_A_SOURCE = {"but", "however", "then", "the", "a", "an", "and", "yet", "so", "also", "still",
                 "instead", "meanwhile", "indeed", "thus", "moreover", "there", "here", "just",
                 "if", "when", "where", "while", "as", "because", "although", "though", "since",
                 "after", "before", "even", "only", "now"}
_NAME_ONLY = re.compile(r"(?:[A-Z][\w’'.\-]*\s+){1,3}[A-Z][\w’'.\-]*")
_SENTENCE_ADVERBS = {"even", "indeed", "instead", "meanwhile", "moreover", "thus", "likewise"}
_LONG = {"long", "always", "since", "just", "first", "ever", "both", "all"}

_ASIDE = re.compile(r"(?:,\s*\d{1,3}\s*,|\s*\([^()]{1,40}\)|\s+[—–]\s*[^—–“”\"]{1,80}[—–])\s*$")


def _joined_name(before_and: str) -> int | None:
    """Where a noun phrase before "and" starts ("Jeb Bush", "President Obama", "three current"):
    capitalised words and determiners, or a short phrase opened by a determiner or number with
    no verb, back to the clause start, so "Trump won Iowa and Clinton said" keeps Clinton."""
    clause_start = max(before_and.rfind(","), before_and.rfind(";"), before_and.rfind(":"),
                       before_and.rfind("(")) + 1
    words = before_and[clause_start:].split()
    if not words or len(words) > 8:
        return None
    if all(w[:1].isupper() or w.lower() in NP_WORDS for w in words) and words[-1][:1].isupper():
        pass
    elif not (len(words) <= 4 and words[0].lower() in _NP_OPENERS and not any(
            w.lower() in AUXILIARIES or w.lower() in CLAUSE_WORDS or w.endswith("ed") for w in words)):
        return None  # "three current and former employees"; not "Trump won Iowa and Clinton"
    return clause_start + (len(before_and[clause_start:]) - len(before_and[clause_start:].lstrip()))


_NP_OPENERS = {"the", "his", "her", "their", "its", "a", "an", "some", "many", "two", "three", "four",
               "five", "several", "both", "current", "other", "most", "top", "senior"}


def _described_source(text: str, start: int, segment: str) -> Span | None:
    """``Phil Lovas, the state's campaign chairman, said`` / ``Officials at X, a division of
    Y, said``: a name and its description, from the clause start to the comma before the cue."""
    if not segment.rstrip().endswith(","):
        return None
    # From the clause start, or after a fronted phrase ("In his response, Steve Coll, the dean
    # of the journalism school, said").
    for begin in [0, *(m.end() for m in re.finditer(r",\s+", segment))]:
        match = _DESCRIBED.match(segment, begin)
        if match is None or "," not in match.group(1):
            continue
        head = match.group(1).split(",", 1)[0]
        name = match.group(1).rsplit(",", 1)[-1].strip()
        # "Phil Lovas, the state's chairman," or "One delegate not on the slate, Kelly Smit,"
        if len(match.group(1).split()) <= 25 and (_looks_like_source(head) or (
                _NAME_ONLY.fullmatch(name) and _looks_like_source(name)
                and not _FRONTED.match(head) and head.split()[0].lower() not in NOT_SOURCE_START)):
            return (start + match.start(1), start + match.end(1))
    return None


_DESCRIBED = re.compile(r"(?:[;:]\s*|(?:But|And|and|but)\s+)?((?:[A-Z0-9]|(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|"
                        r"[Ii]ts|[Aa]n?)\s)[^;:“”\"]*?),\s*$")


_MODIFIED = re.compile(
    r"(?:^|[,;:]\s+)(?:(?:[Bb]ut|[Aa]nd|[Ss]till|[Rr]ather|[Yy]et|[Ss]o|[Nn]ow)\s+)?"
    r"(?P<src>(?P<head>(?:[\w’'.\-]+\s+){0,3}?[\w’'.\-]+)\s+(?:who|that|close to|familiar with|of|"
    r"at|in|from|with|inside|within|by|[a-z]{2,}ing)\s+[^,;:“”\"()]{1,90}?)\s*$"
)


def _modified_source(text: str, start: int, segment: str) -> Span | None:
    """``sources close to her campaign say`` / ``people who have battled online threats say`` /
    ``Friends of Mr. Clinton's say``: a plural or named head with its modifier, from the clause
    start; the word walk would stop at "to", "who" or "of" and keep only the tail."""
    match = _MODIFIED.search(segment)
    if match is None:
        return None
    head = match.group("head").split()
    if any(w.lower() in CLAUSE_WORDS or w.lower() in NOT_SOURCE_START for w in head):
        return None
    last = head[-1]
    if not (last[:1].isupper() or last.lower() in GROUP_HEADS
            or last.lower().rstrip("s") in SOURCE_NOUNS
            or (last.islower() and last.endswith("s") and not last.endswith("ss"))):
        return None
    words = match.group("src").split()
    if len(words) > MAX_SOURCE_WORDS + 4 or words[-1].lower() in SUBJECT_PRONOUNS:
        return None  # "… that endorsed him say they believe": "they" is the next clause's subject
    return (start + match.start("src"), start + match.end("src"))


def _relative_clause_start(text: str, start: int, stop: int) -> int:
    """"a readout from Beijing that was published by Xinhua": the source ends at its clause."""
    relative = re.search(r"\s+(?:that|which|who|whom|whose)\s", text[start:stop])
    return start + relative.start() if relative else stop


def _source_after(text: str, cue_end: int, end: int) -> Span | None:
    """``said SOURCE``: the phrase after the cue up to a comma or the sentence end (a title's
    or an initial's full stop is not one: "said Mr. Sperling", "said James B. Comey"), with
    what describes it: ``said Volker Beck, a lawmaker from Germany's Green Party``."""
    stop = _relative_clause_start(text, cue_end, _name_end(text, cue_end, end))
    span = _trim(text, cue_end, stop)
    if span[1] <= span[0] or len(text[span[0]:span[1]].split()) > MAX_SOURCE_WORDS:
        return None
    described = _DESCRIPTION_AFTER.match(text, span[1], end)
    if described is not None:
        name_follows = described.group(1)[:1].isupper()
        named = text[span[0]].isupper() or name_follows
        stop = _name_end(text, described.end(), end) if name_follows else end
        # A quote, a second cue or a clause past the description's length ends it at the comma
        # before ("said Alfonso Aguilar, the director of X, who also said …" → up to "X").
        other = _AFTER_DESCRIPTION.search(text, span[1], stop)
        if other is not None:
            stop = max(span[1], text.rfind(",", span[1], other.start()))
        extended = _trim(text, span[0], stop)
        words = text[extended[0] : extended[1]].split()
        if len(words) > MAX_DESCRIBED_WORDS:
            # Too long to the sentence end: the description ends at its own clause ("said
            # George Bruno, a former chairman in New Hampshire, referring to …").
            extended = _trim(text, span[0], _name_end(text, described.end(), end))
            words = text[extended[0] : extended[1]].split()
        if named and extended[1] > span[1] and len(words) <= MAX_DESCRIBED_WORDS:
            return extended[0], extended[1] - (1 if text[extended[1] - 1] in ".,;:" else 0)
    return span


# After "said NAME": ", a lawmaker …", ", who now runs …", ", author of …"; after "said the
# bureau's director": ", James B. Comey".
_DESCRIPTION_AFTER = re.compile(
    r",\s+((?:a|an|the|who|whose|one|part|author|president|chairman|chairwoman|director|head|"
    r"founder|professor|spokesman|spokeswoman|executive|editor|leader|member|former|longtime|"
    r"senior|chief|co-founder|CEO|another|managing|deputy|assistant|associate|communications|"
    r"(?:[a-z]+\s+(?:and\s+[a-z]+\s+)?)?(?:adviser|advisor|strategist|pollster|lawyer|attorney|"
    r"historian|economist|researcher|fellow|analyst|manager|secretary|officer|organizer|"
    r"consultant|director|spokesman|spokeswoman|professor|chairman|president)\s+(?:of|at|for|with|"
    r"to|in)|(?:Democrat|Republican)\s+(?:of|from)|then)\b|\d{1,3}(?=[.;]\s|[.;]?$)|"
    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w\-]*[’']s\s+[a-z]|"
    r"\d{1,3},|[A-Z][\w’'\-]*(?:\s+[A-Z]\.)?\s+[A-Z]|[A-Z][\w’'\-]*\s+(?:coordinator|director|"
    r"president|chairman|analyst|spokesman|spokeswoman|professor|editor|leader|member)\b)"
)
MAX_DESCRIBED_WORDS = 30
_AFTER_DESCRIPTION = re.compile(r"[“”\"]|\b(?:said|says|adding|added|according)\b")


def _name_end(text: str, start: int, end: int) -> int:
    """The next clause boundary, passing over the full stops of titles and initials."""
    pos = start
    while True:
        stop = _clause_end(text, pos, end)
        word = max(start, text.rfind(" ", start, stop) + 1)  # only the word the stop ends
        if stop < end and text[stop] == "." and _ABBREV.search(text[word : stop + 1]):
            pos = stop + 1
            continue
        return stop


def _looks_like_source(phrase: str) -> bool:
    words = phrase.split()
    if not words or len(words) > MAX_SOURCE_WORDS:
        return False
    first = words[0].lower().strip("’'")
    # "speaking to reporters" is no source; "King", "Xi Jinping" and "Sterling Hayes" are
    gerund = first.endswith("ing") and (words[0][:1].islower() or (
        len(words) > 1 and words[1][:1].islower()))
    if gerund or first in NOT_SOURCE_START:
        return False
    if (first in PRONOUNS and first != "her") or first == "who":
        return len(words) == 1  # "her" may be a possessive: "her friend said"
    lowered = [w.lower().strip(",.;") for w in words]
    for i, word in enumerate(lowered[1:], 1):
        if word in AUXILIARIES and lowered[i - 1] not in ("who", "that", "which"):
            return False  # "the race was close": a clause, not who said it
    if any(w[:1].isdigit() or w.lower() in SHARE_WORDS for w in words):
        return True  # "47 percent said", "more than 4 in 10 said", "a majority of voters"
    if first in ("the", "a", "an", "one", "another", "some", "many", "several", "two", "three",
                 "both", "most", "other", "his", "her", "their", "its", "our", "senior", "top"):
        return True
    return any(w[:1].isupper() for w in words) or words[-1].lower().rstrip("s") in SOURCE_NOUNS


