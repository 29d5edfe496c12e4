"""Held-out documents measured but not yet read (temporary, emptied by the fix that reads
them): their kind tests are strict xfails, so the measurement can be committed green."""

from __future__ import annotations

PENDING: frozenset[str] = frozenset(
    {
        "ho3_cf02_competencies_as_columns.docx",
        "ho3_cf02_competencies_as_columns.pdf",
        "ho3_cf03_political_leadership.docx",
        "ho3_cf03_political_leadership.pdf",
        "ho3_cf04_sheet_per_cluster_rows.xlsx",
        "nm02_recruitment_policy.docx",
        "nm02_recruitment_policy.pdf",
    }
)

# competency-framework stems whose PDF export does not yet read as its Word file does
PENDING_PDF_STEMS: frozenset[str] = frozenset(
    {
        "ho3_cf02_competencies_as_columns",
        "ho3_cf03_political_leadership",
        "ho3_cf05_numbered_indicators",
        "ho3_cf06_two_column_pages",
    }
)
