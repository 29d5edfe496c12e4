"""CASE 1.1 export of a competency framework: valid, complete, stable identifiers."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from conftest import IN_CI, SHARED

from roleframe.ingest.build import build_document
from roleframe.ingest.case import NotAFramework, case_package
from roleframe.ingest.cli import main
from roleframe.ingest.export import to_json

ROOT = Path(__file__).resolve().parent.parent
CASE_SCHEMA = SHARED / "standards" / "case-v1p1-cfpackage.schema.json"
FRAMEWORK = ROOT / "samples" / "003_competency_framework.docx"
WHEN = datetime(2025, 4, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def document():
    return build_document(FRAMEWORK.read_bytes(), FRAMEWORK.name)


def test_package_mirrors_the_framework_tree(document) -> None:
    package = case_package(document, WHEN)
    framework = document.content
    types = Counter(item["CFItemType"] for item in package["CFItems"])
    assert types["Competency"] == len(framework.competencies)
    assert types["Behaviour"] == len(framework.statements)
    assert types["Level"] == sum(len(c.levels) for c in framework.competencies)
    ids = [item["identifier"] for item in package["CFItems"]]
    assert len(set(ids)) == len(ids)
    # every item hangs off exactly one parent, and the tree reaches the document
    parents = {
        a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"]
        for a in package["CFAssociations"]
    }
    assert set(parents) == set(ids)
    for node in ids:
        hops = 0
        while node in parents:
            node, hops = parents[node], hops + 1
        assert node == document.id and hops <= 4
    statements = [i["fullStatement"] for i in package["CFItems"] if i["CFItemType"] == "Behaviour"]
    assert statements == [s.text for s in framework.statements]


def test_identifiers_are_stable_across_exports(document) -> None:
    assert to_json(case_package(document, WHEN)) == to_json(case_package(document, WHEN))


@pytest.mark.skipif(
    not CASE_SCHEMA.exists() and not IN_CI, reason="../shared/standards is not beside the checkout"
)
def test_package_validates_against_the_official_case_schema(document) -> None:
    schema = json.loads(CASE_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = list(validator.iter_errors(case_package(document, WHEN)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_other_kinds_are_refused(tmp_path: Path) -> None:
    matrix = ROOT / "samples" / "000_skills_matrix.tsv"
    doc = build_document(matrix.read_bytes(), matrix.name)
    with pytest.raises(NotAFramework):
        case_package(doc, WHEN)
    path = tmp_path / "matrix.json"
    path.write_text(to_json(doc), encoding="utf-8")
    assert main(["export", "case", str(path)]) == 2


def test_cli_writes_a_reproducible_package(document, tmp_path: Path) -> None:
    source = tmp_path / "framework.json"
    source.write_text(to_json(document), encoding="utf-8")
    out = tmp_path / "case.json"
    assert main(["export", "case", str(source), "-o", str(out), "--changed", "2025-04-01"]) == 0
    assert out.read_text(encoding="utf-8") == to_json(case_package(document, WHEN))
