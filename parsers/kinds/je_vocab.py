"""Words and small text rules of job-evaluation forms: what a header cell says a column
holds, what a factor is called in the public schemes, how a level or a number is written.

Kept apart from the extractor so the kind score and the factor reader share one vocabulary.
Cue *words*, never a form's sentences: a header says `level`, `points`, `proposed`,
`agreed`, `claimed`, `awarded`… in whatever order and language mix a council prints them.
"""

from __future__ import annotations

import re
from enum import Enum

from roleframe.parsers.kinds.formcues import BOX_GLYPHS, not_given


class ColumnKind(Enum):
    """What a factor-table header cell names."""

    NAME = "name"  # the factor's name
    NUMBER = "number"  # `No.`, `Ref`, `Factor No` before the name
    LEVEL = "level"
    POINTS = "points"
    WEIGHT = "weight"  # a factor's weighting (`Weighting`, `%`): no level, no points
    EVIDENCE = "evidence"
    NONE = "none"


class Role(Enum):
    """Whose level a column holds: the comparator's, the proposal's or the agreed one."""

    COMPARATOR = "comparator"
    PROPOSED = "proposed"
    AGREED = "agreed"


# Header words, English and Welsh (bilingual forms print `Lefel / Level`).
_NAME = re.compile(r"\b(factors?|elements?|ffactor\w*|elfen\w*)\b", re.I)
# `Factor No` (an export's column of factor numbers) is a number, not the factor's name;
# so is `Factor code` (`F01`…, an HR system's results export, ho6_je05).
_NUMBER = re.compile(
    r"^(?:(?:factor|element|ffactor)\s+)?(no\.?|number|num|ref\.?|reference|code|#|item|rhif)$",
    re.I,
)
_LEVEL = re.compile(r"\b(levels?|lvls?|lefel\w*)\b", re.I)
# `Evaluation` / `Rating` alone head a column of evaluated levels (a Hay record's
# `Element | Evaluation | Points`); `Date of evaluation` is a field label, not a column.
_LEVEL_ALONE = re.compile(
    r"^(?:(?:final|panel|agreed|proposed|hay)\s+)?(?:evaluation|rating)$", re.I
)
_POINTS = re.compile(r"\b(points?|pts|scores?|pwynt\w*|sgôr|sgor|marks?)\b", re.I)
_WEIGHT = re.compile(r"^\W*(?:factor\s+)?weight(?:ing)?s?\b|^\W*%\W*$", re.I)
# A scoring sheet's `Raw score` beside a `Weighted score`: the weighted one is the points.
RAW_POINTS = re.compile(r"\b(raw|unweighted|base)\b", re.I)
WEIGHTED_POINTS = re.compile(r"\bweighted\b", re.I)
_EVIDENCE = re.compile(
    r"comment|evidence|justif|rational|reason|\bnotes?\b|supporting|sylw|tystiolaeth|"
    r"explanation|description",
    re.I,
)
# Whose decision a column or label holds. Strong cues say it alone (`Agreed`, `Panel`,
# `Benchmark post`); weak ones only beside a level word (`Manager's level`, `Mgr lvl`,
# `Current level`), so a matrix's `Housing Manager` column is no proposal.
_ROLE_CUES: list[tuple[Role, tuple[str, ...], tuple[str, ...]]] = [
    # the comparator first: `Factor levels (of post identified for matching)` is not agreed
    (
        Role.COMPARATOR,
        ("identified", "comparator", "bench", "cymhar"),
        ("match", "current", "existing"),
    ),
    (
        Role.AGREED,
        ("agreed", "panel", "awarded", "moderat", "cytun", "confirmed"),
        ("final", "evaluated", "evaluator", "outcome"),
    ),
    (
        Role.PROPOSED,
        ("propos", "claimed", "submitted", "arfaeth", "self-assess"),
        ("manager", "mgr", "requested", "suggested", "initial"),
    ),
]
_LEVEL_CONTEXT = re.compile(
    r"\b(levels?|lvls?|lefel\w*|points?|pts|scores?|assess\w*|rating|decision|outcome)\b"
)


def qualifier(text: str) -> str:
    """A header without its level or points word (`Previous level` and `Previous points`
    -> `previous`): what ties a points column to the level column it scores."""
    return " ".join(_POINTS.sub(" ", _LEVEL.sub(" ", text)).casefold().split())


def column_kind(text: str) -> ColumnKind:
    """What a header cell names (a bare role word like `Agreed` is a level: see ``role``)."""
    low = text.strip().lower()
    if not low:
        return ColumnKind.NONE
    if _NUMBER.fullmatch(low):
        return ColumnKind.NUMBER
    if _POINTS.search(low):
        return ColumnKind.POINTS
    if _LEVEL.search(low) or _LEVEL_ALONE.match(low):
        return ColumnKind.LEVEL
    if _WEIGHT.match(low):
        return ColumnKind.WEIGHT
    if _EVIDENCE.search(low):
        return ColumnKind.EVIDENCE
    if _NAME.search(low):
        return ColumnKind.NAME
    return ColumnKind.NONE


def _cue(low: str, cues: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(c)}", low) for c in cues)


def role(text: str, *, alone: bool = False) -> Role | None:
    """Whose level a header cell or its group names, from cue words; None when it does not
    say. ``alone``: the text is a value in a column of stages (`Manager`, `Panel`), where
    weak cues need no level word beside them."""
    low = text.lower()
    context = alone or bool(_LEVEL_CONTEXT.search(low))
    for which, strong, weak in _ROLE_CUES:
        if _cue(low, strong) or (context and _cue(low, weak)):
            return which
    return None


def is_level_label(text: str) -> bool:
    """A label of a factor's level, points or decision (`Level claimed`, `Points awarded`,
    `Agreed`): short, and naming a level, points, or whose decision it is."""
    low = text.strip().lower()
    if not low or len(low.split()) > 8 or re.search(r"\btotal", low):
        return False
    kind = column_kind(low)
    if kind in (ColumnKind.LEVEL, ColumnKind.POINTS):
        return True
    return kind is ColumnKind.NONE and role(low) is not None and len(low.split()) <= 3


_TOTAL = re.compile(r"(?<![a-z])(total|cyfanswm)", re.I)
_GRADE = re.compile(r"(?<![a-z])(grade|band\b|gradd)", re.I)
_NOT_THE_POSTS = re.compile(r"(?<![a-z])(comparator|benchmark|current|existing|identified)", re.I)


def result_label(text: str) -> str | None:
    """`total` or `grade` for a label of the form's result (`Total points`, `Resulting
    grade`, `Band`); a comparator's or the current grade is not the result."""
    if _TOTAL.search(text):
        return "total"
    if _GRADE.search(text) and not _NOT_THE_POSTS.search(text):
        return "grade"
    return None


def is_evidence_label(text: str) -> bool:
    low = text.strip().lower()
    return bool(low) and len(low.split()) <= 5 and bool(_EVIDENCE.search(low))


# ---------------------------------------------------------------- levels as written

# Letter levels (Hay-like schemes grade A–H, some to J); a footnote star may follow.
_LETTER = re.compile(r"^(?:level\s+)?([A-J])\s*[*†+\-]?$")
_NUMBER_IN = re.compile(r"\d+")
CHECKED_MARKS = frozenset("☒☑✓✔✗✘■●xX") | {g for g, on in BOX_GLYPHS.items() if on}
UNCHECKED_MARKS = frozenset(g for g, on in BOX_GLYPHS.items() if not on)


def level_number(text: str) -> int | None:
    """The whole number a level or points cell holds (`5*` -> 5, `Level 4` -> 4)."""
    if not_given(text):
        return None
    m = _NUMBER_IN.search(text)
    return int(m.group()) if m else None


# Hay guide-chart evaluations: a letter with roman numerals, digits, a closing letter or a
# percentage (`F III 3`, `F4 (50%)`, `F4P`, `E2+`): one code, whose digits are no level.
_HAY = re.compile(
    r"^[A-J][+-]?(?:\s*(?:[IVX]{1,4}|\d)[+-]?)+\s*[A-Z]?[+-]?\s*(?:\(\s*\d{1,3}\s*%\s*\))?$"
)


def hay_code(text: str) -> str | None:
    """A composite Hay-style evaluation as written (`F III 3`), else None."""
    t = " ".join(text.split())
    return t if _HAY.match(t) else None


# A level written as a Roman numeral (GLPC factor plans print `IV`): more than one numeral,
# or `V` / `X`, which no letter scale uses (`I` alone stays a letter: see ``roman_alone``).
_ROMAN = re.compile(r"^(?:level\s+)?(VIII|VII|VI|IV|IX|III|II|V|X|I)\s*[*†]?$", re.I)
_ROMAN_VALUE = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_ROMAN_VALUE |= {"IX": 9, "X": 10}


def roman_level(text: str, *, alone: bool = False) -> int | None:
    """The level a Roman numeral cell holds (`IV` -> 4, `Level VI` -> 6); a lone `I` only
    when ``alone`` (the form's other levels are Roman, so it is no letter grade)."""
    m = _ROMAN.match(text.strip())
    if m is None or not m.group(1).isupper():
        return None
    numeral = m.group(1)
    if numeral == "I" and not alone:
        return None
    return _ROMAN_VALUE[numeral]


# A level written as a word (`Level Four`, `three`; ho4_je06).
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_WORD_LEVEL = re.compile(r"^(?:level\s+)?([a-z]+)\s*[*†]?$", re.I)


def word_level(text: str) -> int | None:
    """The level a number word gives (`Level Four` -> 4), else None."""
    m = _WORD_LEVEL.match(text.strip())
    return _NUMBER_WORDS.get(m.group(1).casefold()) if m else None


# A level and its points in one cell or line (`Level 5; 121 points`, `4 (56 pts)`,
# `Level 3 / 39 points`; ho4_je07).
LEVEL_AND_POINTS = re.compile(
    r"^(?:level\s+)?(?P<level>[A-Z]{1,4}|\d{1,2}|[a-z]+)\s*(?:[;,/–—-]|\()\s*"
    r"(?P<points>\d{1,4})\s*(?:points|pts|marks)\.?\s*\)?\.?$",
    re.I,
)


def level_code(text: str) -> str | None:
    """A level written as a letter (`F`, `Level C`, `E*`) or a composite Hay-style code
    (`F III 3`, kept as written); None for anything else."""
    m = _LETTER.match(text.strip())
    return m.group(1) if m else hay_code(text)


def is_short_value(text: str) -> bool:
    """A cell that can hold a level or points: empty, a number, a letter, a mark or a
    placeholder — never a sentence."""
    t = text.strip()
    if not t or not_given(t):
        return True
    if t in CHECKED_MARKS or t in UNCHECKED_MARKS:
        return True
    if level_code(t) is not None or roman_level(t) is not None or word_level(t) is not None:
        return True
    return len(t) <= 12 and bool(_NUMBER_IN.search(t)) and len(t.split()) <= 3


def is_choice_label(text: str) -> bool:
    """A header cell of a tick-one-level column: a bare level number or letter."""
    t = text.strip()
    return bool(re.fullmatch(r"\d{1,2}|[A-J]", t))


# ---------------------------------------------------------------- factor names

# `Factor 3:`, `Factor 3 –`, `3.`, `3)`, `F3`, `(3)` before a factor name.
_NUMBERING = re.compile(
    r"^\s*(?:(?:factor|ffactor|element)\s*(\d{1,2})[a-z]?\s*[:.\-–—)]?"
    r"|\(?(\d{1,2})[.)]\s*|f(\d{1,2})\s*[:.\-–—]|(\d{1,2})\s*[:\-–—]\s+)\s*",
    re.I,
)
# Lettered factors (`A. Knowledge`, `(b) Mental skills`): the letter is numbering, but no
# number is written.
_LETTERING = re.compile(r"^\s*(?:[A-Z][.)]|\([a-zA-Z]\))\s+(?=\S)")


# A footnote marker after a name (`Emotional Demands²`, `Knowledge*`) is not part of it.
_FOOTNOTE = re.compile(r"\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*+|†|‡|§)$")


def split_numbering(name: str) -> tuple[str, int | None]:
    """A factor name without its numbering prefix or footnote marker, and its number (None
    when unnumbered)."""
    text = _FOOTNOTE.sub("", name).strip() or name.strip()
    lettered = _LETTERING.match(text)
    if lettered is not None:
        return text[lettered.end() :].strip(), None
    m = _NUMBERING.match(text)
    if m is None or not text[m.end() :].strip():
        return text, None
    number = next(int(g) for g in m.groups() if g is not None)
    return text[m.end() :].strip(), number


def fold(name: str) -> str:
    """Compare key of a factor name: case, `&`/`and`, spacing and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", "", name.casefold().replace("&", "and"))


_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "for",
        "to",
        "by",
        "in",
        "on",
        "with",
        "within",
        "their",
        "its",
        "job",
        "jobs",
        "post",
        "role",
        "required",
        "responsibility",
        "responsibilities",
    ]
)


def content_words(name: str) -> frozenset[str]:
    """The words that carry a factor name, each cut to a 6-letter stem (`Supervising` and
    `Supervision` agree): what a short form shares with the long official name."""
    words = re.findall(r"[a-z]+", name.casefold().replace("&", " and "))
    return frozenset(w[:6] for w in words if w not in _STOP and len(w) > 1)


def short_form_of(short: str, long: str) -> bool:
    """`Knowledge` is a short form of `Knowledge and Skills Required by the Job`: every
    word that carries the short name is in the long one."""
    s, lg = content_words(short), content_words(long)
    return bool(s) and s <= lg


# Factor names of public job-evaluation schemes (NJC, GLPC, Hay and their local variants):
# the kind score counts how many names a document shares with them. Patterns over the
# folded words, so `Interpersonal & Communication Skills` and `interpersonal and
# communication skills` both count.
_SCHEME_FACTORS = [
    r"knowledge( and skills?)?",
    r"mental skills?",
    r"(interpersonal|communication)\b.*\bskills?",
    r"physical skills?",
    r"initiative( and independence)?",
    r"([a-z]+ )*(demands?|effort)",
    r"responsibility for [a-z ]+",
    r"working (conditions|environment)",
    r"supervision\b.*",
    r"management of people",
    r"creativity( and innovation)?",
    r"contacts?( and [a-z ]+)?",
    r"communications?( and [a-z ]+)?",
    r"decisions?\b.*\b(discretion|consequences?)",
    r"(discretion|consequences?)",
    r"resources",
    r"([a-z]+ )?know ?how",
    r"problem solving",
    r"accountability",
    r"freedom to act",
    r"(area|nature|magnitude) of impact",
    r"thinking[a-z ]*",
    r"human relations( skills?)?",
]
_JOB_TAIL = re.compile(r"\b(?:required )?(?:by|of|in|for) the (?:job|post|role)$")
_SCHEME_RE = re.compile(rf"^(?:{'|'.join(_SCHEME_FACTORS)})$")


def is_scheme_factor(name: str) -> bool:
    """Whether a name is (a short or long form of) a factor of a public JE scheme."""
    text, _ = split_numbering(name)
    words = " ".join(re.findall(r"[a-z]+", text.casefold().replace("&", " and ")))
    words = _JOB_TAIL.sub("", words).strip()
    return len(words.split()) <= 9 and bool(_SCHEME_RE.match(words))
