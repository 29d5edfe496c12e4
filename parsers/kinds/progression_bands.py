"""Band labels of progression frameworks: what a band header, heading or row label says.

A band is a progression step within a role. Councils label it many ways, and the label can
carry the grade the band is paid at:

- a band word and a token, a name, a grade: `Level A (Developing)`, `Band 2 – Experienced`,
  `Stage 2 – Practitioner (Grade 8)`, `Band 1: Entry (Scale 4)`, `Stage III`;
- a step word alone or with a grade: `Trainee`, `Qualified`, `Senior Practitioner`,
  `Entry (Grade 8)` (also printed as two lines, `Entry` over `(Grade 8)`);
- a bare number under a `Band` / `Level` / `Stage` header cell (`1`, `2`, `3`, `4`);
- bilingual labels, one language on each side of a slash: `Stage 1 / Cam 1`.

The label is kept as written (lines joined by a space); the key is the token (`2`, `A`) or
the step name (`Trainee`), the grade is the bracketed grade where one is printed. A step
word followed by a requirement noun (`Entry criteria`, `Senior requirements`) is a category
label, not a band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roleframe.parsers.kinds.framework_common import STEP_WORDS, cell_paragraphs, word_count
from roleframe.parsers.kinds.progression_grades import is_grade
from roleframe.parsers.layout import Cell
from roleframe.parsers.text import clean

# Band words in English and Welsh (`Cam` = step, `Lefel` = level, `Gradd` = grade).
_BAND_WORD = r"level|band|grade|stage|tier|step|phase|cam|lefel|gradd"
_TOKEN = r"[A-Z]|\d{1,2}|[IVX]{1,4}|one|two|three|four|five|six"
_GRADE_BAND_WORDS = {"grade", "gradd"}
# `Stage 2 – Practitioner (Grade 8)`, `Band A (Grades 3–4): Entry level`, `Progression
# Stage 1: Assistant`; a bracket before or after the name.
_WORD_LABEL = re.compile(
    rf"^(?:(?:career|progression|pay|development)\s+)?(?P<word>{_BAND_WORD})\s+"
    rf"(?P<tok>{_TOKEN})\b"
    r"(?:\s*\((?P<paren1>[^()]+)\))?"
    r"(?:\s*[:.–—-]\s*(?P<dname>[^()]+?))?"
    r"(?:\s*\((?P<paren>[^()]+)\))?\s*$",
    re.IGNORECASE,
)
# Typed outline numbers before a heading (`2.1 Stage 1 – Trainee`): not part of the band.
_OUTLINE = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+|^\d{1,2}[.)]\s+(?=\D)")
# Step names councils use for bands that STEP_WORDS (shared with competency levels) lacks.
_MORE_STEPS = re.compile(
    r"^(qualified|principal|assistant|associate|consultant|skilled|novice|newly\s+qualified|"
    r"fully\s+competent|emerging|beginner|graduate|probation(?:er|ary))\b",
    re.IGNORECASE,
)
# A step word heading a requirement noun is a label of criteria (ho_pf01 `Entry criteria`).
_CRITERIA_NOUN = re.compile(
    r"\b(?:criteria|criterion|requirements?|expectations?|standards?|evidence|knowledge|"
    r"skills?|experience|qualifications?|routes?|checks?|information|guidance)\W*$",
    re.IGNORECASE,
)
_STEP_LABEL = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<paren>[^()]+)\))?\s*$")
_BARE_NUMBER = re.compile(r"^(?P<tok>\d{1,2}|[IVX]{1,4})\.?$")
_MAX_STEP_WORDS = 3
_MAX_JOB_WORDS = 4  # `Principal Planning Officer`, `Senior Environmental Health Officer`
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


@dataclass(frozen=True)
class BandLabel:
    """A band label read: key, descriptive name, grade, and the label as written."""

    key: str
    name: str | None
    grade: str | None
    label: str
    worded: bool  # a band word with a token (`Stage 2`), the strongest cue


def _paren(paren: str | None) -> tuple[str | None, str | None]:
    """A bracket after a band label: (name, grade) — `(Grade 8)` is a grade, `(Developing)`
    a name."""
    if not paren:
        return None, None
    paren = paren.strip()
    return (None, paren) if is_grade(paren) else (paren, None)


def _one(written: str, bare_number: bool) -> BandLabel | None:
    """One label (one side of a bilingual one); the label keeps the text as written."""
    text = _OUTLINE.sub("", written) if not bare_number else written
    m = _WORD_LABEL.match(text)
    if m:
        tok = m.group("tok")
        if tok.isalpha() and len(tok) > 1 and tok.upper() not in _ROMAN:
            tok = tok.capitalize()  # `Stage Two`
        elif tok.isalpha():
            tok = tok.upper()
        name, grade = _paren(m.group("paren"))
        first_name, first_grade = _paren(m.group("paren1"))
        name, grade = name or first_name, grade or first_grade
        dname = (m.group("dname") or "").strip() or None
        if dname and is_grade(dname) and grade is None:
            dname, grade = None, dname  # `Band 3 – SO1`
        if grade is None and m.group("word").casefold() in _GRADE_BAND_WORDS:
            # `Grade 6` across the header: the band is a grade.
            grade = text[m.start("word") : m.end("tok")]
        return BandLabel(tok, dname or name, grade, written, worded=True)
    if bare_number:
        m = _BARE_NUMBER.match(text)
        if m:
            return BandLabel(m.group("tok"), None, None, written, worded=False)
    m = _STEP_LABEL.match(text)
    if m and (STEP_WORDS.match(text) or _MORE_STEPS.match(text)):
        step = m.group("name").strip()
        if word_count(step) > _MAX_STEP_WORDS or step.endswith((".", ":")):
            return None
        if _CRITERIA_NOUN.search(step):
            return None
        name, grade = _paren(m.group("paren"))
        if name is not None:
            # `Senior (Team Leader)`: the bracket qualifies the step, the key keeps both.
            return BandLabel(text, name, None, written, worded=False)
        return BandLabel(step, None, grade, written, worded=False)
    return None


def parse_band_label(text: str, *, bare_number: bool = False) -> BandLabel | None:
    """A band label -> its parts, or None. ``bare_number`` accepts `1`, `2` … (only where a
    `Band`/`Level` header says the column holds bands)."""
    text = clean(text)
    if not text or len(text) > 80:
        return None
    found = _one(text, bare_number)
    if found is not None and not (found.name and " / " in found.name):
        return found
    # Bilingual: `Stage 1 / Cam 1`, `Cam 1 / Stage 1`: one side names the band.
    if " / " in text:
        for side in text.split(" / "):
            part = _one(side.strip(), bare_number)
            if part is not None:
                grade = part.grade or (found.grade if found is not None else None)
                return BandLabel(part.key, part.name, grade, text, part.worded)
    return found


def graded_name(text: str) -> BandLabel | None:
    """A short job title with its pay grade, `Officer (Grade 6)` or `Planning Officer SCP
    23–28` (two lines joined): a band where a header row of them names a career grade's
    steps (ho_pf02, ho_pf11). Only for header cells: as a heading it is a role."""
    text = clean(text)
    m = _STEP_LABEL.match(text)
    if m and m.group("paren") and is_grade(m.group("paren")):
        name = m.group("name").strip()
        if 0 < word_count(name) <= _MAX_JOB_WORDS:
            return BandLabel(name, None, m.group("paren").strip(), text, worded=False)
    return None


def cell_band_label(
    cell: Cell | None, *, bare_number: bool = False, graded: bool = False
) -> BandLabel | None:
    """A header cell's band label: its lines joined (`Entry` + `(Grade 8)`), at most three;
    or a first line that is the label with a name and a grade on the lines under it
    (`Stage 1` / `Trainee` / `Grade 5`). ``graded`` (header rows): a job title with its
    grade, in brackets or on the line under it, is a band too (see ``graded_name``)."""
    paras = cell_paragraphs(cell)
    if not paras or len(paras) > 3 or any(p.is_list_item for p in paras):
        return None
    joined = " ".join(p.text for p in paras)
    found = parse_band_label(joined, bare_number=bare_number)
    if found is None and graded:
        if len(paras) == 2 and is_grade(paras[1].text):
            job = paras[0].text.strip()
            if 0 < word_count(job) <= _MAX_JOB_WORDS and not is_grade(job):
                grade_written = paras[1].text.strip().strip("()").strip()
                return BandLabel(job, None, grade_written, joined, worded=False)
        if len(paras) == 1:
            found = graded_name(joined)
    if found is not None or len(paras) == 1:
        return found
    first = parse_band_label(paras[0].text, bare_number=bare_number)
    if first is None:
        return None
    name, grade = first.name, first.grade
    for p in paras[1:]:
        text = p.text.strip().strip("()").strip()
        if is_grade(text) and grade is None:
            grade = text
        elif name is None and word_count(text) <= _MAX_STEP_WORDS:
            name = text
        else:
            return None  # a sentence under the label: a description, not a band header
    return BandLabel(first.key, name, grade, joined, first.worded)


# The header word over a column of bare band numbers: a progression word only (`Level` and
# `Grade` head columns of digits in skills matrices and JE forms too).
# `Career stage`, `Progression step` (ho5_pf04, ho5_pf05) head a band column too
BAND_HEADER = re.compile(
    r"^(?:(?:career|progression|development)\s+)?(?:band|stage|step|tier|phase|cam)s?"
    r"(?:\s*/\s*\w+)?$",
    re.IGNORECASE,
)
