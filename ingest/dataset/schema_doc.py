"""Document the database from the live schema: ``docs/database.md`` and Datasette metadata.

Both are generated from a freshly migrated database (tables, columns, foreign keys, indexes
and the ``--`` comments the migrations carry), so they cannot drift: a test regenerates them
and compares. Regenerate with ``python -m roleframe.ingest.dataset.schema_doc --write docs``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from roleframe.ingest.dataset.db import migrate
from roleframe.ingest.dataset.migrations import LATEST, VIEW_COLUMNS
from roleframe.schema.files import write_atomic

DOC_NAME = "database.md"
METADATA_NAME = "datasette-metadata.json"
DATABASE = "roleframe"  # Datasette names a database after its file: output/roleframe.db

# The two questions the dataset must answer in one query each (issue 10). Tested against a
# loaded database in tests/test_dataset_docs.py, shown in the docs and as Datasette queries.
QUERIES = {
    "requirements_on_date": (
        "What did a role require on a date?",
        "What did the Senior Housing Officer require on 1 March 2025? Every requirement of "
        "every document version valid that day (matrix levels, JE factor levels, person "
        "specification, progression bands).",
        """SELECT r.title, q.source, q.subject, q.level, q.detail, q.valid_from, q.valid_to
FROM role_requirements q JOIN roles r ON r.id = q.role_id
WHERE r.title = :title
  AND q.valid_from <= :day || 'T23:59:59Z'
  AND (q.valid_to IS NULL OR q.valid_to > :day || 'T23:59:59Z')
ORDER BY q.source, q.subject""",
    ),
    "value_sources": (
        "Which documents did this value come from?",
        "The files a value was read from, and where in each: one row per rendition "
        "(`row_table` and `row_id` name the value, e.g. a row of `requirements`).",
        """SELECT d.filename, d.format, d.sha256, d.loaded_at, d.loaded_by, p.field,
       p.page, p.sheet, p.cell, p.line, p.table_index, p.row_index, p.column_index,
       p.paragraph
FROM provenance p JOIN documents d ON d.id = p.document_id
WHERE p.row_table = :row_table AND p.row_id = :row_id
ORDER BY d.filename""",
    ),
}

LABEL_COLUMNS = {
    "series": "title",
    "documents": "filename",
    "roles": "title",
    "role_mentions": "title",
    "competencies": "name",
    "progression_bands": "label",
    "versions": "number",
}

_COLUMN_COMMENT = re.compile(r"^\s*\"?(\w+)\"?\s+[^\n]*?--\s*(.+?)\s*$")


@dataclass
class Column:
    name: str
    type: str
    notes: list[str]
    description: str


@dataclass
class Table:
    name: str
    kind: str  # table or view
    description: str
    columns: list[Column] = field(default_factory=list)
    indexes: list[str] = field(default_factory=list)
    references: list[tuple[str, str, str]] = field(default_factory=list)  # (column, table, col)


def live_schema() -> list[Table]:
    """The schema of a freshly migrated database, with its comments."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, Path(":memory:"))
        objects = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).fetchall()
        return [_table(conn, kind, name, sql) for kind, name, sql in objects]
    finally:
        conn.close()


def _table(conn: sqlite3.Connection, kind: str, name: str, sql: str) -> Table:
    first, _, rest = sql.partition("\n")
    description = first.split("--", 1)[1].strip() if "--" in first else ""
    comments = {}
    for line in rest.splitlines():
        m = _COLUMN_COMMENT.match(line)
        if m:
            comments[m.group(1)] = m.group(2)
    comments.update(VIEW_COLUMNS.get(name, {}))
    table = Table(name, kind, description)
    references = {
        row[3]: (row[2], row[4])
        for row in conn.execute(f"PRAGMA foreign_key_list({name})").fetchall()
    }
    uniques = set()
    for _, index, unique, origin, _ in conn.execute(f"PRAGMA index_list({name})").fetchall():
        cols = [r[2] for r in conn.execute(f"PRAGMA index_info({index})").fetchall()]
        if origin == "c":
            table.indexes.append(f"`{index}` ({', '.join(cols)})")
        elif unique and len(cols) == 1:
            uniques.add(cols[0])
        elif unique:
            table.indexes.append(f"unique ({', '.join(cols)})")
    for _, column, ctype, notnull, _, pk in conn.execute(f"PRAGMA table_info({name})"):
        notes = []
        if pk:
            notes.append("primary key")
        if column in references:
            target, target_column = references[column]
            notes.append(f"→ `{target}.{target_column}`")
            table.references.append((column, target, target_column))
        if notnull and not pk:
            notes.append("not null")
        if column in uniques:
            notes.append("unique")
        table.columns.append(Column(column, ctype or "", notes, comments.get(column, "")))
    return table


def markdown(tables: list[Table]) -> str:
    out = [
        "# The roleframe database",
        "",
        "<!-- Generated from the live schema by `python -m roleframe.ingest.dataset.schema_doc "
        "--write docs`; tests/test_dataset_docs.py fails when it drifts. -->",
        "",
        f"Schema version {LATEST} (`PRAGMA user_version`; the file is marked with "
        "`PRAGMA application_id` = `RFDB`). One SQLite file, default `output/roleframe.db`, "
        "created and migrated by `roleframe load`. Every value row has its provenance: "
        "`provenance` rows name the document and the place in it (page, sheet, cell, table, "
        "row, column, paragraph), one per rendition that states it.",
        "",
        "## Diagram",
        "",
        "```mermaid",
        "erDiagram",
    ]
    for table in tables:
        for column, target, _ in table.references:
            out.append(f'    {target} ||--o{{ {table.name} : "{column}"')
    out += ["```", "", "## Two questions, one query each", ""]
    for title, explanation, sql in QUERIES.values():
        out += [f"**{title}** {explanation}", "", "```sql", sql, "```", ""]
    out += ["## Tables and views", ""]
    for table in tables:
        out += [f"### `{table.name}`{' (view)' if table.kind == 'view' else ''}", ""]
        out += [table.description, ""]
        out += ["| column | type | keys | meaning |", "|---|---|---|---|"]
        for c in table.columns:
            meaning = c.description.replace("|", "\\|")
            out.append(f"| `{c.name}` | {c.type} | {', '.join(c.notes)} | {meaning} |")
        if table.indexes:
            out += ["", "Indexes: " + "; ".join(table.indexes) + "."]
        out.append("")
    return "\n".join(out)


def datasette_metadata(tables: list[Table]) -> dict[str, object]:
    """Datasette's metadata: descriptions per table and column, label columns, and the two
    questions as canned queries."""
    described: dict[str, object] = {}
    for table in tables:
        entry: dict[str, object] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns if c.description},
        }
        if table.name in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table.name]
        described[table.name] = entry
    return {
        "title": "roleframe: the shared HR dataset",
        "description": "Roles, requirements, JE factors, frameworks and progression bands "
        "loaded by `roleframe load`, every value with the documents it came from.",
        "databases": {
            DATABASE: {
                "tables": described,
                "queries": {
                    name: {"title": title, "description": text, "sql": sql}
                    for name, (title, text, sql) in QUERIES.items()
                },
            }
        },
    }


def render() -> dict[str, str]:
    tables = live_schema()
    metadata = json.dumps(datasette_metadata(tables), indent=2, ensure_ascii=False) + "\n"
    return {DOC_NAME: markdown(tables), METADATA_NAME: metadata}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "--write":
        print("usage: python -m roleframe.ingest.dataset.schema_doc --write DIR", file=sys.stderr)
        return 2
    for name, text in render().items():
        write_atomic(Path(argv[1]) / name, text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
