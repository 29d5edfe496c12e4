"""The ``roleframe`` command line: each command is a thin wrapper over one library call.

Library exceptions become CLI errors only here, at the edge. Exit status: 0 all inputs ok,
1 some inputs failed (the others are still written), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from roleframe.ingest.export import write_atomic
from roleframe.schema import publish


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roleframe")
def cli() -> None:
    """roleframe: ingest and normalise HR documents into one validated dataset."""


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
