"""`roleframe export FORMAT SOURCE`: thin wrappers over :func:`.run.export` (and CASE).

Exit status: 0 everything exported, 1 some files could not be (the rest is exported) or the
database was refused, 2 usage error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from roleframe.ingest.case import NotAFramework, case_package
from roleframe.ingest.dataset.db import DatabaseRefused
from roleframe.ingest.dataset.load import normalise_when
from roleframe.ingest.export import to_json, write_atomic
from roleframe.ingest.exports.run import FORMATS, ExportOptions, ExportReport, export
from roleframe.ingest.exports.sources import read_database, read_path
from roleframe.schema.migrate import read_document

F = TypeVar("F", bound=Callable[..., Any])


@click.group("export")
def export_group() -> None:
    """Export ingested documents: JSON Lines, CSV tables, the HR workbook, one JSON dataset,
    or a competency framework as CASE."""


SOURCE_OPTIONS = [
    click.argument("source", required=False, type=click.Path(exists=True, path_type=Path)),
    click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Export the documents of the shared database (current versions) instead of SOURCE.",
    ),
    click.option(
        "--as-of",
        help="With --db: the versions valid at this date (ISO) instead of the current ones.",
    ),
    click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        help="Where to write (a file; for csv a folder, or a .zip).",
    ),
    click.option(
        "--redact-personal",
        is_flag=True,
        help="Leave out every value the schema marks as personal data (staff names).",
    ),
    click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors."),
]


def source_options(function: F) -> F:
    for option in reversed(SOURCE_OPTIONS):
        function = option(function)
    return function


def _items(source: Path | None, db: Path | None, as_of: str | None) -> Any:
    if (source is None) == (db is None):
        raise click.UsageError("give a SOURCE (an output folder or a document JSON) or --db FILE")
    if as_of is not None and db is None:
        raise click.UsageError("--as-of needs --db")
    if db is not None:
        return read_database(db, _when(as_of))
    assert source is not None
    return read_path(source)


def _when(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return normalise_when(text)
    except ValueError as exc:
        message = f"{text!r} is not an ISO date or timestamp"
        raise click.BadParameter(message, param_hint="--as-of") from exc


def _run(
    format_name: str,
    source: Path | None,
    db: Path | None,
    as_of: str | None,
    output: Path | None,
    options: ExportOptions,
    quiet: bool,
) -> None:
    fmt = FORMATS[format_name]
    items: Any = _items(source, db, as_of)
    if output is None and fmt.needs_file:
        raise click.UsageError(f"{format_name} needs -o (where to write it)")
    if output is not None and output.is_dir() and format_name != "csv":
        raise click.UsageError(f"-o {output} is a folder; {format_name} writes one file")
    try:
        report = export(format_name, items, output, options)
    except DatabaseRefused as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for failed in report.failed:
        click.echo(f"error: {failed.path}: [{failed.code}] {failed.message}", err=True)
    if not quiet:
        click.echo(_summary(report, format_name, output), err=True)
    sys.exit(1 if report.failed else 0)


def _summary(report: ExportReport, format_name: str, output: Path | None) -> str:
    lines = sum(n for t, n in report.lines.items() if t != "error")
    where = output if output is not None else "stdout"
    failed = f"; {len(report.failed)} files failed" if report.failed else ""
    return (
        f"exported {report.documents} documents ({lines} lines) as {format_name} to {where}{failed}"
    )


@export_group.command("jsonl")
@source_options
def jsonl_command(
    source: Path | None,
    db: Path | None,
    as_of: str | None,
    output: Path | None,
    redact_personal: bool,
    quiet: bool,
) -> None:
    """One entity per line (role, requirement, descriptor, statement, band statement, factor,
    name match ...), each typed and carrying its document id and provenance; stdout unless
    -o. Line types: schema/json/export_line.json."""
    _run("jsonl", source, db, as_of, output, ExportOptions(redact_personal), quiet)


@export_group.command("csv")
@source_options
@click.option("--bom", is_flag=True, help="Start each file with a UTF-8 byte-order mark (Excel).")
@click.option(
    "--escape-formulas",
    is_flag=True,
    help="Put an apostrophe before text starting with = + - @ (Excel would run it as a formula).",
)
def csv_command(
    source: Path | None,
    db: Path | None,
    as_of: str | None,
    output: Path | None,
    redact_personal: bool,
    quiet: bool,
    bom: bool,
    escape_formulas: bool,
) -> None:
    """One tidy table per entity type into the folder -o DIR, or the zip -o FILE.zip; columns
    documented in docs/exports.md."""
    _run(
        "csv",
        source,
        db,
        as_of,
        output,
        ExportOptions(redact_personal, bom=bom, escape_formulas=escape_formulas),
        quiet,
    )


@export_group.command("xlsx")
@source_options
def xlsx_command(
    source: Path | None,
    db: Path | None,
    as_of: str | None,
    output: Path | None,
    redact_personal: bool,
    quiet: bool,
) -> None:
    """The HR workbook -o FILE.xlsx: roles x competencies matrix with required levels,
    descriptors, framework statements, band statements, JE factors, name review, sources."""
    _run("xlsx", source, db, as_of, output, ExportOptions(redact_personal), quiet)


@export_group.command("json")
@source_options
def json_command(
    source: Path | None,
    db: Path | None,
    as_of: str | None,
    output: Path | None,
    redact_personal: bool,
    quiet: bool,
) -> None:
    """The combined dataset as one JSON document (schema/json/dataset.json); stdout unless -o."""
    _run("json", source, db, as_of, output, ExportOptions(redact_personal), quiet)


@export_group.command("case")
@click.argument("document_json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the CASE package here instead of printing it.",
)
@click.option(
    "--changed",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ"]),
    help="lastChangeDateTime for every node (UTC); default now. Fix it for reproducible output.",
)
def export_case_command(
    document_json: Path, output_file: Path | None, changed: datetime | None
) -> None:
    """Export a competency-framework DOCUMENT_JSON (from ingest) as a CASE 1.1 package."""
    document = read_document(document_json.read_bytes())
    try:
        package = case_package(document, changed.replace(tzinfo=UTC) if changed else None)
    except NotAFramework as exc:
        raise click.UsageError(str(exc)) from exc
    text = to_json(package)
    if output_file is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output_file, text)
