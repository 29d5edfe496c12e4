"""Document the export tables: ``docs/exports.md``, generated from the entity models.

Every CSV table, JSON Lines type and dataset key is an entity type of ``schema/entities.py``;
its columns (:mod:`.columns`) and their descriptions come from the models, so the page
cannot drift: ``tests/test_export_formats.py`` regenerates it and compares. Regenerate with
``python -m roleframe.ingest.exports.docs --write docs``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from roleframe.ingest.exports.columns import columns, describe
from roleframe.ingest.exports.workbook import SHEETS, SOURCES
from roleframe.schema.entities import ENTITY_TYPES
from roleframe.schema.files import write_atomic

DOC_NAME = "exports.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    out = [
        "# Export tables",
        "",
        "Generated from `schema/entities.py` by `python -m roleframe.ingest.exports.docs "
        "--write docs`; do not edit by hand.",
        "",
        "`roleframe export` writes the same entities in every format: a `type` per line in "
        "JSON Lines (`schema/json/export_line.json`), a table `TYPE.csv` per type in CSV, an "
        "array per type in the combined JSON (`schema/json/dataset.json`). Every entity "
        "carries the id of its document (`document_id`, see `document`) and where it sits "
        "in the source file: in JSON a `where` object (only the coordinates that apply), in "
        "CSV one `where_*` column per coordinate. Nested values (`where_of`, `candidates`, "
        "`details`) are compact JSON text in a CSV cell. CSV files are UTF-8 (`--bom` adds "
        "a byte-order mark for Excel) with CRLF line ends; empty cells are nulls. "
        "`--escape-formulas` puts an apostrophe before text starting with `=`, `+`, `-`, "
        "`@`, tab or carriage return, so a spreadsheet shows it instead of running it.",
        "",
        "Fields marked *personal* are emptied by `--redact-personal`.",
        "",
    ]
    for entity_type, model in ENTITY_TYPES.items():
        doc = (model.__doc__ or "").strip().splitlines()[0]
        out += [f"## `{entity_type}`", "", doc, "", "| column | meaning |", "|---|---|"]
        for column, text in describe(entity_type):
            field = model.model_fields.get(column)
            extra = field.json_schema_extra if field is not None else None
            personal = " *personal*" if isinstance(extra, dict) and extra.get("personal") else ""
            out.append(f"| `{column}` | {_cell(text)}{personal} |")
        out.append("")
    out += [
        "## The HR workbook (`roleframe export xlsx`)",
        "",
        "| sheet | columns |",
        "|---|---|",
        "| Matrix | Source, Role, Grade, then one column per competency: its registry name "
        "when matched, else as written; the required level as a number, or the cell as "
        "written when it holds none |",
    ]
    for name, sheet_columns in SHEETS.values():
        out.append(f"| {name} | {', '.join(c.header for c in sheet_columns)} |")
    out.append(f"| Sources | {', '.join(c.header for c in SOURCES)} |")
    out.append("")
    return "\n".join(out)


def table_columns() -> dict[str, tuple[str, ...]]:
    """Entity type -> the columns of its CSV table."""
    return {entity_type: columns(entity_type) for entity_type in ENTITY_TYPES}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "--write":
        print("usage: python -m roleframe.ingest.exports.docs --write DIR", file=sys.stderr)
        return 2
    write_atomic(Path(argv[1]) / DOC_NAME, markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
