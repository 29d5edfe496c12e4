"""Write one document into the database, in one transaction: all of it or none of it.

Same bytes as a loaded document -> nothing is written ("unchanged"). Same facts as a loaded
version of its series (another rendition: the PDF of a .docx already loaded) -> the document
joins that version and only adds provenance. Different facts -> a new version; the series'
versions are re-dated (``valid_from`` / ``valid_to``) and the old rows stay.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from roleframe.ingest.dataset.db import now, write
from roleframe.ingest.dataset.facts import Facts, Key, Mention, Name, Ref, Row, Value
from roleframe.ingest.dataset.identity import (
    RoleIndex,
    new_role_id,
    organisation_key,
    series_key,
    title_key,
)
from roleframe.ingest.dataset.mapping import facts_of
from roleframe.schema.base import Provenance
from roleframe.schema.document import Document
from roleframe.schema.ids import stable_id

# provenance columns for each Provenance coordinate
_WHERE_COLUMNS = {
    "page": "page",
    "sheet": "sheet",
    "cell": "cell",
    "line": "line",
    "table": "table_index",
    "row": "row_index",
    "column": "column_index",
    "paragraph": "paragraph",
}


@dataclass(frozen=True, slots=True)
class StoreOptions:
    organisation: str | None = None  # for documents that name none
    valid_from: str | None = None  # ISO; default: now
    who: str = "unknown"


@dataclass(slots=True)
class Stored:
    """What loading one document did."""

    status: str  # loaded (a new version), rendition (of a loaded version), unchanged
    document_id: str
    series_id: str
    version: int
    superseded: int | None = None  # the version number this one superseded
    loaded_at: str | None = None
    loaded_by: str | None = None
    roles: dict[str, int] = field(default_factory=dict)  # mention match status -> count


def store_document(
    conn: sqlite3.Connection, document: Document, document_json: str, options: StoreOptions
) -> Stored:
    """Load one document in one write transaction (see the module docstring)."""
    facts = facts_of(document)
    digest = content_digest(document, facts)
    with write(conn):
        before = conn.execute(
            "SELECT d.id, d.loaded_at, d.loaded_by, v.number, v.series_id FROM documents d "
            "JOIN versions v ON v.id = d.version_id WHERE d.sha256 = ?",
            (document.source.sha256,),
        ).fetchone()
        if before is not None:
            return Stored(
                "unchanged",
                before["id"],
                before["series_id"],
                before["number"],
                loaded_at=before["loaded_at"],
                loaded_by=before["loaded_by"],
            )
        return _Writer(conn, document, facts, options).write(digest, document_json)


def content_digest(document: Document, facts: Facts) -> str:
    """sha256 of what is loaded, without places in the file: renditions of one document
    agree, any changed value (or name match) makes a new version."""
    payload = {
        "kind": document.kind.value,
        "title": document.title,
        "organisation": document.organisation,
        "service": document.service,
        "mentions": [
            [m.key, m.relation, m.title, m.grade, m.service, m.team, m.post_numbers]
            for m in facts.mentions
        ],
        "rows": [[r.table, r.key, r.values, _link_keys(r)] for r in facts.rows],
        "names": sorted(
            [n.list, n.name, n.status.value, n.canonical_id or ""] for n in document.names
        ),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _link_keys(row: Row) -> dict[str, object]:
    out: dict[str, object] = {}
    for column, link in row.links.items():
        if isinstance(link, Ref):
            out[column] = [link.table, link.key]
        elif isinstance(link, Name):
            out[column] = [link.list, link.name]
        else:
            out[column] = None
    return out


class _Writer:
    """The inside of one document's transaction."""

    def __init__(
        self, conn: sqlite3.Connection, document: Document, facts: Facts, options: StoreOptions
    ) -> None:
        self.conn = conn
        self.document = document
        self.facts = facts
        self.options = options
        self.organisation = document.organisation or options.organisation
        self.at = now()
        self.columns: dict[str, set[str]] = {}

    def write(self, digest: str, document_json: str) -> Stored:
        doc = self.document
        series_id = self._series()
        version = self.conn.execute(
            "SELECT id, number FROM versions WHERE series_id = ? AND content_digest = ?",
            (series_id, digest),
        ).fetchone()
        superseded: int | None = None
        if version is None:
            version_id, number, superseded = self._new_version(series_id, digest)
            status = "loaded"
        else:
            version_id, number, status = version["id"], version["number"], "rendition"
        self._insert(
            "documents",
            {
                "id": doc.id,
                "version_id": version_id,
                "filename": doc.source.filename,
                "sha256": doc.source.sha256,
                "format": doc.source.format.value,
                "kind": doc.kind.value,
                "size": doc.source.size,
                "pages": doc.source.pages,
                "title": doc.title,
                "organisation": self.organisation,
                "service": doc.service,
                "extractor": doc.parser.extractor,
                "parser_version": doc.parser.version,
                "schema_version": doc.schema_version,
                "warnings": len(doc.warnings),
                "loaded_at": self.at,
                "loaded_by": self.options.who,
            },
        )
        self._insert("document_json", {"document_id": doc.id, "json": document_json})
        roles = self._mentions(version_id)
        self._names()
        for row in self.facts.rows:
            self._row(version_id, row)
        return Stored(
            status, doc.id, series_id, number, superseded, self.at, self.options.who, roles
        )

    # -- series and versions -------------------------------------------------------------

    def _series(self) -> str:
        doc = self.document
        title = self.facts.series_title or doc.title
        skey = series_key(doc.kind.value, self.organisation, title, doc.source.filename)
        series_id = stable_id("series", skey)
        self.conn.execute(
            "INSERT OR IGNORE INTO series (id, kind, key, title, organisation) "
            "VALUES (?, ?, ?, ?, ?)",
            (series_id, doc.kind.value, skey, title, self.organisation),
        )
        return series_id

    def _new_version(self, series_id: str, digest: str) -> tuple[str, int, int | None]:
        """Insert the version, re-date the series; returns (id, number, superseded number)."""
        number = (
            1
            + self.conn.execute(
                "SELECT COALESCE(MAX(number), 0) FROM versions WHERE series_id = ?", (series_id,)
            ).fetchone()[0]
        )
        version_id = stable_id("version", series_id, digest)
        self._insert(
            "versions",
            {
                "id": version_id,
                "series_id": series_id,
                "number": number,
                "content_digest": digest,
                "valid_from": self.options.valid_from or self.at,
            },
        )
        return version_id, number, redate(self.conn, series_id, version_id)

    # -- roles ---------------------------------------------------------------------------

    def _mentions(self, version_id: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        index: RoleIndex | None = None
        claimed: set[str] = set()
        for position, mention in enumerate(self.facts.mentions):
            mention_id = _row_id("role_mentions", version_id, mention.key)
            existing = self.conn.execute(
                "SELECT role_id, match_status FROM role_mentions WHERE id = ?", (mention_id,)
            ).fetchone()
            if existing is None:  # first rendition of this version: recognise the role
                index = index or RoleIndex(self.conn, self.organisation)
                status = self._new_mention(
                    index, claimed, version_id, mention_id, position, mention
                )
            else:
                claimed.add(existing["role_id"])
                status = existing["match_status"]
            counts[status] = counts.get(status, 0) + 1
            self._provenance("role_mentions", mention_id, mention.where)
        return counts

    def _new_mention(
        self,
        index: RoleIndex,
        claimed: set[str],
        version_id: str,
        mention_id: str,
        position: int,
        mention: Mention,
    ) -> str:
        found = index.recognise(mention.title, claimed)
        role_id = found.role_id
        if role_id is None:
            role_id = new_role_id(self.conn, self.organisation, mention.title)
            self._insert(
                "roles",
                {
                    "id": role_id,
                    "title": mention.title,
                    "organisation": self.organisation,
                    "title_key": title_key(mention.title),
                    "organisation_key": organisation_key(self.organisation),
                    "status": "review" if found.status == "review" else "ok",
                    "created_at": self.at,
                },
            )
        claimed.add(role_id)
        candidates = [
            {"role_id": c.role_id, "title": c.title, "score": c.score} for c in found.candidates
        ]
        self._insert(
            "role_mentions",
            {
                "id": mention_id,
                "version_id": version_id,
                "role_id": role_id,
                "relation": mention.relation,
                "position": position,
                "title": mention.title,
                "grade": mention.grade,
                "service": mention.service,
                "team": mention.team,
                "post_numbers": mention.post_numbers,
                "match_status": found.status,
                "match_method": found.method,
                "match_score": found.score,
                "candidates": json.dumps(candidates, ensure_ascii=False) if candidates else None,
            },
        )
        return found.status

    # -- names and rows ------------------------------------------------------------------

    def _names(self) -> None:
        for match in self.document.names:
            competency_id = self._competency(Name(match.list, match.name))
            self.conn.execute(
                "UPDATE competencies SET canonical_id = ?, canonical_name = ? WHERE id = ?",
                (match.canonical_id, match.canonical_name, competency_id),
            )
            match_id = stable_id("name_match", self.document.id, match.list, match.name)
            runner = match.runner_up
            self._insert(
                "name_matches",
                {
                    "id": match_id,
                    "document_id": self.document.id,
                    "competency_id": competency_id,
                    "status": match.status.value,
                    "score": match.score,
                    "method": match.method,
                    "canonical_id": match.canonical_id,
                    "canonical_name": match.canonical_name,
                    "runner_up_name": runner.canonical_name if runner else None,
                    "runner_up_score": runner.score if runner else None,
                    "resolved_name": match.resolved_name,
                    "reason": match.reason,
                },
                ignore=True,
            )
            if match.where is not None:
                self._provenance("name_matches", match_id, (("", match.where),))

    def _competency(self, name: Name) -> str:
        competency_id = stable_id("competency", name.list, name.name)
        self.conn.execute(
            "INSERT OR IGNORE INTO competencies (id, list, name) VALUES (?, ?, ?)",
            (competency_id, name.list, name.name),
        )
        return competency_id

    def _row(self, version_id: str, row: Row) -> None:
        values: dict[str, Value] = {"id": _row_id(row.table, version_id, row.key), **row.values}
        if "version_id" in self._columns(row.table):
            values["version_id"] = version_id
        for column, link in row.links.items():
            if isinstance(link, Ref):
                values[column] = _row_id(link.table, version_id, link.key)
            elif isinstance(link, Name):
                values[column] = self._competency(link)
            else:
                values[column] = None
        self._insert(row.table, values, ignore=True)
        self._provenance(row.table, str(values["id"]), row.where)

    def _provenance(self, table: str, row_id: str, where: Iterable[tuple[str, Provenance]]) -> None:
        for field_name, place in where:
            coords = {
                _WHERE_COLUMNS[k]: v
                for k, v in place.model_dump(exclude_none=True).items()
                if k in _WHERE_COLUMNS
            }
            self._insert(
                "provenance",
                {
                    "document_id": self.document.id,
                    "row_table": table,
                    "row_id": row_id,
                    "field": field_name,
                    **coords,
                },
                ignore=True,
            )

    def _columns(self, table: str) -> set[str]:
        if table not in self.columns:
            info = self.conn.execute(f"PRAGMA table_info({table})").fetchall()
            self.columns[table] = {row["name"] for row in info}
        return self.columns[table]

    def _insert(self, table: str, values: dict[str, Value], ignore: bool = False) -> None:
        names = list(values)
        verb = "INSERT OR IGNORE" if ignore else "INSERT"
        self.conn.execute(
            f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [values[n] for n in names],
        )


def _row_id(table: str, version_id: str, key: Key) -> str:
    return stable_id(table, version_id, *key)


def redate(conn: sqlite3.Connection, series_id: str, new_version: str) -> int | None:
    """Order the series' versions by ``valid_from`` (then load order) and chain them: each
    is valid until the next begins. Returns the number of the version ``new_version``
    superseded, if any."""
    versions = conn.execute(
        "SELECT id, number, valid_from FROM versions WHERE series_id = ? "
        "ORDER BY valid_from, number",
        (series_id,),
    ).fetchall()
    superseded: int | None = None
    for current, following in zip(versions, [*versions[1:], None], strict=True):
        conn.execute(
            "UPDATE versions SET valid_to = ?, superseded_by = ? WHERE id = ?",
            (
                following["valid_from"] if following else None,
                following["id"] if following else None,
                current["id"],
            ),
        )
        if following is not None and following["id"] == new_version:
            superseded = current["number"]
    return superseded
