"""Bounds on what a reader may consume; every limit is configurable and named in errors."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    max_page_chars: int = 200_000
    max_rows: int = 100_000  # per sheet / text table
    max_cols: int = 1_000
    max_zip_members: int = 10_000
    max_zip_uncompressed: int = 500 * 1024 * 1024
    max_zip_ratio: float = 200.0  # per member: uncompressed / compressed
    max_pdf_inflated: int = 256 * 1024 * 1024  # a PDF's non-image Flate streams, inflated
    timeout_seconds: float = 120.0
    max_memory_mb: int = 2048
    # Page ranges of one PDF read in this many processes (``parsers.pdf_pages``); only for
    # PDFs of at least ``pdf_parallel_min_pages`` pages, where process start-up pays off.
    # They change speed, never output.
    pdf_page_workers: int = 1
    pdf_parallel_min_pages: int = 16
    # Which library reads a PDF's pages (``parsers.pdf_source.ENGINES``): "pdfium" (fast,
    # the default) or "pdfplumber" (pdfminer, the reference). Same output either way.
    pdf_engine: str = "pdfium"


DEFAULT_LIMITS = Limits()
