"""What an export reads: an output folder, one document JSON, or the shared database.

Documents come one at a time (a generator), so exporting 10,000 of them holds one in memory.
A file that is no document to export becomes a :class:`Failed` item with a stable code, and
the rest goes on:

* ``unreadable_path`` - the file cannot be read;
* ``too_large`` - bigger than any document JSON (another export left in the folder?);
* ``corrupt_file`` - not JSON (damaged, truncated, not UTF-8);
* ``not_a_document`` - JSON, but not a roleframe document (another tool's file);
* ``invalid_document`` - a roleframe document that does not validate (edited by hand, or
  written by a roleframe with another schema).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from roleframe.ingest.batch import REPORT_NAME
from roleframe.ingest.dataset.db import connect
from roleframe.schema import SCHEMA_VERSION
from roleframe.schema.document import Document
from roleframe.schema.issues import IssueCode
from roleframe.schema.migrate import read_document

# what every roleframe document has at its top level (how a foreign JSON file is told apart)
DOCUMENT_KEYS = frozenset({"kind", "source", "content"})
# far above any document ingest writes (the seed documents are under 1 MB): a larger file is
# not read, so a stray multi-gigabyte file cannot take the memory an export keeps flat
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Loaded:
    path: str
    document: Document
    # from the shared dataset: each role line's dataset role, by its position in the document
    # (the role as one thing across documents and versions, merges followed)
    dataset_roles: dict[int, str] | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    code: IssueCode
    message: str


Item = Loaded | Failed


def read_path(source: Path) -> Iterator[Item]:
    """A document JSON file, or every ``*.json`` under a folder (sorted; the ingest report
    and hidden files left out)."""
    if source.is_file():
        yield read_file(source, source.name)
        return
    root = str(source)
    for relative in _json_files(source):
        # a plain string path: pathlib interns every name it parses, a table that would
        # grow with the number of files
        yield read_file(os.path.join(root, relative), relative)


def read_database(db: Path, as_of: str | None = None) -> Iterator[Item]:
    """The documents of the current versions in the database (or those valid at ``as_of``),
    as they were loaded. Raises ``DatabaseRefused`` for a file that is not ours."""
    args: tuple[str, ...] = ()
    if as_of is None:
        valid = "v.valid_to IS NULL"
    else:
        valid = "v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)"
        args = (as_of, as_of)
    with closing(connect(db, create=False)) as conn:
        rows = conn.execute(
            "SELECT d.filename, d.id, d.version_id, j.json FROM documents d "
            "JOIN versions v ON v.id = d.version_id JOIN document_json j ON j.document_id = d.id "
            f"WHERE {valid} ORDER BY d.filename, d.id",
            args,
        )
        for row in rows:  # streamed: one document in memory at a time
            item = parse(row["json"].encode("utf-8"), f"{row['filename']} ({row['id']})")
            if isinstance(item, Loaded):
                item = replace(item, dataset_roles=_dataset_roles(conn, row["version_id"]))
            yield item


def _dataset_roles(conn: sqlite3.Connection, version_id: str) -> dict[int, str]:
    """Position of each role mention of a version -> its role, following merges (a person
    ruled two roles the same: the merged one's mentions count as the other's)."""
    found: dict[int, str] = {}
    for mention in conn.execute(
        "SELECT m.position, m.role_id FROM role_mentions m WHERE m.version_id = ?", (version_id,)
    ):
        role_id = mention["role_id"]
        for _ in range(64):  # merge chains are short; a cycle would be a damaged file
            merged = conn.execute("SELECT merged_into FROM roles WHERE id = ?", (role_id,))
            target = merged.fetchone()
            if target is None or target["merged_into"] is None:
                break
            role_id = target["merged_into"]
        found[mention["position"]] = role_id
    return found


def read_file(path: str | Path, name: str) -> Item:
    try:
        size = os.stat(path).st_size
        if size > MAX_DOCUMENT_BYTES:
            return Failed(
                name,
                IssueCode.TOO_LARGE,
                f"{size / 2**20:.0f} MiB, more than a document JSON can be "
                f"({MAX_DOCUMENT_BYTES // 2**20} MiB); not read.",
            )
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Failed(name, IssueCode.UNREADABLE_PATH, f"cannot read the file ({exc.strerror}).")
    return parse(data, name)


def parse(data: bytes, name: str) -> Item:
    """One document from its JSON bytes, or why it is not one."""
    try:
        return Loaded(name, Document.model_validate_json(data))
    except ValidationError as exc:
        older = _upgraded(data)
        if older is not None:
            return Loaded(name, older)
        return Failed(name, *_why(data, exc))


def _upgraded(data: bytes) -> Document | None:
    """A document an earlier release wrote, brought to the current schema (None when the
    bytes are not an older document)."""
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(parsed, dict) or parsed.get("schema_version") in (None, SCHEMA_VERSION):
        return None
    try:
        return read_document(data)
    except ValueError:  # includes ValidationError and UnknownSchemaVersion
        return None


def _why(data: bytes, exc: ValidationError) -> tuple[IssueCode, str]:
    try:
        parsed = json.loads(data)
    except UnicodeDecodeError:
        return IssueCode.CORRUPT_FILE, "not valid JSON: the bytes are not UTF-8 text."
    except json.JSONDecodeError as err:
        where = f" (line {err.lineno}, column {err.colno})"
        return IssueCode.CORRUPT_FILE, f"not valid JSON{where}: the file is damaged or truncated."
    if isinstance(parsed, dict) and parsed.get("format") == "roleframe.dataset":
        return IssueCode.NOT_A_DOCUMENT, "a roleframe export (`export json`), not a document."
    if not isinstance(parsed, dict) or not set(parsed) >= DOCUMENT_KEYS:
        shape = "an object" if isinstance(parsed, dict) else f"a JSON {type(parsed).__name__}"
        missing = DOCUMENT_KEYS - set(parsed) if isinstance(parsed, dict) else DOCUMENT_KEYS
        return (
            IssueCode.NOT_A_DOCUMENT,
            f"valid JSON, but not a roleframe document: {shape} without "
            f"{', '.join(sorted(missing))}.",
        )
    first = exc.errors()[0]
    location = ".".join(str(part) for part in first["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return (
        IssueCode.INVALID_DOCUMENT,
        f"a roleframe document that does not validate: {location}: {first['msg']}{more}.",
    )


def _json_files(folder: Path) -> list[str]:
    """Relative paths (POSIX) of the ``*.json`` files under ``folder``, sorted: plain strings,
    the one thing an export keeps per input file."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden folders
        base = Path(root).relative_to(folder).as_posix()
        for name in files:
            if not name.endswith(".json") or name.startswith("."):
                continue  # hidden files, and the temp files of an atomic write in progress
            relative = name if base == "." else f"{base}/{name}"
            if relative != REPORT_NAME:
                found.append(relative)
    found.sort()
    return found
