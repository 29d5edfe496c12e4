"""The ``roleframe`` command line: each command is a thin wrapper over one library call.

Library exceptions become CLI errors only here, at the edge. Exit status: 0 all inputs ok,
1 some inputs failed (the others are still written), 2 usage error.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from roleframe.ingest import batch, cli_diff, cli_normalise
from roleframe.ingest.build import Naming
from roleframe.ingest.case import NotAFramework, case_package
from roleframe.ingest.export import to_json, write_atomic
from roleframe.ingest.progress import Progress
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.schema import DocumentKind, publish
from roleframe.schema.document import Document
from roleframe.schema.report import BatchReport, FileStatus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roleframe")
def cli() -> None:
    """roleframe: ingest and normalise HR documents into one validated dataset."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the JSON documents and report.json.",
)
@click.option(
    "--kind",
    type=click.Choice([k.value for k in DocumentKind]),
    help="Force the document kind instead of detecting it from content cues.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Parse files in this many worker processes (spare ones read page ranges of large PDFs).",
)
@click.option("--force", is_flag=True, help="Re-parse inputs unchanged since the last run.")
@click.option(
    "--redact-personal",
    is_flag=True,
    help="Empty every field marked as personal data (staff names).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=DEFAULT_LIMITS.timeout_seconds,
    show_default=True,
    help="Wall-clock limit per file, in seconds.",
)
@click.option(
    "--canon",
    type=click.Path(exists=True, dir_okay=False),
    help="Canonical registry JSON to match names against (default: the shipped one).",
)
@click.option(
    "--decisions",
    type=click.Path(dir_okay=False),
    help="Review decisions file (default: beside the registry, CANON.decisions.json).",
)
@click.option(
    "--je-scores",
    type=click.Path(exists=True, dir_okay=False),
    help="Your JE scoring table (JSON/CSV: factor, level -> points; grade bands).",
)
@click.option(
    "--trust-content",
    is_flag=True,
    help="Read a file whose content is another format than its extension says (an .xlsx "
    "named .docx) by its content, instead of refusing it as format_mismatch.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per input.")
@click.option("--debug", is_flag=True, help="Let exceptions through with their traceback.")
def ingest_command(
    paths: tuple[str, ...],
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
    as_json: bool,
    quiet: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Ingest PATHS (files, folders, globs) into one JSON document per input."""
    with Progress(enabled=not (quiet or as_json), verbose=verbose) as progress:
        options = batch.IngestOptions(
            output=output,
            kind=DocumentKind(kind) if kind else None,
            jobs=jobs,
            force=force,
            debug=debug,
            redact_personal=redact_personal,
            limits=dataclasses.replace(DEFAULT_LIMITS, timeout_seconds=timeout),
            naming=Naming(canon=canon, decisions=decisions, je_scores=je_scores),
            trust_content=trust_content,
            on_result=progress.advance,
        )
        report = batch.run(list(paths), options)
    if as_json:
        click.echo(to_json(report), nl=False)
    elif not quiet:
        _summary(report, output)
    for row in report.rows:
        if row.status == FileStatus.FAILED and not as_json:
            click.echo(f"error: {row.path}: [{row.code}] {row.message}", err=True)
    if not report.rows:
        raise click.UsageError("no input files found")
    sys.exit(1 if report.count(FileStatus.FAILED) else 0)


def _summary(report: BatchReport, output: Path) -> None:
    ok, failed, skipped = (report.count(s) for s in FileStatus)
    click.echo(
        f"{len(report.rows)} inputs: {ok} ok, {failed} failed, {skipped} skipped "
        f"-> {output}/ (report: {output / batch.REPORT_NAME})"
    )


@cli.group("export")
def export_group() -> None:
    """Export ingested documents for downstream tools."""


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
    document = Document.model_validate_json(document_json.read_bytes())
    try:
        package = case_package(document, changed.replace(tzinfo=UTC) if changed else None)
    except NotAFramework as exc:
        raise click.UsageError(str(exc)) from exc
    text = to_json(package)
    if output_file is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output_file, text)


@cli.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(publish.MODELS)))
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write every schema as NAME.json into this folder instead of printing.",
)
def schema_command(kind: str | None, write_dir: Path | None) -> None:
    """Print the JSON Schema of the document envelope, or of one KIND."""
    if write_dir is not None:
        for name in sorted(publish.MODELS):
            write_atomic(write_dir / f"{name}.json", publish.render(name))
        click.echo(f"wrote {len(publish.MODELS)} schemas to {write_dir}")
        return
    click.echo(publish.render(kind or "document"), nl=False)


cli.add_command(cli_normalise.canon)
cli.add_command(cli_normalise.match_command)
cli.add_command(cli_normalise.review_command)
cli.add_command(cli_diff.diff_command)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status instead of raising SystemExit (for tests)."""
    try:
        cli.main(args=argv, prog_name="roleframe", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except SystemExit as exc:  # a command chose its exit status
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
