"""Level scales of a skills matrix: legends in text and key tables, the scale-word order."""

from __future__ import annotations

import itertools

import pytest

from roleframe.parsers.kinds.matrix_scale import (
    SCALE_TIERS,
    find_legend,
    label_key,
    number_entries,
    rank_words,
    table_entries,
    text_entries,
)
from tests.matrix_layouts import layout, para, table


def _legend(text: str) -> dict[str, int]:
    return number_entries(text_entries(text))


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Levels: 1 = Basic, 2 = Competent, 3 = Advanced.",
            {"basic": 1, "competent": 2, "advanced": 3},
        ),
        (
            "Rating scale: Aware (1), Skilled (2), Expert (3)",
            {"aware": 1, "skilled": 2, "expert": 3},
        ),
        (
            "Key: 0 = Not needed, 1 = Awareness, 2 = Working knowledge",
            {"not needed": 0, "awareness": 1, "working knowledge": 2},
        ),
        ("Levels: 0 none, 1 basic, 2 working", {"none": 0, "basic": 1, "working": 2}),
        ("from 0 (not needed) to 3 (expert)", {"not needed": 0, "expert": 3}),
        ("Key: 3 = Good", {"good": 3}),  # one pair is enough when its word is a scale word
    ],
)
def test_numbered_legends_in_a_line(text: str, expected: dict[str, int]) -> None:
    assert _legend(text) == expected


def test_letter_codes_are_numbered_in_the_legends_order_with_their_words() -> None:
    legend = _legend("Key: F = Foundation; I = Intermediate; A = Advanced; E = Expert")
    assert legend == {
        "f": 1,
        "foundation": 1,
        "i": 2,
        "intermediate": 2,
        "a": 3,
        "advanced": 3,
        "e": 4,
        "expert": 4,
    }
    # dashes, commas and words the vocabulary does not know (the order is the scale)
    assert _legend("Key – AW – Aware, CA – Capable, SK – Skilled") == {
        "aw": 1,
        "aware": 1,
        "ca": 2,
        "capable": 2,
        "sk": 3,
        "skilled": 3,
    }


def test_codes_in_brackets_a_none_entry_and_a_list_written_top_down() -> None:
    assert _legend("Scale: E/P/A (Essential/Proficient/Advanced).") == {
        "e": 1,
        "essential": 1,
        "p": 2,
        "proficient": 2,
        "a": 3,
        "advanced": 3,
    }
    assert _legend("Key: - = not required, A = Aware, W = Working") == {
        "-": 0,
        "not required": 0,
        "a": 1,
        "aware": 1,
        "w": 2,
        "working": 2,
    }
    assert _legend("Key: E = Expert, A = Advanced, F = Foundation") == {
        "e": 3,
        "expert": 3,
        "a": 2,
        "advanced": 2,
        "f": 1,
        "foundation": 1,
    }


@pytest.mark.parametrize(
    "text",
    [
        "Grade 5 (Scale 6)",
        "Job Specific - Minimum Qualifications*",
        "Team Manager - Housing Options",
        "Directorate: Place and Economy",
        "Officer (2)",
        "Reviewed 12 - March each year",
        "8-7",
    ],
)
def test_ordinary_text_is_no_legend(text: str) -> None:
    assert text_entries(text) == []


def test_bilingual_labels_put_both_words_on_the_scale() -> None:
    key = table(
        [
            ["Lefel / Level", "Ystyr / Meaning"],
            ["1", "Sylfaenol / Basic"],
            ["2", "Cymwys / Competent"],
        ]
    )
    assert number_entries(table_entries(key)) == {
        "sylfaenol": 1,
        "basic": 1,
        "cymwys": 2,
        "competent": 2,
    }


def test_key_table_of_labels_and_codes_without_numbers_is_numbered_by_row_order() -> None:
    key = table(
        [
            ["Level", "Short code", "What it means"],
            ["Aware", "AW", "Knows where to find guidance."],
            ["Capable", "CA", "Works without supervision."],
            ["Leading", "LD", "Sets the approach."],
        ]
    )
    assert number_entries(table_entries(key)) == {
        "aw": 1,
        "aware": 1,
        "ca": 2,
        "capable": 2,
        "ld": 3,
        "leading": 3,
    }


def test_key_table_of_symbols_with_their_words_before_a_dash() -> None:
    """ho_sm11: shaded circles for levels, each meaning a level word and its explanation."""
    key = table(
        [
            ["Symbol", "Meaning"],
            ["○", "Aware – knows the basics and where to find guidance"],
            ["◑", "Working – does this unaided in everyday situations"],
            ["●", "Leading – coaches others and improves how it is done"],
        ]
    )
    assert number_entries(table_entries(key)) == {
        "○": 1,
        "aware": 1,
        "◑": 2,
        "working": 2,
        "●": 3,
        "leading": 3,
    }


def test_a_long_explanation_without_a_short_label_before_it_is_no_key() -> None:
    notes = table(
        [
            ["Symbol", "Meaning"],
            ["○", "The post holder knows the basics and where to find guidance"],
            ["●", "The post holder coaches others and improves how it is done"],
        ]
    )
    assert table_entries(notes) == []


def test_tables_that_are_no_key() -> None:
    salary = table([["Grade", "Salary"], ["6", "£25,000"], ["7", "£28,000"]])
    people = table([["Name", "Team"], ["Ann", "Rents"], ["Bob", "Repairs"]])
    matrix = table(
        [["Job Title", "A", "B", "C"], ["Officer", "1", "2", "3"], ["Lead", "2", "2", "3"]]
    )
    assert table_entries(salary) == table_entries(people) == table_entries(matrix) == []


def test_find_legend_merges_lines_and_tables_first_definition_wins() -> None:
    legend = find_legend(
        layout(
            para("Levels: 1 = Basic, 2 = Good", line=1),
            table([["Level", "Meaning"], ["Level 1", "Aware"], ["Level 2", "Good"]]),
        )
    )
    assert legend == {"basic": 1, "good": 2, "aware": 1}


def test_label_key_drops_case_spaces_and_footnote_marks() -> None:
    assert label_key(" Expert* ") == "expert"
    assert label_key("Expert *") == "expert"
    assert label_key("In  depth†") == "in depth"


def test_the_scale_word_order_never_ties_two_different_words() -> None:
    """Only spellings of one word share a tier; every published scale reads strictly up."""
    for a, b in itertools.combinations(SCALE_TIERS, 2):
        assert not set(a) & set(b)
    for scale in (
        ["aware", "working", "practitioner", "expert"],
        ["novice", "advanced beginner", "competent", "proficient", "expert"],
        ["foundation", "intermediate", "advanced", "expert"],
        ["none", "basic", "good", "expert"],
        ["low", "medium", "high"],
        ["entry", "skilled", "expert"],
        ["limited", "basic", "good", "excellent"],
        ["developing", "competent", "expert"],
        ["basic", "competent", "advanced"],
        ["beginner", "intermediate", "advanced", "expert"],
    ):
        ranks = rank_words(scale)
        first = 0 if scale[0] == "none" else 1
        assert [ranks[w] for w in scale] == list(range(first, first + len(scale))), scale


def test_ranks_count_only_the_tiers_a_document_uses() -> None:
    assert rank_words({"good", "expert"}) == {"good": 1, "expert": 2}
    assert rank_words({"aware", "awareness", "expert"}) == {"aware": 1, "awareness": 1, "expert": 2}


def test_a_key_written_one_entry_per_line_is_one_legend() -> None:
    legend = find_legend(
        layout(
            para("Key", line=1),
            para("B – Beginner", line=2),
            para("C – Capable", line=3),
            para("L – Leading", line=4),
            para("Reviewed every April.", line=5),
            para("1 – Introduction", heading=1, line=6),
            para("2 – Scope", heading=1, line=7),
        )
    )
    assert legend == {"b": 1, "beginner": 1, "c": 2, "capable": 2, "l": 3, "leading": 3}
    cells = table([["Key", "A = Aware", "W = Working", "E = Expert"]])
    assert find_legend(layout(cells)) == {
        "a": 1,
        "aware": 1,
        "w": 2,
        "working": 2,
        "e": 3,
        "expert": 3,
    }


def test_a_key_of_requirement_words_is_no_level_scale() -> None:
    """A training-needs analysis's `R = Required; D = Desirable` says how much a post needs
    a course, not how well: no scale (ho_sm02). A key mixing level words stays one."""
    tna = layout(para("R = Required for the post; D = Desirable; N/A = Not applicable"))
    assert find_legend(tna) == {}
    levels = layout(para("Key: N/R = not required, B = Basic, S = Skilled, E = Expert"))
    assert find_legend(levels)["e"] == 3


def test_a_level_number_column_beside_its_name_column_is_a_key() -> None:
    rows = [["Skill", "Required level", "Level name"]]
    rows += [["Fire safety", "2", "Intermediate"], ["Site inspection", "3", "Advanced"],
             ["Fees", "1", "Foundation"], ["Plans", "2", "Intermediate"]]  # fmt: skip
    assert find_legend(layout(table(rows))) == {"foundation": 1, "intermediate": 2, "advanced": 3}
    clash = [*rows, ["Drawings", "2", "Advanced"]]  # one number, two names: no key
    assert find_legend(layout(table(clash))) == {}
