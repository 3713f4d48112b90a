"""Who speaks: one canonical name per person across a corpus, and what kind of speaker it is.

Measured on PolNeAR train (``bench/speakers.py``), a fifth of the most frequent speakers were
junk or merged wrongly, for reasons this module now rules out:

* a source's words are cleaned first: any run of spaces (a non-breaking space too) is one space,
  and a leading function word that a sentence start left on the name goes ("Although Rubio",
  "Like Donald Trump", "Neither Cruz"), as does what comes before a dash ("And it wasn't an
  accident — Brendan Buck");
* a bare surname becomes a full *person* name only ("Obama" never becomes "top adviser for
  President Obama"), and across the corpus only when one person holds most of that surname's
  mentions (the Senator Murphy and the Sandy Hook parent Murphy stay apart);
* a description that names no one ("the company", "voters", "a senior official", "Republicans"),
  and the writer's own "I", stay per article — "senior official (The Hill · 2021-02-05)" — since
  two articles' "officials" are not the same people;
* a spokesman speaks for himself: "a spokesman for Ryan" is not Ryan;
* what is left of a source that is only function words ("The", "But", "A") names no one: the
  claim keeps its spans with no speaker.

Each speaker gets a *kind*: ``person``, ``organisation`` (a body, a named group, a poll),
``anonymous`` (unnamed or described) or ``outlet`` (the publication or its writer).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

PERSON = "person"
ORGANISATION = "organisation"
ANONYMOUS = "anonymous"
OUTLET = "outlet"

_FUNCTION_WORDS = (
    "although|though|like|unlike|neither|nor|either|both|but|and|or|so|yet|as|when|while|"
    "whereas|because|since|if|even|after|before|until|then|also|still|meanwhile|however|"
    "instead|including|just|only|now|later|earlier|indeed|perhaps|maybe|why|what|how|where|"
    "once|whether|unless|with|without|for|from|to|in|on|at|by|of|about|said|says|told|against|"
    "over|under|between|among|through|during|within|upon|into|onto|toward|towards|across|"
    "behind|beyond|near|versus|vs|"
    "the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|many|most|all|each|"
    "every|no|not|it|he|she|they|we|i|you|who|which|there|here|yes|well|oh|asked|according|"
    "does|did|do|is|was|has|have|had|are|were|would|could|should|dear|hey|thanks|thank"
)
_LEADING_FUNCTION = re.compile(rf"^(?:(?i:{_FUNCTION_WORDS})\s+)+(?=[A-Z])")
_ONLY_FUNCTION = re.compile(rf"^(?:(?:{_FUNCTION_WORDS})\b[\s,.]*)+$", re.IGNORECASE)
# Page labels a headline line starts with: "The Latest on the race …" names no source.
_LABEL = re.compile(r"^(?:the\s+)?(?:latest|update|updated|breaking|live|analysis|opinion|editorial|"
                    r"exclusive|watch|video|photos|correction)$", re.IGNORECASE)
_DASH = re.compile(r"\s*(?:—|–|--)\s*")
_SUFFIX = re.compile(r"^(?:Jr\.?|Sr\.?|II|III|IV)$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z’'\-]*[a-z](?:-[A-Z]?[a-z]+)?|[A-Z]\.(?:[A-Z]\.)?|"
                        r"(?:Mc|Mac|O’|O'|De|Di|La|Le)[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+)$")
_PARTICLE = re.compile(r"^(?:de|da|del|der|van|von|bin|al|la|le|du|dos|ibn)$")
_STOP_CAPITALISED = re.compile(rf"^(?:{_FUNCTION_WORDS}|mr|mrs|ms|dr|sen|rep|gov)\.?$", re.IGNORECASE)
# Words that make a capitalised phrase an organisation, a place or a document, not a person.
ORG_WORDS = re.compile(
    r"\b(?:Department|Ministry|House|Council|Committee|Party|Office|Agency|Bureau|Commission|"
    r"Government|Administration|Campaign|Times|Post|News|Journal|Institute|University|Center|"
    r"Centre|Association|Union|Court|Congress|Senate|Pentagon|Kremlin|Beijing|Washington|"
    r"Foundation|Group|Inc|Corp|Company|Bank|Fund|Network|Poll|Survey|Study|Report|County|"
    r"Press|Media|Club|Society|Service|Services|Organization|Organisation|Caucus|Board|"
    r"Federation|Council|Coalition|Alliance|Project|Fox|CNN|Review|Magazine|Tribune|Herald|"
    r"Daily|Weekly|Gazette|Reuters|Politico|Breitbart|Today|Street|Index|Research|Policy|"
    r"Action|PAC|Super|Forum|Trust|Affairs|Command|Army|Navy|Police|Force|Forces|Guard|"
    r"Republicans|Democrats|Church|School|College|Hospital|Airlines|Motors|Systems|Partners)\b"
)
# A named body written with a lowercase head noun: "the Clinton campaign", "Trump's team".
_NAMED_BODY = re.compile(
    r"^(?!(?i:his|her|its|their|our|my|your|the|a|an|this|that|one)\s)(?:[A-Z][\w.’'\-]*\s+)*[A-Z][\w.’'\-]*(?:’s|'s)?\s+(?:campaign|administration|"
    r"government|team|camp|transition\s+team|foundation|spokesman's\s+office)$"
)
# Generic plural groups written capitalised: "Republicans said", "Democrats argue".
_CAPITALISED_GROUP = re.compile(r"^(?:[A-Z][a-z]+\s+)?(?:[A-Z][a-z]+(?:ans|ats|ives|als|ists|ers|ites))$")
_ANONYMOUS_WORDS = re.compile(
    r"\b(?:sources?|officials?|aides?|people|persons?|someone|anyone|insiders?|advisers?|"
    r"advisors?|critics?|supporters?|voters?|observers?|analysts?|experts?|diplomats?|staff|"
    r"staffers?|spokes(?:man|woman|person)|member|members|residents?|witness(?:es)?|"
    r"respondents?|readers?|users?|viewers?|reporters?|writers?|many|some|others?)\b",
    re.IGNORECASE,
)
ORG_HEADS = re.compile(
    r"\b(?:company|campaign|administration|government|poll|polls|survey|study|report|agency|"
    r"committee|department|ministry|group|organization|organisation|party|firm|network|paper|"
    r"newspaper|website|site|court|union|board|council|panel|commission|office|bureau|"
    r"institute|university|foundation|association|coalition|embassy|white house|statement|"
    r"data|figures|numbers|records|documents?|analysis|research|index|memo|letter|filing)\b",
    re.IGNORECASE,
)


def clean_source(source: str) -> str:
    """The source's words as one line, without a leading function word or an aside before a
    dash ("Although Rubio" → "Rubio"; "And it wasn't a one-off — Brendan Buck" → "Brendan
    Buck"). Returns "" for a source that is only function words ("The", "But", "A")."""
    text = " ".join(source.split())  # str.split() splits at non-breaking spaces too
    pieces = [p for p in _DASH.split(text) if p.strip()]
    if len(pieces) > 1:
        text = pieces[-1]
    text = text.strip(" ,.;:“”\"‘’")
    if _ONLY_FUNCTION.match(text) or _LABEL.match(text):
        return ""
    stripped = _LEADING_FUNCTION.sub("", text)
    return stripped or text


def is_person_name(name: str) -> bool:
    """"Marco Rubio", "James B. Comey", "Ban Ki-moon", "Joseph R. Biden Jr.": two to four
    capitalised words (initials and particles allowed), none a function word or an
    organisation's."""
    words = name.split()
    if words and _SUFFIX.match(words[-1]):
        words = words[:-1]
    if not 2 <= len(words) <= 4 or ORG_WORDS.search(name) or name.isupper():
        return False
    if not (_NAME_WORD.match(words[0]) and _NAME_WORD.match(words[-1])):
        return False
    if any(_STOP_CAPITALISED.match(w) for w in words):
        return False
    return all(_NAME_WORD.match(w) or _PARTICLE.match(w) for w in words)


def surname(name: str) -> str:
    """The family name: the last word that is not "Jr." or "III"."""
    words = name.split()
    if len(words) > 1 and _SUFFIX.match(words[-1]):
        words = words[:-1]
    return words[-1] if words else ""


def kind_of(name: str) -> str:
    """``person``, ``organisation`` or ``anonymous`` for a resolved speaker name (the outlet's
    own voice is decided where it is recognised)."""
    if not name:
        return ANONYMOUS
    if is_person_name(name):
        return PERSON
    words = name.split()
    if _CAPITALISED_GROUP.match(name):
        return ANONYMOUS
    if (len(words) == 1 and name[:1].isupper() and not ORG_WORDS.search(name)
            and not name.isupper() and not _ANONYMOUS_WORDS.match(name) and not ORG_HEADS.match(name)):
        return PERSON  # a surname or a first name the article never gave in full: "Bob"
    if _NAMED_BODY.match(name):
        return ORGANISATION
    if _ANONYMOUS_WORDS.search(name):
        return ANONYMOUS  # "Sources in Beijing", "White House spokesman"
    if _capitalised_phrase(name):
        return ORGANISATION
    if ORG_HEADS.search(name):
        return ORGANISATION
    return ANONYMOUS


def _capitalised_phrase(name: str) -> bool:
    """"State Department", "Federal Bureau of Investigation", "CNN": every content word
    capitalised."""
    words = [w for w in name.split() if not re.match(r"^(?:of|the|and|for|on|in|&|de)$", w)]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def is_generic(name: str) -> bool:
    """A description that names no one in particular ("senior official in Beijing", "the
    company", "Republicans", "Florida senator"): the same words in two articles are not the
    same speaker."""
    if not name or is_person_name(name):
        return False
    if _CAPITALISED_GROUP.match(name) or (_ANONYMOUS_WORDS.search(name) and not _NAMED_BODY.match(name)):
        return True
    if " " not in name and (ORG_HEADS.fullmatch(name) or _ANONYMOUS_WORDS.fullmatch(name)):
        return True  # "Polls", "Officials": capitalised only by the sentence
    if _capitalised_phrase(name) or _NAMED_BODY.match(name):
        return False
    return True


def per_article(description: str, outlet: str, date: str) -> str:
    """A generic description made particular to one article: "senior official (The Hill ·
    2021-02-05)"."""
    where = " · ".join(p for p in (outlet, date) if p)
    return f"{description} ({where})" if where else description


def full_names(text: str, title: str = "") -> dict[str, str]:
    """Surname → the person's full name as this article gives it, to expand bare surnames.

    Names are read from runs of capitalised words, less a leading function word or title
    ("Like Donald Trump", "Speaker Paul Ryan"); a run too long to be a name keeps its last
    one ("Senate Majority Leader Mitch McConnell"). The most frequent spelling wins, then the
    longest ("Donald J. Trump" once and "Donald Trump" ten times: "Donald Trump"); a name
    never runs across a line break. The first name is a weaker key ("Yang" of "Yang Jiechi"),
    used when no surname claims it. A name in the ``title`` counts three times more (it says
    who the article is about) but only if the text names that person too: a headline's
    capitalised words are not all names ("Understated Perez Makes His Case").
    A name ending another ("Wasserman Schultz" of "Debbie Wasserman Schultz") is that one.
    """
    counts: Counter[str] = Counter()
    for match in _CAPITALISED_RUN.finditer(text):
        name = name_in_run(match.group())
        if name:
            counts[name] += 1
    for name in list(counts):
        # the substring test first: a pattern per name compiled for every article was a third
        # of claim extraction
        if name in title and re.search(rf"(?<![\w’'-]){re.escape(name)}(?![\w’'-])", title):
            counts[name] += 3
    for name in sorted(counts, key=len):
        longer = [other for other in counts if other.endswith(" " + name) and len(other.split()) > 2]
        if longer:
            counts[max(longer, key=lambda o: counts[o])] += counts.pop(name)
    names: dict[str, str] = {}
    ranked = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    for candidate in ranked:
        names.setdefault(surname(candidate), candidate)
    for candidate in ranked:
        names.setdefault(candidate.split()[0], candidate)
    return names


def name_in_run(run: str) -> str:
    """The person's name in a run of capitalised words, or ""."""
    from .claims import strip_titles  # the title list lives with the source rules

    run = strip_titles(_LEADING_FUNCTION.sub("", " ".join(run.split())))
    words = run.split()
    if len(words) > 4 or (len(words) == 4 and not _SUFFIX.match(words[-1])):
        # Too long for a name: its last one, first name + initials + surname (+ "Jr.").
        end = len(words) - (1 if _SUFFIX.match(words[-1]) else 0)
        begin = end - 1
        while begin > 0 and re.match(r"^[A-Z]\.$", words[begin - 1]):
            begin -= 1
        run = " ".join(words[max(begin - 1, 0) :])
    return run if is_person_name(run) else ""


_NAME_TOKEN = (r"(?:(?:Jr|Sr|St|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Prof)\.|"
               r"[A-Z]\.|[A-Z][\w’'\-]*)")
_CAPITALISED_RUN = re.compile(
    rf"(?<![\w’'-]){_NAME_TOKEN}(?:[ \xa0]+{_NAME_TOKEN}|,[ \xa0]+(?:Jr|Sr)\.)+(?![\w’'-])"
)


def acronym(name: str) -> str:
    """"Associated Press" → "AP": how a body's initials are written."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class SpeakerNames:
    """Merges spellings of one person across a corpus.

    "Tony Blinken" and "Antony Blinken" share a surname and compatible first names, so both
    become the longer, formal one. A bare surname ("Blinken", from an article that never gives
    the full name) becomes the full name only when one person holds at least
    ``SURNAME_SHARE`` of that surname's mentions across the corpus. Only person names take
    part: descriptions never absorb anyone.
    """

    SURNAME_SHARE = 0.8

    def __init__(self, known: Iterable[str] = ()) -> None:
        # Each spelling once, with its mention count: a batch mentions "Donald Trump"
        # thousands of times, and every claim's lookup scanned them all.
        self._by_surname: dict[str, Counter[str]] = {}
        for name in known:
            self.add(name)

    def add(self, name: str, mentions: int = 1) -> None:
        if is_person_name(name):
            self._by_surname.setdefault(surname(name).lower(), Counter())[name] += mentions

    def canonical(self, name: str) -> str:
        words = name.split()
        if not words or (len(words) >= 2 and not is_person_name(name)):
            return name
        if len(words) == 1 and (kind_of(name) != PERSON or name.isupper()):
            return name
        candidates = self._by_surname.get(surname(name).lower())
        if not candidates:
            return name
        if len(words) >= 2:
            # The most mentioned compatible spelling, then the longest: "Tony Blinken" →
            # "Antony Blinken", but "Barack Obama" stays himself beside "B. Hussein Obama".
            tail = " ".join(words[1:])
            if len(words) == 3 and candidates[tail] >= 5 * max(candidates[name], 1):
                return self.canonical(tail)  # "the Real Donald Trump" of a book title
            compatible = [c for c in candidates if _same_person(name, c)]
            return max(compatible, key=_preference(candidates), default=name)
        # A bare surname: group the spellings into people by compatible first names.
        people: list[tuple[str, int]] = []  # (longest spelling, mentions)
        for spelling in sorted(candidates, key=_preference(candidates), reverse=True):
            for i, (head, count) in enumerate(people):
                if _same_person(spelling, head):
                    people[i] = (head, count + candidates[spelling])
                    break
            else:
                people.append((spelling, candidates[spelling]))
        head, count = max(people, key=lambda p: p[1])
        total = sum(c for _, c in people)
        return head if count >= self.SURNAME_SHARE * total else name


def _preference(counts: Counter[str]):
    """The spelling a person is listed under: a full first name over a nickname or an
    initial ("Antony Blinken", not "Tony" or "B. Hussein Obama"), then the most mentioned,
    then the longest."""
    def key(name: str) -> tuple[bool, int, int, str]:
        first = name.split()[0].lower().strip(".")
        return (len(first) > 1 and first not in _NICKNAMES, counts[name], len(name), name)
    return key


def _same_person(a: str, b: str) -> bool:
    """Same surname assumed: compatible first names. A "Jr." tells a son from his father when
    both are written with the same first name (Donald Trump Jr. is not Donald Trump); a
    nickname beside the formal name is one man ("Joe Biden", "Joseph R. Biden Jr.")."""
    suffix_a = a.split()[-1] if _SUFFIX.match(a.split()[-1]) else ""
    suffix_b = b.split()[-1] if _SUFFIX.match(b.split()[-1]) else ""
    first_a, first_b = a.split()[0].lower(), b.split()[0].lower()
    if suffix_a.rstrip(".") != suffix_b.rstrip(".") and first_a == first_b:
        return False
    return _compatible(first_a, first_b)


_NICKNAMES = {"joe": "joseph", "bill": "william", "bob": "robert", "mike": "michael",
              "jim": "james", "tom": "thomas", "dick": "richard", "ted": "edward",
              "tony": "antony", "dan": "daniel", "dave": "david", "ed": "edward",
              "chuck": "charles", "liz": "elizabeth", "beth": "elizabeth", "kate": "katherine",
              "nick": "nicholas", "rick": "richard", "rob": "robert", "steve": "stephen",
              "matt": "matthew", "pat": "patrick", "sam": "samuel", "ben": "benjamin"}


def _compatible(a: str, b: str) -> bool:
    a, b = _NICKNAMES.get(a.strip("."), a.strip(".")), _NICKNAMES.get(b.strip("."), b.strip("."))
    return a == b or a.endswith(b) or b.endswith(a) or (a[:1] == b[:1] and (len(a) == 1 or len(b) == 1))
