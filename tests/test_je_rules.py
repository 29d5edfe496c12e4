"""JE form rules on hand-built layouts: what the extractor decides from structure alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
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
    assert form.post.post_reference.value is None
    attached = form.post.supporting_documents_attached
    assert (attached.value, attached.raw) == (None, "Yes/No")
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


TYPED_BOXES = [
    ("JD ☒ Structure chart ☐", None, [("JD", True), ("Structure chart", False)]),
    ("☐ Yes ☒ No", None, [("Yes", False), ("No", True)]),
    ("Org chart attached", "□", [("Org chart attached", False)]),
    ("JDs \uf0fe, and specs \uf0a8 for both", None, [("JDs", True), ("and specs", False)]),
]


@pytest.mark.parametrize(("text", "bullet", "expected"), TYPED_BOXES)
def test_check_boxes_typed_as_characters(text: str, bullet: str | None, expected: list) -> None:
    """Box characters (typed in Word, or how a PDF shows a check box) are check boxes."""
    p = para(text, bullet=bullet, list_level=0 if bullet else None)
    form, _ = _form(table(0, [[val(paras=[p])]]))
    assert [(b.label, b.checked) for b in form.attachments] == expected


@given(st.lists(st.tuples(st.booleans(), st.integers(1, 3)), min_size=1, max_size=8))
def test_row_pairs_partition_a_row_by_position(spec: list[tuple[bool, int]]) -> None:
    """Every label starts a pair; every value cell after the first label belongs to exactly
    the pair of the nearest label on its left, whatever the column spans."""
    cells = [
        lab(f"L{i}:", span) if is_label else val(f"v{i}", span)
        for i, (is_label, span) in enumerate(spec)
    ]
    row = table(0, [cells]).rows[0]
    pairs = row_pairs(row)
    assert [p.label.text for p in pairs] == [c.text for c in row if c.text.startswith("L")]
    owner: dict[str, str] = {}
    current = None
    for c in row:
        if c.text.startswith("L"):
            current = c.text
        elif current is not None:
            owner[c.text] = current
    assert {v.text: p.label.text for p in pairs for v in p.values} == owner


def test_field_label_in_a_full_width_row_over_its_answer() -> None:
    rows = [
        [lab("Post details", 2)],
        [lab("Job title:"), val("Gardener")],
        [lab("Reason for evaluation", 2)],
        [val("New duties after the restructure.", 2)],
        [val("More sites.", 2)],
        [lab("Comparator post", 2)],
        [lab("Job title:"), val("Senior Gardener")],
    ]
    form, _ = _form(table(0, rows))
    assert [s.text for s in form.post.reason_for_evaluation] == [
        "New duties after the restructure.",
        "More sites.",
    ]
    assert form.post.job_title.value == "Gardener"
    assert form.comparator.job_title.value == "Senior Gardener"
    assert form.instructions == []


def test_plain_post_rows_drawn_on_top_of_the_factor_table() -> None:
    """A PDF can join the post table and the factor table into one: the rows above the
    factor header are still form rows, and plain `Job title | X` cells pair by shape."""
    rows = [
        [val("Job title", span=2), val("Caretaker", span=2)],
        [val("Department", span=2), val("Housing", span=2)],
        [val("Factor"), val("Level"), val("Points"), val("Justification")],
        [val("Knowledge"), val("2"), val("40"), val("Basic trade knowledge.")],
    ]
    form, _ = _form(table(0, rows))
    assert (form.post.job_title.value, form.post.directorate.value) == ("Caretaker", "Housing")
    (f,) = form.factors
    assert (f.name, f.proposed_level.value, f.proposed_score.value) == ("Knowledge", 2, 40)


def test_total_and_grade_written_as_lines_after_the_factors() -> None:
    rows = [
        [lab("Factor"), lab("Level"), lab("Evidence")],
        [lab("Knowledge"), val("4"), val("Why.")],
    ]
    form, warnings = _form(table(0, rows), para("Total score: 412"), para("Grade"))
    assert (form.total_score.value, form.total_score.label) == ("412", "Total score")
    assert form.je_grade.value is None
    assert [w.message for w in warnings] == ["JE grade not filled."]
    assert form.instructions == []
