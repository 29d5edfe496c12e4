"""A filled-in JE form from another scheme (tests/fixtures/word/je_filled_form.docx)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, GOLDEN
from golden import check_golden

from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind
from roleframe.schema.je_form import JEForm, PostDetails, SignOff

PATH = FIXTURES / "word" / "je_filled_form.docx"


def _form() -> JEForm:
    doc = build_document(PATH.read_bytes(), PATH.name)
    assert doc.kind == DocumentKind.JE_FORM
    assert isinstance(doc.content, JEForm)
    return doc.content


def test_golden(update_golden: bool) -> None:
    doc = build_document(PATH.read_bytes(), PATH.name)
    check_golden(GOLDEN / "je_filled_form.docx.json", to_json(doc), update_golden)


def test_single_header_row_columns_and_levels() -> None:
    form = _form()
    assert form.scheme == "JEQ 4"
    assert [f.name for f in form.factors][2] == "Initiative and independence"  # kept as written
    sup = form.factors[1]
    assert (sup.comparator_level.value, sup.comparator_score.value) == (3, 60)
    assert (sup.proposed_level.value, sup.agreed_level.value) == (4, 4)
    assert [(s.text, s.bulleted) for s in sup.evidence] == [
        ("Manages 12 operatives:", False),
        ("6 trades staff", True),
        ("6 voids operatives", True),
    ]
    assert form.factors[2].agreed_level.value is None  # blank agreed cell: not given


def test_filled_values_totals_and_sign_off() -> None:
    form = _form()
    post = form.post
    assert post.job_title.value == "Repairs Team Leader (x3)" and post.post_count == 3
    assert post.effective_date.value == "1 April 2025"
    assert post.postholder_name.value == "Alex Example"
    assert form.comparator.je_grade == 9 and form.comparator.post_reference.value == "VT-118"
    assert form.total_score.value == "412" and form.je_grade.value == "8"
    assert [(b.label, b.checked) for b in form.attachments] == [
        ("Job description", True),
        ("Structure chart", False),
    ]
    assert form.sign_offs[0].signed.value == "Sam Sample"
    assert form.sign_offs[0].date.value == "03/03/2025"
    assert [m.value for m in form.panel.members] == ["Pat Panel", "Chris Chair"]


def test_staff_names_are_in_personal_fields_only() -> None:
    """Every field holding a person's name is marked personal for --redact-personal."""

    def personal(model: type) -> set[str]:
        return {
            name
            for name, f in model.model_fields.items()
            if isinstance(f.json_schema_extra, dict) and f.json_schema_extra.get("personal")
        }

    assert personal(PostDetails) == {"postholder_name", "result_recipients"}
    assert personal(SignOff) == {"signed"}
    from roleframe.schema.je_form import Panel

    assert personal(Panel) == {"members", "chair"}
    schema = JEForm.model_json_schema()
    assert schema["$defs"]["PostDetails"]["properties"]["postholder_name"]["personal"] is True


def test_content_control_checkbox_keeps_its_alias(tmp_path) -> None:
    """A Word 2010 check box named by its alias (not a tag) keeps that name."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from roleframe.ingest.build import read_layout
    from roleframe.parsers.kinds import je_form

    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    doc = Document()
    p = doc.add_paragraph("Org chart attached ")
    p._p.append(
        parse_xml(
            f'<w:sdt {nsdecls("w")} {w14}><w:sdtPr><w:alias w:val="OrgChart"/>'
            '<w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
            "<w:sdtContent><w:r><w:t>☒</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    path = tmp_path / "box.docx"
    doc.save(path)
    form = je_form.extract(read_layout(path.read_bytes())).content
    assert [(b.label, b.checked, b.name) for b in form.attachments] == [
        ("Org chart attached", True, "OrgChart")
    ]


NJC = FIXTURES / "word" / "je_njc_vmerge.docx"


def test_njc_style_golden(update_golden: bool) -> None:
    doc = build_document(NJC.read_bytes(), NJC.name)
    check_golden(GOLDEN / "je_njc_vmerge.docx.json", to_json(doc), update_golden)


def test_vertically_merged_factor_names_read_once() -> None:
    """Each name cell spans a levels row and an evidence row: one factor, not two."""
    doc = build_document(NJC.read_bytes(), NJC.name)
    form = doc.content
    assert isinstance(form, JEForm)
    assert len(form.factors) == 13
    first = form.factors[0]
    assert (first.name, first.proposed_level.value, first.proposed_score.value) == (
        "Knowledge",
        5,
        121,
    )
    assert [s.text for s in first.evidence] == ["Degree-level planning knowledge and case law."]
    assert form.total_score.value == "479"
    assert [w.message for w in doc.warnings] == ["JE grade not filled."]


def test_njc_style_scoring_checks_written_points() -> None:
    from roleframe.normalise.scoring import apply_scoring, load_scoring_table
    from roleframe.schema import IssueCode

    form = build_document(NJC.read_bytes(), NJC.name).content
    table = load_scoring_table(FIXTURES / "scoring" / "madeup_njc_like.json")
    scored, issues = apply_scoring(form, table)
    # the table prices Working conditions level 2 at 25, the form wrote 20: total 484
    assert scored.computed.total == 484 and scored.computed.grade == "SO2"
    assert sorted(
        i.message.split(" (")[0] for i in issues if i.code == IssueCode.SCORE_MISMATCH
    ) == [
        "Proposed score for 'Working conditions'",
        "Total score written on the form",
    ]


def _skeleton(je: JEForm) -> dict:
    def lv(v):
        return v.value if v is not None else None

    return {
        "factors": [
            (
                lv(f.comparator_level),
                lv(f.comparator_score),
                lv(f.proposed_level),
                lv(f.proposed_score),
                lv(f.agreed_level),
                len(f.evidence),
            )
            for f in je.factors
        ],
        "total": lv(je.total_score),
        "grade": lv(je.je_grade),
        "attachments": [b.checked for b in je.attachments],
        "title": lv(je.post.job_title),
        "count": je.post.post_count,
    }


@pytest.mark.parametrize("name", ["je_filled_form", "je_njc_vmerge"])
def test_pdf_rendition_reads_like_the_docx(name: str) -> None:
    """LibreOffice PDF exports (tests/fixtures/word/pdf/): content controls become ☒/☐
    characters, merged cells become drawn boxes; the form must read the same."""
    docx_path, pdf_path = (
        FIXTURES / "word" / f"{name}.docx",
        FIXTURES / "word" / "pdf" / f"{name}.pdf",
    )
    a = build_document(docx_path.read_bytes(), docx_path.name).content
    b = build_document(pdf_path.read_bytes(), pdf_path.name).content
    assert isinstance(a, JEForm) and isinstance(b, JEForm)
    assert _skeleton(b) == _skeleton(a)
