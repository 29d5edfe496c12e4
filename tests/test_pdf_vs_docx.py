"""The PDF reader gives the Word reader's layout for the same document.

Every seed PDF (and each framework variant that has both renditions) is a LibreOffice
export of the matching .docx, so the kind extractors must see the same paragraphs, the same
table cells and the same bullet/bold-label cues from both. Compared at the level that
matters to extractors: paragraph texts (bullets stripped, page-split paragraphs and rows
joined), each cell's paragraphs by (table, row, column), bullets and inline bold labels.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES

from roleframe.parsers import docx, pdf
from roleframe.parsers.layout import Layout, Paragraph
from roleframe.parsers.limits import DEFAULT_LIMITS

SEEDS = [
    "000_skills_matrix",
    "001_role_profile",
    "002_je13_factor_matching_form",
    "003_competency_framework",
    "004_career_progression_framework",
]
VARIANTS = sorted(p.with_suffix("") for p in (FIXTURES / "frameworks").glob("*.pdf"))


@cache
def layouts(base: Path) -> tuple[Layout, Layout]:
    return (
        docx.read(base.with_suffix(".docx").read_bytes(), DEFAULT_LIMITS),
        pdf.read(base.with_suffix(".pdf").read_bytes(), DEFAULT_LIMITS),
    )


def paragraphs(layout: Layout) -> list[Paragraph]:
    out: list[Paragraph] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            out.append(block)
        else:
            out += [p for cell in block.cells() for p in cell.paragraphs]
    return [p for p in out if p.text]


Features = tuple[str, str | None, int | None, bool, bool, bool, bool]


def features(layout: Layout) -> Counter[Features]:
    """Per paragraph what extractors key on: text, bullet glyph, list level, bold/italic/
    underline, and whether it opens with a bold run (an inline label)."""
    out: Counter[Features] = Counter()
    for p in paragraphs(layout):
        lead = p.lead_run()
        key = (p.text, p.bullet, p.list_level, p.bold, p.italic, p.underline)
        out[(*key, bool(lead and lead.bold))] += 1
    return out


def cell_map(layout: Layout) -> dict[tuple[int, int, int], list[str]]:
    return {
        (t.index, c.row, c.col): [p.text for p in c.paragraphs if p.text]
        for t in layout.tables()
        for c in t.cells()
    }


CASES = [SAMPLES / s for s in SEEDS] + VARIANTS


@pytest.mark.parametrize("base", CASES, ids=lambda p: getattr(p, "name", str(p)))
def test_same_paragraphs_bullets_and_labels(base: Path) -> None:
    word, rendition = layouts(base)
    assert features(rendition) == features(word)


@pytest.mark.parametrize(
    "stem",
    ["000_skills_matrix", "003_competency_framework", "004_career_progression_framework"],
)
def test_same_tables_cell_by_cell(stem: str) -> None:
    word, rendition = layouts(SAMPLES / stem)
    assert [(t.n_rows, t.n_cols) for t in rendition.tables()] == [
        (t.n_rows, t.n_cols) for t in word.tables()
    ]
    assert cell_map(rendition) == cell_map(word)
    assert [c.vertical_text for t in rendition.tables() for c in t.cells()] == [
        c.vertical_text for t in word.tables() for c in t.cells()
    ]


def test_role_profile_tables_cell_by_cell() -> None:
    """001: the disclaimer sits in a borderless 1x1 Word table, a plain paragraph in PDF."""
    word, rendition = layouts(SAMPLES / "001_role_profile")
    tables = word.tables()
    assert tables[-1].n_rows == tables[-1].n_cols == 1
    expected = {k: v for k, v in cell_map(word).items() if k[0] < len(tables) - 1}
    assert cell_map(rendition) == expected


def test_headers_and_footers_match() -> None:
    for stem in SEEDS:
        word, rendition = layouts(SAMPLES / stem)
        assert [p.text for p in rendition.headers] == [p.text for p in word.headers], stem
        # Word's footer field shows the page number of page 1 in the docx reader's text too
        assert [p.text for p in rendition.footers] == [p.text for p in word.footers], stem
