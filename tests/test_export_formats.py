"""Every export format over the samples' documents: content, determinism, documentation."""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from conftest import EXPECTED, needs_shared
from export_support import (
    DOCUMENTS,
    GOLDEN,
    MATRICES,
    csv_tables,
    jsonl_lines,
    output_folder,
    run,
)

from roleframe.ingest.export import to_json
from roleframe.ingest.exports import docs
from roleframe.ingest.exports.columns import columns, row
from roleframe.ingest.exports.staging import FIXED_TIME
from roleframe.schema.document import Document
from roleframe.schema.entities import ENTITY_TYPES, Dataset
from roleframe.schema.match import MatchStatus

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schema" / "json"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return output_folder(tmp_path_factory.mktemp("export") / "output")


@pytest.fixture(scope="module")
def exported(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exported")
    paths = {
        "jsonl": out / "dataset.jsonl",
        "csv": out / "tables",
        "zip": out / "tables.zip",
        "xlsx": out / "roleframe.xlsx",
        "json": out / "dataset.json",
    }
    for name, path in paths.items():
        report = run("csv" if name == "zip" else name, source, path)
        assert report.documents == len(DOCUMENTS) and not report.failed
    return paths


def _documents() -> dict[str, Document]:
    return {name: Document.model_validate_json((GOLDEN / name).read_bytes()) for name in DOCUMENTS}


# -- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_lines_are_typed_and_valid_against_the_published_schema(
    exported: dict[str, Path],
) -> None:
    schema = json.loads((SCHEMAS / "export_line.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    lines = jsonl_lines(exported["jsonl"])
    for data in lines:
        errors = list(validator.iter_errors(data))
        assert not errors, (data["type"], errors[0].message)
    types = Counter(data["type"] for data in lines)
    assert types["document"] == len(DOCUMENTS)
    assert {"role", "requirement", "descriptor", "statement", "band_statement", "factor"} <= set(
        types
    )
    assert {"factor_level", "name_match", "person_spec", "personal_value"} <= set(types)
    documents = {d["id"] for d in lines if d["type"] == "document"}
    assert all(data["document_id"] in documents for data in lines)


def test_jsonl_round_trips_to_the_documents_content(exported: dict[str, Path]) -> None:
    """Requirements, statements, names: the lines hold what the documents hold, in order."""
    lines = jsonl_lines(exported["jsonl"])
    by_document: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in lines:
        by_document[data["document_id"]].append(data)
    for name, document in _documents().items():
        mine = by_document[document.id]
        of_type = lambda t, mine=mine: [d for d in mine if d["type"] == t]  # noqa: E731
        roles = {d["id"]: d["title"] for d in of_type("role")}
        names = [
            (d["list"], d["name"], d["status"], d["canonical_id"]) for d in of_type("name_match")
        ]
        assert names == [(n.list, n.name, n.status.value, n.canonical_id) for n in document.names]
        content = document.content
        if document.kind == "skills_matrix":
            assert [
                (roles[d["role_id"]], d["competency"], d["raw"], d["level"], d["where"])
                for d in of_type("requirement")
            ] == [
                (c.role, c.competency, c.raw, c.level, c.where.model_dump(mode="json"))
                for c in content.requirements  # type: ignore[union-attr]
            ], name
            assert [(d["competency"], d["level"], d["text"]) for d in of_type("descriptor")] == [
                (x.competency, x.level, x.text)
                for x in content.descriptors  # type: ignore[union-attr]
            ]
        if document.kind == "competency_framework":
            assert [
                (d["competency"], d["category"], d["level"], d["sub_area"], d["text"])
                for d in of_type("statement")
            ] == [
                (s.competency, s.category, s.level, s.sub_area, s.text)
                for s in content.statements  # type: ignore[union-attr]
            ]
        if document.kind == "je_form":
            assert [d["factor"] for d in of_type("factor")] == [
                f.name
                for f in content.factors  # type: ignore[union-attr]
            ]


# -- CSV -------------------------------------------------------------------------------------


def test_csv_tables_have_the_documented_columns(exported: dict[str, Path]) -> None:
    documented = _documented_columns()
    for path in (exported["csv"], exported["zip"]):
        tables = csv_tables(path)
        assert set(tables) == set(ENTITY_TYPES), "every type gets its table, even empty"
        for entity_type, rows in tables.items():
            assert tuple(rows[0]) == columns(entity_type)
            assert rows[0] == documented[entity_type], f"docs/exports.md: {entity_type}"


def test_docs_are_generated_from_the_models() -> None:
    assert (ROOT / "docs" / docs.DOC_NAME).read_text(encoding="utf-8") == docs.markdown(), (
        "docs/exports.md drifted: python -m roleframe.ingest.exports.docs --write docs"
    )


def _documented_columns() -> dict[str, list[str]]:
    text = (ROOT / "docs" / docs.DOC_NAME).read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = re.match(r"## `(\w+)`$", line)
        if heading:
            current = heading.group(1)
            found[current] = []
        elif line.startswith("## "):
            current = None
        elif current and (cell := re.match(r"\| `(\w+)` \|", line)):
            found[current].append(cell.group(1))
    return found


def test_csv_rows_equal_the_jsonl_lines(exported: dict[str, Path]) -> None:
    lines = jsonl_lines(exported["jsonl"])
    tables = csv_tables(exported["csv"])
    for entity_type in ENTITY_TYPES:
        expected = [
            ["" if c is None else ("true" if c is True else "false" if c is False else str(c))
             for c in row(entity_type, data)]
            for data in lines
            if data["type"] == entity_type
        ]  # fmt: skip
        assert tables[entity_type][1:] == expected, entity_type


def test_csv_is_utf8_with_an_optional_bom(source: Path, tmp_path: Path) -> None:
    run("csv", source, tmp_path / "plain")
    run("csv", source, tmp_path / "bom", bom=True)
    plain = (tmp_path / "plain" / "statement.csv").read_bytes()
    bom = (tmp_path / "bom" / "statement.csv").read_bytes()
    assert not plain.startswith(b"\xef\xbb\xbf") and bom == b"\xef\xbb\xbf" + plain
    assert "–".encode() in plain or "’".encode() in plain  # real UTF-8 text made it through
    assert plain.split(b"\n")[0].endswith(b"\r")  # RFC 4180 line ends


def test_csv_zip_members_have_fixed_metadata(exported: dict[str, Path]) -> None:
    with zipfile.ZipFile(exported["zip"]) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"{t}.csv" for t in ENTITY_TYPES]
        assert {i.date_time for i in infos} == {FIXED_TIME.timetuple()[:6]}
        assert archive.testzip() is None


# -- combined JSON ---------------------------------------------------------------------------


def test_combined_json_is_the_dataset_model_dumped(exported: dict[str, Path]) -> None:
    """Assembled from spools, the file equals what to_json prints for the whole Dataset."""
    lines = jsonl_lines(exported["jsonl"])
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in lines:
        grouped[data["type"]].append(data)
    dataset = Dataset.model_validate(grouped)
    text = exported["json"].read_text(encoding="utf-8")
    assert text == to_json(dataset)
    schema = json.loads((SCHEMAS / "dataset.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(text), schema)


# -- xlsx ------------------------------------------------------------------------------------


def test_workbook_opens_with_frozen_headers_filters_and_widths(exported: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(exported["xlsx"])
    assert book.sheetnames == [
        "Matrix",
        "Descriptors",
        "Statements",
        "Band statements",
        "JE factors",
        "Name review",
        "Sources",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == ("C2" if sheet.title == "Matrix" else "A2"), sheet.title
        assert (
            sheet.auto_filter.ref == f"A1:{sheet.cell(sheet.max_row, sheet.max_column).coordinate}"
        )
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(8 <= w <= 61 for w in widths), (sheet.title, widths)
        assert all(cell.font.bold for cell in sheet[1])
    assert book.properties.created == FIXED_TIME.replace(tzinfo=None)


def _matrix_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    sheet = openpyxl.load_workbook(path)["Matrix"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_source: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for values in rows[1:]:
        by_source[values[0]].append(values)
    by_source["__header__"] = [header]
    return by_source


def _column(document: Document, written: str) -> str:
    match = next(n for n in document.names if n.name == written and n.list == "competencies")
    if match.status == MatchStatus.MATCHED and match.canonical_name:
        return match.canonical_name
    return written


@needs_shared
@pytest.mark.parametrize("name", MATRICES)
def test_matrix_sheet_equals_the_seed_matrix_cell_by_cell(
    exported: dict[str, Path], name: str
) -> None:
    expected = json.loads((EXPECTED / name).read_text(encoding="utf-8"))
    document = Document.model_validate_json((GOLDEN / name).read_bytes())
    rows = _matrix_rows(exported["xlsx"])
    header = list(rows["__header__"][0])
    mine = rows[expected["source_file"]]
    assert [(r[1], r[2]) for r in mine] == [(r["title"], r["grade"]) for r in expected["roles"]]
    by_role = {r[1]: r for r in mine}
    filled = 0
    for cell in expected["cells"]:
        column = header.index(_column(document, cell["competency"]))
        want = cell["level"] if cell["level"] is not None else (cell["raw"] or None)
        assert by_role[cell["role"]][column] == want, (cell["role"], cell["competency"])
        filled += want is not None
    assert filled > 200
    # nothing else on those rows: one column per competency of the seed
    columns_used = {header.index(_column(document, c)) for c in expected["competency_headers"]}
    for values in mine:
        assert all(v is None for i, v in enumerate(values[3:], start=3) if i not in columns_used)


def test_matrix_sheet_holds_every_requirement_of_every_matrix(exported: dict[str, Path]) -> None:
    """Without ../shared: the sheet against the documents themselves."""
    rows = _matrix_rows(exported["xlsx"])
    header = list(rows["__header__"][0])
    for name, document in _documents().items():
        if document.kind != "skills_matrix":
            continue
        mine = {r[1]: r for r in rows[document.source.filename]}
        for cell in document.content.requirements:  # type: ignore[union-attr]
            want = cell.level if cell.level is not None else (cell.raw or None)
            got = mine[cell.role][header.index(_column(document, cell.competency))]
            assert got == want, (name, cell.role, cell.competency)


def test_name_review_and_sources_sheets(exported: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(exported["xlsx"])
    names = list(book["Name review"].iter_rows(values_only=True))
    assert names[0][:6] == ("Source", "List", "Name as written", "Status", "Score", "Method")
    documents = _documents()
    assert len(names) - 1 == sum(len(d.names) for d in documents.values())
    review = [r for r in names[1:] if r[3] == "review"]
    assert review and all(r[9] for r in review), "names in review list their candidates"
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert sorted(r[0] for r in sources[1:]) == sorted(
        d.source.filename for d in documents.values()
    )
    assert {r[1] for r in sources[1:]} == {"ok"}


# -- every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["jsonl", "csv", "zip", "xlsx", "json"])
def test_the_same_input_gives_byte_identical_output(
    source: Path, exported: dict[str, Path], tmp_path: Path, name: str
) -> None:
    again = tmp_path / exported[name].name
    run("csv" if name == "zip" else name, source, again)
    if exported[name].is_dir():
        first = {p.name: p.read_bytes() for p in exported[name].iterdir()}
        second = {p.name: p.read_bytes() for p in again.iterdir()}
    else:
        first, second = {"": exported[name].read_bytes()}, {"": again.read_bytes()}
    assert first == second
    assert not list(again.parent.glob(".*")), "no temporary files left behind"


def test_workbook_writes_text_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    data = json.loads((GOLDEN / "000_skills_matrix.xlsx.json").read_text("utf-8"))
    formula = '=HYPERLINK("http://example.invalid","open me")'
    data["content"]["descriptors"][0]["text"] = formula
    folder = tmp_path / "output"
    folder.mkdir()
    (folder / "doc.json").write_text(json.dumps(data), "utf-8")
    out = tmp_path / "x.xlsx"
    run("xlsx", folder, out)
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        xml = b"".join(archive.read(n) for n in sheets)
    assert b"<f>" not in xml and b"HYPERLINK" in xml
    sheet = openpyxl.load_workbook(out)["Descriptors"]
    assert sheet.cell(2, 5).value == formula and sheet.cell(2, 5).data_type == "s"


def test_csv_escape_formulas_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    """CSV injection: a statement reading `=HYPERLINK(...)` must not become a live formula
    in Excel when asked (`--escape-formulas`); by default the text is kept as written."""
    folder = output_folder(tmp_path / "in", ("003_competency_framework.docx.json",))
    path = folder / "003_competency_framework.docx.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    hostile = ['=HYPERLINK("http://example.invalid","x")', "+1+1", "@SUM(A1)", "-2+3"]
    replaced: list[str] = []

    def plant(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str) and value:
                    node[key] = hostile[len(replaced) % len(hostile)]
                    replaced.append(value)
                else:
                    plant(value)
        elif isinstance(node, list):
            for item in node:
                plant(item)

    plant(data)
    assert len(replaced) > 20  # every statement, definition and paragraph text
    path.write_text(json.dumps(data), encoding="utf-8")

    run("csv", folder, tmp_path / "plain")
    run("csv", folder, tmp_path / "safe", escape_formulas=True)
    plain_cells = {c for rows in csv_tables(tmp_path / "plain").values() for r in rows for c in r}
    safe_cells = {c for rows in csv_tables(tmp_path / "safe").values() for r in rows for c in r}
    for text in hostile:
        assert text in plain_cells
        assert text not in safe_cells and "'" + text in safe_cells
    assert not any(c.startswith(("=", "+", "@")) for c in safe_cells)
