"""Unit tests of the PDF text geometry (parsers/pdf_text.py) on hand-placed glyphs."""

from __future__ import annotations

import pytest

from roleframe.parsers.pdf_text import Glyph, build_lines, group_paragraphs, make_paragraph
from roleframe.schema import Provenance

SIZE = 10.0
ADVANCE = 5.5  # a Liberation Sans-like average advance at 10pt


def glyphs(text: str, x: float, top: float) -> list[Glyph]:
    """Glyphs of one line of text starting at ``x``; a space advances without a glyph."""
    out = []
    for ch in text:
        if ch != " ":
            out.append(Glyph(x, x + ADVANCE, top, top + SIZE, ch, SIZE, False, False, True, x, top))
        x += ADVANCE
    return out


def paragraphs(rows: list[tuple[str, float]], right: float) -> list[str]:
    gs = [g for i, (text, x) in enumerate(rows) for g in glyphs(text, x, 100.0 + 11.5 * i)]
    lines = build_lines(gs, 1)
    drafts = group_paragraphs(lines, right, {})
    return [make_paragraph(d, Provenance(page=1)).text for d in drafts]


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
