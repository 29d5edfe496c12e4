"""The ``roleframe`` command line: each command is a thin wrapper over one library call.

Library exceptions become CLI errors only here, at the edge. Exit status: 0 all inputs ok,
1 some inputs failed (the others are still written), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from roleframe.ingest import batch, cli_diff, cli_normalise
from roleframe.ingest.cli_options import ingest_options, pipeline_options
from roleframe.ingest.dataset import cli as dataset_cli
from roleframe.ingest.export import to_json, write_atomic
from roleframe.ingest.exports import cli as exports_cli
from roleframe.ingest.progress import Progress
from roleframe.schema import publish
from roleframe.schema.report import BatchReport, FileStatus


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roleframe")
def cli() -> None:
    """roleframe: ingest and normalise HR documents into one validated dataset."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@pipeline_options
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
    pdf_engine: str,
    trust_content: bool,
    as_json: bool,
    quiet: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Ingest PATHS (files, folders, globs) into one JSON document per input."""
    with Progress(enabled=not (quiet or as_json), verbose=verbose) as progress:
        options = ingest_options(
            output, kind, jobs, force, redact_personal, timeout, canon, decisions, je_scores,
            trust_content, debug, progress.advance, pdf_engine=pdf_engine,
        )  # fmt: skip
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
cli.add_command(exports_cli.export_group)
for command in dataset_cli.COMMANDS:
    cli.add_command(command)


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
