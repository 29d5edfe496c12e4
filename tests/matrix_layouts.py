"""Hand-built layouts for the skills-matrix rule tests: tables from lists of strings."""

from __future__ import annotations

from roleframe.parsers.layout import Block, Cell, Layout, Paragraph, Table
from roleframe.schema import Format, Provenance


def para(text: str, heading: int | None = None, line: int = 1) -> Paragraph:
    return Paragraph(text=text, where=Provenance(line=line), heading_level=heading)


def table(
    rows: list[list[str]],
    index: int = 0,
    vertical_header: set[int] | None = None,
    spans: dict[tuple[int, int], int] | None = None,
) -> Table:
    """A table of one-paragraph cells; ``spans`` maps (row, col) -> col_span for merged cells."""
    n_cols = max(len(r) for r in rows)
    spans = spans or {}
    t = Table(index=index, where=Provenance(table=index), n_cols=n_cols)
    for r, values in enumerate(rows):
        cells: list[Cell] = []
        c = 0
        while c < n_cols:
            text = values[c] if c < len(values) else ""
            where = Provenance(table=index, row=r, column=c)
            span = spans.get((r, c), 1)
            cells.append(
                Cell(
                    row=r,
                    col=c,
                    where=where,
                    paragraphs=[Paragraph(text, where.with_(paragraph=0))] if text else [],
                    col_span=span,
                    vertical_text=r == 0 and c in (vertical_header or set()),
                )
            )
            c += span
        t.rows.append(cells)
    return t


def layout(*blocks: Block) -> Layout:
    return Layout(format=Format.DOCX, blocks=list(blocks))


COMPETENCIES = ["Budgeting", "Procurement", "Safeguarding", "Data protection"]


def matrix_rows(cells: list[list[str]], header: tuple[str, str] = ("Job Title", "Grade")):
    """Header + role rows: each row is title, grade, then one value per competency."""
    return [[*header, *COMPETENCIES], *cells]
