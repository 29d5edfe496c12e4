"""`roleframe canon`, `roleframe match`, `roleframe review`: thin wrappers over normalise/.

Every command takes ``--canon PATH`` (default: the registry shipped with roleframe) and keeps
decisions in a file beside it (``canon.json`` -> ``canon.decisions.json``) unless told
``--decisions PATH``. Library errors become one-line messages and exit status 1 here.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, NoReturn, cast

import click

from roleframe.ingest.dataset.cli import review_database
from roleframe.ingest.default_canon import proposals_from_files
from roleframe.normalise import load_decisions, load_registry, save_decisions, save_registry
from roleframe.normalise.build import (
    Proposal,
    build_registry,
    proposals_from_document,
    refresh_registry,
)
from roleframe.normalise.decisions import add_decisions, default_decisions_path, make_decision
from roleframe.normalise.listfile import ListFileError, read_list_file
from roleframe.normalise.match import match_names
from roleframe.normalise.registry import LISTS, dumps
from roleframe.normalise.review import (
    Pending,
    ReviewError,
    collect_pending,
    decisions_from_csv,
    export_csv,
    resolve_target,
)
from roleframe.parsers.delimited import DelimitedError, decode_text, rows, sniff_delimiter
from roleframe.parsers.errors import ReadError
from roleframe.schema.canon import ChangeAction, Decision, DecisionAction, ListName, Registry
from roleframe.schema.files import write_atomic
from roleframe.schema.match import Candidate, NameMatch

CANON_OPTION = click.option(
    "--canon",
    "canon_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Registry JSON to use (default: the one shipped with roleframe).",
)
DECISIONS_OPTION = click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Decisions file (default: beside --canon, as NAME.decisions.json).",
)
LIST_CHOICE = click.Choice(list(LISTS))
TSV_COLUMNS = [
    "name", "list", "status", "canonical_id", "canonical_name", "score", "method",
    "runner_up_id", "runner_up_name", "runner_up_score", "reason",
]  # fmt: skip


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _registry(canon_path: Path | None) -> Registry:
    try:
        return load_registry(canon_path)
    except (OSError, ValueError) as exc:
        _fail(f"cannot read the registry {canon_path}: {exc}")


def _decisions_path(canon_path: Path | None, decisions_path: Path | None) -> Path:
    return decisions_path or default_decisions_path(canon_path)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _read_proposals(path: Path) -> list[Proposal]:
    """Proposals from a source document, or from a document JSON `roleframe ingest` wrote."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"cannot read {path}: {exc.strerror}")
    if path.suffix.lower() == ".json":
        try:
            return proposals_from_document(json.loads(data), path.name)
        except (ValueError, AttributeError) as exc:
            _fail(f"{path.name}: not a roleframe document JSON ({exc})")
    try:
        return proposals_from_files([path])
    except ReadError as exc:
        _fail(f"{path.name}: {exc}")


# -- canon -------------------------------------------------------------------------------


@click.group("canon")
def canon() -> None:
    """Build, import and refresh canonical registries."""


@canon.command("build")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--name", default="my-registry", show_default=True, help="Registry name (ids).")
@click.option("--description", help="What the registry covers.")
def canon_build(files: tuple[Path, ...], output: Path, name: str, description: str | None) -> None:
    """Build a registry from framework FILES (matrices, frameworks, JE forms, or their JSON)."""
    proposals = [p for path in files for p in _read_proposals(path)]
    if not proposals:
        _fail("no competencies, factors or categories found in the files")
    registry = build_registry(proposals, name, description, files=[f.name for f in files])
    save_registry(registry, output)
    click.echo(f"wrote {output}: " + _counts(registry))


def _counts(registry: Registry) -> str:
    return ", ".join(f"{len(getattr(registry, n))} {n}" for n in LISTS)


@canon.command("import")
@click.argument("list_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--name", default="my-registry", show_default=True, help="Registry name (ids).")
@click.option(
    "--list", "list_name", type=LIST_CHOICE, default="competencies", show_default=True,
    help="List for rows without a list column.",
)  # fmt: skip
def canon_import(list_file: Path, output: Path, name: str, list_name: str) -> None:
    """Build a registry from a plain LIST_FILE (.csv, .tsv, .xlsx) with a name column and
    optional category, aliases, description, list and id columns (found by header)."""
    try:
        proposals = read_list_file(list_file, cast(ListName, list_name))
    except ListFileError as exc:
        _fail(str(exc))
    registry = build_registry(proposals, name, files=[list_file.name])
    save_registry(registry, output)
    click.echo(f"wrote {output}: " + _counts(registry))


@canon.command("refresh")
@click.argument("canon_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.argument("framework", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the next version (default: over CANON_FILE).",
)  # fmt: skip
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Change summary JSON (default: beside the output, NAME.vN.changes.json).",
)
@click.option("--date", help="Date of this revision, ISO (default: today, UTC).")
@click.option(
    "--retire-missing",
    is_flag=True,
    help="Retire entries the new framework no longer has (default: only propose).",
)
@DECISIONS_OPTION
def canon_refresh(
    canon_file: Path,
    framework: Path,
    output: Path | None,
    summary: Path | None,
    date: str | None,
    retire_missing: bool,
    decisions_path: Path | None,
) -> None:
    """Refresh CANON_FILE with a revised FRAMEWORK: ids kept across renames, new entries
    minted, uncertain ones listed for a decision, retirements proposed; nothing deleted."""
    registry = _registry(canon_file)
    decisions = load_decisions(_decisions_path(canon_file, decisions_path))
    proposals = _read_proposals(framework)
    day = date or dt.datetime.now(dt.UTC).date().isoformat()
    new, changes = refresh_registry(
        registry, proposals, framework.name, day, decisions, retire_missing
    )
    target = output or canon_file
    save_registry(new, target)
    summary_path = summary or target.with_name(f"{target.stem}.v{new.version}.changes.json")
    write_atomic(summary_path, dumps(changes))
    click.echo(f"wrote {target} (version {new.version}) and {summary_path}")
    for action in ChangeAction:
        rows = [c for c in changes.changes if c.action == action]
        if rows and action != ChangeAction.KEPT:
            click.echo(f"{action.value}: {len(rows)}")
            for c in rows:
                old = f" (was {c.old_name})" if c.old_name else ""
                cands = ", ".join(f"{x.canonical_name} {x.score:g}" for x in c.candidates)
                click.echo(f"  {c.list}: {c.name}{old}" + (f" ~ {cands}" if cands else ""))
    click.echo(f"kept: {changes.count(ChangeAction.KEPT)}")


# -- match -------------------------------------------------------------------------------


NAME_HEADERS = frozenset({"name", "names", "competency", "skill", "factor"})


def _read_names(data: bytes, column: str | None) -> list[str]:
    """One name per line, or a column of a CSV/TSV (named by --column, or a header that
    looks like a name column). Decoded and split by the project's one decoder and delimiter
    sniffer, like every other delimited file (a semicolon cp1252 export included)."""
    text, _encoding = decode_text(data)
    lines = text.splitlines()
    if not lines:
        return []
    try:
        table = [fields for _, fields in rows(text, sniff_delimiter(text))]
    except DelimitedError as exc:
        _fail(str(exc))
    if table and (len(table[0]) >= 2 or column):
        header = [h.strip().casefold() for h in table[0]]
        wanted = column.casefold() if column else None
        guesses = [i for i, h in enumerate(header) if h in NAME_HEADERS]
        idx = header.index(wanted) if wanted in header else (guesses[0] if guesses else None)
        if idx is not None:
            return [r[idx].strip() for r in table[1:] if len(r) > idx and r[idx].strip()]
        if column:
            _fail(f"no column {column!r} in the header {table[0]}", 2)
    if lines[0].strip().casefold() in NAME_HEADERS:
        lines = lines[1:]  # a one-column CSV keeps its header
    return [line.strip() for line in lines if line.strip()]


def _tsv(results: Sequence[NameMatch]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_COLUMNS)
    for m in results:
        ru = m.runner_up
        writer.writerow([
            m.name, m.list, m.status.value, m.canonical_id or "", m.canonical_name or "",
            f"{m.score:g}", m.method, ru.canonical_id if ru else "",
            ru.canonical_name if ru else "", f"{ru.score:g}" if ru else "", m.reason or "",
        ])  # fmt: skip
    return out.getvalue()


@click.command("match")
@click.argument("names_file", type=click.File("rb"))
@click.option("--list", "list_name", type=LIST_CHOICE, default="competencies", show_default=True)
@click.option("--column", help="Column holding the names, for a CSV/TSV input.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of TSV.")
@click.option("--workers", type=int, default=1, show_default=True,
              help="rapidfuzz threads; -1 uses every core.")  # fmt: skip
@CANON_OPTION
@DECISIONS_OPTION
def match_command(
    names_file: BinaryIO,
    list_name: str,
    column: str | None,
    as_json: bool,
    workers: int,
    canon_path: Path | None,
    decisions_path: Path | None,
) -> None:
    """Match the names in NAMES_FILE (or - for stdin) against the registry: per name the
    status, canonical id and name, score, method and runner-up."""
    names = _read_names(names_file.read(), column)
    registry = _registry(canon_path)
    decisions = load_decisions(_decisions_path(canon_path, decisions_path))
    pairs = [(n, cast(ListName, list_name)) for n in names]
    results = match_names(pairs, registry, decisions, workers=workers)
    if as_json:
        payload = [m.model_dump(mode="json", exclude_none=True) for m in results]
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        click.echo(_tsv(results), nl=False)


# -- review ------------------------------------------------------------------------------


@click.command("review")
@click.argument(
    "output_dir", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Review the roles of this database left for a person instead of names.",
)
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the pending names to this CSV to fill in, instead of asking.",
)
@click.option(
    "--apply",
    "apply_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Apply a filled-in CSV (action, canonical_id columns).",
)
@click.option(
    "--list",
    "list_only",
    is_flag=True,
    help="Only list the pending names with their candidates and scores.",
)
@click.option("--include-unmatched", is_flag=True, help="Also review unmatched names.")
@click.option("--who", help="Who decides (default: the login name).")
@click.option("--when", "when_", help="Timestamp to record (default: now, UTC).")
@CANON_OPTION
@DECISIONS_OPTION
def review_command(
    output_dir: Path | None,
    db_path: Path | None,
    export_path: Path | None,
    apply_path: Path | None,
    list_only: bool,
    include_unmatched: bool,
    who: str | None,
    when_: str | None,
    canon_path: Path | None,
    decisions_path: Path | None,
) -> None:
    """Review names left pending in OUTPUT_DIR's documents: accept, pick another, mark new or
    reject, in the terminal or through --export / --apply. Decisions win on later runs.
    With --db, review the database's roles whose titles are near another role's."""
    if db_path is not None:
        review_database(db_path, export_path, apply_path, list_only, who, when_)
        return
    if output_dir is None:
        raise click.UsageError("give OUTPUT_DIR (names) or --db FILE (roles)")
    registry = _registry(canon_path)
    path = _decisions_path(canon_path, decisions_path)
    decisions = load_decisions(path)
    who = who or _login()
    when = when_ or _now()
    if apply_path is not None:
        try:
            new = decisions_from_csv(decode_text(apply_path.read_bytes())[0], registry, who,
                                     when)  # fmt: skip
        except ReviewError as exc:
            _fail(f"{apply_path.name}: {exc}")
        save_decisions(add_decisions(decisions, new), path)
        click.echo(f"applied {len(new)} decisions to {path}")
        return
    pending = collect_pending(output_dir, registry, decisions, include_unmatched)
    if export_path is not None:
        write_atomic(export_path, export_csv(pending))
        click.echo(f"wrote {len(pending)} pending names to {export_path}")
        return
    if not pending:
        click.echo("nothing to review")
        return
    if list_only:
        for group in pending:
            _show(group)
        click.echo(f"\n{len(pending)} pending names")
        return
    taken: list[Decision] = []
    for n, group in enumerate(pending, start=1):
        decision = _ask(group, n, len(pending), registry, who, when)
        if decision == "quit":
            break
        if isinstance(decision, Decision):
            taken.append(decision)
            save_decisions(add_decisions(decisions, taken), path)  # saved as we go
    click.echo(f"{len(taken)} decisions saved to {path}")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _show(group: Pending, prefix: str = "") -> list[Candidate]:
    """Print one pending name with where it occurs and its candidates; return those."""
    match = group.match
    assert match is not None
    cands = list(match.candidates) or ([match.runner_up] if match.runner_up else [])
    files = ", ".join(sorted(group.files)[:3]) + (" …" if len(group.files) > 3 else "")
    click.echo(
        f"\n{prefix}{group.list_name}: {group.name!r}  "
        f"({group.occurrences}x in {len(group.files)} files: {files})"
    )
    if match.reason:
        click.echo(f"  {match.reason}")
    for i, c in enumerate(cands, start=1):
        click.echo(f"  {i}. {c.canonical_name}  ({c.score:g})  {c.canonical_id}")
    return cands


def _ask(
    group: Pending, n: int, total: int, registry: Registry, who: str, when: str
) -> Decision | str | None:
    cands = _show(group, f"[{n}/{total}] ")
    options = "a=accept 1" if cands else ""
    prompt = f"{options} / number=pick / p=pick by name / n=new / r=reject / s=skip / q=quit"
    while True:
        answer = click.prompt(prompt.strip(" /"), default="s", show_default=False).strip()
        low = answer.casefold()
        if low in {"q", "quit"}:
            return "quit"
        if low in {"s", "skip", ""}:
            return None
        if low in {"a", "accept"} and cands:
            return make_decision(group.list_name, group.name, DecisionAction.ACCEPT, who, when,
                                 cands[0].canonical_id)  # fmt: skip
        if low.isdigit() and 1 <= int(low) <= len(cands):
            chosen = cands[int(low) - 1].canonical_id
            action = DecisionAction.ACCEPT if low == "1" else DecisionAction.PICK
            not_ids = [cands[0].canonical_id] if low != "1" else []
            return make_decision(group.list_name, group.name, action, who, when, chosen, not_ids)
        if low in {"p", "pick"}:
            text = click.prompt("entry name or id").strip()
            target = resolve_target(registry, group.list_name, text)
            if target is None:
                click.echo(f"  no single entry is called {text!r}")
                continue
            not_ids = [cands[0].canonical_id] if cands and cands[0].canonical_id != target else []
            return make_decision(group.list_name, group.name, DecisionAction.PICK, who, when,
                                 target, not_ids)  # fmt: skip
        if low in {"n", "new"}:
            return make_decision(group.list_name, group.name, DecisionAction.NEW, who, when)
        if low in {"r", "reject"}:
            return make_decision(group.list_name, group.name, DecisionAction.REJECT, who, when,
                                 not_ids=[c.canonical_id for c in cands])  # fmt: skip
        click.echo("  ?")
