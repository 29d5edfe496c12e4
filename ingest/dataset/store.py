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
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

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
from roleframe.schema.ids import ROLEFRAME_NAMESPACE, stable_id

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
    writer = _Writer(conn, document, facts, options)
    plan = writer.plan(digest)
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
        return writer.write(plan, digest, document_json)


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


@dataclass(slots=True)
class _Plan:
    """Everything that can be worked out before taking the write lock: ids are
    deterministic (uuid5 of the version and the row's natural key), so the transaction only
    recognises roles and inserts."""

    series_id: str
    series_key: str
    series_title: str | None
    version_id: str
    rows: dict[str, list[dict[str, Value]]]  # table -> rows, tables in dependency order
    competencies: dict[str, tuple[str, str]]  # id -> (list, name)
    provenance: list[tuple[Value, ...]]
    mentions: list[tuple[str, Mention]]  # (mention id, mention)


class _Writer:
    """One document's load: planned outside the transaction, written inside it."""

    def __init__(
        self, conn: sqlite3.Connection, document: Document, facts: Facts, options: StoreOptions
    ) -> None:
        self.conn = conn
        self.document = document
        self.facts = facts
        self.options = options
        self.organisation = document.organisation or options.organisation
        self.at = now()

    def plan(self, digest: str) -> _Plan:
        doc = self.document
        title = self.facts.series_title or doc.title
        skey = series_key(doc.kind.value, self.organisation, title, doc.source.filename)
        series_id = stable_id("series", skey)
        version_id = stable_id("version", series_id, digest)
        plan = _Plan(series_id, skey, title, version_id, {}, {}, [], [])
        for mention in self.facts.mentions:
            mention_id = row_id("role_mentions", version_id, mention.key)
            plan.mentions.append((mention_id, mention))
            self._where(plan, "role_mentions", mention_id, mention.where)
        for row in self.facts.rows:
            values: dict[str, Value] = {"id": row_id(row.table, version_id, row.key)}
            values.update(row.values)
            if row.table in VERSIONED:
                values["version_id"] = version_id
            for column, link in row.links.items():
                if isinstance(link, Ref):
                    values[column] = row_id(link.table, version_id, link.key)
                elif isinstance(link, Name):
                    values[column] = self._competency(plan, link)
                else:
                    values[column] = None
            plan.rows.setdefault(row.table, []).append(values)
            self._where(plan, row.table, str(values["id"]), row.where)
        for match in doc.names:
            match_id = stable_id("name_match", doc.id, match.list, match.name)
            runner = match.runner_up
            plan.rows.setdefault("name_matches", []).append(
                {
                    "id": match_id,
                    "document_id": doc.id,
                    "competency_id": self._competency(plan, Name(match.list, match.name)),
                    "status": match.status.value,
                    "score": match.score,
                    "method": match.method,
                    "canonical_id": match.canonical_id,
                    "canonical_name": match.canonical_name,
                    "runner_up_name": runner.canonical_name if runner else None,
                    "runner_up_score": runner.score if runner else None,
                    "resolved_name": match.resolved_name,
                    "reason": match.reason,
                }
            )
            if match.where is not None:
                self._where(plan, "name_matches", match_id, (("", match.where),))
        return plan

    def _competency(self, plan: _Plan, name: Name) -> str:
        cid = competency_id(name.list, name.name)
        plan.competencies[cid] = (name.list, name.name)
        return cid

    def _where(
        self, plan: _Plan, table: str, row: str, where: Iterable[tuple[str, Provenance]]
    ) -> None:
        for field_name, place in where:
            coords = place.model_dump(exclude_none=True)
            plan.provenance.append(
                (
                    self.document.id,
                    table,
                    row,
                    field_name,
                    *(coords.get(name) for name in _WHERE_COLUMNS),
                )
            )

    def write(self, plan: _Plan, digest: str, document_json: str) -> Stored:
        """Inside the transaction: version, document, roles, then every row."""
        doc = self.document
        self.conn.execute(
            "INSERT OR IGNORE INTO series (id, kind, key, title, organisation) "
            "VALUES (?, ?, ?, ?, ?)",
            (plan.series_id, doc.kind.value, plan.series_key, plan.series_title, self.organisation),
        )
        version = self.conn.execute(
            "SELECT number FROM versions WHERE id = ?", (plan.version_id,)
        ).fetchone()
        superseded: int | None = None
        if version is None:
            number, superseded = self._new_version(plan, digest)
            status = "loaded"
        else:
            number, status = version["number"], "rendition"
        self._insert(
            "documents",
            {
                "id": doc.id,
                "version_id": plan.version_id,
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
        roles = self._mentions(plan)
        self.conn.executemany(
            "INSERT OR IGNORE INTO competencies (id, list, name) VALUES (?, ?, ?)",
            [(cid, lst, name) for cid, (lst, name) in plan.competencies.items()],
        )
        self.conn.executemany(
            "UPDATE competencies SET canonical_id = ?, canonical_name = ? WHERE id = ?",
            [(r["canonical_id"], r["canonical_name"], r["competency_id"])
             for r in plan.rows.get("name_matches", [])],
        )  # fmt: skip
        for table, rows in plan.rows.items():
            self._table(table, rows)
        self.conn.executemany(
            "INSERT OR IGNORE INTO provenance (document_id, row_table, row_id, field, "
            f"{', '.join(_WHERE_COLUMNS.values())}) VALUES "
            f"({', '.join('?' for _ in range(4 + len(_WHERE_COLUMNS)))})",
            plan.provenance,
        )
        return Stored(
            status, doc.id, plan.series_id, number, superseded, self.at, self.options.who, roles
        )

    def _new_version(self, plan: _Plan, digest: str) -> tuple[int, int | None]:
        """Insert the version and re-date the series; returns (number, superseded number)."""
        number = (
            1
            + self.conn.execute(
                "SELECT COALESCE(MAX(number), 0) FROM versions WHERE series_id = ?",
                (plan.series_id,),
            ).fetchone()[0]
        )
        self._insert(
            "versions",
            {
                "id": plan.version_id,
                "series_id": plan.series_id,
                "number": number,
                "content_digest": digest,
                "valid_from": self.options.valid_from or self.at,
            },
        )
        return number, redate(self.conn, plan.series_id, plan.version_id)

    # -- roles ---------------------------------------------------------------------------

    def _mentions(self, plan: _Plan) -> dict[str, int]:
        counts: dict[str, int] = {}
        index: RoleIndex | None = None
        claimed: set[str] = set()
        for position, (mention_id, mention) in enumerate(plan.mentions):
            existing = self.conn.execute(
                "SELECT role_id, match_status FROM role_mentions WHERE id = ?", (mention_id,)
            ).fetchone()
            if existing is None:  # first rendition of this version: recognise the role
                index = index or RoleIndex(self.conn, self.organisation)
                status = self._new_mention(
                    index, claimed, plan.version_id, mention_id, position, mention
                )
            else:
                claimed.add(existing["role_id"])
                status = existing["match_status"]
            counts[status] = counts.get(status, 0) + 1
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

    # -- inserts -------------------------------------------------------------------------

    def _table(self, table: str, rows: list[dict[str, Value]]) -> None:
        """Insert one table's rows (renditions find them there already: ignored)."""
        columns = list(rows[0])
        self.conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})",
            [[row.get(c) for c in columns] for row in rows],
        )

    def _insert(self, table: str, values: dict[str, Value]) -> None:
        names = list(values)
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
            [values[n] for n in names],
        )


# Tables whose rows carry the version they belong to (the others hang off a parent row).
VERSIONED = frozenset(
    {
        "requirements",
        "descriptors",
        "profile_fields",
        "profile_statements",
        "person_spec",
        "je_factors",
        "framework_levels",
        "framework_statements",
        "progression_bands",
    }
)


@lru_cache(maxsize=65536)
def competency_id(list_name: str, name: str) -> str:
    """A name as written, in its list: the same id in every document and database."""
    return stable_id("competency", list_name, name)


def row_id(table: str, version_id: str, key: Key) -> str:
    """A row's id: uuid5 of its table, version and natural key (positions, so no text
    normalisation is needed, unlike ``stable_id``)."""
    text = "\x1f".join((table, version_id, *map(str, key)))
    return str(uuid.uuid5(ROLEFRAME_NAMESPACE, text))


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
