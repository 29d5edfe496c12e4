"""Unit tests of the PDF text geometry (parsers/pdf_text.py) on hand-placed glyphs."""

from __future__ import annotations

import pytest

from roleframe.parsers.pdf_text import (
    Glyph,
    build_lines,
    group_paragraphs,
    hyphen_join,
    make_paragraph,
    mark_flush_numbers,
)
from roleframe.schema import Provenance

SIZE = 10.0
ADVANCE = 5.5  # a Liberation Sans-like average advance at 10pt


def glyphs(text: str, x: float, top: float) -> list[Glyph]:
    """Glyphs of one line of text starting at ``x``, spaces included (as LibreOffice writes
    them, a wrapped line keeps its trailing space)."""
    out = []
    for ch in text:
        out.append(Glyph(x, x + ADVANCE, top, top + SIZE, ch, SIZE, False, False, True, x, top))
        x += ADVANCE
    return out


@pytest.mark.parametrize("glyph", ["✓", "✔", "•", "\uf0fc", "■"])
def test_a_glyph_alone_in_its_cell_is_the_value_not_a_bullet(glyph: str) -> None:
    """Person specifications tick Essential/Desirable columns (the Word reader keeps it)."""
    lines = build_lines(glyphs(glyph, 50.0, 100.0), 1)
    assert lines[0].bullet is None
    para = make_paragraph(group_paragraphs(lines, 80.0, {})[0], Provenance(page=1))
    assert (para.text, para.bullet) == (glyph, None)


def test_a_glyph_before_text_is_still_a_bullet() -> None:
    gs = glyphs("✓", 50.0, 100.0) + glyphs("Full driving licence", 62.0, 100.0)
    para = make_paragraph(group_paragraphs(build_lines(gs, 1), 300.0, {})[0], Provenance())
    assert (para.text, para.bullet) == ("Full driving licence", "✓")


def test_a_word_broken_at_a_ruled_cell_edge_is_joined_without_a_space() -> None:
    """LibreOffice breaks a word wider than a narrow column with no hyphen."""
    # column text from x=50 to the edge at 75 (four glyphs and room for a space, which
    # LibreOffice would have written at a word boundary): "Unde" / "rsta" / "nding"
    gs = glyphs("Unde", 50.0, 100.0) + glyphs("rsta", 50.0, 111.5) + glyphs("nding", 50.0, 123.0)
    lines = build_lines(gs, 1)
    drafts = group_paragraphs(lines, 75.0, {}, edge=75.0)
    assert [make_paragraph(d, Provenance()).text for d in drafts] == ["Understanding"]
    # without a known edge (borderless cells, body text) lines join with a space as before
    drafts = group_paragraphs(lines, 75.0, {})
    assert [make_paragraph(d, Provenance()).text for d in drafts] == ["Unde rsta nding"]


def test_a_space_that_would_just_overflow_the_edge_leaves_the_break_to_words() -> None:
    """ho_sm11's pdf: `Reader` ends 0.31 em before the edge and LibreOffice wrote no space
    (its font's space is wider); the words, both whole, say it is an ordinary wrap, while a
    piece that is no word is still joined."""
    for first, second, text in (
        ("Reader", "develop", "Reader develop"),
        ("Safeg", "uarding", "Safeguarding"),
    ):
        edge = 50.0 + ADVANCE * len(first) + 0.31 * SIZE
        gs = glyphs(first, 50.0, 100.0) + glyphs(second, 50.0, 111.5)
        drafts = group_paragraphs(build_lines(gs, 1), edge, {}, edge=edge, words=frozenset())
        assert [make_paragraph(d, Provenance()).text for d in drafts] == [text]


def test_an_ordinary_wrap_before_a_long_word_keeps_its_space() -> None:
    """ "Data " then a broken "Protection": the word moved down whole, then broke."""
    gs = (
        glyphs("Data ", 50.0, 100.0)
        + glyphs("Prot", 50.0, 111.5)
        + glyphs("ecti", 50.0, 123.0)
        + glyphs("on", 50.0, 134.5)
    )
    drafts = group_paragraphs(build_lines(gs, 1), 75.5, {}, edge=75.5)
    assert [make_paragraph(d, Provenance()).text for d in drafts] == ["Data Protection"]


def test_a_short_word_filling_the_column_is_not_joined_to_the_next() -> None:
    """Two words that each fit the column are an ordinary wrap even when the first fills it:
    the space glyph LibreOffice leaves after it tells."""
    gs = glyphs("Skill ", 50.0, 100.0) + glyphs("set", 50.0, 111.5)
    drafts = group_paragraphs(build_lines(gs, 1), 80.5, {}, edge=80.5)
    assert [make_paragraph(d, Provenance()).text for d in drafts] == ["Skill set"]


def test_a_line_filled_past_room_for_a_space_is_not_joined() -> None:
    """ "Band" / "4" in the v10 matrix PDF: no room for a space, so no space glyph either;
    that looks like a broken word, and the lines stay apart."""
    gs = glyphs("Band", 50.0, 100.0) + glyphs("4", 50.0, 111.5)
    drafts = group_paragraphs(build_lines(gs, 1), 73.0, {}, edge=73.0)
    assert [make_paragraph(d, Provenance()).text for d in drafts] == ["Band 4"]


@pytest.mark.parametrize(
    "first,second,words,text",
    [
        # no room for a space: words decide (skills_matrix corpus, sm06/sm10/sm11 PDFs)
        ("coordina", "tion", frozenset(), "coordination"),  # a piece that is no word
        ("Weight", "s", frozenset(), "Weights"),  # a word, but the pieces make one word
        ("case", "management", frozenset(), "case management"),  # two words: a wrap
        ("Highway", "inspections", frozenset(), "Highway inspections"),
        ("Gofal", "cwsmeriaid", frozenset({"gofal"}), "Gofal cwsmeriaid"),  # written whole
        ("IT", "systems", frozenset(), "IT systems"),  # an acronym
        ("Band", "4", frozenset(), "Band 4"),
        ("environmenta", "l", frozenset(), "environmental"),  # rpf04's narrow criteria column
        ("Grad", "d", frozenset(), "Gradd"),  # a lone letter that is no word (ho_sm09)
        ("o mewn", "tîm", frozenset({"tîm"}), "o mewn tîm"),  # Welsh, `tîm` written whole
        # a piece alone on its line is inside a longer word (narrow_columns.pdf)
        ("munic", "ation", frozenset({"ation"}), "munication"),
        ("Gweithi", "o", frozenset({"o"}), "Gweithio"),  # `o` written whole, but too short
    ],
)
def test_a_line_filled_past_room_for_a_space_is_told_by_its_words(
    first: str, second: str, words: frozenset[str], text: str
) -> None:
    """Where even a space would not fit, geometry cannot tell a broken word from a wrap."""
    edge = 50.0 + ADVANCE * len(first) + 1.0  # less room than a space (0.3 x the size)
    gs = glyphs(first, 50.0, 100.0) + glyphs(second, 50.0, 111.5)
    wide = max(edge, 50.0 + ADVANCE * len(first + second) - 0.5)  # joined overflows
    drafts = group_paragraphs(build_lines(gs, 1), wide, {}, edge=edge, words=words)
    assert [make_paragraph(d, Provenance()).text for d in drafts] == [text]


def test_a_number_label_flush_against_its_text_is_a_list_marker() -> None:
    """rpf04: LibreOffice sets `10.` against its text, which still starts at the indent the
    list's earlier items use; without that indent to go by, nothing changes."""
    gs = (
        glyphs("9.", 50.0, 100.0)
        + glyphs("Respond to alerts.", 68.0, 100.0)
        + glyphs("10.", 50.0, 115.0)
        + glyphs("Issue certificates.", 68.0, 115.0)
    )
    lines = build_lines(gs, 1)
    mark_flush_numbers(lines)
    paras = [make_paragraph(d, Provenance()) for d in group_paragraphs(lines, 300.0, {})]
    assert [(p.text, p.bullet) for p in paras] == [
        ("Respond to alerts.", "#."),
        ("Issue certificates.", "#."),
    ]
    alone = build_lines(glyphs("10.", 50.0, 100.0) + glyphs("Issue", 68.0, 100.0), 1)
    mark_flush_numbers(alone)
    assert alone[0].bullet is None


def test_an_unmapped_symbol_set_apart_at_a_line_start_is_a_bullet() -> None:
    """rpf13 (reportlab, Helvetica): the bullet comes out as `(cid:127)`, not a character."""
    gs = glyphs("x", 50.0, 100.0) + glyphs("Inspect homes.", 62.0, 100.0)
    gs[0].text = "(cid:127)"
    para = make_paragraph(group_paragraphs(build_lines(gs, 1), 300.0, {})[0], Provenance())
    assert (para.text, para.bullet) == ("Inspect homes.", "•")


def test_a_heading_under_a_borderless_label_table_is_not_a_row() -> None:
    """rp_plain_labels_lists: labels left, values right, no rules, then a heading."""
    from roleframe.parsers.pdf_tables import find_aligned_tables

    rows = [("Job title", "Adviser"), ("Grade", "Scale 4"), ("Purpose of the job", "")]
    gs = [
        g
        for i, (label, value) in enumerate(rows)
        for g in glyphs(label, 50.0, 100.0 + 24.0 * i) + glyphs(value, 250.0, 100.0 + 24.0 * i)
    ]
    lines = build_lines(gs, 1)
    [(start, end, table)] = find_aligned_tables(lines, 1)
    assert (start, end, table.n_rows, table.n_cols) == (0, 2, 2, 2)


def test_a_cell_drawn_around_a_nested_table_gives_way_to_the_nested_cells() -> None:
    """jef17: a form boxed in one outer table; pdfplumber returns the outer cell and the
    nested table's cells inside it. The nested cells become rows of the grid."""
    from roleframe.parsers.pdf_tables import grid_from_boxes

    outer_title = (0.0, 0.0, 100.0, 10.0)
    outer_box = (0.0, 10.0, 100.0, 40.0)
    inner = [(5.0, 15.0, 50.0, 25.0), (50.0, 15.0, 100.0, 25.0),
             (5.0, 25.0, 50.0, 35.0), (50.0, 25.0, 100.0, 35.0)]  # fmt: skip
    table = grid_from_boxes(1, (0.0, 0.0, 100.0, 40.0), [outer_title, outer_box, *inner])
    assert table is not None
    assert outer_box not in [c.bbox for c in table.cells]
    assert sorted(c.bbox for c in table.cells) == sorted([outer_title, *inner])
    merged = grid_from_boxes(1, (0.0, 0.0, 100.0, 20.0), [(0.0, 0.0, 100.0, 10.0),
                                                         (0.0, 10.0, 50.0, 20.0),
                                                         (50.0, 10.0, 100.0, 20.0)])  # fmt: skip
    assert merged is not None and len(merged.cells) == 3  # a merged cell holds no cell


@pytest.mark.parametrize(
    ("before", "after", "sep"),
    [
        ("Programming/", "software development", ""),  # broken at the slash (ho_sm01)
        ("Supervision / ", "management", " "),  # a space glyph kept: a word boundary
        ("hard-", "to-reach", ""),
        ("Band", "4", " "),
    ],
)
def test_wrapped_lines_join_after_a_slash_or_a_hyphen(before: str, after: str, sep: str) -> None:
    assert hyphen_join(before, after) == sep


@pytest.mark.parametrize(
    ("label", "joined"),
    [("4.2.1", True), ("Level", False)],  # a number label's text, not any first word
)
def test_a_hanging_indent_after_a_typed_number_goes_on_under_its_text(
    label: str, joined: bool
) -> None:
    """ho7_rp04's PDF: `4.2.1` a gap (no space glyph) before its text, the next line indented
    to that text; the line did not fit after the first, so it is the same paragraph."""
    text = "Experience of casework in an enforcement"
    # the label a gap too narrow for a tab before its text: no list marker
    at = 50.0 + ADVANCE * len(label) + 7.0
    first = glyphs(label, 50.0, 100.0) + glyphs(text, at, 100.0)
    below = glyphs("[Application]", at, 112.0)
    right = at + ADVANCE * len(text) + 5.0  # `[Application]` would not fit after it
    drafts = group_paragraphs(build_lines(first + below, 1), right, {})
    assert len(drafts) == (1 if joined else 2)
