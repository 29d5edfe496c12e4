"""Progression framework layouts other councils use (fixtures/frameworks/make_variants.py).

Bands as rows with categories as column headers, bands across with a row-label column, role
headings as bold body lines, and a table without ruling lines; `Band 1 (Entry)` / `Entry` /
`Grade 5` / `Scale 4` / `Post No.` / `Post ref` wording instead of the seed's.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, GOLDEN
from expected_view_frameworks import built, progression_view
from golden import check_golden

from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind
from roleframe.schema.progression_framework import ProgressionFramework

VARIANTS = FIXTURES / "frameworks"
NAMES = [
    "variant_progression_bands_as_rows",
    "variant_progression_row_label_column",
    "variant_progression_bold_role_lines",
    "variant_progression_unruled",
]


def _doc(name: str, ext: str = "docx"):
    path = VARIANTS / f"{name}.{ext}"
    return built(path)


@pytest.mark.parametrize("ext", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_variant_golden(name: str, ext: str, update_golden: bool) -> None:
    doc = _doc(name, ext)
    assert doc.kind is DocumentKind.PROGRESSION_FRAMEWORK
    check_golden(GOLDEN / f"{name}.{ext}.json", to_json(doc), update_golden)


def test_bands_as_rows() -> None:
    content = _doc(NAMES[0]).content
    assert isinstance(content, ProgressionFramework)
    assert content.organisation == "Riverside District Council"
    assert [s.text for s in content.sections] == ["Lettings Team", "Repairs Team"]
    officer, trainee, repairs = content.roles
    assert (officer.title, officer.post_numbers, officer.grade) == (
        "Lettings Officer",
        ["4411", "4412"],
        "Grade 5",
    )
    assert (officer.grade_number.label, officer.grade_number.number) == ("Grade", 5)
    assert officer.job_family_note == "Part of the Customer Services job family"
    assert [(b.key, b.name) for b in officer.bands] == [
        ("1", "Entry"),
        ("2", "Experienced"),
        ("3", "Advanced"),
    ]
    band2 = officer.bands[1]
    assert {c.category: [t.text for t in c.statements] for c in band2.categories} == {
        "qualifications": ["Level 3 housing qualification"],
        "knowledge": ["Knows lettings law", "Knows the void process"],
        "experience": ["Two years in lettings"],
        "skills": ["Negotiation skills"],
    }
    assert trainee.bands is None and trainee.post_numbers == []
    assert [t.text for t in trainee.apprenticeship.levels] == [
        "Level 3 Housing Apprenticeship",
        "Level 4 Housing Apprenticeship",
    ]
    assert repairs.post_number_raw is None and repairs.grade_number.number == 4
    assert repairs.job_family_note == "Role sits within the Technical Services job family"
    assert len(repairs.bands) == 2


def test_row_label_column() -> None:
    content = _doc(NAMES[1]).content
    assert isinstance(content, ProgressionFramework)
    (role,) = content.roles
    assert (role.title, role.grade, role.grade_number.number) == ("Estate Officer", "Scale 4", 4)
    assert [b.key for b in role.bands] == ["1", "2", "3"]
    band3 = role.bands[2]
    assert [(c.category, c.label_style, len(c.statements)) for c in band3.categories] == [
        ("qualifications", "header", 1),
        ("knowledge", "header", 1),
        ("skills", "header", 2),
    ]
    assert content.categories == ["Qualifications", "Knowledge", "Skills"]


def test_bold_role_lines_under_a_section_heading() -> None:
    content = _doc(NAMES[2]).content
    assert isinstance(content, ProgressionFramework)
    assert content.title == "Housing Options Progression Scheme"
    assert [s.text for s in content.sections] == ["Housing Options"]
    assert [(r.section, r.title, r.grade, r.post_numbers) for r in content.roles] == [
        ("Housing Options", "Housing Options Officer", "Grade 6", ["HO12"]),
        ("Housing Options", "Senior Housing Options Officer", "Grade 7", ["HO20"]),
    ]
    officer = content.roles[0]
    assert [t.text for t in officer.main_duties] == ["Prevents homelessness."]
    assert [(b.key, b.requirements.text) for b in officer.bands] == [
        ("Entry", "Requirements:"),
        ("Experienced", "Requirements:"),
        ("Advanced", "Requirements:"),
    ]
    entry = officer.bands[0]
    got = [(c.category, c.label_style, [t.text for t in c.statements]) for c in entry.categories]
    assert got == [
        ("knowledge", "inline", ["Homelessness law", "Local allocation policy"]),
        ("skills", "inline", ["Interviewing"]),
    ]


def test_unruled_table_label_rows_join_their_statements() -> None:
    """Without ruling lines the PDF reader splits each label line from the statements under
    it into two rows; the label-only row and the label-less row below are one category."""
    for ext in ("docx", "pdf"):
        content = _doc(NAMES[3], ext).content
        assert isinstance(content, ProgressionFramework)
        (role,) = content.roles
        band_b = role.bands[1]
        assert {c.category: [t.text for t in c.statements] for c in band_b.categories} == {
            "knowledge": ["Benefits basics", "Parking permits"],
            "experience": ["Six months on calls"],
            "skills": ["Calming callers"],
        }, ext


@pytest.mark.parametrize("name", NAMES)
def test_variant_pdf_gives_the_docx_content(name: str) -> None:
    """The LibreOffice PDF of each variant must give the same content as its .docx."""
    assert progression_view(_doc(name, "pdf").content) == progression_view(_doc(name).content)
