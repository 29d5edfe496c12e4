"""What a role-profile label names: a section, a detail field, a requirement flag.

Labels are matched by cue words (English and Welsh, since Welsh councils print both),
never by one form's exact wording. ``inline_pairs`` reads `Label: value` details written
on one line, several to a line (`Post: Benefits Officer   Grade: Scale 6`).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from roleframe.schema.role_profile import Requirement

# label cue -> slot; first match wins, so specific cues come before general ones
SECTION_CUES: list[tuple[str, tuple[str, ...]]] = [
    (
        "person_spec",
        (
            "person spec",
            "selection criteria",
            # adverts and role cards (ho3_rp02): what the candidate brings
            "what you'll bring",
            "what you will bring",
            "what we're looking for",
            "what we are looking for",
            # civil-service adverts: the behaviours, experience and skills assessed
            "success profile",
            "manyleb y person",
            "manyleb person",
        ),
    ),
    (
        "purpose",
        (
            "purpose",
            "job summary",
            "role summary",
            "summary of the role",
            "summary of the post",
            "overview of the role",
            "role overview",
            "job overview",
            "about the role",
            "about the job",
            "about the post",
            "about this role",
            "about this job",
            "why the role exists",
            "why this role exists",
            "why the job exists",
            "why this job exists",
            "post exists",  # `Why the post exists` (ho5_rp03)
            # `What this job is for` (ho7_rp02): the question a plain-English profile asks
            "job is for",
            "role is for",
            "post is for",
            "position exists",
            "why the role matters",
            "why this role matters",
            "the role in brief",
            "diben",
            "pwrpas",
        ),
    ),
    ("nature_of_contacts", ("contacts", "relationships", "working relationships")),
    ("procedural_context", ("procedural", "context", "decision making", "autonomy")),
    ("dimensions", ("key facts", "facts and figures", "dimensions", "key statistics")),
    ("qualifications", ("qualification", "cymwysterau")),
    ("knowledge_skills_experience", ("knowledge", "skills", "experience", "gwybodaeth")),
    ("requirements", ("resourcing", "requirements of the post", "requirements of the role")),
    (
        "accountabilities",
        (
            "accountab",
            "duties",
            "responsibilities",
            "key tasks",
            "key result",
            "main tasks",
            "principal tasks",
            "key activities",
            "what you will do",
            "what you'll do",
            "what you will be doing",
            "what you'll be doing",
            "what the role involves",
            "what the job involves",
            "what you'll be responsible for",
            "what you will be responsible for",
            # the national school support staff profiles' duty headings (ho3_rp03)
            "support for pupils",
            "support for the pupil",
            "support for the teacher",
            "support for the curriculum",
            "support for the school",
            "dyletswyddau",
            "cyfrifoldebau",
        ),
    ),
]
FIELD_CUES: list[tuple[str, tuple[str, ...]]] = [
    (
        "reports_to",
        (
            "reports to",
            "reporting to",
            "responsible to",
            "accountable to",
            "line manager",
            "reporting line",
            "reports into",
            "managed by",
            "reporting manager",
            "yn atebol i",
            "adrodd i",
        ),
    ),
    (
        "responsible_for",
        (
            "responsible for",
            "direct reports",
            "manages",
            "supervises",
            "staff managed",
            "line management",
            "supervisory responsib",
            "yn gyfrifol am",
        ),
    ),
    ("job_family", ("job family", "family")),
    ("competency_level", ("competency level", "competence level")),
    (
        "title",
        (
            "role title",
            "job title",
            "post title",
            "title of post",
            "job role",
            "title",
            "designation",
            "teitl",
        ),
    ),
    ("pay_scale", ("pay", "salary", "grade", "band", "scale", "scp", "gradd", "cyflog")),
]
_FIELD_PATTERNS = [
    (key, re.compile("|".join(rf"(?<![a-z]){re.escape(c)}" for c in cues)))
    for key, cues in FIELD_CUES
]
# a label that is only the word for the post names its title (`Post: Benefits Officer`)
EXACT_FIELDS = {
    "post": "title",
    "role": "title",
    "job": "title",
    "position": "title",
    # `Manager: Head of Communities` beside `Role:` (ho6_rp08): the post's manager
    "manager": "reports_to",
}
# words that open a two-word label (`Job title`, `Pay band`, `Line manager`): an inline
# label after a value is extended over them (`… Officer Job title:` -> `Job title`)
_LABEL_LEADS = frozenset(
    {"job", "post", "role", "pay", "line", "salary", "direct", "reports", "reporting", "yn"}
)


def section_key(label: str) -> str | None:
    low = label.lower()
    for key, cues in SECTION_CUES:
        if any(c in low for c in cues):
            return key
    return _misspelt_section(low) if len(low.split()) <= _MAX_LABEL_WORDS else None


# one-word cues long enough that a typo cannot turn another word into them
_LONG_CUES = [
    (key, cue) for key, cues in SECTION_CUES for cue in cues if " " not in cue and len(cue) >= 8
]


def _misspelt_section(low: str) -> str | None:
    """A short label whose long word is one of the cue words with a typo (`Key
    Responsibilites`, ho3_rp07): one edit in a word of up to ten letters, two beyond. A
    cue that is a word start (`accountab`) is compared with the word's start."""
    for word in re.findall(r"[a-z]{8,}", low):
        for key, cue in _LONG_CUES:
            target = word[: len(cue) + 1] if len(word) > len(cue) + 1 else word
            allowed = 1 if len(cue) <= 10 else 2
            if abs(len(target) - len(cue)) <= allowed and (
                Levenshtein.distance(target, cue, score_cutoff=allowed) <= allowed
            ):
                return key
    return None


def field_key(label: str) -> str | None:
    """The detail field a label names; cues match from a word start (`Grade`, `Pay band`,
    never the `scale` of `Timescales`)."""
    low = label.lower().strip(" :;")
    if low in EXACT_FIELDS:
        return EXACT_FIELDS[low]
    for key, pattern in _FIELD_PATTERNS:
        if pattern.search(low):
            return key
    return None


def requirement_flag(label: str) -> Requirement | None:
    """`Essential criteria` -> essential; a label naming both (or neither) -> None."""
    low = label.lower()
    essential = "essential" in low or "hanfodol" in low or "must have" in low
    desirable = "desirable" in low or "dymunol" in low or "nice to have" in low
    if essential and not desirable:
        return "essential"
    if desirable and not essential:
        return "desirable"
    return None


_MAX_LABEL_WORDS = 5
# a bar or middle dot between `Label: value` pairs (a web page's `Grade: SO2 | Team: …`)
_PAIR_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def inline_pairs(text: str) -> list[tuple[str, str]] | None:
    """`Post: X   Grade: Y` -> [(`Post`, `X`), (`Grade`, `Y`)] when every label (the text
    before the first colon, then the last words before each later colon) names a detail
    field; None otherwise. A later colon whose words name no field stays in the value
    (`Reports to: Head of Service: Housing`). Pairs parted by a bar or a middle dot
    (`Grade: SO2 | Team: Digital | Reports to: …`, ho3_rp05) are each a pair, whatever
    their labels, when one of them names a field."""
    segments = _PAIR_SEPARATOR.split(text)
    if len(segments) > 1:
        return _separated_pairs(segments)
    parts = text.split(":")
    if len(parts) < 2:
        return None
    first = parts[0].strip()
    words = [w for w in first.split() if w != "/"]  # `Teitl y Swydd / Job Title` (ho_rp10)
    if not first or len(words) > _MAX_LABEL_WORDS or field_key(first) is None:
        return None
    pairs: list[tuple[str, str]] = []
    label = first
    value_parts: list[str] = []
    for chunk in parts[1:-1]:
        words = chunk.split()
        cut = _label_suffix(words)
        if cut is None or cut == 0:
            value_parts.append(chunk)
            continue
        value_parts.append(" ".join(words[:cut]))
        pairs.append((label, ":".join(value_parts).strip()))
        label, value_parts = " ".join(words[cut:]), []
    value_parts.append(parts[-1])
    pairs.append((label, ":".join(value_parts).strip()))
    return pairs if all(v for _, v in pairs) else None


def _separated_pairs(segments: list[str]) -> list[tuple[str, str]] | None:
    pairs: list[tuple[str, str]] = []
    for segment in segments:
        label, colon, value = segment.partition(":")
        if not colon or not value.strip() or len(label.split()) > _MAX_LABEL_WORDS:
            return None
        pairs.append((label.strip(), value.strip()))
    return pairs if any(field_key(label) for label, _ in pairs) else None


def _label_suffix(words: list[str]) -> int | None:
    """Index where a trailing label starts in ``words``: the shortest tail naming a field,
    extended over label-opening words (`Job` of `Job title`)."""
    for n in range(1, min(_MAX_LABEL_WORDS, len(words) - 1) + 1):
        tail = " ".join(words[-n:])
        if field_key(tail) is not None and words[-n][:1].isupper():
            cut = len(words) - n
            while cut > 1 and words[cut - 1].lower() in _LABEL_LEADS:
                cut -= 1
            return cut
    return None


# assessment-method codes: `A = Application form`, `I – Interview`, `T: Test`; a meaning
# ends at punctuation, the end, or the next code when entries are only spaced apart
# (`A – Application form   I – Interview`, ho5_rp03)
_KEY = re.compile(
    r"\b([A-Z]{1,3})\s*[=:–-]\s*([A-Za-z](?:[A-Za-z ]*?[A-Za-z])?)"
    r"(?=\s*(?:[^A-Za-z\s]|$)|\s+[A-Z]{1,3}\s*[=:–-])"
)
# ... or the meaning first with the code in brackets: `Application form (AF)`
_KEY_BRACKETED = re.compile(r"([A-Za-z][A-Za-z ]*?[A-Za-z])\s*\(([A-Z]{1,3})\)")


def assessment_key(text: str) -> dict[str, str]:
    """Codes a key line defines (`Key: A = Application form, I = Interview`,
    `Application form (AF), Interview (I)`).

    A line with `=` is a key; a line of dashes, colons or bracketed codes only when two or
    more codes fill most of it (`A – Application; I – Interview`), so a sentence such as
    `IT – systems` or `the Council (TC)` defines nothing.
    """
    for pattern, code, meaning in ((_KEY, 1, 2), (_KEY_BRACKETED, 2, 1)):
        found = list(pattern.finditer(text))
        if not found:
            continue
        if "=" not in text or pattern is _KEY_BRACKETED:
            # measured without spaces, so wide gaps between entries do not count against it
            covered = sum(len("".join(m.group().split())) for m in found)
            if len(found) < 2 or covered < 0.7 * len("".join(text.split())):
                continue
        return {m.group(code): _drop_key_word(m.group(meaning)).lower() for m in found}
    return {}


def _drop_key_word(meaning: str) -> str:
    """`Key Application form` -> `Application form` (a key line's own heading word)."""
    return re.sub(r"^(?:key|assessment|assessed by|method)\b\s*", "", meaning.strip(), flags=re.I)


_CODE = re.compile(r"^[A-Z]{1,3}$")
_MEANING = re.compile(r"^[A-Za-z][A-Za-z /&-]{1,40}$")


def assessment_key_rows(rows: list[list[str]]) -> dict[str, str]:
    """A key written as a small table: `A | Application form`, `I | Interview` (a header
    row such as `Code | Method` aside). Every other row must be a code beside its meaning."""
    pairs = [
        (row[0], row[1])
        for row in rows
        if len(row) == 2 and _CODE.match(row[0]) and _MEANING.match(row[1])
    ]
    if len(pairs) < 2 or len(pairs) < len(rows) - 1:
        return {}
    return {code: meaning.strip().lower() for code, meaning in pairs}


# what a role profile calls itself (a cue for the kind, and the document's own heading)
DOC_NAMES = (
    "role profile",
    "job description",
    "job profile",
    "person specification",
    "job specification",
    "disgrifiad swydd",
    "proffil rôl",
    "manyleb y person",
)


def names_the_document(text: str) -> bool:
    """`Job Description and Person Specification`: a heading naming two document kinds
    names the document itself, not its person-specification section."""
    low = text.lower()
    return sum(name in low for name in DOC_NAMES) >= 2


# assessment methods a person specification ticks in columns of their own
_METHODS = re.compile(
    r"^(?:application(?: form)?|interview|(?:written |skills |practical )?tests?|"
    r"presentation|assessment cent(?:re|er)|shortlisting|references?|certificates?|"
    r"(?:written )?exercise|portfolio|cais|cyfweliad|prawf)$",
    re.IGNORECASE,
)


def method_header(text: str) -> str | None:
    """`Application`, `Interview`, `Test`: a header cell naming one assessment method (a
    column ticked per criterion), lower-cased; None for any other header."""
    t = " ".join(text.split()).rstrip(" :")
    if _METHODS.match(t):
        return t.lower()
    # a header word broken inside a narrow column (`APPLICATIO N` in ho6_rp04's PDF)
    joined = t.replace(" ", "")
    return joined.lower() if " " in t and _METHODS.match(joined) else None
