"""The pdfplumber engine: page primitives from pdfminer's page parse (the reference engine).

pdfminer interprets each page's content stream in Python, which is most of a PDF read's
time; PDFium (``pdf_pdfium``) gives the same primitives many times faster. This engine is
what the equality tests compare PDFium against, and the fallback for files PDFium refuses
(``tests/fixtures/hostile/bad_xref.pdf``: pdfminer rebuilds a garbage xref table).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from roleframe.parsers.errors import ReadError
from roleframe.parsers.pdf_source import Obj, PagePrimitives, font_name, rgb
from roleframe.parsers.pdf_structure import logical_tables
from roleframe.parsers.pdf_tables import RawTable
from roleframe.parsers.pdf_text import glyphs_from_chars
from roleframe.schema import IssueCode

# What pdfminer raises on damaged input (PSException covers PDFSyntaxError and friends; a
# self-referencing object graph surfaces as RecursionError).
DAMAGED = (
    PSException,
    RecursionError,
    ValueError,
    TypeError,
    KeyError,
    AttributeError,
    IndexError,
    AssertionError,
    ZeroDivisionError,
    OverflowError,
)
_INFO_KEYS = ("Title", "Author", "Subject", "Creator", "Producer")
_CID = re.compile(r"^\(cid:(\d+)\)$")


def open_error(exc: BaseException) -> ReadError:
    """The coded error for a pdfminer exception (wrapped by pdfplumber or not)."""
    cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return ReadError(IssueCode.ENCRYPTED, "The PDF is password-protected or encrypted.")
    return ReadError(IssueCode.CORRUPT_FILE, f"The PDF could not be parsed: {cause}.")


class PlumberSource:
    """An open PDF read by pdfplumber; pages are parsed on demand and dropped after."""

    def __init__(self, data: bytes) -> None:
        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
        except (PdfminerException, *DAMAGED) as exc:
            raise open_error(exc) from None

    @property
    def page_count(self) -> int:
        return len(self.pdf.pages)

    def metadata(self) -> dict[str, str]:
        out = {}
        for key in _INFO_KEYS:
            value = self.pdf.metadata.get(key)
            if isinstance(value, str):
                out[key] = value
        return out

    def logical_tables(self) -> dict[int, list[RawTable]]:
        return logical_tables(self.pdf)

    def page(self, index: int) -> PagePrimitives:
        page = self.pdf.pages[index]
        try:
            return primitives(page)
        finally:
            page.close()  # drop pdfminer's cached layout: memory stays flat on long files

    def close(self) -> None:
        """Close without masking a coded error: pdfplumber's ``close`` walks ``pdf.pages``
        again, which raises once more on a damaged page tree (hostile/deep_nesting.pdf)."""
        with contextlib.suppress(PdfminerException, *DAMAGED):
            self.pdf.close()


def primitives(page: pdfplumber.page.Page) -> PagePrimitives:
    """pdfplumber's page objects, normalised to the shared conventions (``pdf_source``)."""
    _parse(page)
    objs = page.objects
    fonts = _fonts(page)
    chars = [_char(ch, fonts) for ch in objs.get("char", [])]
    glyphs = glyphs_from_chars(chars)
    shapes = {}
    for kind in ("line", "rect", "curve"):
        items = objs.get(kind, [])
        for obj in items:
            obj["doctop"] = obj["top"]
            obj["stroking_color"] = rgb(obj.get("stroking_color"))
            obj["non_stroking_color"] = rgb(obj.get("non_stroking_color"))
        shapes[kind] = items
    return PagePrimitives(
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        rotation=int(page.rotation),
        glyphs=glyphs,
        mcids=[ch["mcid"] for ch in chars],
        lines=shapes["line"],
        rects=shapes["rect"],
        curves=shapes["curve"],
        has_images=bool(objs.get("image")),
    )


class _NestedMarks(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's marked-content device with marks nested as the content stream nests
    them: an inner mark without an MCID (a ``/Span`` carrying a ligature's ``/ActualText``)
    keeps the outer MCID, and its ``EMC`` gives the outer mark back. pdfplumber forgets the
    MCID at the inner mark and clears it at its end, so the rest of the cell's text lost its
    table cell (foreign ho7_rp03: Chromium's `ﬁ` in `qualification`). PDFium reports the
    enclosing MCID too (``FPDFPageObj_GetMarkedContentID``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._marks: list[tuple[str | None, int | None]] = []

    def begin_tag(self, tag: PSLiteral, props: Any = None) -> None:
        super().begin_tag(tag, props)
        if self.cur_mcid is None and self._marks:
            self.cur_mcid = self._marks[-1][1]
        self._marks.append((self.cur_tag, self.cur_mcid))

    def end_tag(self) -> None:
        super().end_tag()
        if self._marks:
            self._marks.pop()
        if self._marks:
            self.cur_tag, self.cur_mcid = self._marks[-1]


def _parse(page: pdfplumber.page.Page) -> None:
    """Run pdfminer over the page with :class:`_NestedMarks` (what ``Page.layout`` does with
    its own device), leaving the result where pdfplumber's objects are read from."""
    if hasattr(page, "_layout"):
        return
    device = _NestedMarks(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:  # as Page.layout: every pdfminer failure is a PdfminerException
        raise PdfminerException(exc) from exc
    page._layout = device.get_result()


@dataclass(frozen=True, slots=True)
class _Font:
    descent: float  # text space units per unit of font size
    win_ansi: bool  # a simple font on WinAnsiEncoding, without a ToUnicode map


def _fonts(page: pdfplumber.page.Page) -> dict[str, _Font]:
    """What the chars need of their fonts, by font name (pdfminer's font cache)."""
    fonts = getattr(page.pdf.rsrcmgr, "_cached_fonts", {})
    out: dict[str, _Font] = {}
    for font in fonts.values():
        with contextlib.suppress(Exception):
            encoding = getattr(font, "cid2unicode", None) or {}
            win_ansi = encoding.get(0x80) == "€" and getattr(font, "unicode_map", None) is None
            out.setdefault(font.fontname, _Font(float(font.get_descent()), win_ansi))
    return out


def _text(text: str, font: _Font | None) -> str:
    """pdfminer writes a code its encoding leaves unused as "(cid:N)"; WinAnsiEncoding maps
    every unused code above 32 to the bullet (PDF 32000-1, D.2), as PDFium reads it:
    reportlab draws its Helvetica bullets as code 127 (foreign/role_profile/rpf13). The
    glyph's width stays pdfminer's (0 for an unused code, PDFium's is the bullet's): a
    bullet opens its line, where its own width decides nothing."""
    match = _CID.match(text) if font is not None and font.win_ansi else None
    return "\u2022" if match and 32 < int(match.group(1)) < 256 else text


def _char(ch: Obj, fonts: dict[str, _Font]) -> Obj:
    """pdfminer's char with its box moved up by the font's descent (``char_box``)."""
    x0, x1, top, bottom, size = ch["x0"], ch["x1"], ch["top"], ch["bottom"], ch["size"]
    fontname = ch.get("fontname")
    font = fonts.get(fontname) if isinstance(fontname, str) else None
    descent = font.descent if font is not None else 0.0
    if descent:
        a, b, c, d = ch["matrix"][:4]
        adv = float(ch.get("adv") or 0.0)
        # the font size: pdfminer's box height (width for a matrix turned 90 degrees) is
        # the advance and the font size through the matrix
        if abs(d) > 1e-9:
            fs = (size - abs(b) * adv) / abs(d)
        elif abs(c) > 1e-9:
            fs = (x1 - x0 - abs(a) * adv) / abs(c)
        else:
            fs = 0.0
        dx, dy = c * descent * fs, d * descent * fs  # the descent in device space
        x0, x1, top, bottom = x0 - dx, x1 - dx, top + dy, bottom + dy
    text = ch["text"]
    return {
        "text": _text(text, font) if text.startswith("(cid:") else text,
        "fontname": font_name(ch.get("fontname")),
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "size": size,
        "upright": bool(ch.get("upright", True)),
        "matrix": tuple(ch["matrix"]),
        "mcid": ch.get("mcid"),
    }
