"""Page primitives: what the PDF layout layer reads of a page, whichever engine read it.

Two engines fill the same primitives: pdfplumber/pdfminer (``pdf_plumber``, the reference
engine and the fallback) and PDFium through pypdfium2 (``pdf_pdfium``, the fast default).
Everything above (glyphs, lines, paragraphs, tables, check boxes, headers/footers, joins
across pages) reads only :class:`PagePrimitives`, so both engines give the same layout.

Characters arrive as :class:`~roleframe.parsers.pdf_text.Glyph` objects in their reading
frame, with each one's marked-content id in a parallel list: the engine builds them in its
character pass, so no per-character dict is made only to be read once (the reference
engine turns its pdfplumber chars into glyphs with ``glyphs_from_chars``; the PDFium
engine builds them with the same arithmetic). A char, on the way, is pdfplumber's: ``text``,
``fontname`` (subset prefix stripped), ``x0``/``x1``/``top``/``bottom`` (top-down page
coordinates, see :func:`char_box`), ``size``, ``upright``, ``matrix`` (the glyph's rendering
matrix, pdfminer device space), ``mcid`` (marked-content id or ``None``).

Shapes are plain dicts with pdfplumber's key names (the layer above and pdfplumber's table
finder read them):

* line / rect / curve: ``object_type``, ``x0``/``x1``/``top``/``bottom``/``doctop``,
  ``y0``/``y1`` (bottom-up), ``width``/``height``, ``pts`` (top-down points; curves),
  ``stroke``/``fill`` (painted how), ``linewidth``, ``stroking_color``/``non_stroking_color``.

Where the libraries disagree the engines normalise here, to one convention each:
glyph boxes (:func:`char_box`), font names (:func:`font_name`), colours (:func:`rgb`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from roleframe.parsers.pdf_tables import RawTable
from roleframe.parsers.pdf_text import Glyph

Obj = dict[str, Any]
Colour = tuple[float, float, float] | None
Matrix = tuple[float, float, float, float, float, float]

ENGINES = ("pdfium", "pdfplumber")
REFERENCE_ENGINE = "pdfplumber"  # what the other engine is tested against and falls back to
_SUBSET = re.compile(r"^[A-Z]{6}\+")


@dataclass(slots=True)
class PagePrimitives:
    """One page's glyphs, painted paths and page geometry (1-based ``number``)."""

    number: int
    width: float
    height: float
    rotation: int = 0
    glyphs: list[Glyph] = field(default_factory=list)  # one per character, in page order
    mcids: list[int | None] = field(default_factory=list)  # each glyph's marked-content id
    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    has_images: bool = False


class PdfSource(Protocol):
    """An open PDF, read page by page. Sources raise coded ``ReadError``s for files they
    cannot read; ``close`` never raises."""

    @property
    def page_count(self) -> int: ...

    def metadata(self) -> dict[str, str]:
        """The document information dictionary's text entries (Title, Author, …)."""
        ...

    def logical_tables(self) -> dict[int, list[RawTable]]:
        """Tables from the structure tree per page number; empty when untagged."""
        ...

    def page(self, index: int) -> PagePrimitives:
        """Primitives of page ``index`` (0-based)."""
        ...

    def close(self) -> None: ...


class EngineRefused(Exception):
    """PDFium reads this file differently from pdfminer in a way that changes the whole
    document (a page it cannot load, a MediaBox pdfminer refuses): the reader starts over
    with the reference engine, so the file gets the reference engine's result."""


def font_name(name: object) -> str:
    """The font's name without the subset tag: pdfminer reports ``BAAAAA+LiberationSans``,
    PDFium ``LiberationSans`` (every seed PDF embeds subsets). A font with no name is "":
    pdfminer says "unknown", PDFium nothing (``tests/fixtures/pdf/engine_type3.pdf``)."""
    text = name if isinstance(name, str) and name != "unknown" else ""
    return _SUBSET.sub("", text)


def char_box(
    matrix: Sequence[float], adv: float, size: float, height: float, top0: float, left0: float
) -> tuple[float, float, float, float, float]:
    """A glyph's box ``(x0, x1, top, bottom)`` in top-down page coordinates, and its size
    as pdfminer reports it (the box's height).

    The box is the glyph's advance by its font size, sitting on the baseline, through the
    rendering matrix: pdfminer's box without the font's descent. pdfminer moves the box
    down by the descent of the font descriptor; PDFium substitutes a face's metrics when a
    descriptor says 0 (LibreOffice writes 0 for every font: ``samples/*.pdf``), and has its
    own metrics for the standard 14 fonts (reportlab's Helvetica in ``tests/fixtures/pdf``),
    so the descent is the one number the two cannot agree on. ``height``/``top0``/``left0``
    map pdfminer's device space to pdfplumber's top-down coordinates.
    """
    a, b, c, d, e, f = matrix[:6]
    # corners of [0, adv] x [0, size] through the matrix, as pdfminer's apply_matrix_rect
    xs = (e, a * adv + e, a * adv + c * size + e, c * size + e)
    ys = (f, b * adv + f, b * adv + d * size + f, d * size + f)
    y0, y1 = min(ys), max(ys)
    return min(xs) + left0, max(xs) + left0, height - y1 + top0, height - y0 + top0, y1 - y0


def rgb(colour: object) -> Colour:
    """A colour as PDFium reports it: RGB in 8-bit steps (scaled to 0..1).

    pdfminer keeps the colour space's components (gray, RGB, CMYK, a pattern name); PDFium
    gives 8-bit RGB. Both become 8-bit RGB, so a grey of exactly 0.97 (``is_shading``'s
    bar) falls on the same side with either engine. CMYK uses the naive conversion; PDFium's
    own CMYK profile may differ by a few steps.
    """
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not colour:
        return None
    if not all(isinstance(v, (int, float)) for v in colour):
        return None
    values = [min(1.0, max(0.0, float(v))) for v in colour]
    if len(values) == 1:
        r = g = bl = values[0]
    elif len(values) == 3:
        r, g, bl = values
    elif len(values) == 4:
        c, m, y, k = values
        r, g, bl = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        return None
    return (_step(r), _step(g), _step(bl))


def _step(v: float) -> float:
    return int(v * 255 + 0.5) / 255


def open_source(data: bytes, engine: str) -> PdfSource:
    """Open ``data`` with the named engine (``ENGINES``)."""
    if engine == "pdfium":
        from roleframe.parsers.pdf_pdfium import open_pdfium

        return open_pdfium(data)
    if engine == "pdfplumber":
        from roleframe.parsers.pdf_plumber import PlumberSource

        return PlumberSource(data)
    raise ValueError(f"unknown PDF engine {engine!r}; expected one of {', '.join(ENGINES)}")
