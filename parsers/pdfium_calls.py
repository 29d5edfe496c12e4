"""PDFium's C functions with every pointer as a plain integer: the calls the PDF engine
makes once per character, without pypdfium2's per-call pointer conversions.

pypdfium2's raw bindings type each handle (``FPDF_PAGE``, ``FPDF_TEXTPAGE``, …) and each
out-parameter as a ctypes pointer; wrapping and checking those costs more than the native
call itself when it happens half a million times per document (a character's code,
origin and text object, for 87,000 characters in the 33-page 004 framework). The same
functions are bound here a second time, from the library pypdfium2 loaded and initialised,
with ``c_void_p`` for every pointer: handles travel as ints, out-parameters as the address
of a preallocated ``c_double``/``c_float``. pypdfium2's own bindings are left untouched.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2  # noqa: F401  (initialises the library: FPDF_InitLibraryWithConfig)
import pypdfium2.raw as C

NAMES = (
    "FPDF_LoadPage",
    "FPDF_ClosePage",
    "FPDF_GetMetaText",
    "FPDF_GetPageBoundingBox",
    "FPDFCatalog_IsTagged",
    "FPDFPage_GetMediaBox",
    "FPDFPage_GetRotation",
    "FPDFPage_CountObjects",
    "FPDFPage_GetObject",
    "FPDFFormObj_CountObjects",
    "FPDFFormObj_GetObject",
    "FPDFPageObj_GetType",
    "FPDFPageObj_GetMatrix",
    "FPDFPageObj_GetBounds",
    "FPDFPageObj_GetFillColor",
    "FPDFPageObj_GetStrokeColor",
    "FPDFPageObj_GetStrokeWidth",
    "FPDFPageObj_GetMarkedContentID",
    "FPDFPageObj_CountMarks",
    "FPDFPageObj_GetMark",
    "FPDFPageObjMark_GetParamValueType",
    "FPDFPageObjMark_GetParamStringValue",
    "FPDFPath_GetDrawMode",
    "FPDFPath_CountSegments",
    "FPDFPath_GetPathSegment",
    "FPDFPathSegment_GetPoint",
    "FPDFPathSegment_GetType",
    "FPDFPathSegment_GetClose",
    "FPDFTextObj_GetFont",
    "FPDFTextObj_GetFontSize",
    "FPDFTextObj_GetText",
    "FPDFFont_GetBaseFontName",
    "FPDFFont_GetGlyphWidth",
    "FPDFText_LoadPage",
    "FPDFText_ClosePage",
    "FPDFText_CountChars",
    "FPDFText_GetUnicode",
    "FPDFText_GetText",
    "FPDFText_IsGenerated",
    "FPDFText_HasUnicodeMapError",
    "FPDFText_GetTextObject",
    "FPDFText_GetCharOrigin",
    "FPDFText_GetMatrix",
    "FPDFText_GetCharBox",
    "FPDFText_GetLooseCharBox",
    "FPDF_StructTree_GetForPage",
    "FPDF_StructTree_CountChildren",
    "FPDF_StructTree_Close",
)


def _plain(kind: Any) -> Any:
    """A ctypes pointer type becomes ``c_void_p`` (an int in, an int or None out)."""
    if isinstance(kind, type) and issubclass(kind, ctypes._Pointer):
        return ctypes.c_void_p
    return kind


def _library() -> ctypes.CDLL:
    """The PDFium library pypdfium2 loaded (the same handle: one library, initialised once)."""
    from pypdfium2_raw import bindings

    return bindings._libs["pdfium"]


class Calls:
    """The functions of ``NAMES`` as attributes, with integer pointers."""

    def __init__(self) -> None:
        library = _library()
        for name in NAMES:
            typed = getattr(C, name)
            function = library[name]  # a fresh function object: pypdfium2's keep their types
            function.argtypes = tuple(_plain(t) for t in typed.argtypes)
            function.restype = _plain(typed.restype)
            setattr(self, name, function)

    def __getattr__(self, name: str) -> Any:  # for mypy: every call is dynamic
        raise AttributeError(name)


P: Any = Calls()


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (a typed ctypes pointer) holds."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0
