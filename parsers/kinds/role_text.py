"""Role-profile statements as written: numbering typed by hand, lead-in lines.

Word numbers a list itself (the reader strips it into ``bullet``), but many job
descriptions type the numbers (`7.1<tab>Assess claims`, `(a) Deal with …`, `1. Prepare
agendas`), and a PDF reader sees a typed number like any other. The number is a
reference, not the duty's text: ``statement`` strips it and marks the statement as a list
item, as the Word reader does for its own numbering. A number only counts when a capital
letter follows it, so `3 years' experience` or `1.5 days` stay as they are.

A lead-in line (`As a Housing Strategy Officer you will:`) over a list says what the list
is; ``duties_lead_in`` tells the lines that introduce duties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from roleframe.parsers.kinds.formcues import statement as plain_statement
from roleframe.parsers.layout import Paragraph
from roleframe.schema.role_profile import Statement

# `7.1`, `7.1.`, `1.`, `1)`, `(1)`, `a)`, `(a)`, `iv)`, `(iv)` then a space and a capital
TYPED_NUMBER = re.compile(
    r"^(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})+\.?)\s+"
    r"(?=[A-Z\"“‘'(])"
)


def strip_number(text: str) -> str:
    """`7.1 Assess claims` -> `Assess claims`; text without a typed number as it is."""
    m = TYPED_NUMBER.match(text)
    return text[m.end() :] if m else text


def statement(p: Paragraph) -> Statement:
    """A paragraph as a statement, a number typed before it taken off (a list item)."""
    s = plain_statement(p)
    bare = strip_number(s.text)
    if bare == s.text or p.is_list_item:
        return s if bare == s.text else s.model_copy(update={"text": bare})
    return s.model_copy(update={"text": bare, "bulleted": True, "list_level": 0})


_SEQUENCE = re.compile(r"^\d{1,4}\.?$")


def statements(paragraphs: Iterable[Paragraph]) -> list[Statement]:
    """Non-empty paragraphs as statements (see ``statement``). A bare number on its own
    line above text (an HR system's sequence number `010` over its criterion, ho6_rp01)
    is a reference, not a statement; a cell holding only a number keeps it."""
    out = [statement(p) for p in paragraphs if p.text]
    if any(not _SEQUENCE.match(s.text) for s in out):
        out = [s for s in out if not _SEQUENCE.match(s.text)]
    return out


_DUTIES_LEAD_IN = re.compile(
    r"\byou(?:'ll|’ll| will)(?! (?:need|have|bring|be assessed))\b|\bpost ?holder will\b|"
    r"\bwill be (?:responsible|expected|accountable)\b|\bresponsibilities (?:include|are)\b|"
    r"\bduties (?:include|are|will)\b|\b(?:role|job|post) (?:involves|includes)\b",
    re.IGNORECASE,
)


def duties_lead_in(text: str) -> bool:
    """`As a Housing Strategy Officer you will:` — a line introducing a list of duties
    (not `You will need:`, which introduces requirements)."""
    return text.rstrip().endswith(":") and bool(_DUTIES_LEAD_IN.search(text))
