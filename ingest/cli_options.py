"""The pipeline options `roleframe ingest` and `roleframe load` share, declared once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from roleframe.ingest.batch import IngestOptions
from roleframe.ingest.build import Naming
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.parsers.pdf_source import ENGINES
from roleframe.schema import DocumentKind
from roleframe.schema.report import ReportRow

F = TypeVar("F", bound=Callable[..., Any])

PIPELINE_OPTIONS = [
    click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("output"),
        show_default=True,
        help="Folder for the JSON documents and report.json.",
    ),
    click.option(
        "--kind",
        type=click.Choice([k.value for k in DocumentKind]),
        help="Force the document kind instead of detecting it from content cues.",
    ),
    click.option(
        "--jobs",
        type=click.IntRange(1, 64),
        default=1,
        show_default=True,
        help="Parse files in this many worker processes (spare ones read page ranges of "
        "large PDFs).",
    ),
    click.option("--force", is_flag=True, help="Re-parse inputs unchanged since the last run."),
    click.option(
        "--redact-personal",
        is_flag=True,
        help="Empty every field marked as personal data (staff names).",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=1),
        default=DEFAULT_LIMITS.timeout_seconds,
        show_default=True,
        help="Wall-clock limit per file, in seconds.",
    ),
    click.option(
        "--canon",
        type=click.Path(exists=True, dir_okay=False),
        help="Canonical registry JSON to match names against (default: the shipped one).",
    ),
    click.option(
        "--decisions",
        type=click.Path(dir_okay=False),
        help="Review decisions file (default: beside the registry, CANON.decisions.json).",
    ),
    click.option(
        "--je-scores",
        type=click.Path(exists=True, dir_okay=False),
        help="Your JE scoring table (JSON/CSV: factor, level -> points; grade bands).",
    ),
    click.option(
        "--pdf-engine",
        type=click.Choice(list(ENGINES)),
        default=DEFAULT_LIMITS.pdf_engine,
        show_default=True,
        help="Library that reads PDF pages: pdfium (fast) or pdfplumber (pdfminer, the "
        "reference); the output is the same.",
    ),
    click.option(
        "--trust-content",
        is_flag=True,
        help="Read a file whose content is another format than its extension says (an .xlsx "
        "named .docx) by its content, instead of refusing it as format_mismatch.",
    ),
    click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout."),
    click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
    click.option("-v", "--verbose", is_flag=True, help="Print one line per input."),
    click.option("--debug", is_flag=True, help="Let exceptions through with their traceback."),
]


def pipeline_options(command: F) -> F:
    """Decorate a command with the shared pipeline options (in the order `--help` shows)."""
    for option in reversed(PIPELINE_OPTIONS):
        command = option(command)
    return command


def ingest_options(
    output: Path,
    kind: str | None,
    jobs: int,
    force: bool,
    redact_personal: bool,
    timeout: float,
    canon: str | None,
    decisions: str | None,
    je_scores: str | None,
    trust_content: bool,
    debug: bool,
    on_result: Callable[[ReportRow], None] | None,
    *,
    pdf_engine: str = DEFAULT_LIMITS.pdf_engine,
) -> IngestOptions:
    return IngestOptions(
        output=output,
        kind=DocumentKind(kind) if kind else None,
        jobs=jobs,
        force=force,
        debug=debug,
        redact_personal=redact_personal,
        limits=dataclasses.replace(DEFAULT_LIMITS, timeout_seconds=timeout, pdf_engine=pdf_engine),
        naming=Naming(canon=canon, decisions=decisions, je_scores=je_scores),
        trust_content=trust_content,
        on_result=on_result,
    )
