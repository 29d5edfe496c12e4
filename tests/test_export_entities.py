"""Entities come from the dataset's one flattening, complete, with ids, links and provenance."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from export_support import GOLDEN
from pydantic import Field

from roleframe.ingest.dataset.facts import Name, Ref
from roleframe.ingest.dataset.mapping import facts_of
from roleframe.ingest.export import dump, is_personal
from roleframe.ingest.exports import entities as entities_module
from roleframe.ingest.exports.entities import TABLES, entities, entity_id, personal_values
from roleframe.schema import Model, Provenance
from roleframe.schema.document import Document
from roleframe.schema.entities import ENTITY_TYPES

EXPORTS = Path(__file__).resolve().parent.parent / "ingest" / "exports"


def _documents() -> list[Path]:
    found = []
    for path in sorted(GOLDEN.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        if '"content"' in text and '"source"' in text:
            found.append(path)
    return found


DOCUMENT_FILES = _documents()


def _load(path: Path) -> Document:
    return Document.model_validate_json(path.read_bytes())


@pytest.mark.parametrize("path", DOCUMENT_FILES, ids=lambda p: p.name)
def test_every_mapped_row_and_value_reaches_an_entity(path: Path) -> None:
    document = _load(path)
    missed: set[str] = set()
    lines = list(entities(document, missed))
    assert missed == set(), f"values no entity model has a field for: {sorted(missed)}"
    facts = facts_of(document)
    by_id = {line.id: line for line in lines}
    assert len(by_id) == len(lines), "entity ids are unique within a document"
    counts = Counter(getattr(line, "type") for line in lines)  # noqa: B009
    assert counts["role"] == len(facts.mentions)
    for table, entity_type in TABLES.items():
        assert counts[entity_type] == sum(1 for r in facts.rows if r.table == table)
    assert counts["name_match"] == len(document.names)
    assert counts["warning"] == len(document.warnings)
    assert counts["document"] == 1
    # each row's values, places and links, as its entity carries them
    for row in facts.rows:
        line = by_id[entity_id(document.id, row.table, *row.key)]
        assert getattr(line, "type") == TABLES[row.table]  # noqa: B009
        for key, value in row.values.items():
            assert getattr(line, key) == value, (row.table, key)
        places = dict(row.where)
        assert getattr(line, "where") == places.pop("", None)  # noqa: B009
        assert getattr(line, "where_of") == places  # noqa: B009
        for column, link in row.links.items():
            if isinstance(link, Ref):
                prefix = entities_module.REF_FIELDS[column]
                assert getattr(line, f"{prefix}_id") in by_id
            elif isinstance(link, Name):
                field = entities_module.NAME_FIELDS.get(TABLES[row.table], "competency")
                assert getattr(line, field) == link.name


def test_matrix_entities_equal_the_matrix_content() -> None:
    document = _load(GOLDEN / "000_skills_matrix.xlsx.json")
    lines = list(entities(document))
    roles = {line.id: line for line in lines if getattr(line, "type") == "role"}  # noqa: B009
    requirements = [
        line
        for line in lines
        if getattr(line, "type") == "requirement"  # noqa: B009
    ]
    matrix = document.content
    assert [
        (roles[r.role_id].title, r.competency, r.raw, r.level, r.where)  # type: ignore[attr-defined]
        for r in requirements
    ] == [(c.role, c.competency, c.raw, c.level, c.where) for c in matrix.requirements]  # type: ignore[union-attr]
    names = {n.name: n for n in document.names}
    for line in requirements:
        match = names[line.competency]  # type: ignore[attr-defined]
        assert line.canonical_id == match.canonical_id  # type: ignore[attr-defined]
        assert line.match_status == match.status.value  # type: ignore[attr-defined]


def test_band_statements_carry_their_band_and_role() -> None:
    document = _load(GOLDEN / "004_career_progression_framework.docx.json")
    lines = list(entities(document))
    by_id = {line.id: line for line in lines}
    statements = [line for line in lines if getattr(line, "type") == "band_statement"]  # noqa: B009
    framework = document.content
    expected = [
        (role.title, band.label, category.category, statement.text)
        for role in framework.roles  # type: ignore[union-attr]
        for band in role.bands or []
        for category in band.categories
        for statement in category.statements
    ]
    got = []
    for line in statements:
        band = by_id[line.band_id]  # type: ignore[attr-defined]
        assert line.role_id == band.role_id  # type: ignore[attr-defined]
        got.append((line.role, line.band, line.category, line.text))  # type: ignore[attr-defined]
    assert got == expected


def test_entity_ids_are_stable_and_distinct_across_documents() -> None:
    first = [line.id for line in entities(_load(GOLDEN / "000_skills_matrix.xlsx.json"))]
    again = [line.id for line in entities(_load(GOLDEN / "000_skills_matrix.xlsx.json"))]
    other = [line.id for line in entities(_load(GOLDEN / "000_skills_matrix.tsv.json"))]
    assert first == again
    assert not set(first) & set(other)


class _Signature(Model):
    name: str | None = Field(default=None, json_schema_extra={"personal": True}, description="x")
    where: Provenance = Field(description="x")


class _Block(Model):
    signatures: list[_Signature] = Field(default_factory=list, description="x")
    witnesses: list[str] = Field(
        default_factory=list, json_schema_extra={"personal": True}, description="x"
    )


def test_personal_values_are_found_by_the_mark_wherever_a_field_sits() -> None:
    block = _Block(
        signatures=[_Signature(name="A. Person", where=Provenance(table=1, row=2))],
        witnesses=["B. Person", "C. Person"],
    )
    found = list(entities_module._personal(block, ""))
    assert found == [
        ("signatures[0].name", "A. Person"),
        ("witnesses[0]", "B. Person"),
        ("witnesses[1]", "C. Person"),
    ]


def test_personal_values_of_a_filled_je_form() -> None:
    document = _load(GOLDEN / "je_filled_form.docx.json")
    lines = list(personal_values(document))
    assert lines and all(line.value for line in lines)
    for line in lines:
        assert line.where is not None


def test_every_personal_field_of_an_entity_model_is_redacted() -> None:
    """Walk every entity model: a field marked personal is null once redacted."""
    document = _load(GOLDEN / "je_filled_form.docx.json")
    marked = {
        (entity_type, name)
        for entity_type, model in ENTITY_TYPES.items()
        for name, field in model.model_fields.items()
        if is_personal(field)
    }
    assert marked, "the personal value lines carry the mark"
    seen = set()
    for line in entities(document):
        entity_type = getattr(line, "type")  # noqa: B009
        data = dump(line, redact_personal=True)
        for kind, name in marked:
            if kind == entity_type:
                seen.add(kind)
                assert data[name] in (None, []), f"{kind}.{name} survived redaction"
    assert seen == {kind for kind, _ in marked}


def test_only_the_mapping_reads_kind_fields() -> None:
    """The exports go through the dataset's mapping: no kind model is imported here."""
    kind_modules = {
        "roleframe.schema.skills_matrix",
        "roleframe.schema.role_profile",
        "roleframe.schema.je_form",
        "roleframe.schema.competency_framework",
        "roleframe.schema.progression_framework",
    }
    offenders = []
    for path in EXPORTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in kind_modules:
                offenders.append(f"{path.name} imports {node.module}")
    assert offenders == []
