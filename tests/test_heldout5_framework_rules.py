"""Framework rules the held-out round 5 documents (tests/fixtures/foreign/*/ho5_*) exposed,
each pinned on a small hand-built input so a later change that breaks one names it.

The ho5 fixtures cover the same layouts in Word, PDF and Excel; see
make_competency_framework_heldout5.py and make_progression_framework_heldout5.py.
"""

from __future__ import annotations

from roleframe.parsers.kinds.competency_framework import _numbered_labels_as_lines
from roleframe.parsers.kinds.competency_levels import declared_levels
from roleframe.parsers.kinds.framework_common import labelled_role_line, sentence_lines
from roleframe.parsers.kinds.progression_bands import BAND_HEADER
from roleframe.parsers.kinds.progression_sections import (
    category_label,
    guidance_label,
    reaches_own_grade,
)
from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.schema import Format, Provenance


def _para(*runs: str, bold: bool = False) -> Paragraph:
    text = " ".join(" ".join(r.split()) for r in runs)
    return Paragraph(
        text=text,
        where=Provenance(paragraph=0),
        bold=bold,
        runs=[Run(r, bold=bold) for r in runs],
    )


def test_sentences_on_soft_broken_lines_are_one_paragraph_each() -> None:
    p = _para("Greets residents promptly.\nChecks they have understood.\n", "Keeps promises.")
    assert [x.text for x in sentence_lines(p)] == [
        "Greets residents promptly.",
        "Checks they have understood.",
        "Keeps promises.",
    ]


def test_a_soft_break_inside_a_sentence_keeps_the_paragraph_whole() -> None:
    p = _para("Works with partners in health\nand the police.")
    assert sentence_lines(p) == [p]


def _table(rows: list[list[str]]) -> Table:
    cells = [
        [
            Cell(
                row=r,
                col=c,
                where=Provenance(table=0, row=r, column=c),
                paragraphs=[Paragraph(text=t, where=Provenance(table=0, row=r, column=c))],
            )
            for c, t in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return Table(index=0, where=Provenance(table=0), rows=cells, n_cols=len(rows[0]))


def test_a_key_of_codes_names_the_levels_and_the_codes_stand_for_them() -> None:
    key = _table(
        [
            ["Code", "Level", "What it means"],
            ["A", "Awareness", "Knows the skill exists."],
            ["W", "Working", "Applies it with guidance."],
            ["P", "Practitioner", "Applies it alone."],
        ]
    )
    layout = Layout(format=Format.DOCX, blocks=[key])
    found, source = declared_levels(layout, set())
    assert source is key
    assert [(d.number, d.name, d.code) for d in found] == [
        (1, "Awareness", "A"),
        (2, "Working", "W"),
        (3, "Practitioner", "P"),
    ]


def test_a_move_to_the_bands_own_grade_labels_its_requirements() -> None:
    lead_in = _para("To progress from Grade 4 to Grade 5 you must:")
    assert reaches_own_grade(lead_in.text, "Grade 5")
    assert not guidance_label(lead_in, "Grade 5")
    assert category_label(lead_in) == "To progress from Grade 4 to Grade 5 you must"
    # under the Grade 4 band the same line says how to leave it: guidance
    assert guidance_label(lead_in, "Grade 4")


def test_a_bold_role_label_line_names_a_post() -> None:
    line = Paragraph(
        text="Role: Library Assistant",
        where=Provenance(paragraph=0),
        runs=[Run("Role: ", bold=True), Run("Library Assistant")],
    )
    assert labelled_role_line(line)
    bare = Paragraph(
        text="Role:", where=Provenance(paragraph=0), bold=True, runs=[Run("Role:", bold=True)]
    )
    assert not labelled_role_line(bare)


def test_a_career_stage_column_heads_bands() -> None:
    assert BAND_HEADER.match("Career stage")
    assert BAND_HEADER.match("Progression steps")
    assert not BAND_HEADER.match("Career history")


def test_numbered_level_items_over_bullets_read_as_level_lines() -> None:
    def item(text: str, bullet: str) -> Paragraph:
        return Paragraph(text=text, where=Provenance(paragraph=0), list_level=0, bullet=bullet)

    blocks: list[Paragraph | Table] = [
        item("Foundation", "1."),
        item("Knows the basics.", "•"),
        item("Skilled", "2."),
        item("Works unaided.", "•"),
    ]
    read = _numbered_labels_as_lines(Layout(format=Format.DOCX, blocks=list(blocks)))
    labels = [p for p in read.blocks if isinstance(p, Paragraph) and p.bold]
    assert [p.text for p in labels] == ["Foundation", "Skilled"]
    assert all(not p.is_list_item for p in labels)
    # a numbered list of sentences is left alone
    plain = [item("Knows the basics.", "1."), item("Works unaided.", "•")] * 2
    assert _numbered_labels_as_lines(Layout(format=Format.DOCX, blocks=list(plain))).blocks == plain
