"""Grades in progression frameworks: the grade a role heading or a band label prints.

Councils write a post's pay grade many ways: `Range 3`, `Grade 6`, `Grades 5–7`, `Scale 4 to
SO1`, `SO1 to SO2`, `(Grade 8)` on a band label's second line. The grade is kept as written;
its number (and the upper number of a range) is read with the word it is numbered by, so
no council's word (the seed's `Range`) is baked into the schema.
"""

from __future__ import annotations

import re

from roleframe.schema.progression_framework import GradeNumber

_DASH = r"(?:\s*[-–—]\s*|\s+to\s+)"
# `Range 3`, `Grades 5–7`, `Scale 3 to Scale 5`, `Band 4 - 5`, `Grade 2–3`
_GRADE_NUMBER = re.compile(
    rf"\b(?P<label>range|grades?|bands?|scales?|spine(?:\s+points?)?|levels?|pay\s+points?)"
    rf"\s*(?P<number>\d{{1,2}})\b(?:{_DASH}(?:[a-z]+\s+)?(?P<upper>\d{{1,2}})\b)?",
    re.IGNORECASE,
)
# A pay-grade code on its own: `SO1`, `PO2`, `G7`, `NJC 12`, `AP5`.
GRADE_CODE = re.compile(r"^[A-Z]{1,4}\s?\d{1,2}[A-Z]?$")
# A grade phrase: a grade word with a number, a code, or a range of either
# (`Grade 8`, `Scales 3–5`, `SO1`, `Scale 4 to SO1`).
_GRADE_TOKEN = (
    r"(?:(?:range|grades?|bands?|scales?|spine(?:\s+points?)?|pay\s+points?)\s*\d{1,2}[A-Z]?"
    r"|(?-i:[A-Z]{1,4}\s?\d{1,2}[A-Z]?))"
)
GRADE_PHRASE = re.compile(
    rf"^{_GRADE_TOKEN}(?:{_DASH}(?:{_GRADE_TOKEN}|\d{{1,2}}))?$", re.IGNORECASE
)


def grade_number(grade: str | None) -> GradeNumber | None:
    """`Range 3` -> (Range, 3); `Grades 5–7` -> (Grades, 5, 7); `Apprentice Grade` -> None."""
    m = _GRADE_NUMBER.search(grade or "")
    if not m:
        return None
    upper = int(m.group("upper")) if m.group("upper") else None
    return GradeNumber(label=m.group("label"), number=int(m.group("number")), upper=upper)


def is_grade(text: str) -> bool:
    """Whether a short text is a pay grade (`Grade 8`, `SO1`, `Scales 3–5`), not a name."""
    return bool(GRADE_PHRASE.match(text.strip().strip("()").strip()))
