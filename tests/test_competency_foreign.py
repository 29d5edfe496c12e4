"""Competency frameworks from other councils (tests/fixtures/foreign/competency_framework):
what the scored facts do not show — negative indicators kept and flagged, indicator codes
and heading numbers kept apart from the text, level meanings, guidance tables left out,
and the PDF export giving the Word file's content.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES

from roleframe.ingest.build import build_document
from roleframe.parsers.kinds.competency_levels import LevelScale, numbered_parts
from roleframe.parsers.layout import Layout, Paragraph
from roleframe.schema import Format, Provenance
from roleframe.schema.competency_framework import CompetencyFramework

FOREIGN = FIXTURES / "foreign" / "competency_framework"
# Word documents with a LibreOffice PDF beside them (ho7_cf01 carries tracked changes, which
# a PDF prints as markup: it has none)
WORD_STEMS = sorted(p.stem for p in FOREIGN.glob("*.docx") if p.with_suffix(".pdf").exists())


@cache
def _content(name: str) -> CompetencyFramework:
    path = FOREIGN / name
    doc = build_document(path.read_bytes(), path.name)
    assert isinstance(doc.content, CompetencyFramework)
    return doc.content


def test_ineffective_column_is_kept_as_negative_statements() -> None:
    cf = _content("cf06_effective_ineffective.docx")
    first = cf.competencies[0].levels[0]
    assert [(s.name, s.negative) for s in first.sub_areas] == [
        ("Effective behaviours", False),
        ("Ineffective behaviours", True),
    ]
    negatives = [s.text for s in cf.statements if s.negative]
    assert "Talks over colleagues in meetings." in negatives
    assert "Welcomes views that differ from their own." not in negatives
    assert all(s.sub_area == "Ineffective behaviours" for s in cf.statements if s.negative)


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_heading_numbers_and_indicator_codes_are_kept_apart(ext: str) -> None:
    cf = _content(f"cf05_levels_columns_numbered.{ext}")
    change = next(c for c in cf.competencies if c.name == "Leading change")
    assert change.reference == "3.2"
    assert change.section == "Leading people"
    codes = [(s.code, s.text) for s in cf.statements if s.competency == "Leading change"]
    assert ("LC2.1", "Plans the practical steps of a change with the people affected.") in codes
    assert all(code and not text.startswith(code) for code, text in codes)


def test_meanings_sheet_names_and_describes_the_codes() -> None:
    cf = _content("cf03_long_format.xlsx")
    assert [(lv.level, lv.name) for lv in cf.levels][:2] == [(1, "Foundation"), (2, "Intermediate")]
    assert cf.levels[0].description == "Expected of everyone from their first day."
    assert cf.levels[0].where.sheet == "Level meanings"
    row = cf.statements[0]
    assert (row.code, row.category, row.level) == ("EV-001", "core", 1)
    assert row.where.sheet == "Indicators"
    assert {s.category for s in cf.statements} == {"core", "professional"}


def test_levels_declared_in_a_table_keep_their_meaning() -> None:
    cf = _content("cf02_entry_skilled_expert.docx")
    assert cf.levels[1].name == "Skilled"
    assert cf.levels[1].description is not None
    assert cf.levels[1].description.startswith("Works independently")


@pytest.mark.parametrize("stem", ["cf02_entry_skilled_expert", "cf09_single_table_merged"])
def test_which_level_applies_table_is_no_competency(stem: str) -> None:
    for ext in ("docx", "pdf"):
        names = {c.name.casefold() for c in _content(f"{stem}.{ext}").competencies}
        assert not any("level" in n or "grade" in n or "scale" in n for n in names)


# Known gaps, xfail(strict=True): fixing one turns the suite red until the mark goes.
_PDF_GAPS = {
    "ho5_cf01_level_rows_line_breaks": "a cell line ending a sentence at the cell's right "
    "edge, then a capitalised line at the same pitch: no geometric cue tells a soft line "
    "break (two statements) from one wrapped paragraph (as u4_pathway_rows_labelled)",
    "ho6_cf04_nested_level_tables": "a nested table's cell whose last bullet wraps onto the "
    "page's last line: the PDF reader keeps the wrapped line (`staff.`) as a paragraph of its "
    "own, so one statement comes out as two",
}


@pytest.mark.parametrize(
    "stem",
    [
        pytest.param(stem, marks=pytest.mark.xfail(strict=True, reason=_PDF_GAPS[stem]))
        if stem in _PDF_GAPS
        else stem
        for stem in WORD_STEMS
    ],
)
def test_pdf_export_gives_the_word_content(stem: str) -> None:
    word, pdf = _content(f"{stem}.docx"), _content(f"{stem}.pdf")

    def view(cf: CompetencyFramework) -> list[tuple]:
        return [
            (s.competency, s.level, s.sub_area, s.negative, s.code, s.text) for s in cf.statements
        ]

    assert view(pdf) == view(word)
    assert [(c.name, c.description, c.section) for c in pdf.competencies] == [
        (c.name, c.description, c.section) for c in word.competencies
    ]


@pytest.mark.parametrize(
    "label,number",
    [
        ("Level C*", 3),
        ("Lefel 2 / Level 2", 2),
        ("Band b", 2),
        ("Tier III", 3),
        ("Level 4:", 4),
    ],
)
def test_numbered_labels(label: str, number: int) -> None:
    found = numbered_parts(label)
    assert found is not None and found[0] == number


def test_named_levels_take_the_order_most_runs_give() -> None:
    """Runs that skip a level (a competency with no foundation level) do not reorder."""
    from roleframe.parsers.kinds.competency_levels import build_scale

    layout = Layout(format=Format.DOCX)
    n = 0

    def add(text: str, **kw: object) -> None:
        nonlocal n
        layout.blocks.append(Paragraph(text=text, where=Provenance(paragraph=n), **kw))  # type: ignore[arg-type]
        n += 1

    for name, labels in [
        ("Managing people", ["Skilled", "Expert"]),
        ("Listening", ["Entry", "Skilled", "Expert"]),
        ("Planning", ["Entry", "Skilled", "Expert"]),
    ]:
        add(name, heading_level=2)
        for label in labels:
            add(label, bold=True)
            add("Does something useful.", list_level=0)
    scale: LevelScale = build_scale(layout)
    assert [scale.number(x) for x in ("Entry", "Skilled level", "Expert:")] == [1, 2, 3]
    assert scale.number("Knowledge") is None


def test_generator_is_the_source_of_every_expected_file() -> None:
    """Each document has its expected file; each expected file its generator function (in
    make_competency_framework.py, or the held-out make_competency_framework_heldout.py)."""
    script = "".join(p.read_text(encoding="utf-8") for p in sorted(FOREIGN.glob("make_*.py")))
    for expected in FOREIGN.glob("*.expected.json"):
        stem = expected.name.removesuffix(".expected.json")
        assert f'"{stem}' in script, stem
        # a web page printed to PDF (ho7_cf02) has the PDF as its only committed rendition
        sources = (".docx", ".xlsx", ".csv", ".tsv", ".pdf")
        assert any(Path(FOREIGN, stem + ext).exists() for ext in sources)


def test_long_format_cluster_column_is_the_section_and_type_the_category() -> None:
    cf = _content("cf18_long_format.tsv")
    assert [(c.name, c.section, c.category) for c in cf.competencies] == [
        ("Leading teams", "Leadership", "core"),
        ("Making decisions", "Leadership", "core"),
        ("Highways inspection", "Place", "professional"),
    ]
    # letter codes without a meanings sheet: numbered by their order across competencies
    assert [(lv.level, lv.name) for lv in cf.levels] == [(1, "F"), (2, "P"), (3, "S")]
    assert cf.statements[0].code == "KB01"


def test_lead_in_line_is_level_intro_not_a_statement() -> None:
    cf = _content("cf17_contents_lead_ins_guidance.docx")
    first = cf.competencies[0].levels[0]
    assert [t.text for t in first.intro] == ["At this level you will:"]
    assert all(not s.text.endswith(":") for s in cf.statements)
    assert [e.text for e in cf.toc][:2] == ["Introduction", "Caring for residents"]


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_two_line_level_cell_names_the_level(ext: str) -> None:
    cf = _content(f"cf19_two_line_level_cells.{ext}")
    assert [(lv.level, lv.name) for lv in cf.levels] == [
        (1, "Foundation"),
        (2, "Practitioner"),
        (3, "Expert"),
    ]


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_title_heading_after_a_bold_organisation_line_is_the_title(ext: str) -> None:
    cf = _content(f"cf20_merged_title_rows_named.{ext}")
    assert cf.title == "Behaviour Indicators"
    assert all(c.section is None for c in cf.competencies)


# --- the held-out documents (make_competency_framework_heldout.py) ----------------------


@pytest.mark.parametrize(
    ("label", "name", "audience"),
    [
        ("Level 2: EO", "EO", None),
        ("Level 1 – Core", "Core", None),
        ("Level 2 – Practitioner", "Practitioner", None),
        ("Level 1 – All staff", "Level 1 – All staff", "All staff"),
        (
            "Level 3 – Team leaders and managers",
            "Level 3 – Team leaders and managers",
            "Team leaders and managers",
        ),
        ("Level A – Essential", "Essential", None),
    ],
)
def test_words_after_a_level_number_name_it_unless_they_say_who(
    label: str, name: str, audience: str | None
) -> None:
    assert LevelScale().name_and_audience(label) == (name, audience)


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_paired_columns_under_merged_levels_keep_their_polarity(ext: str) -> None:
    cf = _content("ho_cf03_paired_indicator_columns" + ext)
    level = cf.competencies[0].levels[2]
    assert [(s.name, s.negative, len(s.statements)) for s in level.sub_areas] == [
        ("Positive indicators", False, 1),
        ("Negative indicators", True, 2),
    ]
    assert "Competency" not in [c.name for c in cf.competencies]


def test_manual_formatting_definition_and_typed_dashes() -> None:
    cf = _content("ho_cf06_manual_formatting.docx")
    first = cf.competencies[0]
    assert first.description == "Putting residents at the centre of everything we do."
    assert [s.text for s in cf.statements[:2]] == [
        "Greets customers promptly and politely.",
        "Gives accurate information.",
    ]


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_word_long_table_reads_merged_cells_on_every_row(ext: str) -> None:
    cf = _content("ho_cf05_vertical_merged_long_table" + ext)
    assert [(lv.level, lv.name) for lv in cf.levels] == [
        (1, "Foundation"),
        (2, "Intermediate"),
        (3, "Advanced"),
    ]
    people = next(c for c in cf.competencies if c.name == "Managing people")
    assert [lv.level for lv in people.levels] == [1, 2, 3]
    assert people.section == "Management competencies"


def test_level_pages_cluster_rows_and_the_first_definition() -> None:
    cf = _content("ho_cf02_level_pages.docx")
    assert {c.section for c in cf.competencies} == {"Working with people", "Getting results"}
    assert "Working with people" not in [c.name for c in cf.competencies]
    first = _content("ho_cf01_grade_band_columns.docx").competencies[0]
    assert (first.name, first.description is not None) == ("Seeing the Big Picture", True)


def test_a_name_with_its_number_in_brackets_and_band_ranges() -> None:
    assert numbered_parts("Developing (1)") == (1, "Developing")
    assert numbered_parts("Developing (1)", need_word=True) is None  # not as a heading
    # a range of pay bands is no letter level with a one-letter name
    assert numbered_parts("Band A–C") is None
    assert numbered_parts("Level B – Enhanced") == (2, "Enhanced")


def test_definition_box_and_levels_named_with_their_numbers() -> None:
    cf = _content("ho_cf08_definition_boxes.docx")
    first = cf.competencies[0]
    assert (first.name, first.description, first.section) == (
        "Being accountable",
        "Taking ownership of our work and its results.",
        "Our values in action",
    )
    assert [(lv.level, lv.name) for lv in cf.levels] == [
        (1, "Developing"),
        (2, "Effective"),
        (3, "Role model"),
    ]


def test_pay_band_ranges_across_the_header_are_levels_in_column_order() -> None:
    cf = _content("ho_cf09_band_columns_workbook.xlsx")
    assert [(lv.level, lv.name) for lv in cf.levels] == [
        (1, "Band A–C"),
        (2, "Band D–E"),
        (3, "Band F and above"),
    ]


def test_long_format_with_ticked_level_columns() -> None:
    cf = _content("ho_cf10_ticked_indicator_rows.xlsx")
    assert [(s.competency, s.level, s.text) for s in cf.statements][:3] == [
        ("Data literacy", 1, "Reads simple tables and charts correctly."),
        ("Data literacy", 2, "Builds reports from council data sets."),
        ("Data literacy", 2, "Explains what the figures mean."),
    ]
    # the level's provenance is the tick, not the indicator
    tick = cf.competencies[0].levels[1].where
    assert (tick.sheet, tick.cell) == ("Digital skills", "D3")
