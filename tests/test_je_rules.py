"""JE form rules on hand-built layouts: what the extractor decides from structure alone."""

from __future__ import annotations

import pytest
from word_layouts import lab, layout, para, table, val

from roleframe.parsers.kinds import je_form
from roleframe.parsers.kinds.formcues import not_given, row_pairs
from roleframe.parsers.layout import FormField
from roleframe.schema import IssueCode
from roleframe.schema.je_form import JEForm


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ",
        "Yes/No",
        "Y / N",
        "yes / no / n/a",
        "……………….",
        "______",
        "Click here to enter text.",
    ],
)
def test_placeholders_are_not_given(text: str) -> None:
    assert not_given(text)


@pytest.mark.parametrize("text", ["No", "Yes", "n/a", "BC613", "0", "Senior Housing Officer"])
def test_answers_are_given(text: str) -> None:
    assert not not_given(text)


def _header() -> list[list[dict]]:
    return [
        [lab("Factor"), lab("Factor levels (of comparator post)", 2), lab("Proposed", 3)],
        [lab(""), lab("level"), lab("score"), lab("level"), lab("agreed"), lab("Evidence")],
    ]


def _form(*blocks) -> tuple[JEForm, list]:
    ex = je_form.extract(layout(*blocks))
    assert isinstance(ex.content, JEForm)
    return ex.content, ex.warnings


def test_labels_pair_by_position_in_a_merged_grid() -> None:
    """002: one 12-column grid, each row merged differently; pairs follow the row order."""
    grid = table(
        0,
        [
            [lab("Post details", 12)],
            [lab("Job title :", 2), val("Officer (x2)", 3), lab("Post ref:", 2), val(""),
             lab("LMIs attached:", 2), val("Yes/No", 2)],
            [lab("Directorate:", 3), val("Place", 3), lab("Service:", 3), val("Parks", 3)],
        ],
    )  # fmt: skip
    pairs = row_pairs(grid.rows[1])
    assert [(p.label_text, p.value_text) for p in pairs] == [
        ("Job title", "Officer (x2)"),
        ("Post ref", ""),
        ("LMIs attached", "Yes/No"),
    ]
    form, _ = _form(grid)
    assert form.post.job_title.value == "Officer (x2)" and form.post.post_count == 2
    assert form.post.discrete_post_ref.value is None
    assert (form.post.lmis_attached.value, form.post.lmis_attached.raw) == (None, "Yes/No")
    assert (form.post.directorate.value, form.post.service.value) == ("Place", "Parks")


def test_comparator_section_from_heading_row() -> None:
    grid = table(
        0,
        [
            [lab("Post identified for factor matching", 4)],
            [lab("Job title:"), val("Team Leader"), lab("JE grade:"), val("Grade 11")],
        ],
    )
    form, _ = _form(grid)
    assert form.comparator.job_title.value == "Team Leader"
    assert form.comparator.je_grade == 11 and form.post.job_title is None


def test_factor_rows_repeated_headers_and_continuations() -> None:
    """PDF renditions repeat the header rows on each page and split evidence across rows."""
    rows = [
        *_header(),
        [lab("Resources"), val("1"), val(""), val("2"), val(""), val("First part.")],
        *_header(),
        [val(""), val(""), val(""), val(""), val(""), val("Second part.")],
        [lab("Made-up factor"), val("3"), val("30"), val("Level 3"), val("3"), val("Text")],
        [lab("Total score"), val("", 2), val("", 2), val("")],
    ]
    form, warnings = _form(table(0, rows))
    assert [f.name for f in form.factors] == ["Resources", "Made-up factor"]
    assert [s.text for s in form.factors[0].evidence] == ["First part.", "Second part."]
    last = form.factors[1]
    assert (last.comparator_level.value, last.comparator_score.value) == (3, 30)
    assert (last.proposed_level.value, last.proposed_level.raw) == (3, "Level 3")
    assert last.agreed_level.value == 3
    assert form.factor_columns == ["Factor", "level", "score", "level", "agreed", "Evidence"]
    assert form.total_score is not None and form.total_score.value is None
    assert [w.message for w in warnings if w.code == IssueCode.EMPTY_FIELD] == [
        "Total score not filled."
    ]


def test_level_columns_without_group_row() -> None:
    rows = [
        [lab("Factor"), lab("Current level"), lab("Proposed level"), lab("Justification")],
        [lab("Knowledge"), val("4"), val("5"), val("Why.")],
    ]
    form, _ = _form(table(0, rows))
    (f,) = form.factors
    assert (f.comparator_level.value, f.proposed_level.value, f.agreed_level) == (4, 5, None)
    assert [s.text for s in f.evidence] == ["Why."]


def test_checkboxes_in_one_sentence_take_the_text_before_them() -> None:
    boxes = [
        FormField("checkbox", checked=True, offset=15),
        FormField("checkbox", checked=False, offset=32),
    ]
    sentence = para("Job description, and org chart", fields=boxes)
    form, _ = _form(table(0, [[val(paras=[sentence])]]))
    assert [(b.label, b.checked) for b in form.attachments] == [
        ("Job description", True),
        ("and org chart", False),
    ]


def test_checkbox_cell_after_its_text_cell() -> None:
    box = FormField("checkbox", name="Check2", checked=False, offset=0)
    row = [lab("Applicable to:"), val("The whole post"), val("", fields=[box])]
    form, _ = _form(table(0, [row]))
    assert [(b.label, b.checked, b.name) for b in form.post.applicable_to] == [
        ("The whole post", False, "Check2")
    ]


def test_signatures_dates_and_panel() -> None:
    rows = [
        [lab("Line manager comments", 4)],
        [val("Fine by me.", 4)],
        [val("Signed :", bold=True), val("A Person"), val("Date :", bold=True), val("1/2/2025")],
        [val("Panel members :", bold=True), val("……………", 3)],
        [val(""), val("B Person", 3)],
    ]
    form, _ = _form(table(0, rows))
    (comment,) = form.comments
    assert [s.text for s in comment.statements] == ["Fine by me."]
    (so,) = form.sign_offs
    assert (so.role, so.signed.value, so.date.value) == (
        "Line manager comments",
        "A Person",
        "1/2/2025",
    )
    assert [m.value for m in form.panel.members] == ["B Person"]


def test_lone_level_and_points_columns_score_the_proposal() -> None:
    rows = [
        [lab("Factor"), lab("Level"), lab("Points"), lab("Evidence")],
        [lab("Responsibility for people"), val("3"), val("45"), val("Leads a team.")],
    ]
    form, _ = _form(table(0, rows))
    (f,) = form.factors
    assert (f.proposed_level.value, f.proposed_score.value) == (3, 45)
    assert f.comparator_level is None and f.comparator_score is None


def test_je_words_without_a_factor_table_do_not_make_a_je_form() -> None:
    words = table(0, [[lab("Job evaluation"), val("Comparator post ref: discrete post")]])
    assert je_form.score(layout(words)) <= 0.25


def test_comparator_and_proposal_in_separate_tables_merge_by_factor() -> None:
    comparator = table(
        0,
        [
            [lab("Comparator post", 3)],
            [lab("Factor"), lab("Level"), lab("Points")],
            [lab("Knowledge & skills"), val("4"), val("80")],
            [lab("Resources"), val("2"), val("20")],
        ],
    )
    proposal = table(
        1,
        [
            [lab("New post", 3)],
            [lab("Factor"), lab("Level"), lab("Evidence")],
            [lab("Knowledge and skills"), val("5"), val("More law.")],
            [lab("Resources"), val("2"), val("Same budget.")],
        ],
    )
    form, _ = _form(comparator, proposal)
    assert [f.name for f in form.factors] == ["Knowledge & skills", "Resources"]
    ks = form.factors[0]
    assert (ks.comparator_level.value, ks.comparator_score.value) == (4, 80)
    assert (ks.proposed_level.value, [s.text for s in ks.evidence]) == (5, ["More law."])


def test_total_row_prefers_the_new_posts_columns() -> None:
    rows = [
        *_header(),
        [lab("Resources"), val("1"), val("10"), val("2"), val(""), val("Budget.")],
        [lab("Total"), val("", 1), val("350"), val("380", 2), val("")],
    ]
    form, warnings = _form(table(0, rows))
    assert form.total_score.value == "380"
    assert not [w for w in warnings if "Total" in w.message]
