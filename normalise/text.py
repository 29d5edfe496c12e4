"""Name normalisation: the step that moves matching accuracy more than any choice of scorer.

Three strengths, each for one job:

* :func:`light_key` - NFKC, casefold, dashes and spaces only. Decisions are keyed on it, so a
  ruling on `IT Skills` never silently applies to `IT`.
* :func:`plain_tokens` - also folds ``&``/``+`` to *and* and punctuation to spaces, but keeps
  words as written. The prefix rule for truncated headers works on it (`Financial n`).
* :func:`tokens` - the matching form: plain tokens plus known abbreviations expanded,
  American spellings made British, plurals folded and a trailing generic `skills` dropped.

Keys (and so minted ids) are built from words, never from stems; :func:`stem` (the Snowball
English stemmer) only joins word forms for lookups and guards (`Communicating` ~
`Communication skills`, `Managing risk` ~ `Risk management`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

# Every dash-like character (hyphen, non-breaking hyphen, figure/en/em dash, minus, …).
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2043\ufe58\ufe63\uff0d-]")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Footnote marks stuck to a header (`Job Specific - Minimum Qualifications*` in the matrix).
_FOOTNOTE = re.compile(r"[*\u2020\u2021\u00a7]+")
# Single letters joined by an ampersand are abbreviations (`H&S`, `L&D`), not `h and s`.
_LETTER_AMP = re.compile(r"\b([a-z])\s*&\s*([a-z])\b")
# A qualifier after a spaced dash or in trailing brackets:
# `Managing & Leading People – all managers`, `Office Management – admin, support & facilities`.
_QUALIFIER_DASH = re.compile(r"\s+-\s+|\s*:\s+")
_MAY_QUALIFY = re.compile(r"[\s][\u2010-\u2015\u2212\ufe58\ufe63\uff0d:-]|[:)]")
_QUALIFIER_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
# Dotted initials (`I.T.`) and `w/` for `with`.
_DOTTED = re.compile(r"\b((?:[a-z]\.){2,})")
_WITH = re.compile(r"\bw/\s*")

AMPERSAND_ABBREVIATIONS = {
    "hs": "health and safety",
    "ld": "learning and development",
    "rd": "research and development",
    "od": "organisational development",
}

# `IT` is the abbreviation only where it stands as one: in capitals (`IT Skills`, `Using IT`),
# dotted (`I.T.`), or first in the name (`it skills`). Elsewhere `it` is the pronoun
# (`Making it happen`), and a pronoun is a stopword.
_IT_ABBREVIATION = "information technology"
_IT_CAPITALS = re.compile(r"(?<![A-Za-z0-9])IT(?![A-Za-z0-9])")
_IT_FIRST = re.compile(r"^\W*it(?![a-z0-9])", re.IGNORECASE)
_IT_DOTTED = re.compile(r"(?<![A-Za-z])[Ii]\.\s?[Tt]\.")
_IT_MARK = "\x00itabbr\x00"  # survives folding as one token (`itabbr`), expanded in tokens()

# Whole-token abbreviations seen in HR lists. Only unambiguous ones; `dev`, `fin` and the
# like are left alone on purpose.
ABBREVIATIONS = {
    "ict": "information and communication technology",
    "hr": "human resources",
    "mgmt": "management",
    "mgt": "management",
    "mngt": "management",
    "mgr": "manager",
    "admin": "administration",
    "comms": "communication",
    "govt": "government",
    "dept": "department",
    "info": "information",
    "tech": "technology",
    "cust": "customer",
    "svc": "service",
    "svcs": "service",
    "ops": "operations",
    "req": "requirement",
    "reqs": "requirement",
    "quals": "qualification",
    "qual": "qualification",
    "exp": "experience",
    "rels": "relationship",
}

# American (and variant) spellings folded to the British forms the councils write.
SPELLINGS = {
    "color": "colour",
    "behavior": "behaviour",
    "behavioral": "behavioural",
    "labor": "labour",
    "center": "centre",
    "program": "programme",
    "defense": "defence",
    "offense": "offence",
    "judgment": "judgement",
    "enrollment": "enrolment",
    "fulfill": "fulfil",
    "fulfillment": "fulfilment",
    "catalog": "catalogue",
    "modeling": "modelling",
    "traveling": "travelling",
    "counseling": "counselling",
    "counselor": "counsellor",
    "favor": "favour",
    "honor": "honour",
    "neighbor": "neighbour",
    "neighborhood": "neighbourhood",
    "practise": "practice",
    "focussed": "focused",
    "focussing": "focusing",
    "aging": "ageing",
    "gray": "grey",
    "license": "licence",
    "analog": "analogue",
    "dialog": "dialogue",
    "percent": "per cent",
}
_IZE = re.compile(r"^(\w{3,}?)(y|i)z(e|es|ed|ing|er|ers|ation|ations|ational)$")
_IZE_KEEP = ("size", "seize", "prize", "capsize", "baize")

STOPWORDS = frozenset(
    {"and", "of", "the", "for", "in", "to", "with", "a", "an", "on", "at", "or", "it"}
)
# A trailing word that only says what kind of thing the name is: `IT Skills` ~ `IT`.
_GENERIC_TAIL = frozenset({"skill"})


@lru_cache(maxsize=16384)
def light_key(text: str) -> str:
    """Decision lookup key: NFKC, casefold, one kind of dash, single spaces, no footnote mark."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES.sub("-", text)
    text = _FOOTNOTE.sub("", text)
    return _SPACES.sub(" ", text).strip(" .,;:")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _FOOTNOTE.sub(" ", text)
    text = _APOSTROPHES.sub("", text)
    text = _DOTTED.sub(lambda m: m.group(1).replace(".", "") + " ", text)
    text = _WITH.sub("with ", text)
    text = _LETTER_AMP.sub(lambda m: f" {m.group(1)}{m.group(2)}amp ", text)
    return text.replace("&", " and ").replace("+", " and ")


@lru_cache(maxsize=16384)
def plain_tokens(text: str) -> tuple[str, ...]:
    """Words as written, folded: NFKC, casefold, `&` -> and, punctuation and dashes -> space."""
    folded = _NON_ALNUM.sub(" ", _fold(text))
    out: list[str] = []
    for word in folded.split():
        if word.endswith("amp") and word[:-3] in AMPERSAND_ABBREVIATIONS:
            out.extend(word[:-3])  # `h&s` stays two letters in the plain form
        else:
            out.append(word)
    return tuple(out)


def british(word: str) -> str:
    """One word's British spelling (organization -> organisation, analyze -> analyse)."""
    if word in SPELLINGS:
        return SPELLINGS[word]
    if word.endswith(_IZE_KEEP):
        return word
    m = _IZE.match(word)
    if m:
        return f"{m.group(1)}{m.group(2)}s{m.group(3)}"
    return word


# Nouns that end like plurals but are singular (or the same in both numbers): `Time series
# analysis` must not become `time sery`.
INVARIANT_NOUNS = frozenset(
    {"series", "species", "news", "means", "headquarters", "crossroads", "diabetes", "rabies"}
)


def singular(word: str) -> str:
    """Fold a plural to its singular with a few safe suffix rules and the invariant nouns."""
    if len(word) <= 3 or not word.isalpha() or word in INVARIANT_NOUNS:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ics", "ous")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _mark_it(text: str) -> str:
    """Mark the abbreviation `IT` where it stands as one (see ``_IT_ABBREVIATION``)."""
    text = unicodedata.normalize("NFKC", text)
    text = _IT_DOTTED.sub(" IT ", text)
    if not text.isupper():  # in a name all in capitals, capitals say nothing
        text = _IT_CAPITALS.sub(_IT_MARK, text)
    return _IT_FIRST.sub(_IT_MARK, text, count=1)


@lru_cache(maxsize=16384)
def tokens(text: str) -> tuple[str, ...]:
    """The matching form of a name, as a tuple of words in source order."""
    folded = _NON_ALNUM.sub(" ", _fold(_mark_it(text)))
    out: list[str] = []
    for word in folded.split():
        if word.endswith("amp") and word[:-3] in AMPERSAND_ABBREVIATIONS:
            out.extend(AMPERSAND_ABBREVIATIONS[word[:-3]].split())
            continue
        if word == "itabbr":
            out.extend(_IT_ABBREVIATION.split())
            continue
        expanded = ABBREVIATIONS.get(word)
        for part in (expanded or british(word)).split():
            out.append(singular(british(part)))
    while len(out) > 1 and _generic(out[-1]) and out[-2] not in STOPWORDS:
        out.pop()
    return tuple(out)


def _generic(word: str) -> bool:
    """`skill`, or a typo of it (`skils`): the tail says what kind of thing, not which."""
    return word in _GENERIC_TAIL or (
        len(word) >= 4 and any(_similar(word, g) for g in _GENERIC_TAIL)
    )


def _similar(a: str, b: str) -> bool:
    """Same length give or take one, and at most one letter dropped, added or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """Matching key: meaningful normalised words in source order (exact and alias lookup);
    `Supervision & management of people` and `Supervision/ management of people` agree."""
    return " ".join(content_words(tokens(text)))


@lru_cache(maxsize=16384)
def sorted_key(text: str) -> str:
    """Meaningful words sorted: `ratio` on these equals `token_sort_ratio`, without re-sorting
    inside the scorer on every one of the 100k x 5k pairs."""
    return " ".join(sorted(content_words(tokens(text))))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A word's Snowball (Porter 2) stem, so word forms meet: managing / manage /
    management -> `manag`, communication / communicating -> `communic`. Only for the
    word-set lookup and the word-cover guards; keys and scores use the words themselves."""
    return str(_STEMMER.stemWord(word))


# Endings that change a word's form but not the thing it names: the verb, its -ing and the
# noun of the act (`manage`, `managing`, `management`; `communicate`, `communication`).
# Not the person (`manager`), the adjective (`systemic`, `personal`) or the quality
# (`creativity`): Snowball gives those the same stem, and `Office manager` is a role, not
# `Office Management`.
FORM_ENDINGS = frozenset(
    {"", "e", "s", "es", "ed", "ing", "ings", "ment", "ments", "ement", "ements", "ion", "ions",
     "ation", "ations", "ate", "ates", "ated", "ating", "ance", "ence"}
)  # fmt: skip


@lru_cache(maxsize=16384)
def same_word(a: str, b: str) -> bool:
    """Whether two words are forms of one word: equal, or the same Snowball stem reached
    through ``FORM_ENDINGS`` only (`managing` = `management`, `manager` != `management`)."""
    if a == b:
        return True
    if stem(a) != stem(b):
        return False
    short, long = sorted((a, b), key=len)
    for base in (short, short[:-1] if short.endswith("e") else None):
        if base and long.startswith(base):
            rest = long[len(base) :]
            if rest[:1] == base[-1:] and rest[1:] in FORM_ENDINGS:
                rest = rest[1:]  # planning = plan + n + ing
            return rest in FORM_ENDINGS or (base != short and "e" + rest in FORM_ENDINGS)
    root = stem(a)
    n = len(root)
    while n and not (a.startswith(root[:n]) and b.startswith(root[:n])):
        n -= 1
    return a[n:] in FORM_ENDINGS and b[n:] in FORM_ENDINGS


@lru_cache(maxsize=16384)
def stem_key(text: str) -> str:
    """The set of meaningful word stems, sorted: `Managing risk` = `Risk management`."""
    return " ".join(sorted({stem(w) for w in content_words(tokens(text))}))


def content_words(words: Sequence[str]) -> list[str]:
    """Words that carry meaning (for the every-word-covered guard)."""
    if isinstance(words, tuple):
        return list(_content_words(words))
    return [w for w in words if w not in STOPWORDS]


@lru_cache(maxsize=16384)
def _content_words(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in STOPWORDS)


def strip_qualifier(text: str) -> str | None:
    """The name without a trailing qualifier (`Managing & Leading People – all managers` ->
    `Managing & Leading People`), or None when there is none.

    Only used as a fallback lookup after the full name found nothing, because some names
    are built that way on purpose (`Decisions – discretion` vs `Decisions – consequences`).
    """
    if not _MAY_QUALIFY.search(text):
        return None
    normal = _DASHES.sub("-", unicodedata.normalize("NFKC", text))
    parts = _QUALIFIER_DASH.split(normal, maxsplit=1)
    base = parts[0] if len(parts) == 2 else normal
    base = _QUALIFIER_PARENS.sub("", base)
    base = base.strip()
    if not base or base == normal.strip() or not tokens(base):
        return None
    return base
