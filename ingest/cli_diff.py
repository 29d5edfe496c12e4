"""``roleframe diff``: a thin wrapper over ``ingest.diff.diff_documents``.

Exit status as diff(1): 0 identical, 1 differences, 2 trouble (unreadable side, different
kinds, bad option).
"""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from roleframe.ingest.diff import NotComparable, RenameDecisions, diff_documents
from roleframe.ingest.diff.report_html import render_html
from roleframe.ingest.diff.report_md import render_markdown
from roleframe.ingest.diff.sides import SideError, load_side
from roleframe.ingest.export import to_json, write_atomic
from roleframe.schema import DocumentKind
from roleframe.schema.changeset import ChangeSet, ChangeType, RenameDecision
from roleframe.schema.document import Document


def _find_hint(cs: ChangeSet, old_name: str, new_name: str) -> str | None:
    """The entity of a removal of OLD and an addition of NEW in this change set, if any."""
    removed = {
        c.entity for c in cs.changes if c.type == ChangeType.REMOVED and c.old_name == old_name
    }
    added = {c.entity for c in cs.changes if c.type == ChangeType.ADDED and c.new_name == new_name}
    both = sorted(removed & added)
    return both[0] if both else None


def _side(spec: str, kind: DocumentKind | None, db: Path | None) -> tuple[Document, str | None]:
    """A file (source or document JSON), else with --db a document of the dataset."""
    path = Path(spec)
    if path.is_file() or db is None:
        if not path.is_file():
            raise SideError(f"{spec}: no such file (use --db to name a document of the dataset)")
        return load_side(path, kind), None
    from roleframe.ingest.diff.dataset_side import load_from_dataset

    return load_from_dataset(db, spec)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print the change set as JSON.")
@click.option("--markdown", is_flag=True, help="Print the Markdown report (the default).")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the self-contained HTML report to this file.",
)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON or Markdown to this file instead of printing it.",
)
@click.option(
    "--kind",
    type=click.Choice([k.value for k in DocumentKind]),
    help="Force the kind of both sides instead of detecting it.",
)
@click.option(
    "--decisions",
    "decisions_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rename decisions to apply (and record into with --confirm/--reject).",
)
@click.option(
    "--confirm",
    nargs=2,
    multiple=True,
    metavar="OLD NEW",
    help="Record that OLD was renamed NEW (a possible rename of this diff); needs --decisions.",
)
@click.option(
    "--reject",
    nargs=2,
    multiple=True,
    metavar="OLD NEW",
    help="Record that OLD and NEW are different items; needs --decisions.",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Shared dataset to take sides from: a document id, or TITLE, TITLE@N (version N) "
    "or TITLE@YYYY-MM-DD (the version valid then); a side that is a file is read as a file.",
)
@click.option("--old-version", help="Version label of OLD (default: read from its title).")
@click.option("--new-version", help="Version label of NEW (default: read from its title).")
def diff_command(
    old: str,
    new: str,
    as_json: bool,
    markdown: bool,
    html_file: Path | None,
    output_file: Path | None,
    kind: str | None,
    decisions_file: Path | None,
    confirm: tuple[tuple[str, str], ...],
    reject: tuple[tuple[str, str], ...],
    db: Path | None,
    old_version: str | None,
    new_version: str | None,
) -> None:
    """Compare two versions OLD and NEW of a framework, matrix or JE record.

    Each side is a source file (.docx, .pdf, .xlsx, .csv, .tsv) or a document JSON from
    `roleframe ingest`. Items are paired by registry id, recorded decisions, name, then a
    rename score; uncertain pairings are flagged for review.
    """
    if as_json and markdown:
        raise click.UsageError("choose one of --json and --markdown")
    if (confirm or reject) and decisions_file is None:
        raise click.UsageError("--confirm and --reject record into a --decisions file")
    forced = DocumentKind(kind) if kind else None
    try:
        (old_doc, old_label), (new_doc, new_label) = (
            _side(old, forced, db),
            _side(new, forced, db),
        )
    except SideError as exc:
        raise click.UsageError(str(exc)) from exc
    old_version = old_version or old_label
    new_version = new_version or new_label
    decisions = RenameDecisions.load(decisions_file) if decisions_file else None
    try:
        changes = diff_documents(
            old_doc, new_doc, decisions, old_version=old_version, new_version=new_version
        )
        if decisions is not None and (confirm or reject):
            when = datetime.now(UTC).replace(microsecond=0).isoformat()
            for pairs, same in ((confirm, True), (reject, False)):
                for old_name, new_name in pairs:
                    entity = _find_hint(changes, old_name, new_name)
                    if entity is None:
                        raise click.UsageError(
                            f"this diff has no removal of {old_name!r} with an addition of "
                            f"{new_name!r} to decide on"
                        )
                    decisions.record(
                        RenameDecision(
                            entity=entity, old_name=old_name, new_name=new_name, same=same,
                            who=getpass.getuser(), when=when,
                        )
                    )  # fmt: skip
            decisions.save()
            changes = diff_documents(
                old_doc, new_doc, decisions, old_version=old_version, new_version=new_version
            )
    except NotComparable as exc:
        raise click.UsageError(str(exc)) from exc
    text = to_json(changes) if as_json else render_markdown(changes)
    if output_file is not None:
        write_atomic(output_file, text)
    else:
        click.echo(text, nl=False)
    if html_file is not None:
        write_atomic(html_file, render_html(changes))
    sys.exit(1 if changes.changes else 0)
