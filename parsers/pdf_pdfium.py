"""The PDFium engine: page primitives from Chrome's PDF library through pypdfium2.

PDFium parses a page natively, many times faster than pdfminer interprets it in Python, and
hands out every character (code point, origin, matrix, font) and every path object with its
segments. This module turns them into the primitives pdfminer would have given
(``pdf_source``), in pdfminer's coordinates: the page turned by ``/Rotate`` and shifted
by the MediaBox origin as pdfminer's interpreter does, paths split into lines, rectangles
and curves by pdfminer's rules, boxes and names by the shared conventions. Where PDFium's
text page rewrites what the file holds, the source undoes it: ligatures split into letters
are one glyph again, a hyphen marked as U+0002 is a hyphen, ink-less text objects it drops
are spaces again.

PDFium runs native code on untrusted bytes: it only ever runs inside the file workers
(``ingest.worker``) and page workers (``parsers.pdf_pages``), each under its address-space
cap; a crash kills that process and becomes a coded report row. Files PDFium refuses to
open go to the pdfplumber engine, which reads them or gives its own coded error
(``tests/fixtures/hostile/bad_xref.pdf`` is read there); so do files whose pages PDFium
cannot load (``EngineRefused``), and single pages whose text PDFium cannot give alike
(glyphs without Unicode, spans it reads by their /ActualText).
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
from roleframe.parsers.pdf_text import Glyph, font_style, glyph_text, turned_glyph
from roleframe.parsers.pdfium_calls import P, address

_INFO_KEYS = ("Title", "Author", "Subject", "Creator", "Producer")
_TEXT, _PATH, _IMAGE, _FORM = (
    C.FPDF_PAGEOBJ_TEXT,
    C.FPDF_PAGEOBJ_PATH,
    C.FPDF_PAGEOBJ_IMAGE,
    C.FPDF_PAGEOBJ_FORM,
)
_MOVE, _LINE, _BEZIER = C.FPDF_SEGMENT_MOVETO, C.FPDF_SEGMENT_LINETO, C.FPDF_SEGMENT_BEZIERTO
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_GENERATED = frozenset((0x20, 0x0D, 0x0A))  # what PDFium's text page inserts itself
_HYPHEN_MARK = 0x02  # PDFium's mark for a hyphen ending a line
_SURROGATES = frozenset(range(0xD800, 0xE000))  # UTF-16 halves of a code point above U+FFFF
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


class _Out:
    """Preallocated out-parameters and their addresses (``pdfium_calls`` takes ints)."""

    def __init__(self) -> None:
        self.d = [ctypes.c_double() for _ in range(4)]
        self.f = [ctypes.c_float() for _ in range(4)]
        self.u = [ctypes.c_uint() for _ in range(4)]
        self.i = [ctypes.c_int() for _ in range(2)]
        self.matrix = C.FS_MATRIX()
        self.rect = C.FS_RECTF()
        self.size = ctypes.c_ulong()
        at = ctypes.addressof
        self.d_at = [at(v) for v in self.d]
        self.f_at = [at(v) for v in self.f]
        self.u_at = [at(v) for v in self.u]
        self.i_at = [at(v) for v in self.i]
        self.matrix_at = at(self.matrix)
        self.rect_at = at(self.rect)
        self.size_at = at(self.size)

    def read_matrix(self) -> Matrix:
        m = self.matrix
        return (m.a, m.b, m.c, m.d, m.e, m.f)


class PdfiumSource:
    """An open PDF read by PDFium; each page is loaded, read and closed in ``page``."""

    def __init__(self, document: pypdfium2.PdfDocument, data: bytes) -> None:
        self.document = document
        self.handle = address(document.raw)
        self.data = data
        self._tables: dict[int, list[RawTable]] | None = None
        self._plumber: PlumberSource | None = None
        self.reference_pages = 0  # pages the reference engine read instead (tests observe)
        # per-document caches: fonts are shared by the pages
        self._fonts: dict[int, tuple[str, dict[int, float]]] = {}
        self._out = _Out()

    @property
    def page_count(self) -> int:
        return len(self.document)

    def metadata(self) -> dict[str, str]:
        out = {}
        for key in _INFO_KEYS:
            size = P.FPDF_GetMetaText(self.handle, key.encode(), None, 0)
            if size <= 2:
                continue
            buffer = ctypes.create_string_buffer(size)
            P.FPDF_GetMetaText(self.handle, key.encode(), ctypes.addressof(buffer), size)
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
        """Whether the catalog holds a structure tree, as pdfplumber's reader asks. Tagging
        producers mark the file (/MarkInfo, which PDFium reads); else the key is in the bytes
        unless the catalog sits in a compressed object stream: only then is the first page
        loaded once more to ask PDFium for its structure."""
        if P.FPDFCatalog_IsTagged(self.handle) or b"/StructTreeRoot" in self.data:
            return True
        if b"/ObjStm" not in self.data or not len(self.document):
            return False
        page = P.FPDF_LoadPage(self.handle, 0)
        if not page:
            return False
        try:
            tree = P.FPDF_StructTree_GetForPage(page)
            if not tree:
                return False
            count = P.FPDF_StructTree_CountChildren(tree)
            P.FPDF_StructTree_Close(tree)
            return bool(count > 0)
        finally:
            P.FPDF_ClosePage(page)

    def page(self, index: int) -> PagePrimitives:
        page = P.FPDF_LoadPage(self.handle, index)
        if not page:
            # hostile/recursive.pdf: a page tree that refers to itself has two pages for
            # PDFium, one for pdfminer
            raise EngineRefused(f"PDFium cannot load page {index + 1}")
        try:
            frame = self._frame(page, index)
            lines: list[Obj] = []
            rects: list[Obj] = []
            curves: list[Obj] = []
            texts: list[tuple[int, Matrix]] = []
            has_images = False
            out = self._out
            for obj, outer in _objects(page, out):
                kind = P.FPDFPageObj_GetType(obj)
                if kind == _TEXT:
                    texts.append((obj, outer))
                elif kind == _PATH and P.FPDFPageObj_GetMatrix(obj, out.matrix_at):
                    matrix = _mult(_mult(out.read_matrix(), outer), frame.ctm)
                    self._path(obj, matrix, frame, lines, rects, curves)
                elif kind == _IMAGE:
                    has_images = True
            text = P.FPDFText_LoadPage(page)
            glyphs: list[Glyph] = []
            mcids: list[int | None] = []
            try:
                seen = self._chars(text, frame, glyphs, mcids) if text else set()
                self._blank_objects(texts, seen, frame, text, glyphs, mcids)
            except _Unmapped:
                self.reference_pages += 1
                return self._reference().page(index)
            finally:
                if text:
                    P.FPDFText_ClosePage(text)
        finally:
            P.FPDF_ClosePage(page)
        return PagePrimitives(
            number=index + 1,
            width=frame.width,
            height=frame.height,
            rotation=frame.rotation,
            glyphs=glyphs,
            mcids=mcids,
            lines=lines,
            rects=rects,
            curves=curves,
            has_images=has_images,
        )

    # --- page geometry ---------------------------------------------------------------------

    def _frame(self, page: int, index: int) -> _Frame:
        """pdfminer's device space for the page: the MediaBox origin moved to (0, 0) and the
        page turned by ``/Rotate`` (pdfminer's ``process_page``), then pdfplumber's top-down
        coordinates (``pdfplumber.page.Page``)."""
        out = self._out
        left, bottom, right, top = out.f
        if not P.FPDFPage_GetMediaBox(page, *out.f_at):
            # inherited from the page tree (PDFium reads only the page's own); the page's
            # bounding box is the MediaBox when there is no CropBox
            box = out.rect
            P.FPDF_GetPageBoundingBox(page, out.rect_at)
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
        rotation = (P.FPDFPage_GetRotation(page) % 4) * 90
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

    def _chars(
        self, text: int, frame: _Frame, glyphs: list[Glyph], mcids: list[int | None]
    ) -> set[int]:
        """Every character PDFium read (not the spaces and line breaks it generates), as
        glyphs (and their marked-content ids) appended to ``glyphs`` and ``mcids``; returns
        the text objects seen. The glyph arithmetic is the reference engine's
        (``glyphs_from_chars`` on pdfplumber chars), here without a char dict per glyph.

        Ligatures stay one glyph: PDFium splits a glyph whose ToUnicode gives several
        letters into one entry per letter at the same origin; pdfminer keeps one char
        ("ffi", ``tests/fixtures/pdf/engine_ligatures.pdf``)."""
        append, append_mcid = glyphs.append, mcids.append
        out = self._out
        ox, oy = out.d[0], out.d[1]
        at_x, at_y = out.d_at[0], out.d_at[1]
        unicode, generated = P.FPDFText_GetUnicode, P.FPDFText_IsGenerated
        text_object, origin_of = P.FPDFText_GetTextObject, P.FPDFText_GetCharOrigin
        unmapped = P.FPDFText_HasUnicodeMapError
        ctm = frame.ctm
        ca, cb, cc, cd, ce, cf = ctm
        height, top0, left0 = frame.height, frame.top0, frame.left0
        objects: dict[int, _TextObject] = {}
        last_obj: int | None = 0
        last_x = last_y = math.nan
        # the current text object's facts, held in locals
        facts: _TextObject | None = None
        widths: dict[int, float] = {}
        size = a = b = c = d = 0.0
        mcid, upright, aligned, bold, italic = None, True, False, False, False
        last_f = last_size = last_d = math.nan  # the baseline and height held in locals
        top = bottom = extent = cy = 0.0
        e = f = 0.0  # the last glyph's origin in device space, for a ligature's box
        spaces, hyphen_mark = _GENERATED, _HYPHEN_MARK
        count = P.FPDFText_CountChars(text)
        codes = _page_text(text, count) or [unicode(text, i) for i in range(count)]
        # the device space is the page's own (no /Rotate, MediaBox at 0, 0): e, f = x, y
        plain = ctm == _IDENTITY
        for i, code in enumerate(codes):
            if code == 0xFFFE:
                code = unicode(text, i)  # the text buffer's stand-in: ask the char itself
            if code in spaces and generated(text, i):
                continue
            obj = text_object(text, i)
            if obj is None:
                raise _Unmapped  # a character of no text object: not one PDFium read
            origin_of(text, i, at_x, at_y)
            x, y = ox.value, oy.value
            if obj == last_obj and x == last_x and y == last_y and glyphs:
                # the next letter of a ligature: one glyph, its advance the glyph's own
                # (the first letter's width is not it)
                ligature = glyphs[-1]
                high = ord(ligature.text[-1]) if ligature.text else 0
                if 0xD800 <= high <= 0xDBFF and 0xDC00 <= code <= 0xDFFF:
                    # the second half of a surrogate pair (an emoji past the BMP, ho3_rp02):
                    # one code point, as pdfminer gives it, never two halves
                    pair = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    ligature.text = ligature.text[:-1] + chr(pair)
                    continue
                ligature.text += chr(code)
                if len(ligature.text) == 2:  # (``size``: the ligature's text object's)
                    box = self._ligature_box(text, i, (a, b, c, d, e, f), size, frame)
                    if box is not None:
                        glyphs[-1] = _glyph(ligature.text, *box, upright, a, b, bold, italic)
                continue
            if unmapped(text, i):
                # no ToUnicode entry: PDFium reports the char code, pdfminer a glyph name
                # or "(cid:N)" (a Type3 font: tests/fixtures/pdf/engine_type3.pdf)
                raise _Unmapped
            if code == hyphen_mark:
                # PDFium marks a hyphen that ends a line (004's "hard-" / "to-reach");
                # pdfminer keeps the hyphen
                code = 0x2D
            if obj != last_obj:
                facts = objects.get(obj)
                if facts is None:
                    P.FPDFText_GetMatrix(text, i, out.matrix_at)
                    object_matrix = _mult(out.read_matrix(), ctm)
                    facts = objects[obj] = self._text_object(obj, object_matrix, text)
                widths = facts.widths
                size, mcid, upright = facts.size, facts.mcid, facts.upright
                bold, italic = facts.bold, facts.italic
                a, b, c, d = facts.matrix[:4]
                aligned = facts.axis_aligned
            last_obj, last_x, last_y = obj, x, y
            adv = widths.get(code)
            if adv is None:
                assert facts is not None
                adv = self._width(facts, code)
            adv *= size
            # the glyph's origin in pdfminer's device space
            if plain:
                e, f = x, y
            else:
                e = ca * x + cc * y + ce
                f = cb * x + cd * y + cf
            append_mcid(mcid)
            if aligned:
                # char_box for a matrix that neither turns nor skews the glyph (same sums)
                x0 = e + left0
                x1 = a * adv + e + left0
                if f != last_f or size != last_size or d != last_d:
                    # one set of float objects per baseline and height: the glyphs of a
                    # line share them (a fifth less memory for the kept pages)
                    y1 = d * size + f
                    top, bottom, extent = height - y1 + top0, height - f + top0, y1 - f
                    cy = (top + bottom) / 2
                    last_f, last_size, last_d = f, size, d
                cx = (x0 + x1) / 2
                append(
                    Glyph(x0, x1, top, bottom, glyph_text(code), extent, bold, italic, True, cx, cy)
                )
            else:
                last_f = math.nan
                box = char_box((a, b, c, d, e, f), adv, size, height, top0, left0)
                append(_glyph(glyph_text(code), *box, upright, a, b, bold, italic))
        return set(objects)

    def _ligature_box(
        self, text: int, index: int, matrix: Matrix, size: float, frame: _Frame
    ) -> tuple[float, float, float, float, float] | None:
        """The box of a ligature by the advance of its own glyph (the first letter's is not
        it), or None to keep the first letter's.

        PDFium's loose box spans the glyph's advance (and its font's ascent to descent)
        unioned with the ink; where the ink reaches past the advance ("ff" in
        ``tests/fixtures/pdf/engine_ligatures.pdf``) or the loose box is the ink box alone,
        the next glyph on the same baseline starts where the ligature's advance ends.
        """
        a, b, _, _, e, f = matrix
        scale = math.hypot(a, b) or 1.0
        ctm = frame.ctm

        def along(x: float, y: float) -> float:
            """How far the page point lies along the baseline from the glyph's origin."""
            px, py = ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]
            return ((px - e) * a + (py - f) * b) / scale

        out = self._out
        loose = out.rect
        left, right, bottom, top = out.d
        end = None
        if P.FPDFText_GetLooseCharBox(text, index, out.rect_at) and P.FPDFText_GetCharBox(
            text, index, *out.d_at
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
            x, y = out.d[0], out.d[1]
            for j in range(index + 1, min(index + 4, P.FPDFText_CountChars(text))):
                if P.FPDFText_IsGenerated(text, j):
                    continue
                P.FPDFText_GetCharOrigin(text, j, out.d_at[0], out.d_at[1])
                px = ctm[0] * x.value + ctm[2] * y.value + ctm[4]
                py = ctm[1] * x.value + ctm[3] * y.value + ctm[5]
                step = ((px - e) * a + (py - f) * b) / scale
                off = ((px - e) * -b + (py - f) * a) / scale
                if 1e-3 < step <= 3 * size * scale and abs(off) <= 0.01 * size * scale:
                    end = step
                break
        if end is None:
            return None
        return char_box(matrix, end / scale, size, frame.height, frame.top0, frame.left0)

    def _text_object(self, obj: int, matrix: Matrix, text: int) -> _TextObject:
        """Facts shared by every glyph of one text object (``matrix`` in device space)."""
        out = self._out
        if P.FPDFPageObj_CountMarks(obj):
            actual = _actual_text(obj, out)
            # PDFium may put a span's /ActualText in place of its glyphs (or drop them),
            # pdfminer keeps the glyphs: where PDFium's text for the object is the
            # ActualText, the reference engine reads the page. LibreOffice marks its
            # fallback ligature glyphs with an ActualText PDFium ignores
            # (tests/fixtures/pdf/engine_ligatures.pdf)
            if actual is not None and _squash(_object_text(obj, text)) in ("", _squash(actual)):
                raise _Unmapped
        size = out.f[0]
        P.FPDFTextObj_GetFontSize(obj, out.f_at[0])
        font = P.FPDFTextObj_GetFont(obj) or 0
        known = self._fonts.get(font)
        if known is None:
            length = P.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(max(1, length))
            P.FPDFFont_GetBaseFontName(font, ctypes.addressof(buffer), length)
            name = font_name(buffer.value.decode("utf-8", "replace"))
            known = self._fonts[font] = (name, {})
        mcid = P.FPDFPageObj_GetMarkedContentID(obj)
        return _TextObject(
            known[0],
            float(size.value),
            matrix,
            mcid if mcid >= 0 else None,
            self._colour(obj, P.FPDFPageObj_GetFillColor),
            font,
            known[1],
        )

    def _width(self, facts: _TextObject, code: int) -> float:
        """A glyph's advance per unit of font size (cached per font), as pdfminer's ``adv``
        before the font size: the width in the font's 1/1000 em."""
        out = self._out
        ok = P.FPDFFont_GetGlyphWidth(facts.font, code, ctypes.c_float(1000.0), out.f_at[1])
        width = facts.widths[code] = out.f[1].value / 1000.0 if ok else 0.0
        return width

    def _blank_objects(
        self,
        texts: list[tuple[int, Matrix]],
        seen: set[int],
        frame: _Frame,
        text: int,
        glyphs: list[Glyph],
        mcids: list[int | None],
    ) -> None:
        """Text objects without ink, which PDFium's text page leaves out, as one space each.

        LibreOffice draws a paragraph holding only a space (and a space between two rotated
        letters) as a text object of its own; pdfminer reads its space, so the empty
        paragraph still counts in the paragraph numbering (``samples/001_role_profile.pdf``,
        page 5). The object's characters are not available, so one space stands for them.
        """
        out = self._out
        left, _, right, _ = out.f
        for obj, outer in texts:
            if obj in seen or not P.FPDFPageObj_GetBounds(obj, *out.f_at):
                continue
            if abs(right.value - left.value) >= 0.01:
                continue  # dropped for another reason (drawn twice over: fake bold)
            if not P.FPDFPageObj_GetMatrix(obj, out.matrix_at):
                continue
            own = out.read_matrix()
            facts = self._text_object(obj, _mult(_mult(own, outer), frame.ctm), text)
            size = facts.size
            adv = facts.widths.get(0x20)
            adv = (self._width(facts, 0x20) if adv is None else adv) * size
            # the object's position: its first glyph's origin
            ctm = _mult(outer, frame.ctm)
            e = ctm[0] * own[4] + ctm[2] * own[5] + ctm[4]
            f = ctm[1] * own[4] + ctm[3] * own[5] + ctm[5]
            a, b, c, d = facts.matrix[:4]
            box = char_box((a, b, c, d, e, f), adv, size, frame.height, frame.top0, frame.left0)
            glyphs.append(_glyph(" ", *box, facts.upright, a, b, facts.bold, facts.italic))
            mcids.append(facts.mcid)

    # --- paths -----------------------------------------------------------------------------

    def _path(
        self,
        obj: int,
        matrix: Matrix,
        frame: _Frame,
        lines: list[Obj],
        rects: list[Obj],
        curves: list[Obj],
    ) -> None:
        out = self._out
        if not P.FPDFPath_GetDrawMode(obj, out.i_at[0], out.i_at[1]):
            return
        fill, stroked = out.i[0].value != 0, bool(out.i[1].value)
        if not fill and not stroked:
            return  # a clipping path: pdfminer paints nothing for "n"
        x, y = out.f[0], out.f[1]
        at_x, at_y = out.f_at[0], out.f_at[1]
        ma, mb, mc, md, me, mf = matrix
        ops: list[tuple[str, float, float]] = []
        pending = 0  # control points of a Bézier curve still to come
        for s in range(P.FPDFPath_CountSegments(obj)):
            segment = P.FPDFPath_GetPathSegment(obj, s)
            if not segment or not P.FPDFPathSegment_GetPoint(segment, at_x, at_y):
                continue
            kind = P.FPDFPathSegment_GetType(segment)
            px, py = x.value, y.value
            dx = ma * px + mc * py + me
            dy = mb * px + md * py + mf
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
            if P.FPDFPathSegment_GetClose(segment):
                ops.append(("h", dx, dy))
        P.FPDFPageObj_GetStrokeWidth(obj, out.f_at[2])
        style = {
            "linewidth": float(out.f[2].value),
            "stroke": stroked,
            "fill": fill,
            "stroking_color": self._colour(obj, P.FPDFPageObj_GetStrokeColor),
            "non_stroking_color": self._colour(obj, P.FPDFPageObj_GetFillColor),
        }
        for kind, pts in paint_path(ops):
            shape = _shape(kind, pts, frame, style)
            (lines if kind == "line" else rects if kind == "rect" else curves).append(shape)

    def _colour(self, obj: int, getter: Any) -> Colour:
        out = self._out
        if not getter(obj, *out.u_at):
            return None
        r, g, b, _ = out.u
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
    """Text PDFium cannot give as pdfminer does: the page is read by the reference engine."""


class _TextObject:
    """Facts shared by the glyphs of one text object: font name, style and size, the
    matrix in pdfminer's device space (and whether it keeps glyphs upright and unturned),
    the marked-content id, the fill colour, the font and its widths."""

    __slots__ = (
        "axis_aligned",
        "bold",
        "colour",
        "font",
        "italic",
        "matrix",
        "mcid",
        "name",
        "size",
        "upright",
        "widths",
    )

    def __init__(
        self,
        name: str,
        size: float,
        matrix: Matrix,
        mcid: int | None,
        colour: Colour,
        font: int,
        widths: dict[int, float],
    ) -> None:
        self.name = name
        self.size = size
        self.matrix = matrix
        self.mcid = mcid
        self.colour = colour
        self.font = font
        self.widths = widths
        a, b, c, d = matrix[:4]
        self.upright = a * d > 0 and b * c <= 0  # pdfminer's test
        self.axis_aligned = b == 0 and c == 0 and a > 0 and d > 0
        self.bold, self.italic = font_style(name)


def _glyph(
    text: str,
    x0: float,
    x1: float,
    top: float,
    bottom: float,
    extent: float,
    upright: bool,
    a: float,
    b: float,
    bold: bool,
    italic: bool,
) -> Glyph:
    """A glyph from its box (``char_box``), as ``glyphs_from_chars`` makes it from a char."""
    cx, cy = (x0 + x1) / 2, (top + bottom) / 2
    if upright:
        return Glyph(x0, x1, top, bottom, text, extent, bold, italic, True, cx, cy)
    return turned_glyph(text, x0, x1, top, bottom, a, b, bold, italic, cx, cy)


def _actual_text(obj: int, out: _Out) -> str | None:
    """The /ActualText a mark on the object carries, if any."""
    for i in range(P.FPDFPageObj_CountMarks(obj)):
        mark = P.FPDFPageObj_GetMark(obj, i)
        kind = P.FPDFPageObjMark_GetParamValueType(mark, b"ActualText") if mark else 0
        if kind == C.FPDF_OBJECT_UNKNOWN:
            continue
        P.FPDFPageObjMark_GetParamStringValue(mark, b"ActualText", None, 0, out.size_at)
        size = out.size.value
        buffer = (ctypes.c_ushort * (size // 2 + 1))()
        P.FPDFPageObjMark_GetParamStringValue(
            mark, b"ActualText", ctypes.addressof(buffer), size, out.size_at
        )
        return "".join(map(chr, buffer[: max(0, size // 2 - 1)]))
    return None


def _object_text(obj: int, text: int) -> str:
    """What PDFium's text page holds for one text object."""
    if not text:
        return ""
    size = P.FPDFTextObj_GetText(obj, text, None, 0)  # bytes of UTF-16, with the NUL
    buffer = (ctypes.c_ushort * (size // 2 + 1))()
    P.FPDFTextObj_GetText(obj, text, ctypes.addressof(buffer), size)
    return "".join(map(chr, buffer[: max(0, size // 2 - 1)]))


def _page_text(text: int, count: int) -> list[int] | None:
    """Every character's code point in one call: the page's text holds one UTF-16 unit per
    character (a hyphen mark or a glyph without text as U+FFFE), unless a code point needs
    a surrogate pair; then None, and the caller asks character by character."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = P.FPDFText_GetText(text, 0, count, ctypes.addressof(buffer)) if count else 1
    codes = buffer[:count]
    if written - 1 != count or not _SURROGATES.isdisjoint(codes):
        return None
    return codes


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


def _num(value: float) -> float:
    return value if math.isfinite(value) else 0.0


def _objects(page: int, out: _Out) -> Iterator[tuple[int, Matrix]]:
    """Every page object in paint order, forms walked into where they are drawn (as
    pdfminer interprets them), with the matrix from the object's container to the page
    (``FPDFPageObj_GetMatrix`` of a form maps form space to its container)."""

    def walk(parent: int, outer: Matrix, depth: int) -> Iterator[tuple[int, Matrix]]:
        on_page = depth == 0
        count = P.FPDFPage_CountObjects(parent) if on_page else P.FPDFFormObj_CountObjects(parent)
        get = P.FPDFPage_GetObject if on_page else P.FPDFFormObj_GetObject
        for i in range(count):
            obj = get(parent, i)
            if not obj:
                continue
            if P.FPDFPageObj_GetType(obj) != _FORM:
                yield obj, outer
            elif depth < _MAX_FORM_DEPTH and P.FPDFPageObj_GetMatrix(obj, out.matrix_at):
                inner = _mult(out.read_matrix(), outer)
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
