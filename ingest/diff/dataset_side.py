"""A diff side taken from the shared dataset: a stored document by id, or a framework by
title with an optional ``@version`` number or ``@date``.

    roleframe diff --db output/roleframe.db "Behaviours Framework@1" "Behaviours Framework"

compares version 1 with the current one. The document is read back exactly as it was loaded
(``document_json``); where a version has several renditions (its .docx and its PDF), the
non-PDF one is taken, as the more direct reading of the same content.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from rapidfuzz import fuzz, process

from roleframe.ingest.dataset.db import connect
from roleframe.ingest.dataset.identity import series_key
from roleframe.ingest.diff.sides import SideError
from roleframe.schema.document import Document
from roleframe.schema.migrate import read_document

_AT = re.compile(r"^(?P<title>.*?)\s*@\s*(?P<at>\d+|\d{4}-\d\d-\d\d(?:T[\d:]+Z?)?)\s*$")


def _words(title: str) -> str:
    """The title part of a series key: what identifies a document across its versions."""
    return series_key("", None, title, "").split("|")[2]


def _series(conn: sqlite3.Connection, title: str) -> sqlite3.Row:
    wanted = _words(title)
    rows = conn.execute("SELECT id, kind, key, title, organisation FROM series").fetchall()
    found = [r for r in rows if r["key"].split("|")[2] == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        listed = "; ".join(f"{r['title']} ({r['kind']}, {r['organisation'] or '?'})" for r in found)
        raise SideError(f"{title!r} names several documents in the dataset: {listed}")
    titles = [r["title"] or "" for r in rows]
    near = [
        t
        for t, score, _ in process.extract(title, titles, scorer=fuzz.WRatio, limit=3)
        if score >= 60
    ]
    hint = f" (did you mean: {', '.join(near)}?)" if near else ""
    raise SideError(f"no document titled {title!r} in the dataset{hint}")


def _version(conn: sqlite3.Connection, series_id: str, at: str | None) -> sqlite3.Row:
    base = "SELECT id, number, valid_from FROM versions WHERE series_id = ?"
    if at is None:
        row = conn.execute(base + " AND valid_to IS NULL", (series_id,)).fetchone()
    elif at.isdigit():
        row = conn.execute(base + " AND number = ?", (series_id, int(at))).fetchone()
    else:
        row = conn.execute(
            base + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) "
            "ORDER BY valid_from DESC LIMIT 1",
            (series_id, at + "\uffff", at + "\uffff"),
        ).fetchone()
    if row is None:
        raise SideError(f"the dataset has no version {at or '(current)'} of that document")
    return row


def _document(conn: sqlite3.Connection, version_id: str) -> tuple[str, str]:
    row = conn.execute(
        "SELECT d.id, j.json FROM documents d JOIN document_json j ON j.document_id = d.id "
        "WHERE d.version_id = ? ORDER BY d.format = 'pdf', d.filename, d.id LIMIT 1",
        (version_id,),
    ).fetchone()
    if row is None:
        raise SideError("that version has no stored document")
    return row["id"], row["json"]


def load_from_dataset(db: Path, spec: str) -> tuple[Document, str]:
    """The document ``spec`` names in the dataset, and a label of its version."""
    from roleframe.ingest.dataset.db import DatabaseRefused

    try:
        conn = connect(db, create=False)
    except DatabaseRefused as exc:
        raise SideError(str(exc)) from exc
    with closing(conn):
        by_id = conn.execute(
            "SELECT j.json, v.number, v.valid_from FROM documents d "
            "JOIN document_json j ON j.document_id = d.id JOIN versions v ON v.id = d.version_id "
            "WHERE d.id = ?",
            (spec,),
        ).fetchone()
        if by_id is not None:
            text, label = by_id["json"], f"version {by_id['number']} (from {by_id['valid_from']})"
        else:
            m = _AT.match(spec)
            title, at = (m["title"], m["at"]) if m else (spec, None)
            version = _version(conn, _series(conn, title)["id"], at)
            _, text = _document(conn, version["id"])
            label = f"version {version['number']} (from {version['valid_from']})"
    return read_document(text), label
