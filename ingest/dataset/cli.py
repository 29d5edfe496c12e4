"""`roleframe load`, `roles`, `role`, `history` (and `review --db`): thin wrappers over the
library twins in this package. Library exceptions become one-line errors here, at the edge.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from roleframe.ingest.cli_options import ingest_options, pipeline_options
from roleframe.ingest.dataset.db import DEFAULT_DB, DatabaseRefused, now
from roleframe.ingest.dataset.load import LoadOptions, load, normalise_when
from roleframe.ingest.dataset.read import (
    CardLine,
    RoleNotFound,
    list_roles,
    role_card,
    role_history,
)
from roleframe.ingest.dataset.report import LoadReport, LoadRow, LoadStatus
from roleframe.ingest.dataset.review import (
    PendingRole,
    apply_csv,
    decide_role,
    export_csv,
    pending_roles,
)
from roleframe.ingest.export import to_json, write_atomic
from roleframe.ingest.progress import Progress
from roleframe.normalise.review import ReviewError
from roleframe.schema.canon import DecisionAction

DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The database file.",
)
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
ORGANISATION_OPTION = click.option(
    "--organisation", help="The role's organisation, when several roles share the title."
)


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _when(text: str | None, option: str) -> str | None:
    if text is None:
        return None
    try:
        return normalise_when(text)
    except ValueError as exc:
        message = f"{text!r} is not an ISO date or timestamp"
        raise click.BadParameter(message, param_hint=option) from exc


# -- load -------------------------------------------------------------------------------


@click.command("load")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--organisation",
    help="Organisation of documents that name none (a council's own matrices and profiles).",
)
@click.option(
    "--valid-from",
    help="When the versions loaded take effect (ISO date or timestamp; default: now).",
)
@click.option("--who", help="Who is loading (default: the login name).")
@pipeline_options
def load_command(
    paths: tuple[str, ...],
    db: Path,
    organisation: str | None,
    valid_from: str | None,
    who: str | None,
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
    """Ingest PATHS (files, folders, globs, or document JSON from ingest) and load them into
    the database in one step: one transaction per document, versions kept."""
    start = _when(valid_from, "--valid-from")

    def show(row: LoadRow) -> None:
        if verbose and not as_json:
            click.echo(f"{row.status.value:9} {row.path}: {row.message or ''}")

    with Progress(enabled=not (quiet or as_json or verbose), verbose=False) as progress:
        options = LoadOptions(
            db=db,
            ingest=ingest_options(
                output,
                kind,
                jobs,
                force,
                redact_personal,
                timeout,
                canon,
                decisions,
                je_scores,
                trust_content,
                debug,
                progress.advance,
                pdf_engine=pdf_engine,
            ),
            organisation=organisation,
            valid_from=start,
            who=who,
            on_row=show,
        )
        try:
            report = load(list(paths), options)
        except DatabaseRefused as exc:
            _fail(str(exc))
    if as_json:
        click.echo(to_json(report), nl=False)
    elif not quiet:
        _load_summary(report)
    for row in report.rows:
        if row.status == LoadStatus.FAILED and not as_json:
            click.echo(f"error: {row.path}: [{row.code}] {row.message}", err=True)
    if not report.rows:
        raise click.UsageError("no input files found")
    sys.exit(1 if report.count(LoadStatus.FAILED) else 0)


def _load_summary(report: LoadReport) -> None:
    counts = ", ".join(f"{report.count(s)} {s.value}" for s in LoadStatus)
    click.echo(f"{len(report.rows)} inputs: {counts} -> {report.database}")
    review = sum(row.roles.get("review", 0) for row in report.rows if row.status == "loaded")
    if review:
        titles = "role title is" if review == 1 else "role titles are"
        click.echo(
            f"{review} {titles} near another role's and wait for review: "
            f"roleframe review --db {report.database}"
        )


# -- roles, role, history -----------------------------------------------------------------


@click.command("roles")
@DB_OPTION
@JSON_OPTION
def roles_command(db: Path, as_json: bool) -> None:
    """List the roles in the database: title, organisation, grades, where they appear."""
    try:
        roles = list_roles(db)
    except DatabaseRefused as exc:
        _fail(str(exc))
    if as_json:
        click.echo(to_json([r.model_dump(mode="json") for r in roles]), nl=False)
        return
    for role in roles:
        grades = ", ".join(role.grades) or "-"
        flag = "  [review]" if role.status == "review" else ""
        click.echo(
            f"{role.title}\t{role.organisation or '-'}\t{grades}\t"
            f"{', '.join(role.relations)}\t{role.documents} files{flag}"
        )
    click.echo(f"{len(roles)} roles", err=True)


@click.command("role")
@click.argument("title")
@DB_OPTION
@ORGANISATION_OPTION
@click.option("--as-of", help="Show the versions valid at this date (ISO); default: current.")
@JSON_OPTION
def role_command(
    title: str, db: Path, organisation: str | None, as_of: str | None, as_json: bool
) -> None:
    """Show TITLE's card: everything the loaded documents say about the role, each line
    with the files it came from. A near-miss title suggests; it never guesses."""
    try:
        card = role_card(title, db, organisation, _when(as_of, "--as-of"))
    except (DatabaseRefused, RoleNotFound) as exc:
        _fail(str(exc))
    if as_json:
        click.echo(to_json(card), nl=False)
        return
    org = card.organisation or "organisation unknown"
    click.echo(f"{card.title}  ({org}; {card.status})")
    if card.also_written:
        click.echo(f"also written: {'; '.join(card.also_written)}")
    if card.candidates:
        click.echo(f"waits for review; may be: {'; '.join(card.candidates)}")
    when = f"valid on {card.as_of}" if card.as_of else "current versions"
    click.echo(f"\nfrom ({when}):")
    for doc in card.documents:
        until = f" until {doc.valid_to}" if doc.valid_to else ""
        click.echo(f"  {doc.filename}  {doc.kind} v{doc.version} from {doc.valid_from}{until}")
    section = None
    for line in card.lines:
        if line.section != section:
            section = line.section
            click.echo(f"\n{section.replace('_', ' ')}:")
        click.echo(f"  {_line(line)}")


def _line(line: CardLine) -> str:
    text = f"{line.label}: {line.value}" if line.value is not None else line.label
    if line.note:
        text += f" — {line.note}"
    files = line.documents[0] + (f" +{len(line.documents) - 1}" if len(line.documents) > 1 else "")
    return f"{text}  [{files}]"


@click.command("history")
@click.argument("title")
@DB_OPTION
@ORGANISATION_OPTION
@JSON_OPTION
def history_command(title: str, db: Path, organisation: str | None, as_json: bool) -> None:
    """Show how TITLE changed across the versions of every document that mentions it."""
    try:
        history = role_history(title, db, organisation)
    except (DatabaseRefused, RoleNotFound) as exc:
        _fail(str(exc))
    if as_json:
        click.echo(to_json(history), nl=False)
        return
    click.echo(history.title)
    for entry in history.entries:
        until = entry.valid_to or "now"
        click.echo(
            f"\n{entry.kind} {entry.series or ''} v{entry.version}: {entry.valid_from} -> {until}"
            f"  ({', '.join(entry.documents)})"
        )
        if entry.version == 1 or not (entry.added or entry.removed or entry.changed):
            first = entry.version == 1
            click.echo(f"  {len(entry.added)} lines" if first else "  no change for this role")
            continue
        for before, after in entry.changed:
            click.echo(f"  ~ {after.label}: {before.value} -> {after.value}")
        for line in entry.added:
            click.echo(f"  + {_line(line)}")
        for line in entry.removed:
            click.echo(f"  - {_line(line)}")


# -- review --db --------------------------------------------------------------------------


def review_database(
    db: Path,
    export_path: Path | None,
    apply_path: Path | None,
    list_only: bool,
    who: str | None,
    when: str | None,
) -> None:
    """`roleframe review --db`: roles near another role's, decided like names."""
    who = who or _login()
    try:
        if apply_path is not None:
            text = apply_path.read_text(encoding="utf-8-sig")
            applied = apply_csv(db, text, who, when)
            click.echo(f"applied {applied} role decisions to {db}")
            return
        pending = pending_roles(db)
    except (DatabaseRefused, ReviewError) as exc:
        _fail(str(exc))
    if export_path is not None:
        write_atomic(export_path, export_csv(pending))
        click.echo(f"wrote {len(pending)} pending roles to {export_path}")
        return
    if not pending:
        click.echo("no roles to review")
        return
    for n, role in enumerate(pending, start=1):
        _show(role, f"[{n}/{len(pending)}] ")
        if list_only:
            continue
        decision = _ask(role)
        if decision == "quit":
            break
        if isinstance(decision, tuple):
            action, target = decision
            decide_role(db, role.role_id, action, target, who, when or now())
    if list_only:
        click.echo(f"\n{len(pending)} pending roles")


def _show(role: PendingRole, prefix: str) -> None:
    org = role.organisation or "organisation unknown"
    click.echo(f"\n{prefix}roles: {role.title!r} ({org}; in {', '.join(role.files)})")
    click.echo(f"  {role.reason}")
    for i, cand in enumerate(role.candidates, start=1):
        click.echo(f"  {i}. {cand.title}  ({cand.score:g})  {cand.role_id}")


def _ask(role: PendingRole) -> tuple[DecisionAction, str | None] | str | None:
    prompt = "a=accept 1 / number=pick / n=new role / r=reject / s=skip / q=quit"
    while True:
        answer = click.prompt(prompt, default="s", show_default=False).strip().casefold()
        if answer in {"q", "quit"}:
            return "quit"
        if answer in {"s", "skip", ""}:
            return None
        if answer in {"a", "accept"} and role.candidates:
            return DecisionAction.ACCEPT, role.candidates[0].role_id
        if answer.isdigit() and 1 <= int(answer) <= len(role.candidates):
            action = DecisionAction.ACCEPT if answer == "1" else DecisionAction.PICK
            return action, role.candidates[int(answer) - 1].role_id
        if answer in {"n", "new"}:
            return DecisionAction.NEW, None
        if answer in {"r", "reject"}:
            return DecisionAction.REJECT, None
        click.echo("  ?")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


COMMANDS: Sequence[click.Command] = (load_command, roles_command, role_command, history_command)
