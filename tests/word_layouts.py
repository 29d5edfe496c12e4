"""Build small layouts by hand, for rule tests that must not depend on any reader."""

from __future__ import annotations

from roleframe.parsers.layout import Cell, FormField, Layout, Paragraph, Run, Table
from roleframe.schema import Format, Provenance


def para(
    text: str,
    where: Provenance | None = None,
    *,
    bold: bool = False,
    bullet: str | None = None,
    list_level: int | None = None,
    heading: int | None = None,
    fields: list[FormField] | None = None,
    runs: list[Run] | None = None,
) -> Paragraph:
    return Paragraph(
        text=text,
        where=where or Provenance(paragraph=0),
        bold=bold,
        bullet=bullet,
        list_level=list_level,
        heading_level=heading,
        fields=fields or [],
        runs=runs or [Run(text, bold=bold)],
    )


def table(index: int, rows: list[list[dict]], n_cols: int | None = None) -> Table:
    """rows: per row, a list of cell specs {text|paras, span, shaded, bold, fields}."""
    t = Table(index=index, where=Provenance(table=index))
    width = 0
    for r, specs in enumerate(rows):
        col = 0
        cells: list[Cell] = []
        for spec in specs:
            where = Provenance(table=index, row=r, column=col)
            texts = spec.get("paras", [spec.get("text", "")])
            paras = []
            for i, t_ in enumerate(texts):
                if isinstance(t_, Paragraph):
                    t_.where = where.with_(paragraph=i)
                    paras.append(t_)
                elif t_ or spec.get("fields"):
                    paras.append(
                        para(
                            t_,
                            where.with_(paragraph=i),
                            bold=spec.get("bold", False),
                            fields=spec.get("fields") if i == 0 else None,
                        )
                    )
            span = spec.get("span", 1)
            cells.append(
                Cell(
                    row=r,
                    col=col,
                    where=where,
                    paragraphs=paras,
                    col_span=span,
                    shaded=spec.get("shaded", False),
                )
            )
            col += span
        width = max(width, col)
        t.rows.append(cells)
    t.n_cols = n_cols or width
    return t


def lab(text: str, span: int = 1) -> dict:
    """A label cell as forms print them: shaded and bold."""
    return {"text": text, "span": span, "shaded": True, "bold": True}


def val(text: str = "", span: int = 1, **kw) -> dict:
    return {"text": text, "span": span, **kw}


def layout(*blocks) -> Layout:
    return Layout(format=Format.DOCX, blocks=list(blocks))
