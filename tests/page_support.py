"""A builder for the page-worker batch test, loaded by name inside the worker processes.

It builds the real document and refuses (a failed row the test sees) unless the batch gave
this file page workers and the PDF reader really took the parallel path in this process.
"""

from __future__ import annotations

from roleframe.ingest.build import build_document
from roleframe.parsers import pdf_pages
from roleframe.parsers.limits import Limits
from roleframe.schema import DocumentKind
from roleframe.schema.document import Document

BUILDER = "page_support:build_in_page_workers"


def build_in_page_workers(
    data: bytes, filename: str, kind: DocumentKind | None, limits: Limits
) -> Document:
    before = pdf_pages.parallel_reads
    document = build_document(data, filename, kind, limits)
    if limits.pdf_page_workers < 2 or pdf_pages.parallel_reads != before + 1:
        raise RuntimeError(f"serial read: pdf_page_workers={limits.pdf_page_workers}")
    return document
