"""Detect a file's format from its bytes, never from its extension.

Zip containers are told apart by their parts, PDFs by their signature, text by decoding it.
Anything else gets an ``unsupported_format`` error that says what the file actually is. The
extension is only held against the content afterwards (``check_extension``): a supported
format under another supported format's name is ``format_mismatch``.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from roleframe.parsers.delimited import decode_text
from roleframe.parsers.errors import ReadError
from roleframe.schema import Format, IssueCode

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_IMAGE_MAGIC: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"BM": "BMP image",
}


@dataclass(frozen=True, slots=True)
class Detected:
    format: Format
    encoding: str | None = None  # text formats only


def detect_format(data: bytes) -> Detected:
    """Return the format of ``data`` or raise ``ReadError`` (empty / unsupported / encrypted)."""
    if not data.strip():
        raise ReadError(IssueCode.EMPTY_FILE, "The file is empty.")
    head = data[:1024]
    if b"%PDF-" in head:
        return Detected(Format.PDF)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return Detected(_zip_format(data))
    if data.startswith(OLE2_MAGIC):
        raise _ole2_error(data)
    if data.startswith(b"{\\rtf"):
        raise _unsupported("an RTF document", "rtf")
    for magic, what in _IMAGE_MAGIC.items():
        if data.startswith(magic):
            raise _unsupported(f"a {what} (scan it through OCR first)", "image")
    return _text_format(data)


def _zip_format(data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(
            IssueCode.CORRUPT_FILE,
            f"The file looks like a zip container but cannot be opened: {exc}.",
        ) from exc
    if "word/document.xml" in names:
        return Format.DOCX
    if "xl/workbook.xml" in names:
        return Format.XLSX
    if "content.xml" in names and "mimetype" in names:
        raise _unsupported(
            "an OpenDocument file (.odt/.ods); save it as .docx or .xlsx", "opendocument"
        )
    if "[Content_Types].xml" in names:
        raise _unsupported("an Office Open XML package that is neither Word nor Excel", "ooxml")
    raise _unsupported("a zip archive of other files", "zip")


def _ole2_error(data: bytes) -> ReadError:
    """Old binary Office files and password-protected Office files share the OLE2 container."""
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        return ReadError(
            IssueCode.ENCRYPTED,
            "The Office file is password-protected; remove the password and try again.",
        )
    if "WordDocument".encode("utf-16-le") in data:
        return _unsupported("a legacy Word .doc file; save it as .docx", "doc")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return _unsupported("a legacy Excel .xls file; save it as .xlsx", "xls")
    return _unsupported("a legacy OLE2 (Office 97-2003) file", "ole2")


# What a file's extension claims. `.csv`, `.tsv` and `.txt` all claim text: which delimiter
# a text table uses is the sniffer's business, not a mismatch. Other extensions (none,
# `.doc`, `.dat`, …) claim nothing a reader could hold the content to.
EXTENSION_CLAIMS: dict[str, frozenset[Format]] = {
    ".docx": frozenset({Format.DOCX}),
    ".docm": frozenset({Format.DOCX}),
    ".xlsx": frozenset({Format.XLSX}),
    ".xlsm": frozenset({Format.XLSX}),
    ".pdf": frozenset({Format.PDF}),
    ".csv": frozenset({Format.CSV, Format.TSV}),
    ".tsv": frozenset({Format.CSV, Format.TSV}),
    ".txt": frozenset({Format.CSV, Format.TSV}),
}
FORMAT_NAMES: dict[Format, str] = {
    Format.DOCX: "a Word document (.docx)",
    Format.XLSX: "an Excel workbook (.xlsx)",
    Format.PDF: "a PDF (.pdf)",
    Format.CSV: "a text table (.csv)",
    Format.TSV: "a text table (.tsv)",
}


def check_extension(detected: Format, filename: str) -> None:
    """Refuse a file whose content is another supported format than its extension says
    (an .xlsx renamed .docx): ``format_mismatch``, naming what it really is. Read by its
    content anyway with ``trust_content`` (``roleframe ingest --trust-content``)."""
    suffix = PurePath(filename).suffix.casefold()
    claimed = EXTENSION_CLAIMS.get(suffix)
    if claimed is None or detected in claimed:
        return
    raise ReadError(
        IssueCode.FORMAT_MISMATCH,
        f"The file is named {suffix} but its content is {FORMAT_NAMES[detected]}; rename it, "
        "or read it by its content (roleframe ingest --trust-content).",
        extension=suffix,
        actual=detected.value,
    )


def _unsupported(what: str, actual: str) -> ReadError:
    return ReadError(
        IssueCode.UNSUPPORTED_FORMAT, f"Unsupported format: this is {what}.", actual=actual
    )


def _text_format(data: bytes) -> Detected:
    text, encoding = decode_text(data)
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise _unsupported("binary data of an unknown kind", "binary")
    lines = [line for line in sample.splitlines() if line.strip()][:200]
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    semis = sum(line.count(";") for line in lines)
    if tabs and tabs >= commas:
        return Detected(Format.TSV, encoding)
    if commas or semis:
        return Detected(Format.CSV, encoding)
    raise _unsupported("plain text with no table in it", "text")
