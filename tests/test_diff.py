"""`roleframe diff`: two versions of a framework or matrix -> an auditable change set.

The fixture pairs (tests/fixtures/diff, built by make_versions.py) differ by exactly the
changes listed in make_versions.CHANGES; the golden change sets hold the full output.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from golden import check_golden

from roleframe.ingest.build import build_document
from roleframe.ingest.diff import diff_documents
from roleframe.ingest.diff.report_md import render_markdown
from roleframe.ingest.export import to_json
from roleframe.schema.changeset import Change, ChangeSet, ChangeType
from roleframe.schema.document import Document

ROOT = Path(__file__).resolve().parent.parent
DIFF = ROOT / "tests" / "fixtures" / "diff"
GOLDEN = ROOT / "tests" / "golden"
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(DIFF))
from make_versions import CHANGES  # noqa: E402


@cache
def _doc(path: Path) -> Document:
    return build_document(path.read_bytes(), path.name)


def _diff(old: Path, new: Path) -> ChangeSet:
    return diff_documents(_doc(old), _doc(new))


def _of(cs: ChangeSet, type_: ChangeType, entity: str | None = None) -> list[Change]:
    return [c for c in cs.changes if c.type == type_ and (entity is None or c.entity == entity)]


def _portable(cs: ChangeSet) -> list[dict]:
    """The changes without what depends on the file format (provenance, sides)."""
    return [c.model_dump(exclude={"old_where", "new_where"}) for c in cs.changes]


@pytest.fixture(scope="module")
def framework() -> ChangeSet:
    return _diff(DIFF / "framework_v1.docx", DIFF / "framework_v2.docx")


@pytest.fixture(scope="module")
def matrix() -> ChangeSet:
    return _diff(DIFF / "matrix_v1.docx", DIFF / "matrix_v2.docx")


def test_framework_change_set_golden(framework: ChangeSet, update_golden: bool) -> None:
    check_golden(GOLDEN / "diff_framework_v1_v2.json", to_json(framework), update_golden)
    check_golden(GOLDEN / "diff_framework_v1_v2.md", render_markdown(framework), update_golden)


def test_matrix_change_set_golden(matrix: ChangeSet, update_golden: bool) -> None:
    check_golden(GOLDEN / "diff_matrix_v1_v2.json", to_json(matrix), update_golden)


def test_real_rename_and_spelling_rename_are_renames(framework: ChangeSet) -> None:
    renamed = {
        (c.old_name, c.new_name): c for c in _of(framework, ChangeType.RENAMED, "competency")
    }
    assert set(renamed) == set(CHANGES["renamed"])
    real = renamed[("Customer Care", "Putting Residents First")].pairing
    assert real is not None and real.method == "rename"
    assert real.name_score is not None and real.name_score < 0.5  # the name says nothing…
    assert real.content_score is not None and real.content_score >= 0.8  # …the content does
    spelling = renamed[("Organisational Awareness", "Organizational Awareness")].pairing
    assert spelling is not None and spelling.name_score is not None and spelling.name_score > 0.9


def test_removal_and_addition_at_the_same_position_stay_apart(framework: ChangeSet) -> None:
    removed = _of(framework, ChangeType.REMOVED, "competency")
    added = _of(framework, ChangeType.ADDED, "competency")
    assert [c.old_name for c in removed] == CHANGES["removed"]
    assert [c.new_name for c in added] == CHANGES["added"]
    # different name, different content: not even a hint, although it took the same place
    assert removed[0].possible_rename is None and added[0].possible_rename is None


def test_reworded_statements_are_text_changes_with_a_word_diff(framework: ChangeSet) -> None:
    changed = _of(framework, ChangeType.TEXT_CHANGED, "statement")
    assert {(c.old_value, c.new_value) for c in changed} == set(CHANGES["reworded"])
    first = next(c for c in changed if c.old_value == "Shares information with colleagues.")
    assert [(w.op, w.text) for w in first.words if w.op != "equal"] == [
        ("insert", "relevant"),
        ("delete", "colleagues."),
        ("insert", "colleagues and partners."),
    ]
    assert first.old_where is not None and first.new_where is not None


def test_cosmetic_edits_are_reported_apart(framework: ChangeSet) -> None:
    cosmetic = _of(framework, ChangeType.COSMETIC)
    assert [(c.old_value, c.new_value) for c in cosmetic] == CHANGES["cosmetic"]
    assert framework.counts["cosmetic"] == 1


def test_a_swap_moves_one_competency_and_changes_neither(framework: ChangeSet) -> None:
    moved = _of(framework, ChangeType.MOVED, "competency")
    assert len(moved) == 1 and moved[0].new_name in CHANGES["swapped"]
    touched = {c.new_name for c in framework.changes if c.entity == "competency"}
    assert not touched & set(CHANGES["swapped"]) - {moved[0].new_name}


def test_statements_swapped_within_a_level_move_one(framework: ChangeSet) -> None:
    moved = _of(framework, ChangeType.MOVED, "statement")
    assert len(moved) == 1
    assert moved[0].old_value in CHANGES["statements_swapped"]
    assert moved[0].path == ["Communicating Clearly", "level 1"]


def test_a_competency_moved_to_another_cluster(framework: ChangeSet) -> None:
    name, old_cluster, new_cluster = CHANGES["moved_cluster"]
    moved = _of(framework, ChangeType.MOVED, "competency_cluster")
    assert [(c.new_name, c.old_value, c.new_value) for c in moved] == [
        (name, old_cluster, new_cluster)
    ]


def test_a_level_added(framework: ChangeSet) -> None:
    added = _of(framework, ChangeType.ADDED, "level")
    assert [(c.new_name, c.new_value) for c in added] == [("Tier 4", "Directors")]
    per_competency = _of(framework, ChangeType.ADDED, "competency_level")
    assert len(per_competency) == 8  # every paired competency gained tier 4
    assert all(c.path[-1] == "level 4" for c in per_competency)


def test_counts_add_up(framework: ChangeSet) -> None:
    assert sum(framework.counts.values()) == len(framework.changes)
    assert set(framework.counts) == {t.value for t in ChangeType}
    assert framework.substantive


def test_matrix_requirements_raised_and_lowered(matrix: ChangeSet) -> None:
    raised = _of(matrix, ChangeType.RAISED, "requirement")
    lowered = _of(matrix, ChangeType.LOWERED, "requirement")
    assert [(c.path, c.old_value, c.new_value) for c in raised] == [
        (["Housing Officer", "Safeguarding"], "1", "2")
    ]
    assert [(c.path, c.old_value, c.new_value) for c in lowered] == [
        (["Housing Manager", "Rent arrears recovery"], "3", "2")
    ]
    assert [c.new_name for c in _of(matrix, ChangeType.ADDED, "role")] == ["Income Officer"]
    assert [(c.old_name, c.new_name) for c in _of(matrix, ChangeType.RENAMED, "column")] == [
        ("Organisational skills", "Organizational skills")
    ]
    (descriptor,) = _of(matrix, ChangeType.TEXT_CHANGED, "descriptor")
    assert descriptor.path == ["Safeguarding", "level 2"]


@pytest.mark.parametrize(
    "old,new",
    [
        ("framework_v1.docx", "framework_v2.pdf"),
        ("framework_v1.pdf", "framework_v2.pdf"),
        ("framework_v1.pdf", "framework_v2.docx"),
    ],
)
def test_framework_pdf_gives_the_same_change_set_as_word(old: str, new: str) -> None:
    word = _diff(DIFF / "framework_v1.docx", DIFF / "framework_v2.docx")
    assert _portable(_diff(DIFF / old, DIFF / new)) == _portable(word)


@pytest.mark.parametrize(
    "old,new",
    [("matrix_v1.docx", "matrix_v2.pdf"), ("matrix_v1.xlsx", "matrix_v2.xlsx")],
)
def test_matrix_other_formats_give_the_same_change_set(old: str, new: str) -> None:
    word = _diff(DIFF / "matrix_v1.docx", DIFF / "matrix_v2.docx")
    assert _portable(_diff(DIFF / old, DIFF / new)) == _portable(word)


@pytest.mark.parametrize(
    "stem",
    [
        "000_skills_matrix",
        "002_je13_factor_matching_form",
        "003_competency_framework",
        "004_career_progression_framework",
    ],
)
def test_a_seed_against_itself_in_another_format_has_no_substantive_change(stem: str) -> None:
    cs = _diff(SAMPLES / f"{stem}.docx", SAMPLES / f"{stem}.pdf")
    substantive = [c for c in cs.changes if c.type != ChangeType.COSMETIC]
    assert not substantive, [(c.type.value, c.entity, c.path) for c in substantive[:10]]


def test_a_document_against_itself_is_identical(framework: ChangeSet) -> None:
    cs = _diff(DIFF / "framework_v1.docx", DIFF / "framework_v1.docx")
    assert cs.changes == [] and not cs.substantive


def test_change_sets_are_byte_identical_across_runs() -> None:
    old, new = _doc(DIFF / "framework_v1.pdf"), _doc(DIFF / "framework_v2.docx")
    assert to_json(diff_documents(old, new)) == to_json(diff_documents(old, new))


def test_change_set_validates_against_its_published_schema(framework: ChangeSet) -> None:
    schema = json.loads((ROOT / "schema" / "json" / "changeset.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(to_json(framework)))
