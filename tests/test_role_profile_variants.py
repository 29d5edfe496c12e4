"""Role profiles in the other common layouts (tests/fixtures/word/, built by make_fixtures)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, GOLDEN
from golden import check_golden

from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind
from roleframe.schema.role_profile import RoleProfile

WORD = FIXTURES / "word"


def _rp(name: str) -> RoleProfile:
    path = WORD / f"{name}.docx"
    doc = build_document(path.read_bytes(), path.name)
    assert doc.kind == DocumentKind.ROLE_PROFILE
    assert isinstance(doc.content, RoleProfile)
    return doc.content


@pytest.mark.parametrize(
    "name", ["rp_headings_person_spec", "rp_flag_column", "rp_plain_labels_lists"]
)
def test_golden(name: str, update_golden: bool) -> None:
    path = WORD / f"{name}.docx"
    doc = build_document(path.read_bytes(), path.name)
    check_golden(GOLDEN / f"{name}.docx.json", to_json(doc), update_golden)


def test_headings_layout_sections() -> None:
    rp = _rp("rp_headings_person_spec")
    assert rp.layout == "headings"
    # the title value sits in a content control python-docx does not see
    assert rp.title.value == "Neighbourhood Housing Officer"
    assert rp.pay_scale.value == "Band 5" and rp.reports_to.value == "Neighbourhood Team Leader"
    assert [f.label for f in rp.fields] == [
        "Job title", "Grade", "Directorate", "Reports to", "Responsible for", "Location"
    ]  # fmt: skip
    assert rp.purpose.label == "Job purpose" and len(rp.purpose.statements) == 1
    (duties,) = rp.accountability_sections
    assert duties.heading == "Main duties and responsibilities"
    assert [len(a.accountability) for a in duties.items] == [3, 1, 1, 1]  # sub-items join
    assert rp.nature_of_contacts.label == "Working relationships"
    assert rp.notes[-1].text.startswith("This job description reflects")


def test_person_spec_columns_with_assessment_key() -> None:
    rp = _rp("rp_headings_person_spec")
    items = [(i.section, i.requirement, i.text[:20]) for i in rp.person_specification]
    assert items[:3] == [
        ("Qualifications", "essential", "GCSE English and Mat"),
        ("Qualifications", "desirable", "CIH Level 3 Certific"),
        ("Experience", "essential", "Managing a caseload "),
    ]
    assert len(items) == 9
    knowledge = [i for i in rp.person_specification if i.section == "Knowledge"]
    assert [i.requirement for i in knowledge] == ["essential"]  # empty desirable cell: none
    assert knowledge[0].assessed_by == ["interview", "test"]  # codes from the key below
    assert rp.person_specification[-1].assessed_by == ["application form", "interview", "test"]


def test_person_spec_flag_column_and_labels_on_the_right() -> None:
    rp = _rp("rp_flag_column")
    assert rp.title.value == "Income Recovery Officer" and rp.pay_scale.value == "Grade 6"
    got = [(i.section, i.requirement, i.assessed_by) for i in rp.person_specification]
    assert got == [
        ("Experience", "essential", ["application", "interview"]),
        ("Experience", "desirable", ["application"]),
        ("Skills", "essential", ["interview", "test"]),
        ("Skills", "essential", ["test"]),
    ]


def test_plain_labels_bold_headings_and_marked_criteria() -> None:
    rp = _rp("rp_plain_labels_lists")
    # a plain two-column table: labels found by shape and known field names
    assert rp.title.value == "Customer Services Adviser" and rp.pay_scale.value == "Scale 4"
    assert rp.reports_to.value == "Customer Services Team Leader"
    assert rp.purpose.label == "Purpose of the job"
    (duties,) = rp.accountability_sections
    assert [a.accountability[0].text[:11] for a in duties.items] == [
        "Answer enqu",
        "Take paymen",
        "Refer compl",
    ]
    assert all(a.accountability[0].bulleted for a in duties.items)  # typed `•` glyphs
    got = [(i.section, i.requirement, i.text[:12]) for i in rp.person_specification]
    assert got == [
        ("Qualifications", "essential", "GCSE English"),
        ("Qualifications", "desirable", "NVQ Level 2 "),
        ("experience", "essential", "Working in a"),
        ("experience", "essential", "Handling cas"),
        ("experience", "desirable", "Working in l"),
    ]


def _skeleton(rp: RoleProfile) -> dict:
    """What must survive the format: fields, sections, item counts, person spec flags."""
    return {
        "title": rp.title.value if rp.title else None,
        "fields": [f.label for f in rp.fields],
        "sections": [s.heading for s in rp.accountability_sections],
        "items": [len(s.items) for s in rp.accountability_sections],
        "pspec": [(i.section, i.requirement, i.assessed_by) for i in rp.person_specification],
        "purpose": len(rp.purpose.statements) if rp.purpose else None,
    }


@pytest.mark.parametrize(
    "name",
    [
        "rp_flag_column",
        "rp_headings_person_spec",
        "rp_plain_labels_lists",
    ],
)
def test_pdf_rendition_reads_like_the_docx(name: str) -> None:
    """The same document exported to PDF by LibreOffice (tests/fixtures/word/pdf/)."""
    pdf = WORD / "pdf" / f"{name}.pdf"
    from_pdf = build_document(pdf.read_bytes(), pdf.name).content
    assert isinstance(from_pdf, RoleProfile)
    assert _skeleton(from_pdf) == _skeleton(_rp(name))


def test_labels_bold_and_shaded_by_the_table_style_read_as_direct_ones() -> None:
    """The label column of rp_table_style_labels is bold and shaded only by its built-in
    table style's first-column format; rp_direct_labels has that formatting on the cells.
    The label cues see the same thing, so both read the same profile."""
    styled, direct = (_rp(name) for name in ("rp_table_style_labels", "rp_direct_labels"))
    assert styled == direct
    assert styled.title is not None and styled.title.value == "Tenancy Support Officer"
    assert [f.label for f in styled.fields] == ["Job title", "Grade", "Team", "Line manager"]
