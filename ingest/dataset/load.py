"""``roleframe load``: ingest files with the batch runner, then load each document.

Source files go through ``ingest.batch.run`` unchanged (same discovery, worker processes,
error codes, ``report.json`` and JSON documents in the output folder); each document is
loaded as soon as it is written, in its own transaction, so a killed load keeps what it
finished. Document JSON files (what ``roleframe ingest`` wrote) are loaded directly.
"""

from __future__ import annotations

import dataclasses
import getpass
import glob
import json
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import ValidationError

from roleframe.ingest import batch
from roleframe.ingest.dataset.db import DEFAULT_DB, connect
from roleframe.ingest.dataset.report import LoadReport, LoadRow, LoadStatus
from roleframe.ingest.dataset.store import Stored, StoreOptions, store_document
from roleframe.ingest.discover import discover, display_path
from roleframe.ingest.export import to_json
from roleframe.schema import IssueCode
from roleframe.schema.document import Document
from roleframe.schema.migrate import UnknownSchemaVersion, read_document
from roleframe.schema.report import FileStatus, ReportRow

_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class LoadOptions:
    db: Path = DEFAULT_DB
    ingest: batch.IngestOptions = field(default_factory=batch.IngestOptions)
    organisation: str | None = None  # for documents that name no organisation
    valid_from: str | None = None  # when the loaded versions take effect; default: now
    who: str | None = None  # default: the login name
    on_row: Callable[[LoadRow], None] | None = field(default=None, compare=False)


def load(paths: Sequence[str], options: LoadOptions = LoadOptions()) -> LoadReport:
    """Ingest and load ``paths`` (files, folders, globs, document JSON) into ``options.db``.

    Raises :class:`~roleframe.ingest.dataset.db.DatabaseRefused` before reading any input
    when the database is not usable; every input problem is a failed row instead.
    """
    conn = connect(options.db)
    try:
        store = StoreOptions(
            organisation=options.organisation,
            valid_from=normalise_when(options.valid_from) if options.valid_from else None,
            who=options.who or _login(),
        )
        rows: list[LoadRow] = []

        def finish(row: LoadRow) -> None:
            rows.append(row)
            if options.on_row:
                options.on_row(row)

        sources, documents = partition(paths)
        for path in documents:
            finish(_load_json(conn, path, store, options.ingest.debug))
        found, problems = discover(sources) if sources else ([], [])
        if found or problems:  # a folder holding only JSON: no batch, report.json untouched
            out = options.ingest.output
            before = options.ingest.on_result

            def loaded(row: ReportRow) -> None:
                finish(_load_ingested(conn, row, out, store, options.ingest.debug))
                if before:
                    before(row)

            batch.run(sources, dataclasses.replace(options.ingest, on_result=loaded))
        return LoadReport(database=str(options.db), rows=rows)
    finally:
        conn.close()


def partition(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(arguments for the ingest batch, document JSON files). Folders go to the batch for
    their source files and are searched for document JSON too; globs are expanded here so
    a `*.json` match is loaded, not parsed as a source file."""
    sources: list[str] = []
    documents: list[str] = []
    for argument in paths:
        pattern = _GLOB_CHARS.search(argument)
        matches = sorted(glob.glob(argument, recursive=True)) if pattern else []
        for path in matches or [argument]:
            if os.path.isdir(path):
                sources.append(path)
                documents.extend(_document_files(path))
            elif path.lower().endswith(".json"):
                documents.append(path)
            else:
                sources.append(path)
    return sources, list(dict.fromkeys(documents))


def _document_files(folder: str) -> list[str]:
    """Document JSON files under ``folder`` (report.json, registries and the like are not)."""
    found = []
    for path in sorted(Path(folder).rglob("*.json")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(data, dict) and {"content", "source", "kind"} <= data.keys():
            found.append(str(path))
    return found


def _load_json(
    conn: sqlite3.Connection, path: str, store: StoreOptions, debug: bool = False
) -> LoadRow:
    shown = display_path(path, None, os.getcwd())
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _failed(shown, "json", IssueCode.UNREADABLE_PATH, f"The file cannot be read: {exc}.")
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return _failed(shown, "json", IssueCode.CORRUPT_FILE, f"Not valid JSON: {exc}.")
    try:
        document = read_document(text)
    except UnknownSchemaVersion as exc:
        return _failed(shown, "json", IssueCode.UNSUPPORTED_FORMAT, f"{exc}.")
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return _failed(
            shown,
            "json",
            IssueCode.UNSUPPORTED_FORMAT,
            f"JSON, but not a roleframe document ({exc.error_count()} problems; first at "
            f"{where or 'the top'}: {first['msg']}).",
        )
    if json.loads(text).get("schema_version") != document.schema_version:
        text = to_json(document)  # stored as the schema it was upgraded to
    return _store(conn, shown, "json", document, text, store, debug)


def _load_ingested(
    conn: sqlite3.Connection, row: ReportRow, out: Path, store: StoreOptions, debug: bool
) -> LoadRow:
    if row.status == FileStatus.FAILED or not row.output:
        return LoadRow(
            path=row.path,
            status=LoadStatus.FAILED,
            ingest=row.status.value,
            code=row.code,
            message=row.message,
            kind=row.kind,
        )
    text = (out / row.output).read_text(encoding="utf-8")
    document = read_document(text)
    return _store(conn, row.path, row.status.value, document, text, store, debug)


def _store(
    conn: sqlite3.Connection,
    shown: str,
    ingest: str,
    document: Document,
    text: str,
    store: StoreOptions,
    debug: bool = False,
) -> LoadRow:
    try:
        stored = store_document(conn, document, text, store)
    except Exception as exc:  # the transaction rolled back: nothing of it is in the file
        if debug:
            raise
        message = f"Not loaded ({type(exc).__name__}: {exc}); the database is unchanged."
        return _failed(shown, ingest, IssueCode.INTERNAL_ERROR, message)
    return LoadRow(
        path=shown,
        status=LoadStatus(stored.status),
        ingest=ingest,
        message=_describe(stored),
        kind=document.kind,
        document_id=stored.document_id,
        version=stored.version,
        superseded=stored.superseded,
        roles=stored.roles,
    )


def _describe(stored: Stored) -> str:
    if stored.status == "unchanged":
        return (
            f"Already loaded (same bytes) on {stored.loaded_at} by {stored.loaded_by}; "
            "nothing changed."
        )
    if stored.status == "rendition":
        return f"Same content as version {stored.version} of its series: added as a rendition."
    if stored.superseded is not None:
        return f"Version {stored.version}; supersedes version {stored.superseded}."
    return f"Version {stored.version} of its series."


def _failed(path: str, ingest: str, code: IssueCode, message: str) -> LoadRow:
    return LoadRow(path=path, status=LoadStatus.FAILED, ingest=ingest, code=code, message=message)


def normalise_when(text: str) -> str:
    """A date or timestamp as UTC ISO 8601 to the second (`2025-03-01T00:00:00Z`)."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        moment = datetime.combine(date.fromisoformat(text), datetime.min.time())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
