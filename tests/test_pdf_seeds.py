"""Seed acceptance for the PDF reader: the strings a perfect parser extracts from each seed
PDF (../shared/seed-docs/expected) must come out of the layout as whole paragraphs.

The reader does not know the kinds; these checks are the reader-level half of the contract:
every statement/evidence/label the extractors need is one paragraph of some cell (or body
paragraph), with bullets stripped and page-split paragraphs and rows joined back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from functools import cache

from conftest import EXPECTED, SAMPLES, needs_shared

from roleframe.parsers.layout import Layout, Paragraph
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.parsers.pdf import read
from roleframe.parsers.text import clean

pytestmark = needs_shared


@cache
def layout_of(stem: str) -> Layout:
    return read((SAMPLES / f"{stem}.pdf").read_bytes(), DEFAULT_LIMITS)


def expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.pdf.json").read_text(encoding="utf-8"))


def all_paragraphs(layout: Layout) -> Iterator[Paragraph]:
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for cell in block.cells():
                yield from cell.paragraphs


def paragraph_texts(layout: Layout) -> Counter[str]:
    """Paragraph texts, plus the text after an inline bold lead-in label (004 rows)."""
    out: Counter[str] = Counter()
    for p in all_paragraphs(layout):
        out[p.text] += 1
        lead = p.lead_run()
        if lead is not None and lead.bold and not p.bold:
            rest = clean(p.text[len(clean(lead.text)) :])
            if rest:
                out[rest] += 1
    return out


def missing(strings: list[str], layout: Layout) -> list[str]:
    have = paragraph_texts(layout)
    return [s for s in strings if s and clean(s) not in have]


def cell_texts(layout: Layout) -> set[str]:
    return {c.text.replace("\n", " ") for t in layout.tables() for c in t.cells()}


def test_skills_matrix_cells() -> None:
    exp = expected("000_skills_matrix")
    layout = layout_of("000_skills_matrix")
    matrix = layout.tables()[0]
    assert [clean(t.replace("\n", " ")) for t in matrix.row_texts(0)] == exp["header_row"]
    assert all(c.vertical_text for c in matrix.rows[0][2:])
    for cell in exp["cells"]:
        assert matrix.row_texts(cell["row"] + 1)[cell["col"]] == cell["raw"], cell
    descriptors = [d["text"] for d in exp["descriptors"]]
    assert missing(descriptors, layout) == []
    # the descriptor table continues on page 3 without a header: its rows all arrive
    competencies = {d["competency"] for d in exp["descriptors"]}
    assert competencies <= cell_texts(layout)


def test_role_profile_paragraphs() -> None:
    exp = expected("001_role_profile")
    layout = layout_of("001_role_profile")
    strings = [exp["disclaimer"], *exp["purpose"]["bullets"], exp["purpose"]["intro"]]
    for section in exp["accountability_sections"]:
        for item in section["items"]:
            strings += item["accountability"] + item["outcomes"]
    strings += exp["nature_of_contacts"] + exp["procedural_context"]
    strings += exp["knowledge_skills_experience"] + exp["qualifications"]
    assert missing(strings, layout) == []
    bullets = {clean(b) for s in exp["accountability_sections"] for i in s["items"]
               for b in i["outcome_bullets"]}  # fmt: skip
    bulleted = {p.text for p in all_paragraphs(layout) if p.bullet}
    assert bullets <= bulleted
    # the repeated header row between the halves of a split table is dropped
    heads = [t for t in layout.tables() if t.header_rows]
    assert heads and all(t.continued for t in heads)


def test_je_form_evidence_and_checkboxes() -> None:
    exp = expected("002_je13_factor_matching_form")
    layout = layout_of("002_je13_factor_matching_form")
    strings = [e for f in exp["factors"] for e in f["evidence"]]
    assert missing(strings, layout) == []
    boxes = [f for p in all_paragraphs(layout) for f in p.fields if f.kind == "checkbox"]
    assert len(boxes) == 6
    assert all(b.checked is False for b in boxes)
    factor_table = next(t for t in layout.tables() if t.header_rows == 2)
    names = [t.row_texts(r)[0] for t in [factor_table] for r in range(2, t.n_rows)]
    assert [f["factor"] for f in exp["factors"]] == names[: len(exp["factors"])]
    assert layout.footers and not any("JE13 Post factor" in p.text for p in layout.paragraphs())


def test_competency_statements() -> None:
    exp = expected("003_competency_framework")
    layout = layout_of("003_competency_framework")
    strings = [s["text"] for s in exp["statements"]]
    assert missing(strings, layout) == []
    assert [h.text for h in layout.headers] == [exp["running_header"]]


def test_progression_statements() -> None:
    exp = expected("004_career_progression_framework")
    layout = layout_of("004_career_progression_framework")
    strings: list[str] = []
    for role in exp["roles"]:
        strings += role["main_duties"]
        for band in (role["bands"] or {}).values():
            for key in ("qualifications", "knowledge", "experience", "skills"):
                strings += band[key]
    assert missing(strings, layout) == []


def test_table_shapes_match_the_word_tables() -> None:
    """Split rows are joined back: each band table is header + requirements + 4 rows."""
    shapes = [(t.n_rows, t.n_cols) for t in layout_of("004_career_progression_framework").tables()]
    assert shapes.count((6, 3)) == 23 and shapes.count((1, 3)) == 3 and len(shapes) == 26
    role = [(t.n_rows, t.n_cols) for t in layout_of("001_role_profile").tables()]
    assert role == [(4, 2), (4, 2), (2, 1), (11, 2), (8, 2), (9, 2), (3, 2), (3, 2)]
    matrix = [(t.n_rows, t.n_cols) for t in layout_of("000_skills_matrix").tables()]
    assert matrix == [(12, 25), (13, 8), (9, 7)]
