"""Seed acceptance: every rendition of the skills matrix against the expected JSON, field by
field; and golden files of the full Document for each rendition."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from roleframe.ingest.build import build_document, read_layout
from roleframe.ingest.export import to_json
from roleframe.parsers.kinds import skills_matrix
from roleframe.schema import IssueCode
from tests.conftest import EXPECTED, GOLDEN, SAMPLES, needs_shared
from tests.expected_view import skills_matrix_view
from tests.golden import check_golden

RENDITIONS = ["tsv", "xlsx", "docx", "pdf"]


@functools.cache
def _build(ext: str):
    path = SAMPLES / f"000_skills_matrix.{ext}"
    return build_document(path.read_bytes(), path.name)


@needs_shared
@pytest.mark.parametrize("ext", RENDITIONS)
def test_seed_matrix_matches_expected(ext: str) -> None:
    doc = _build(ext)
    expected = json.loads((EXPECTED / f"000_skills_matrix.{ext}.json").read_text("utf-8"))
    view = skills_matrix_view(doc)
    for key, ours in view.items():
        assert ours == expected[key], f"{ext}: field {key!r} differs"


@pytest.mark.parametrize("ext", RENDITIONS)
def test_seed_matrix_golden(ext: str, update_golden: bool) -> None:
    doc = _build(ext)
    check_golden(GOLDEN / f"000_skills_matrix.{ext}.json", to_json(doc), update_golden)


@pytest.mark.parametrize("ext", RENDITIONS)
def test_seed_matrix_warnings(ext: str) -> None:
    """The seed's known oddities each surface as exactly one warning of the right code."""
    doc = _build(ext)
    codes = [
        (w.code, w.details.get("raw") or w.details.get("header") or w.details.get("competency"))
        for w in doc.warnings
    ]
    assert (IssueCode.TRUNCATED_HEADER, "Financial n") in codes
    assert (IssueCode.NON_NUMERIC_LEVEL, "S") in codes
    assert (IssueCode.MISSING_DESCRIPTOR, "Lone Working") in codes
    assert (IssueCode.MISSING_DESCRIPTOR, "Job Specific - Minimum Qualifications*") in codes
    assert (IssueCode.EMPTY_DESCRIPTOR, "Economic development and regeneration") in codes
    assert len(codes) == 5, codes
    m = doc.content
    financial = next(c for c in m.competencies if c.name == "Financial n")
    assert financial.resolved_name == "Financial management"
    linked = {d.competency_id for d in m.descriptors if d.competency == "Financial management"}
    assert linked == {financial.id}
    s_cell = next(q for q in m.requirements if q.raw == "S")
    assert s_cell.level is None
    qualifications = m.competencies[0]
    assert qualifications.note is not None and qualifications.note.startswith("* Where")
    assert doc.kind == "skills_matrix" and m.orientation == "roles_in_rows"


def test_provenance_on_every_requirement() -> None:
    doc = _build("tsv")
    for q in doc.content.requirements:
        assert q.where.line is not None and q.where.table == 0
        assert q.where.row is not None and q.where.column is not None


def test_paths_are_not_leaked() -> None:
    text = to_json(_build("tsv"))
    assert str(Path(SAMPLES).resolve()) not in text


# Every other-kind .docx, and the JE form's PDF (its level/score columns are the near miss);
# the other PDFs hold the same text tables as their .docx and take seconds each to read.
def strip_places(data: object) -> object:
    """A dumped model without its source coordinates: what must agree across renditions."""
    if isinstance(data, dict):
        return {
            k: strip_places(v)
            for k, v in data.items()
            if k not in ("where", "grade_where", "location")
        }
    if isinstance(data, list):
        return [strip_places(v) for v in data]
    return data


@pytest.mark.parametrize("ext", ["xlsx", "docx", "pdf"])
def test_renditions_agree_with_the_tsv_apart_from_coordinates(ext: str) -> None:
    """The same document in four formats: identical content, warnings and ids."""
    ours, reference = _build(ext), _build("tsv")
    for part in ("content", "warnings"):
        assert strip_places(ours.model_dump(mode="json")[part]) == strip_places(
            reference.model_dump(mode="json")[part]
        ), part


OTHER_KINDS = sorted(
    p.name
    for p in SAMPLES.iterdir()
    if not p.name.startswith("000_") and (p.suffix == ".docx" or p.name.startswith("002_"))
)


@pytest.mark.parametrize("name", OTHER_KINDS)
def test_other_kinds_do_not_look_like_a_matrix(name: str) -> None:
    """Role profiles and frameworks hold tables of text; a JE form's level/score columns
    repeat one header and are mostly empty: none of them may score as a matrix."""
    layout = read_layout((SAMPLES / name).read_bytes())
    assert skills_matrix.score(layout) < 0.3
