"""Role profiles of the held-out check (tests/fixtures/foreign/role_profile/ho_*): what the
scored facts do not show — where a value came from, which lines were left out as notes,
and the rules behind them on small cases.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import FIXTURES

from roleframe.ingest.build import build_document
from roleframe.parsers.kinds.role_competencies import from_list
from roleframe.parsers.kinds.role_text import duties_lead_in, strip_number
from roleframe.schema import Provenance
from roleframe.schema.role_profile import RoleProfile, Statement

FOREIGN = FIXTURES / "foreign" / "role_profile"


@cache
def _content(name: str) -> RoleProfile:
    path = FOREIGN / name
    doc = build_document(path.read_bytes(), path.name)
    assert isinstance(doc.content, RoleProfile)
    return doc.content


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("7.1 Assess new claims", "Assess new claims"),
        ("(a) Deal with major applications", "Deal with major applications"),
        ("1. Prepare agendas", "Prepare agendas"),
        ("iv) Report to the panel", "Report to the panel"),
        ("3 years' experience of casework", "3 years' experience of casework"),
        ("1.5 days a week in the office", "1.5 days a week in the office"),
        ("a degree in planning", "a degree in planning"),
    ],
)
def test_typed_numbers_are_references_only_before_a_capital(text: str, bare: str) -> None:
    assert strip_number(text) == bare


def test_duties_lead_in_is_not_a_requirements_lead_in() -> None:
    assert duties_lead_in("As a Housing Strategy Officer you will:")
    assert duties_lead_in("The post holder will be responsible for:")
    assert not duties_lead_in("You will need:")
    assert not duties_lead_in("As a Housing Strategy Officer you will")  # no colon: a sentence


def _s(text: str, bulleted: bool = True) -> Statement:
    return Statement(text=text, bulleted=bulleted, where=Provenance(paragraph=0))


def test_a_behaviour_list_names_levels_when_it_gives_them() -> None:
    found = from_list(
        [_s("Levels needed:", bulleted=False), _s("Resilience – Level 3"), _s("Planning (2)")],
        {},
        "Behaviours",
    )
    assert [(c.name, c.level_raw, c.level) for c in found] == [
        ("Resilience", "Level 3", 3),
        ("Planning", "2", 2),
    ]
    # prose bullets, or a heading naming no competencies, are no requirements list
    assert from_list([_s("Plans work."), _s("Leads the team.")], {}, "Behaviours") == []
    assert from_list([_s("Resilience"), _s("Planning")], {}, "Main duties") == []


def test_advert_grade_is_the_pay_scale_and_the_salary_stays_a_field() -> None:
    rp = _content("ho_rp01_success_profile_advert.docx")
    assert rp.pay_scale is not None and rp.pay_scale.label == "Grade"
    assert ("Salary", "£35,412 – £38,220") in [(f.label, f.value) for f in rp.fields]


def test_advert_lead_ins_are_kept_apart() -> None:
    rp = _content("ho_rp01_success_profile_advert.docx")
    (duties,) = rp.accountability_sections
    assert [s.text for s in duties.intro] == ["As a Housing Strategy Officer you will:"]
    notes = [s.text for s in rp.notes]
    assert "To be successful in this role you will have the following." in notes
    assert all(c.level is None and c.group == "Behaviours" for c in rp.competencies)


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_typed_duty_numbers_and_closing_lines(ext: str) -> None:
    rp = _content("ho_rp02_numbered_label_lines" + ext)
    duties = [s for sec in rp.accountability_sections for i in sec.items for s in i.accountability]
    assert duties[0].text.startswith("Assess new claims") and duties[0].bulleted
    assert "Date: March 2024" in [s.text for s in rp.notes]
    assert rp.title is not None and rp.title.label.upper() == "POST TITLE"


def test_ref_codes_and_written_methods() -> None:
    rp = _content("ho_rp02_numbered_label_lines.docx")
    item = next(p for p in rp.person_specification if p.text.startswith("Experience of assessing"))
    assert (item.requirement, item.section, item.assessed_by) == (
        "desirable",
        "Experience",
        ["application", "interview"],
    )


def test_ticked_method_columns() -> None:
    rp = _content("ho_rp03_tick_assessment_columns.pdf")
    item = next(p for p in rp.person_specification if p.text.startswith("Working knowledge"))
    assert (item.requirement, item.assessed_by) == ("essential", ["interview", "test"])


def test_area_column_groups_the_accountabilities() -> None:
    rp = _content("ho_rp03_tick_assessment_columns.docx")
    assert [s.heading for s in rp.accountability_sections][:3] == [
        "Casework",
        "Enforcement",
        "Partnership",
    ]
    assert all(len(s.items) == 1 and not s.items[0].outcomes for s in rp.accountability_sections)


def test_one_long_table_ends_its_person_specification_at_the_competencies_row() -> None:
    rp = _content("ho_rp05_single_table_sections.docx")
    assert len(rp.person_specification) == 5
    assert [(c.name, c.level_raw, c.level, c.group) for c in rp.competencies][:2] == [
        ("Technical knowledge", "C", None, "Competencies"),
        ("Customer care", "B", None, "Competencies"),
    ]


def test_the_document_heading_naming_both_documents_opens_no_section() -> None:
    rp = _content("ho_rp06_split_spec_tables.docx")
    assert all(
        p.text != "Saltmarsh Coast Council – Planning Service" for p in rp.person_specification
    )
    essential = [p for p in rp.person_specification if p.requirement == "essential"]
    assert essential[2].assessed_by == ["shortlisting", "interview"]


def test_details_only_in_the_running_header() -> None:
    rp = _content("ho_rp08_header_details_inline_codes.docx")
    assert rp.title is not None and (rp.title.label, rp.title.value) == (
        "Job title",
        "Waste Services Supervisor",
    )
    assert rp.pay_scale is not None and rp.pay_scale.value == "Grade 7"


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_assessment_codes_after_a_criterion_are_decoded_by_the_key(ext: str) -> None:
    rp = _content("ho_rp08_header_details_inline_codes" + ext)
    item = rp.person_specification[1]
    assert (item.requirement, item.assessed_by) == ("essential", ["interview", "test"])


def test_reference_codes_in_a_duty_table_are_not_duties() -> None:
    rp = _content("ho_rp09_coded_accountabilities_table.docx")
    (section,) = rp.accountability_sections
    assert section.heading == "Accountability"
    assert section.items[0].accountability[0].text == "Log and resolve calls to the service desk."
    assert [s.text for s in section.items[0].outcomes] == ["50%", "80% resolved at first contact"]


def test_bilingual_label_lead_ins() -> None:
    rp = _content("ho_rp10_welsh_lead_ins_landscape_spec.docx")
    assert rp.reports_to is not None
    assert rp.reports_to.label == "Yn atebol i / Reports to"
