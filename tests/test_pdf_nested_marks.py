"""Marked content nested in marked content (parsers/pdf_plumber.py ``_NestedMarks``):
Chromium wraps a ligature in a ``/Span`` with ``/ActualText`` inside a table cell's MCID
mark; the glyphs inside and after the span still belong to the cell (foreign ho7_rp03)."""

from __future__ import annotations

from roleframe.parsers.pdf_pdfium import open_pdfium
from roleframe.parsers.pdf_plumber import PlumberSource

CONTENT = (
    b"/P <</MCID 0>> BDC BT /F1 12 Tf 50 700 Td (quali) Tj "
    b"/Span <</ActualText (fi)>> BDC (fi) Tj EMC (cation) Tj ET EMC "
    b"/P <</MCID 1>> BDC BT /F1 12 Tf 50 680 Td (next) Tj ET EMC "
    b"BT /F1 12 Tf 50 660 Td (loose) Tj ET"
)


def tiny_pdf(content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /MarkInfo << /Marked true >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def words_by_mcid(page: object) -> dict[int | None, str]:
    out: dict[int | None, str] = {}
    for g, mcid in zip(page.glyphs, page.mcids, strict=True):  # type: ignore[attr-defined]
        out[mcid] = out.get(mcid, "") + g.text
    return out


def test_a_span_inside_a_marked_cell_keeps_the_cells_mcid() -> None:
    page = PlumberSource(tiny_pdf(CONTENT)).page(0)
    assert words_by_mcid(page) == {0: "qualification", 1: "next", None: "loose"}


def test_both_engines_agree_on_nested_marks() -> None:
    data = tiny_pdf(CONTENT)
    assert PlumberSource(data).page(0).mcids == open_pdfium(data).page(0).mcids
