"""The claim ledger: one statement across outlets, with its history.

Claims from different articles of one story (``stories.py``) that report the same statement
are clustered: quotations by their quoted words (in order, allowing an excerpt to be shorter
and a word to be changed), indirect claims by speaker and content words. Each cluster then says
which outlet reported it first, whom each outlet credits it to, how each outlet's quoted words
differ from the most common version (``wording.py``), and which outlets covering the story left
it out. Everything here is computed from plain records, so the index can store the records and
rebuild clusters for just the stories an update touched (``ledgerfile.py``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .analysis import analyse
from .attribution import quotes
from .claims import speaker_kind as _person_or_org
from .models import TITLE_PARAGRAPH, Article, Claim
from .stories import article_terms
from .wording import Change, compare, negation_in, numbers_in, pieces, shared_words, words

Span = tuple[int, int]
SPEAKER_KINDS = ("named", "organisation", "anonymous", "outlet", "none")
# Quotations linked on at least this many words shared in order, and at least half the shorter.
QUOTE_WORDS = 5
QUOTE_SHARE = 0.5
# A claim's words (quoted or not) sharing a run this long, and this many in all, with another's.
PARAPHRASE_RUN = 6
PARAPHRASE_WORDS = 10
COMMON_KEY = 40
# Indirect claims: same speaker, and this share of their content words in common.
CONTENT_SHARE = 0.4
CONTENT_WORDS = 4
_CONTENT_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_MINOR = frozenset(
    "the a an and or but of to in on at by for with from as is are was were be been it its this "
    "that he she they his her their we our you i not said says would will has have had".split()
)


@dataclass(frozen=True, slots=True)
class LedgerClaim:
    """One claim as the ledger needs it; spans are code-point offsets into the file's text."""

    doc: str
    outlet: str
    date: str
    paragraph: int
    speaker: str
    speaker_kind: str
    source_text: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    content_text: str
    quote: tuple[Span, ...] = ()
    quote_text: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, int, int]:
        """Stable identity within an index: document, paragraph, first content offset."""
        return (self.doc, self.paragraph, self.content[0][0] if self.content else -1)

    @property
    def statement(self) -> str:
        return " … ".join(self.quote_text) if self.quote_text else self.content_text


@dataclass(frozen=True, slots=True)
class LedgerArticle:
    """An article's part of the ledger: what story grouping and claim clustering read."""

    path: str
    doc: str
    article_id: str
    outlet: str
    date: str
    title: str
    terms: dict[str, int]
    claims: tuple[LedgerClaim, ...]
    body: str = ""  # a digest of the paragraphs' text: copies of one article share it


def speaker_kind(claim: Claim, outlet: str) -> str:
    """Named person, organisation or body, anonymous, the outlet itself, or none.

    The extractor's own kind is used when it gives one (``Claim.speaker_kind``); claims read
    back from an index made before it did are told by their words: anonymous sources are left
    as their lower-case description, the outlet is named for "our understanding is …"."""
    name = claim.speaker.strip()
    if not name:
        return "none"
    given = getattr(claim, "speaker_kind", "")
    if given:
        return _MAP_KIND.get(given, given)
    if outlet and name == outlet or name in ("(the outlet)",) or claim.source_text.lower() in ("we", "our"):
        return "outlet"
    words = name.split()
    named_at_end = len(words) >= 2 and all(w[:1].isupper() for w in words[-2:])
    if not named_at_end and (not name[0].isupper() or _ANONYMOUS.search(name)):
        return "anonymous"
    return "organisation" if _person_or_org(name) in ("org", "group") else "named"


# Roles that stand for an unnamed person ("a Senate aide", "White House officials").
_ANONYMOUS = re.compile(
    r"\b(?:officials?|aides?|sources?|advisers?|advisors?|spokes(?:man|woman|person)|staffers?|"
    r"insiders?|people|person|diplomats?|someone|allies|associates?)\b", re.IGNORECASE)
_MAP_KIND = {"person": "named", "org": "organisation", "organization": "organisation",
             "self": "outlet", "unattributed": "none"}


def article_record(article: Article, terms: dict[str, int] | None = None) -> LedgerArticle:
    """The ledger's record of an indexed article (``terms``: its word counts when the caller
    has them already, see ``stories.terms_from_postings``).

    Each quotation is a claim of its own (with its speaker, cue and source): outlets cut one
    speaker's words into quotations differently, and matching whole claims missed half the
    quotations two outlets share. A quotation no claim holds continues the claim before it in
    its paragraph, or the last claim of the paragraph before when its own paragraph has none;
    otherwise it stands with no speaker.
    """
    doc = Path(article.path).stem
    by_paragraph: dict[int, list[Claim]] = {}
    for claim in article.claims:
        if claim.paragraph != TITLE_PARAGRAPH and claim.content_spans:
            by_paragraph.setdefault(claim.paragraph, []).append(claim)
    units: list[LedgerClaim] = []
    previous: list[Claim] = []
    for paragraph in article.paragraphs:
        found = by_paragraph.get(paragraph.number, [])
        placed, orphans = _place_quotes(paragraph.text, paragraph.start, found)
        for claim in found:
            spans = placed.get(id(claim), [])
            if not spans:
                units.append(_unit(doc, article, claim, paragraph.number, None, ""))
            for s, e in spans:
                units.append(_unit(doc, article, claim, paragraph.number,
                                   (paragraph.start + s, paragraph.start + e), paragraph.text[s:e]))
        for s, e in orphans:
            owner = previous[-1] if previous and not found else None
            units.append(_unit(doc, article, owner, paragraph.number,
                               (paragraph.start + s, paragraph.start + e), paragraph.text[s:e]))
        previous = found
    return LedgerArticle(
        path=article.path, doc=doc, article_id=article.id, outlet=article.outlet, date=article.date, title=article.title,
        terms=_heaviest(terms if terms is not None
                        else article_terms(article.title, (p.text for p in article.paragraphs))),
        claims=tuple(units),
        body=_digest(article),
    )


def _digest(article: Article) -> str:
    """The article's text but its title, digested: copies retitled share it."""
    text = "\n".join(p.text for p in article.paragraphs if p.text != article.title)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16] if text else ""


def _heaviest(terms: dict[str, int], keep: int = 150) -> dict[str, int]:
    """An article's most frequent words only: enough to tell its story, and the ledger file
    stays small."""
    if len(terms) <= keep:
        return terms
    return dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])


def _unit(doc: str, article: Article, claim: Claim | None, paragraph: int,
          quote: Span | None, quote_text: str) -> LedgerClaim:
    """A ledger claim: one quotation (or an indirect claim's content) with who says it."""
    content = (quote,) if quote else claim.content_spans if claim else ()
    return LedgerClaim(
        doc=doc, outlet=article.outlet, date=article.date, paragraph=paragraph,
        speaker=claim.speaker if claim else "",
        speaker_kind=speaker_kind(claim, article.outlet) if claim else "none",
        source_text=claim.source_text if claim else "",
        source=claim.source_spans if claim else (), cue=claim.cue_spans if claim else (),
        content=content, content_text=quote_text or (claim.content if claim else ""),
        quote=(quote,) if quote else (), quote_text=(quote_text,) if quote else (),
    )


def _place_quotes(text: str, offset: int, claims: list[Claim]
                  ) -> tuple[dict[int, list[Span]], list[Span]]:
    """Each quotation in a paragraph (without its marks, offsets in the paragraph) given to the
    claim whose content holds it, else to the nearest claim before it that quotes ("… ," he
    said. "…"), else to the first quoting claim after it; the rest are returned apart."""
    placed: dict[int, list[Span]] = {}
    orphans: list[Span] = []
    quoting = [c for c in claims if c.kind != "indirect"]
    reach = 0
    for start, stop in quotes(text, 0, len(text)):
        inner = _strip_marks(text, start, stop)
        if inner is None or inner[1] <= reach:  # a quotation inside one already placed
            continue
        reach = inner[1]
        s, e = inner
        owner = next((c for c in claims
                      if any(cs - offset <= s and e <= ce - offset for cs, ce in c.content_spans)), None)
        if owner is None and quoting:
            before = [c for c in quoting if c.content_spans[0][0] - offset <= s]
            owner = before[-1] if before else quoting[0]
        if owner is not None:
            placed.setdefault(id(owner), []).append((s, e))
        elif len(text[s:e].split()) >= 3:
            orphans.append((s, e))
    return placed, orphans


def _strip_marks(text: str, start: int, stop: int) -> Span | None:
    s, e = start, stop
    while s < e and text[s] in "“”\"'‘’ ":
        s += 1
    while e > s and text[e - 1] in "“”\"'‘’ ,":
        e -= 1
    return (s, e) if e > s else None


# -- clustering --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """A claim's words as matching reads them: quoted words, all its words in order, their
    word triples, and its content words as a set."""

    quoted: list[str]
    said: list[str]
    triples: frozenset[tuple[str, str, str]]
    content: frozenset[str]


def _words_for(claim: LedgerClaim) -> _Words:
    said = words(claim.content_text)
    return _Words([w for p in _pieces(claim) for w in p], said,
                  frozenset(zip(said, said[1:], said[2:], strict=False)), _content_words(claim))


def cluster_story(articles: Sequence[LedgerArticle]) -> list[list[LedgerClaim]]:
    """One story's claims clustered by statement: each claim in at most one cluster, an
    article's claims in a cluster all from one paragraph (a statement quoted in pieces); only
    clusters spanning two or more articles are returned.

    Claims with the same words and speaker in different articles (wire copies, republished
    articles) start in one cluster and are compared with others once, through the first of
    them: pairing every copy with every copy made a story of ten copies a hundred times dearer.
    """
    all_claims = [c for a in articles for c in a.claims]
    copies: dict[tuple[str, str], list[LedgerClaim]] = {}
    for claim in all_claims:
        copies.setdefault((" ".join(claim.content_text.split()), claim.speaker), []).append(claim)
    claims = [group_[0] for group_ in copies.values()]
    members: list[list[LedgerClaim]] = []
    docs: dict[int, dict[str, int]] = {}
    for i, group_ in enumerate(copies.values()):
        kept: list[LedgerClaim] = []
        seen: dict[str, int] = {}
        for claim in group_:
            if seen.get(claim.doc, claim.paragraph) == claim.paragraph:
                seen[claim.doc] = claim.paragraph
                kept.append(claim)
        members.append(kept)
        docs[i] = seen
    features = [_words_for(c) for c in claims]
    scored: list[tuple[float, int, int]] = []
    for i, j in _candidates(claims, features):
        score = _match(claims[i], claims[j], features[i], features[j])
        if score > 0:
            scored.append((score, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _score, i, j in scored:
        a, b = find(i), find(j)
        if a == b or any(docs[a].get(d, p) != p for d, p in docs[b].items()):
            continue
        parent[b] = a
        docs[a].update(docs.pop(b))
    groups: dict[int, list[LedgerClaim]] = {}
    for i in range(len(claims)):
        groups.setdefault(find(i), []).extend(members[i])
    order = {id(c): n for n, c in enumerate(all_claims)}
    return [sorted(g, key=lambda c: order[id(c)]) for g in groups.values() if len({c.doc for c in g}) > 1]


def _pieces(claim: LedgerClaim) -> list[list[str]]:
    return [p for q in claim.quote_text for p in pieces(q)]


def _content_words(claim: LedgerClaim) -> frozenset[str]:
    return frozenset(w.lower() for w in _CONTENT_WORD.findall(claim.content_text)
                     if w.lower() not in _MINOR)


def _candidates(claims: list[LedgerClaim], features: list[_Words]) -> Iterable[tuple[int, int]]:
    """Pairs from different articles sharing a quoted word pair, a word triple, or a speaker
    and a content word. A key more than ``COMMON_KEY`` claims share is left out: it tells no
    statement apart, and pairing all its holders made a 60-article story cost minutes."""
    buckets: dict[object, list[int]] = {}
    for i, claim in enumerate(claims):
        feature = features[i]
        keys: set[object] = {*zip(feature.quoted, feature.quoted[1:], strict=False), *feature.triples}
        if claim.speaker:
            who = _surname(claim.speaker)
            keys.update((who, word) for word in feature.content)
        for key in keys:
            buckets.setdefault(key, []).append(i)
    seen: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > COMMON_KEY:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if claims[i].doc != claims[j].doc and (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j


def _match(a: LedgerClaim, b: LedgerClaim, fa: _Words, fb: _Words) -> float:
    """How surely two claims report one statement (0: not at all). Quotations rank first."""
    qa, qb, ca, cb = fa.quoted, fb.quoted, fa.content, fb.content
    if qa and qb:
        shared, run = shared_words(qa, qb)
        shortest = min(len(qa), len(qb))
        # Five words in a row, or most of the shorter one: "what she did, when she did it and
        # why she did it" in two different interviews shares only short runs.
        if shared >= QUOTE_WORDS and shared >= QUOTE_SHARE * shortest and (
                run >= QUOTE_WORDS or shared >= 0.8 * shortest):
            return 2.0 + shared / shortest
        if 2 <= shortest < QUOTE_WORDS and shared == shortest and _same_speaker(a, b):
            return 1.5
    # A quotation and another outlet's report of it in its own words (or two such reports):
    # a long stretch of the same words in order, whoever they are credited to.
    if len(fa.triples & fb.triples) >= PARAPHRASE_RUN - 2:
        shared, run = shared_words(fa.said, fb.said)
        if run >= PARAPHRASE_RUN and shared >= PARAPHRASE_WORDS:
            return 1.8
    if not a.speaker or not _same_speaker(a, b):
        return 0.0
    common = len(ca & cb)
    union = len(ca | cb) or 1
    if common >= CONTENT_WORDS and common / union >= CONTENT_SHARE:
        return common / union
    return 0.0


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower().strip(".,") if words else ""


def _same_speaker(a: LedgerClaim, b: LedgerClaim,
                  mentions: Mapping[str, Collection[str]] | None = None) -> bool:
    """Whether two credits name one speaker: the same name; the same surname with the same
    or a shortened first name ("Tim Murray", "Timothy Murray"); one name inside the other
    ("Ruth Bader", "Ruth Bader Ginsburg"); a description that carries the other's name ("the
    minority leader, Mitch McConnell of Kentucky"); or a role ("Texas governor", "the
    presumptive Republican nominee") in an article that names the other speaker (``mentions``:
    each article's words)."""
    if not a.speaker or not b.speaker:
        return False
    sa, sb = _bare(a.speaker), _bare(b.speaker)
    if sa.lower() == sb.lower():
        return True
    na, nb = _name_words(sa), _name_words(sb)
    if na and nb:
        if na[-1] == nb[-1]:
            return len(na) < 2 or len(nb) < 2 or _first_names_agree(na[-2], nb[-2]) or na[0] == nb[0]
        if set(na) & set(nb):  # "Ruth Bader" / "Bader Ginsburg"; "the minority leader, Mitch McConnell"
            return True
    if mentions is not None:
        return _role_of(a, b, mentions) or _role_of(b, a, mentions)
    return False


def _first_names_agree(x: str, y: str) -> bool:
    """A shortened first name ("Tim", "Timothy") or one spelt a letter off ("Vincente",
    "Vicente": Fox News's spelling of Vicente Fox in a BASIL story)."""
    x, y = x.lower().rstrip("."), y.lower().rstrip(".")
    if x.startswith(y) or y.startswith(x):
        return True
    return min(len(x), len(y)) >= 4 and SequenceMatcher(None, x, y).ratio() >= 0.85


# Words that make a description stand for one principal person the article names.
_ROLE = re.compile(
    r"\b(?:president|governor|senator|congressman|congresswoman|nominee|candidate|chairman|"
    r"chairwoman|secretary|leader|speaker|mayor|host|justice|minister|representative|"
    r"lawmaker|republican|democrat|attorney general|sheriff|hopeful)\b", re.IGNORECASE)


def _role_of(description: LedgerClaim, named: LedgerClaim,
             mentions: Mapping[str, Collection[str]]) -> bool:
    """Whether a role description stands for a named speaker its own article mentions."""
    if description.speaker_kind == "named" or named.speaker_kind != "named":
        return False
    if not _ROLE.search(_bare(description.speaker)) or _ANONYMOUS.search(_bare(description.speaker)):
        return False
    surname = _name_words(named.speaker)[-1:]
    # The article's words are stemmed as the index stems them ("Sanders" is "sander").
    words = set(analyse(surname[0]).positions) if surname else set()
    return bool(words) and all(w in mentions.get(description.doc, ()) for w in words)


def _vehicle(claim: LedgerClaim) -> bool:
    """A credit to a document, not a speaker ("a statement", "the ad"): the extractor missed
    who stands behind it, so it is not compared."""
    return bool(_VEHICLE.match(_bare(claim.speaker)))


_VEHICLE = re.compile(
    r"^(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w-]+\s+)?(?:statements?|letters?|ads?|"
    r"advertisements?|releases?|remarks|texts?|readouts?|posts?|tweets?|videos?|reports?|"
    r"disclosures?|memos?|emails?|e-mails?|excerpts?|transcripts?|speech(?:es)?|interviews?)\b", re.IGNORECASE)


# Descriptions are kept per article: "a Senate aide (Morning Post · 2024-03-02)".
_PER_ARTICLE = re.compile(r"\s*\([^()]*·[^()]*\)$")


def _bare(speaker: str) -> str:
    """A speaker without the article its description was kept for."""
    return _PER_ARTICLE.sub("", speaker)


_NAME_WORD = re.compile(r"\b[A-Z][\w’'\-]+")
_NOT_NAMES = frozenset(
    "The A An Mr Mrs Ms Dr Sen Rep Gov President Senator Representative Governor Secretary "
    "Speaker Leader Chairman Sheriff Judge Justice Former Vice House Senate White Department Attorney General "
    "Congressman Congresswoman Minister Republican Republicans Democrat Democrats Democratic "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)


def _name_words(name: str) -> list[str]:
    return [w for w in _NAME_WORD.findall(name) if w not in _NOT_NAMES and w not in _SUFFIXES]


_SUFFIXES = frozenset(("Jr", "Sr", "II", "III", "IV"))


def _attributed(claim: LedgerClaim) -> bool:
    """Whether the article itself attributes the claim (a cue), not a quotation standing alone."""
    return bool(claim.cue)


# -- what a cluster tells ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cluster:
    """One statement reported by several articles of a story, with what differs between them."""

    id: str
    story: str
    statement: str
    claims: tuple[LedgerClaim, ...]  # by date, then outlet
    first: tuple[LedgerClaim, ...]  # the earliest report(s); several when tied
    first_certainty: str  # "time", "day" or "missing"
    speaker_differs: bool
    wording_differs: bool
    numbers_differ: bool
    negation_differs: bool
    missing_from: tuple[str, ...]
    reference: str  # doc whose quoted words are the most common version ("" for indirect)
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)  # doc -> word changes
    # An outlet credits the statement, but the extractor could not tell whom (no name found, a
    # pronoun it resolved, a dateline): shown as "credit unknown", never as a different speaker.
    credit_unknown: bool = False

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.outlet for c in self.claims))

    @property
    def flags(self) -> dict[str, bool]:
        return {"speaker_differs": self.speaker_differs, "wording_differs": self.wording_differs,
                "numbers_differ": self.numbers_differ, "negation_differs": self.negation_differs,
                "credit_unknown": self.credit_unknown}


def describe(story: str, claims: Sequence[LedgerClaim], story_outlets: Iterable[str],
             mentions: Mapping[str, Collection[str]] | None = None) -> Cluster:
    """Work out first report, credits, wording and hints for one cluster's claims
    (``mentions``: each article's words, by doc, to tell whom a role description means)."""
    ordered = tuple(sorted(claims, key=lambda c: (c.date or "9999", c.outlet, c.doc)))
    first, certainty = _first(ordered)
    reference, changes = _wording(ordered)
    all_changes = [ch for doc_changes in changes.values() for ch in doc_changes]
    numbers = numbers_in(all_changes)
    negation = negation_in(all_changes)
    if not reference:  # indirect claims: compare what their contents hold
        numbers = len({frozenset(_numbers(c.content_text)) for c in ordered}) > 1
        negation = len({_negated(c.content_text) for c in ordered}) > 1
    covered = {c.outlet for c in ordered}
    statement = next((c.statement for c in ordered if c.doc == reference), ordered[0].statement)
    ident = hashlib.sha1("|".join(f"{c.key}" for c in ordered).encode()).hexdigest()[:12]
    return Cluster(
        id=ident, story=story, statement=statement, claims=ordered, first=first,
        first_certainty=certainty, speaker_differs=_speaker_differs(ordered, mentions),
        credit_unknown=_credit_unknown(ordered, mentions),
        wording_differs=bool(all_changes), numbers_differ=numbers, negation_differs=negation,
        missing_from=tuple(sorted(set(story_outlets) - covered)), reference=reference,
        changes=changes,
    )


def _first(ordered: tuple[LedgerClaim, ...]) -> tuple[tuple[LedgerClaim, ...], str]:
    dated = [c for c in ordered if len(c.date) >= 10]
    if not dated:
        return ordered, "missing"
    timed = all(len(c.date) > 10 for c in dated)
    width = None if timed else 10
    earliest = dated[0].date[:width]
    first = tuple(c for c in dated if c.date[:width] == earliest)
    return first, ("time" if timed else "day")


def _wording(ordered: tuple[LedgerClaim, ...]) -> tuple[str, dict[str, tuple[Change, ...]]]:
    """The most common version of the quoted words (ties: the longest, then the earliest), and
    each other article's changes against it. An article's version is its quotations in the
    cluster in text order, each a separate piece."""
    versions: dict[str, list[list[str]]] = {}
    for claim in (c for c in ordered if c.quote_text):  # an article's quotations in text order
        versions.setdefault(claim.doc, []).extend(_pieces(claim))
    if len(versions) < 2:
        return "", {}
    joined = {doc: tuple(w for p in ps for w in p) for doc, ps in versions.items()}
    counts = Counter(joined.values())
    order = list(versions)
    reference = max(order, key=lambda d: (counts[joined[d]], len(joined[d]), -order.index(d)))
    ref_words = list(joined[reference])
    changes = {}
    for doc, version in versions.items():
        if doc != reference:
            found = tuple(compare(version, ref_words))
            if found:
                changes[doc] = found
    return reference, changes


def _speaker_differs(ordered: tuple[LedgerClaim, ...],
                     mentions: Mapping[str, Collection[str]] | None = None) -> bool:
    """Whether two articles credit the statement to different speakers.
    Only credits the article states are compared: a quotation left standing alone (no cue), a
    credit to a document ("a statement") and a credit the extractor could not resolve (see
    ``_resolved``) may hide a speaker named in a sentence the extractor did not tie to it; on
    BASIL such credits made most of the false "speaker differs" flags."""
    return _compare_credits(ordered, mentions)[0]


def _credit_unknown(ordered: tuple[LedgerClaim, ...],
                    mentions: Mapping[str, Collection[str]] | None = None) -> bool:
    """Whether an article of a cluster credits the statement (a cue) but the ledger cannot say
    to whom: its credits are unresolved, or a pronoun resolved to a person another outlet does
    not name. Shown as "credit unknown", so the doubt is visible rather than hidden."""
    return _compare_credits(ordered, mentions)[1]


def _compare_credits(ordered: tuple[LedgerClaim, ...],
                     mentions: Mapping[str, Collection[str]] | None) -> tuple[bool, bool]:
    """(speaker differs, credit unknown) for one cluster's claims."""
    by_doc: dict[str, list[LedgerClaim]] = {}
    for claim in ordered:
        if _attributed(claim) and not _vehicle(claim):
            by_doc.setdefault(claim.doc, []).append(claim)
    if len({c.doc for c in ordered}) < 2:
        return False, False
    unknown = any(not any(_resolved(c) for c in claims) for claims in by_doc.values())
    docs = [[c for c in claims if _resolved(c)] for claims in by_doc.values()]
    docs = [claims for claims in docs if claims]
    differs = False
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            if any(_same_speaker(x, y, mentions) for x in a for y in b):
                continue
            firm = [(x, y) for x in a for y in b if not _coreference_doubt(x, y)]
            differs = differs or bool(firm)
            unknown = unknown or len(firm) < len(a) * len(b)
    return differs, unknown


def _coreference_doubt(x: LedgerClaim, y: LedgerClaim) -> bool:
    """Two different credits, one reached through a personal pronoun ("she said", "they
    said"): on BASIL the extractor's pick of the speaker nearby was wrong in each case read
    (Marcia Fudge for Nancy Pelosi, Mary for Liz Cheney, "the lawsuit" for "he"), so the
    difference is doubt, not a different credit. "It" for a body (the seeds' State Department
    readout) stays a difference."""
    return _pronoun(x) or _pronoun(y)


def _pronoun(claim: LedgerClaim) -> bool:
    return claim.source_text.strip().lower() in _PRONOUNS


# Sources that name nobody themselves: the extractor resolved them to a speaker nearby.
_PRONOUNS = frozenset("he she they who him her them his their".split())


def _resolved(claim: LedgerClaim) -> bool:
    """Whether the extractor found a speaker for a credit: not empty, not a dateline or other
    all-capital place ("WASHINGTON"), and not a fragment of a sentence ("31, who has more than
    14,000 followers …")."""
    speaker = _bare(claim.speaker).strip()
    if not speaker or not speaker[:1].isalpha():
        return False
    letters = [ch for ch in speaker if ch.isalpha()]
    # Six letters or more: short acronyms ("NATO", "FBI") are bodies that speak.
    return not (len(letters) >= 6 and all(ch.isupper() for ch in letters))


_NUMBER = re.compile(r"\d[\d,.]*")


def _numbers(text: str) -> set[str]:
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def _negated(text: str) -> bool:
    return bool(re.search(r"\b(?:not|never|no|n[’']t)\b|n[’']t\b", text, re.IGNORECASE))


def story_id(paths: Sequence[str]) -> str:
    """A story's id: from its earliest article's path, so it stays while others join."""
    return "s" + hashlib.sha1(paths[0].encode()).hexdigest()[:10]


def sourcing_profile(claims: Iterable[LedgerClaim]) -> dict[str, float]:
    """Shares of claims by speaker kind (named, organisation, anonymous, outlet, none)."""
    counts = Counter(c.speaker_kind for c in claims)
    total = sum(counts.values())
    return {kind: (counts[kind] / total if total else 0.0) for kind in SPEAKER_KINDS}
