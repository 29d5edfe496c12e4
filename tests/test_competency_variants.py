"""Competency framework layouts other councils use (built by fixtures/frameworks/make_variants.py).

Levels as columns with merged section rows, competencies as headings over unruled level-row
tables, and content with no tables at all (headings, bold `Level N` lines, bullets): the
extractor must follow structure, not the seed's wording.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, GOLDEN
from expected_view_frameworks import built, competency_view
from golden import check_golden

from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind
from roleframe.schema.competency_framework import CompetencyFramework

VARIANTS = FIXTURES / "frameworks"
NAMES = [
    "variant_competency_levels_as_columns",
    "variant_competency_unruled_headings",
    "variant_competency_flowing_text",
    "variant_competency_table_per_level",
]


def _doc(name: str, ext: str = "docx"):
    path = VARIANTS / f"{name}.{ext}"
    return built(path)


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_variant_golden(name: str, ext: str, update_golden: bool) -> None:
    doc = _doc(name, ext)
    assert doc.kind is DocumentKind.COMPETENCY_FRAMEWORK
    check_golden(GOLDEN / f"{name}.{ext}.json", to_json(doc), update_golden)


def test_levels_as_columns() -> None:
    content = _doc(NAMES[0]).content
    assert isinstance(content, CompetencyFramework)
    assert content.organisation == "Northfield Borough Council"
    assert [(lv.level, lv.name, lv.audience) for lv in content.levels] == [
        (1, "Tier 1", "Everyone"),
        (2, "Tier 2", "Team leaders"),
        (3, "Tier 3", "Heads of service"),
    ]
    assert content.cumulative_rule is not None
    assert [(c.name, c.category, c.qualifier, c.description) for c in content.competencies] == [
        ("Working Together", "core", None, "Building relationships that get things done"),
        ("Customer Care", "core", None, None),
        ("Contract Management", "professional", "procurement staff", None),
    ]
    care = content.competencies[1]
    assert [t.text for t in care.levels[2].intro] == ["Sets the standard for the service"]
    together = content.competencies[0]
    assert [s.name for s in together.levels[1].sub_areas] == ["Within the team", "Across services"]
    # Every statement sits in the column of its level.
    assert {(s.level, s.where.column) for s in content.statements} == {(1, 1), (2, 2), (3, 3)}
    assert len(content.statements) == 15


def test_competency_headings_over_unruled_tables() -> None:
    content = _doc(NAMES[1]).content
    assert isinstance(content, CompetencyFramework)
    assert content.organisation == "Eastmoor Housing Trust"
    assert [(c.name, c.description, c.category) for c in content.competencies] == [
        ("Communication", "sharing information clearly and listening well", "core"),
        ("Budget Management", "Planning and controlling money entrusted to the service.",
         "professional"),
    ]  # fmt: skip
    assert [len(c.levels) for c in content.competencies] == [3, 3]
    assert len(content.statements) == 9


def test_flowing_text_without_tables() -> None:
    content = _doc(NAMES[2]).content
    assert isinstance(content, CompetencyFramework)
    assert [(c.name, c.category, c.description) for c in content.competencies] == [
        ("Resilience", "core", "Staying effective under pressure."),
        ("Procurement", "professional", "buying goods and services lawfully and well"),
        ("Fleet Management", "professional", None),
    ]
    assert [(s.competency, s.level, s.sub_area) for s in content.statements] == [
        ("Resilience", 1, None),
        ("Resilience", 1, None),
        ("Resilience", 2, "Self"),
        ("Resilience", 2, "Team"),
        ("Procurement", 1, None),
        ("Procurement", 2, None),
        ("Procurement", 2, None),
        ("Fleet Management", 1, None),
    ]
    assert all(s.where.paragraph is not None for s in content.statements)


def test_table_per_level() -> None:
    content = _doc(NAMES[3]).content
    assert isinstance(content, CompetencyFramework)
    assert [(lv.level, lv.name, lv.audience) for lv in content.levels] == [
        (1, "1", "All staff"),
        (2, "2", "Managers"),
    ]
    assert content.cumulative_rule is not None
    assert [(c.name, c.category, [lv.label for lv in c.levels]) for c in content.competencies] == [
        ("Honesty", "core", ["Level 1 – All staff", "Level 2 – Managers"]),
        ("Record Keeping", "professional", ["Level 1 – All staff", "Level 2 – Managers"]),
    ]  # fmt: skip
    assert len(content.statements) == 6


@pytest.mark.parametrize("name", NAMES)
def test_variant_pdf_gives_the_docx_content(name: str) -> None:
    """The LibreOffice PDF of each variant must give the same content as its .docx."""
    docx_view = competency_view(_doc(name).content)
    pdf_view = competency_view(_doc(name, "pdf").content)
    assert pdf_view == docx_view
