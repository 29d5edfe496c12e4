"""A filled-in JE form from another scheme (tests/fixtures/word/je_filled_form.docx)."""

from __future__ import annotations

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
    assert form.comparator.je_grade == 9 and form.comparator.discrete_post_ref.value == "VT-118"
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

    assert personal(PostDetails) == {"postholder_name", "notify_of_result"}
    assert personal(SignOff) == {"signed"}
    from roleframe.schema.je_form import Panel

    assert personal(Panel) == {"members", "chair"}
    schema = JEForm.model_json_schema()
    assert schema["$defs"]["PostDetails"]["properties"]["postholder_name"]["personal"] is True
