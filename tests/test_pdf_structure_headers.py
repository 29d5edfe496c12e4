"""Tagged tables whose producer leaves empty cells out of the structure tree (Chromium: an
empty HTML ``<td>`` has no ``TD``): each kept cell's ``Headers`` attribute names its column
header, which puts it back in its column (foreign ho7_rp03). Hand-built structure trees."""

from __future__ import annotations

from pdfplumber.structure import PDFStructElement

from roleframe.parsers.pdf_structure import _table

_next_mcid = iter(range(1000))


def element(
    kind: str, *, id: str | None = None, children: list | None = None, **attributes: object
) -> PDFStructElement:
    mcids = [next(_next_mcid)] if kind in ("TH", "TD") else []
    return PDFStructElement(
        type=kind,
        revision=None,
        id=id,
        lang=None,
        alt_text=None,
        actual_text=None,
        title=None,
        page_number=1,
        attributes=dict(attributes),
        mcids=mcids,
        children=children or [],
    )


def header_row(names: list[str]) -> PDFStructElement:
    return element("TR", children=[element("TH", id=n, Scope="Column") for n in names])


def body_row(headers: list[str | None]) -> PDFStructElement:
    cells = [
        element("TD", Headers=[h.encode()]) if h is not None else element("TD") for h in headers
    ]
    return element("TR", children=cells)


def columns(table: PDFStructElement) -> list[tuple[int, int]]:
    raw = _table(table)
    assert raw is not None
    return [(c.row, c.col) for c in raw.cells]


def test_a_cell_after_a_missing_empty_cell_keeps_its_headers_column() -> None:
    table = element(
        "Table",
        children=[
            header_row(["crit", "ess", "des", "how"]),
            body_row(["crit", "ess", "how"]),  # no Desirable cell
            body_row(["crit", "des", "how"]),  # no Essential cell
        ],
    )
    assert columns(table) == [
        (0, 0), (0, 1), (0, 2), (0, 3),
        (1, 0), (1, 1), (1, 3),
        (2, 0), (2, 2), (2, 3),
    ]  # fmt: skip


def test_cells_without_headers_are_counted_as_before() -> None:
    table = element("Table", children=[header_row(["a", "b"]), body_row([None, None])])
    assert columns(table) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_headers_never_move_a_cell_left() -> None:
    """A cell naming an earlier column's header (a producer's slip) stays where it falls."""
    table = element("Table", children=[header_row(["a", "b"]), body_row(["a", "a"])])
    assert columns(table) == [(0, 0), (0, 1), (1, 0), (1, 1)]
