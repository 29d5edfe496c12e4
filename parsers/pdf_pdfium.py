"""The PDFium engine: page primitives from Chrome's PDF library through pypdfium2.

PDFium parses a page natively, many times faster than pdfminer interprets it in Python, and
hands out every character (code point, origin, matrix, font) and every path object with its
segments. This module turns them into the primitives pdfminer would have given
(``pdf_source``), in pdfminer's coordinates: the page turned by ``/Rotate`` and shifted
by the MediaBox origin as pdfminer's interpreter does, paths split into lines, rectangles
and curves by pdfminer's rules, boxes and names by the shared conventions.

PDFium runs native code on untrusted bytes: it only ever runs inside the file workers
(``ingest.worker``) and page workers (``parsers.pdf_pages``), each under its address-space
cap; a crash kills that process and becomes a coded report row. Files PDFium refuses to
open go to the pdfplumber engine, which reads them or gives its own coded error
(``tests/fixtures/hostile/bad_xref.pdf`` is read there); so do files whose pages PDFium
cannot load (``EngineRefused``), and single pages with glyphs PDFium cannot map to text.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Iterator
from typing import Any

import pypdfium2
import pypdfium2.raw as C

from roleframe.parsers.pdf_plumber import PlumberSource
from roleframe.parsers.pdf_source import (
    Colour,
    EngineRefused,
    Matrix,
    Obj,
    PagePrimitives,
    PdfSource,
    char_box,
    font_name,
)
from roleframe.parsers.pdf_tables import RawTable

_INFO_KEYS = ("Title", "Author", "Subject", "Creator", "Producer")
_TEXT, _PATH, _IMAGE, _FORM = (
    C.FPDF_PAGEOBJ_TEXT,
    C.FPDF_PAGEOBJ_PATH,
    C.FPDF_PAGEOBJ_IMAGE,
    C.FPDF_PAGEOBJ_FORM,
)
_MOVE, _LINE, _BEZIER = C.FPDF_SEGMENT_MOVETO, C.FPDF_SEGMENT_LINETO, C.FPDF_SEGMENT_BEZIERTO
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Forms nest; a hostile file can nest them deeply (hostile/recursive.pdf refers to itself,
# which PDFium already refuses). Deeper forms than this are not walked for paths.
_MAX_FORM_DEPTH = 32


def open_pdfium(data: bytes) -> PdfSource:
    """Open with PDFium; a file PDFium refuses is handed to the pdfplumber engine, so a
    damaged or encrypted file gets the reference engine's code and message."""
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return PlumberSource(data)
    return PdfiumSource(document, data)


def _mult(m1: Matrix, m0: Matrix) -> Matrix:
    """``m1`` then ``m0`` (row vectors, as pdfminer's ``mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


class PdfiumSource:
    """An open PDF read by PDFium; each page is loaded, read and closed in ``page``."""

    def __init__(self, document: pypdfium2.PdfDocument, data: bytes) -> None:
        self.document = document
        self.data = data
        self._tables: dict[int, list[RawTable]] | None = None
        self._plumber: PlumberSource | None = None
        self.reference_pages = 0  # pages the reference engine read instead (tests observe)
        # per-read caches of font facts (fonts are shared by the pages of a document)
        self._fonts: dict[int, tuple[str, Any]] = {}
        # ctypes out-parameters, allocated once
        self._f = [ctypes.c_float() for _ in range(4)]
        self._d = [ctypes.c_double() for _ in range(2)]
        self._u = [ctypes.c_uint() for _ in range(4)]
        self._i = [ctypes.c_int() for _ in range(2)]
        self._m = C.FS_MATRIX()

    @property
    def page_count(self) -> int:
        return len(self.document)

    def metadata(self) -> dict[str, str]:
        out = {}
        for key in _INFO_KEYS:
            size = C.FPDF_GetMetaText(self.document.raw, key.encode(), None, 0)
            if size <= 2:
                continue
            buffer = ctypes.create_string_buffer(size)
            C.FPDF_GetMetaText(self.document.raw, key.encode(), buffer, size)
            out[key] = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
        return out

    def logical_tables(self) -> dict[int, list[RawTable]]:
        """Tables of a tagged PDF, from pdfplumber's structure tree reader.

        PDFium exposes the structure tree only page by page, and there a cell with no
        content cannot be told from one on another page; pdfminer reads the tree whole
        (``tests/fixtures/pdf/tagged_table.pdf``). Only tagged files pay for it.
        """
        if self._tables is None:
            self._tables = {}
            if self._tagged():
                self._tables = self._reference().logical_tables()
        return self._tables

    def _tagged(self) -> bool:
        if C.FPDFCatalog_IsTagged(self.document.raw) or b"/StructTreeRoot" in self.data:
            return True
        if not len(self.document):  # no page to ask
            return False
        page = C.FPDF_LoadPage(self.document.raw, 0)
        if not page:
            return False
        try:
            tree = C.FPDF_StructTree_GetForPage(page)
            if not tree:
                return False
            count = C.FPDF_StructTree_CountChildren(tree)
            C.FPDF_StructTree_Close(tree)
            return bool(count > 0)
        finally:
            C.FPDF_ClosePage(page)

    def page(self, index: int) -> PagePrimitives:
        page = C.FPDF_LoadPage(self.document.raw, index)
        if not page:
            # hostile/recursive.pdf: a page tree that refers to itself has two pages for
            # PDFium, one for pdfminer
            raise EngineRefused(f"PDFium cannot load page {index + 1}")
        try:
            frame = self._frame(page, index)
            lines: list[Obj] = []
            rects: list[Obj] = []
            curves: list[Obj] = []
            texts: list[tuple[Any, Matrix]] = []
            has_images = False
            m = self._m
            for obj, outer in _objects(page):
                kind = C.FPDFPageObj_GetType(obj)
                if kind == _TEXT:
                    texts.append((obj, outer))
                elif kind == _PATH and C.FPDFPageObj_GetMatrix(obj, m):
                    own: Matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
                    matrix = _mult(_mult(own, outer), frame.ctm)
                    self._path(obj, matrix, frame, lines, rects, curves)
                elif kind == _IMAGE:
                    has_images = True
            text = C.FPDFText_LoadPage(page)
            try:
                chars, seen = self._chars(text, frame) if text else ([], set())
                chars.extend(self._blank_objects(texts, seen, frame, text))
            except _Unmapped:
                self.reference_pages += 1
                return self._reference().page(index)
            finally:
                if text:
                    C.FPDFText_ClosePage(text)
        finally:
            C.FPDF_ClosePage(page)
        return PagePrimitives(
            number=index + 1,
            width=frame.width,
            height=frame.height,
            rotation=frame.rotation,
            chars=chars,
            lines=lines,
            rects=rects,
            curves=curves,
            has_images=has_images,
        )

    # --- page geometry ---------------------------------------------------------------------

    def _frame(self, page: Any, index: int) -> _Frame:
        """pdfminer's device space for the page: the MediaBox origin moved to (0, 0) and the
        page turned by ``/Rotate`` (pdfminer's ``process_page``), then pdfplumber's top-down
        coordinates (``pdfplumber.page.Page``)."""
        left, bottom, right, top = self._f
        if not C.FPDFPage_GetMediaBox(page, left, bottom, right, top):
            # inherited from the page tree (PDFium reads only the page's own); the page's
            # bounding box is the MediaBox when there is no CropBox
            box = C.FS_RECTF()
            C.FPDF_GetPageBoundingBox(page, box)
            left.value, bottom.value, right.value, top.value = (
                box.left,
                box.bottom,
                box.right,
                box.top,
            )
        x0, x1 = sorted((_num(left.value), _num(right.value)))
        y0, y1 = sorted((_num(bottom.value), _num(top.value)))
        if x1 - x0 <= 0 or y1 - y0 <= 0:
            # pdfminer refuses a MediaBox that is not four numbers (hostile/deep_nesting.pdf:
            # an array nested 5,000 deep), which PDFium reads as an empty box
            raise EngineRefused(f"page {index + 1} has no valid MediaBox")
        rotation = (C.FPDFPage_GetRotation(page) % 4) * 90
        if rotation == 90:
            ctm: Matrix = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        # pdfplumber's MediaBox: normalised (x and y swapped on a quarter turn), inverted
        nx0, ny0, nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
        height = ny1 - ny0
        return _Frame(ctm, nx0, height - ny1, nx1 - nx0, height, rotation)

    # --- characters ------------------------------------------------------------------------

    def _chars(self, text: Any, frame: _Frame) -> tuple[list[Obj], set[int]]:
        """Every character PDFium read (not the spaces and line breaks it generates), with
        ligatures kept as one glyph: PDFium splits a glyph whose ToUnicode gives several
        letters into one entry per letter at the same origin; pdfminer keeps one char
        ("ffi", ``tests/fixtures/pdf/engine_ligatures.pdf``)."""
        out: list[Obj] = []
        sizes: list[float] = []  # each glyph's font size (text space)
        ox, oy = self._d
        m = self._m
        ctm = frame.ctm
        objects: dict[int, _TextObject] = {}
        last_obj = None
        last_origin = (math.nan, math.nan)
        for i in range(C.FPDFText_CountChars(text)):
            if C.FPDFText_IsGenerated(text, i):
                continue
            code = C.FPDFText_GetUnicode(text, i)
            if code == 2:
                # PDFium marks a hyphen that ends a line as U+0002 (004's "hard-" / "to-
                # reach"); pdfminer keeps the hyphen
                code = 0x2D
            obj = C.FPDFText_GetTextObject(text, i)
            C.FPDFText_GetCharOrigin(text, i, ox, oy)
            origin = (ox.value, oy.value)
            key = _address(obj)
            if key == last_obj and origin == last_origin and out:
                # the next letter of a ligature: one glyph, its advance the glyph's own
                # (PDFium's loose box spans it; the first letter's width is not it)
                ligature = out[-1]
                ligature["text"] += chr(code)
                if len(ligature["text"]) == 2:
                    self._ligature_box(text, i, ligature, sizes[-1], frame)
                continue
            if C.FPDFText_HasUnicodeMapError(text, i):
                # no ToUnicode entry: PDFium reports the char code, pdfminer a glyph name
                # or "(cid:N)" (a Type3 font: tests/fixtures/pdf/engine_type3.pdf)
                raise _Unmapped
            last_obj, last_origin = key, origin
            facts = objects.get(key)
            if facts is None:
                C.FPDFText_GetMatrix(text, i, m)
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
                facts = objects[key] = self._text_object(obj, _mult(own, ctm), text)
            out.append(_glyph(chr(code), origin, facts, frame))
            sizes.append(facts.size)
        return out, set(objects)

    def _ligature_box(self, text: Any, index: int, glyph: Obj, size: float, frame: _Frame) -> None:
        """Give a ligature the advance of its own glyph (the first letter's is not it).

        PDFium's loose box spans the glyph's advance (and its font's ascent to descent)
        unioned with the ink; where the ink reaches past the advance ("ff" in
        ``tests/fixtures/pdf/engine_ligatures.pdf``) or the loose box is the ink box alone,
        the next glyph of the same text object starts where the ligature's advance ends.
        """
        a, b, _, _, e, f = glyph["matrix"]
        scale = math.hypot(a, b) or 1.0
        ctm = frame.ctm

        def along(x: float, y: float) -> float:
            """How far the page point lies along the baseline from the glyph's origin."""
            px, py = ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]
            return ((px - e) * a + (py - f) * b) / scale

        loose, ink = C.FS_RECTF(), self._d
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        end = None
        if C.FPDFText_GetLooseCharBox(text, index, loose) and C.FPDFText_GetCharBox(
            text, index, left, right, bottom, top
        ):
            box_end = max(
                along(x, y) for x in (loose.left, loose.right) for y in (loose.bottom, loose.top)
            )
            ink_end = max(
                along(x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)
            )
            end = box_end if box_end > ink_end + 1e-3 else None
        if end is None:
            # the next glyph on the same baseline (a ligature LibreOffice drew as a text
            # object of its own ends where the next object starts)
            x, y = ink
            for j in range(index + 1, min(index + 4, C.FPDFText_CountChars(text))):
                if C.FPDFText_IsGenerated(text, j):
                    continue
                C.FPDFText_GetCharOrigin(text, j, x, y)
                px = ctm[0] * x.value + ctm[2] * y.value + ctm[4]
                py = ctm[1] * x.value + ctm[3] * y.value + ctm[5]
                step = ((px - e) * a + (py - f) * b) / scale
                off = ((px - e) * -b + (py - f) * a) / scale
                if 1e-3 < step <= 3 * size * scale and abs(off) <= 0.01 * size * scale:
                    end = step
                break
        if end is None:
            return
        x0, x1, top_, bottom_, extent = char_box(
            glyph["matrix"], end / scale, size, frame.height, frame.top0, frame.left0
        )
        glyph.update(x0=x0, x1=x1, top=top_, bottom=bottom_, size=extent)

    def _text_object(self, obj: Any, matrix: Matrix, text: Any) -> _TextObject:
        """Facts shared by every glyph of one text object (``matrix`` in device space)."""
        if C.FPDFPageObj_CountMarks(obj):
            actual = _actual_text(obj)
            # PDFium may put a span's /ActualText in place of its glyphs (or drop them),
            # pdfminer keeps the glyphs: where PDFium's text for the object is the
            # ActualText, the reference engine reads the page. LibreOffice marks its
            # fallback ligature glyphs with an ActualText PDFium ignores
            # (tests/fixtures/pdf/engine_ligatures.pdf)
            if actual is not None and _squash(_object_text(obj, text)) in ("", _squash(actual)):
                raise _Unmapped
        size = self._f[0]
        C.FPDFTextObj_GetFontSize(obj, size)
        font = C.FPDFTextObj_GetFont(obj)
        fkey = _address(font)
        known = self._fonts.get(fkey)
        if known is None:
            length = C.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(max(1, length))
            C.FPDFFont_GetBaseFontName(font, buffer, length)
            known = self._fonts[fkey] = (font_name(buffer.value.decode("utf-8", "replace")), {})
        mcid = C.FPDFPageObj_GetMarkedContentID(obj)
        return _TextObject(
            known[0],
            float(size.value),
            matrix,
            mcid if mcid >= 0 else None,
            self._colour(obj, C.FPDFPageObj_GetFillColor),
            font,
            known[1],
            self,
        )

    def _blank_objects(
        self, texts: list[tuple[Any, Matrix]], seen: set[int], frame: _Frame, text: Any
    ) -> list[Obj]:
        """Text objects without ink, which PDFium's text page leaves out, as one space each.

        LibreOffice draws a paragraph holding only a space (and a space between two rotated
        letters) as a text object of its own; pdfminer reads its space, so the empty
        paragraph still counts in the paragraph numbering (``samples/001_role_profile.pdf``,
        page 5). The object's characters are not available, so one space stands for them.
        """
        out: list[Obj] = []
        m = self._m
        left, bottom, right, top = self._f
        for obj, outer in texts:
            if _address(obj) in seen or not C.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                continue
            if abs(right.value - left.value) >= 0.01:
                continue  # dropped for another reason (drawn twice over: fake bold)
            if not C.FPDFPageObj_GetMatrix(obj, m):
                continue
            own: Matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
            device = _mult(_mult(own, outer), frame.ctm)
            facts = self._text_object(obj, device, text)
            out.append(_glyph(" ", (own[4], own[5]), facts, frame, outer))
        return out

    def advance(self, font: Any, widths: dict[int, float], code: int) -> float:
        """A glyph's width per unit of font size (cached per font)."""
        width = widths.get(code)
        if width is None:
            out = self._f[1]
            ok = C.FPDFFont_GetGlyphWidth(font, code, 1000.0, out)
            width = widths[code] = out.value / 1000.0 if ok else 0.0
        return width

    # --- paths -----------------------------------------------------------------------------

    def _path(
        self,
        obj: Any,
        matrix: Matrix,
        frame: _Frame,
        lines: list[Obj],
        rects: list[Obj],
        curves: list[Obj],
    ) -> None:
        fill_mode, stroke = self._i
        if not C.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
            return
        fill, stroked = fill_mode.value != 0, bool(stroke.value)
        if not fill and not stroked:
            return  # a clipping path: pdfminer paints nothing for "n"
        x, y = self._f[0], self._f[1]
        ops: list[tuple[str, float, float]] = []
        pending = 0  # control points of a Bézier curve still to come
        for s in range(C.FPDFPath_CountSegments(obj)):
            segment = C.FPDFPath_GetPathSegment(obj, s)
            if not segment or not C.FPDFPathSegment_GetPoint(segment, x, y):
                continue
            kind = C.FPDFPathSegment_GetType(segment)
            px, py = x.value, y.value
            dx = matrix[0] * px + matrix[2] * py + matrix[4]
            dy = matrix[1] * px + matrix[3] * py + matrix[5]
            if kind == _BEZIER:
                # PDFium lists a curve as its two control points and its end point;
                # pdfminer keeps the end point only
                if pending == 0:
                    pending = 3
                pending -= 1
                if pending:
                    continue
                ops.append(("c", dx, dy))
            elif kind == _MOVE:
                ops.append(("m", dx, dy))
            elif kind == _LINE:
                ops.append(("l", dx, dy))
            else:
                continue
            if C.FPDFPathSegment_GetClose(segment):
                ops.append(("h", dx, dy))
        width = self._f[2]
        C.FPDFPageObj_GetStrokeWidth(obj, width)
        style = {
            "linewidth": float(width.value),
            "stroke": stroked,
            "fill": fill,
            "stroking_color": self._colour(obj, C.FPDFPageObj_GetStrokeColor),
            "non_stroking_color": self._colour(obj, C.FPDFPageObj_GetFillColor),
        }
        for kind, pts in paint_path(ops):
            shape = _shape(kind, pts, frame, style)
            (lines if kind == "line" else rects if kind == "rect" else curves).append(shape)

    def _colour(self, obj: Any, getter: Any) -> Colour:
        r, g, b, a = self._u
        if not getter(obj, r, g, b, a):
            return None
        return (r.value / 255, g.value / 255, b.value / 255)

    def _reference(self) -> PlumberSource:
        """The pdfplumber engine on the same bytes, for pages PDFium cannot give alike."""
        if self._plumber is None:
            self._plumber = PlumberSource(self.data)
        return self._plumber

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        self.document.close()


class _Unmapped(Exception):
    """A glyph without a Unicode mapping: the page is read by the reference engine."""


class _TextObject:
    """Facts shared by the glyphs of one text object: font name and size, the matrix in
    pdfminer's device space, marked-content id, fill colour, and the font's widths."""

    __slots__ = ("colour", "font", "matrix", "mcid", "name", "size", "source", "widths")

    def __init__(
        self,
        name: str,
        size: float,
        matrix: Matrix,
        mcid: int | None,
        colour: Colour,
        font: Any,
        widths: dict[int, float],
        source: PdfiumSource,
    ) -> None:
        self.name = name
        self.size = size
        self.matrix = matrix
        self.mcid = mcid
        self.colour = colour
        self.font = font
        self.widths = widths
        self.source = source


def _glyph(
    char: str,
    origin: tuple[float, float],
    facts: _TextObject,
    frame: _Frame,
    outer: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
) -> Obj:
    """A char dict for a glyph at ``origin`` (page space; ``outer`` maps a form's space to
    the page), its box by the shared convention (``char_box``)."""
    ctm = _mult(outer, frame.ctm)
    ex = ctm[0] * origin[0] + ctm[2] * origin[1] + ctm[4]
    fy = ctm[1] * origin[0] + ctm[3] * origin[1] + ctm[5]
    a, b, c, d = facts.matrix[:4]
    glyph = (a, b, c, d, ex, fy)
    size = facts.size
    adv = facts.source.advance(facts.font, facts.widths, ord(char[0])) * size
    x0, x1, top, bottom, extent = char_box(glyph, adv, size, frame.height, frame.top0, frame.left0)
    return {
        "text": char,
        "fontname": facts.name,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "size": extent,
        "upright": a * d > 0 and b * c <= 0,
        "matrix": glyph,
        "mcid": facts.mcid,
        "non_stroking_color": facts.colour,
    }


def _actual_text(obj: Any) -> str | None:
    """The /ActualText a mark on the object carries, if any."""
    for i in range(C.FPDFPageObj_CountMarks(obj)):
        mark = C.FPDFPageObj_GetMark(obj, i)
        kind = C.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") if mark else 0
        if kind == C.FPDF_OBJECT_UNKNOWN:
            continue
        size = ctypes.c_ulong()
        C.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", None, 0, size)
        buffer = (ctypes.c_ushort * (size.value // 2 + 1))()
        C.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", buffer, size.value, size)
        return "".join(map(chr, buffer[: max(0, size.value // 2 - 1)]))
    return None


def _object_text(obj: Any, text: Any) -> str:
    """What PDFium's text page holds for one text object."""
    if not text:
        return ""
    size = C.FPDFTextObj_GetText(obj, text, None, 0)  # bytes of UTF-16, with the NUL
    buffer = (ctypes.c_ushort * (size // 2 + 1))()
    C.FPDFTextObj_GetText(obj, text, buffer, size)
    return "".join(map(chr, buffer[: max(0, size // 2 - 1)]))


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable() and not ch.isspace())


class _Frame:
    """pdfminer's device space of a page, and pdfplumber's top-down frame over it."""

    __slots__ = ("ctm", "height", "left0", "rotation", "top0", "width")

    def __init__(
        self, ctm: Matrix, left0: float, top0: float, width: float, height: float, rotation: int
    ) -> None:
        self.ctm = ctm
        self.left0 = left0
        self.top0 = top0
        self.width = width
        self.height = height
        self.rotation = rotation


def _address(handle: Any) -> int:
    """A PDFium handle's address (ctypes pointers compare by identity, not by address)."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _num(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object in paint order, forms walked into where they are drawn (as
    pdfminer interprets them), with the matrix from the object's container to the page
    (``FPDFPageObj_GetMatrix`` of a form maps form space to its container)."""
    m = C.FS_MATRIX()

    def walk(parent: Any, outer: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        on_page = depth == 0
        count = C.FPDFPage_CountObjects(parent) if on_page else C.FPDFFormObj_CountObjects(parent)
        for i in range(count):
            obj = C.FPDFPage_GetObject(parent, i) if on_page else C.FPDFFormObj_GetObject(parent, i)
            if not obj:
                continue
            if C.FPDFPageObj_GetType(obj) != _FORM:
                yield obj, outer
            elif depth < _MAX_FORM_DEPTH and C.FPDFPageObj_GetMatrix(obj, m):
                inner = _mult((m.a, m.b, m.c, m.d, m.e, m.f), outer)
                yield from walk(obj, inner, depth + 1)

    yield from walk(page, _IDENTITY, 0)


def paint_path(ops: list[tuple[str, float, float]]) -> list[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's ``paint_path`` on one painted path (device points): one line, rect or
    curve per subpath, classified by the same rules, so table rules come out the same."""
    out: list[tuple[str, list[tuple[float, float]]]] = []
    start = 0
    for i in range(1, len(ops) + 1):
        if i == len(ops) or ops[i][0] == "m":
            sub = ops[start:i]
            start = i
            if len(sub) >= 2 and sub[0][0] == "m":
                out.append(_classify(sub))
    return out


def _classify(sub: list[tuple[str, float, float]]) -> tuple[str, list[tuple[float, float]]]:
    shape = "".join(op for op, _, _ in sub)
    first = (sub[0][1], sub[0][2])
    pts = [first if op == "h" else (px, py) for op, px, py in sub]
    # a redundant "l" back to the start before "h"
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line", pts[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def _shape(kind: str, pts: list[tuple[float, float]], frame: _Frame, style: dict) -> Obj:
    """A pdfplumber shape dict (``pdf_source``) from device points."""
    if kind == "rect":
        (ax, ay), (bx, by) = pts
        x0, x1 = min(ax, bx), max(ax, bx)
        y0, y1 = min(ay, by), max(ay, by)
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    height, top0, left0 = frame.height, frame.top0, frame.left0
    top = height - y1 + top0
    return {
        "object_type": kind,
        "x0": x0 + left0,
        "x1": x1 + left0,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": height - y0 + top0,
        "doctop": top,
        "width": x1 - x0,
        "height": y1 - y0,
        "pts": [(left0 + px, top0 + height - py) for px, py in pts],
        **style,
    }
