"""The rules held-out round 5 added (ho5_sm, ho5_je), each on a small hand-built layout.

The foreign corpus checks them on whole documents; these pin each rule's edges: what it
reads and what it must leave alone.
"""

from __future__ import annotations

from roleframe.parsers.kinds.je_factors import Unit, read_units
from roleframe.parsers.kinds.matrix_scale import number_entries, text_entries
from roleframe.parsers.layout import Cell, Paragraph, Table
from roleframe.schema import Provenance

HERE = Provenance(paragraph=0)


def _table(rows: list[list[str]]) -> Table:
    cells = [
        [
            Cell(
                row=r,
                col=c,
                where=Provenance(table=0, row=r, column=c),
                paragraphs=[Paragraph(text=text, where=HERE)] if text else [],
            )
            for c, text in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    return Table(index=0, where=Provenance(table=0), rows=cells, n_cols=len(rows[0]))


# ---------------------------------------------------------------------------- matrices


def test_abbreviations_with_their_words_in_brackets_are_a_legend() -> None:
    text = "Levels in the grid: Fdn (Foundation), Int (Intermediate), Adv (Advanced)."
    assert number_entries(text_entries(text)) == {
        "fdn": 1,
        "foundation": 1,
        "int": 2,
        "intermediate": 2,
        "adv": 3,
        "advanced": 3,
    }


def test_bracketed_expansions_in_prose_are_no_legend() -> None:
    # abbreviations of words that are no scale words
    assert text_entries("Ask HR (Human Resources) or IT (Information Technology).") == []
    # a code that does not abbreviate its word
    assert text_entries("Xy (Foundation), Zq (Advanced)") == []
    # one pair alone is no scale
    assert text_entries("Adv (Advanced) courses run in spring.") == []


# ---------------------------------------------------------------------------- JE forms


def _level_of(units: list[Unit], slot: str) -> str | None:
    value = units[0].values.get(slot)
    return value.raw if value is not None else None


def test_a_row_of_label_value_pairs_after_a_caption_is_one_unit() -> None:
    units = read_units(_table([["For panel use", "Level awarded", "4", "Points", "78"]]))
    assert units is not None and len(units) == 1
    assert _level_of(units, "agreed_level") == "4"
    assert _level_of(units, "agreed_score") == "78"


def test_a_pairs_row_needs_every_cell_to_be_a_label_or_its_value() -> None:
    # a value with no label before it
    assert read_units(_table([["4", "Level awarded", "5"]])) is None
    # a sentence where a value should be
    assert read_units(_table([["Level awarded", "the panel could not agree"]])) is None
    # a row of ordinary details is no unit
    assert read_units(_table([["Job title", "Clerk", "Grade", "3"]])) is None


def test_an_answer_over_a_pairs_row_is_the_units_evidence() -> None:
    table = _table(
        [
            ["The postholder explains decisions to residents every day.", "", "", "", ""],
            ["For panel use", "Level awarded", "4", "Points", "78"],
        ]
    )
    units = read_units(table)
    assert units is not None and len(units) == 1
    assert _level_of(units, "agreed_level") == "4"
    assert [s.text for s in units[0].evidence] == [
        "The postholder explains decisions to residents every day."
    ]
