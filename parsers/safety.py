"""Guards that run before (and around) the format readers, so hostile files fail fast and cleanly.

What the libraries already do (checked against python-docx 1.2, openpyxl 3.1, lxml 6 with its
bundled libxml2; ``tests/test_safety_xml.py`` re-checks it on every run):

- python-docx parses every part with ``lxml.etree.XMLParser(resolve_entities=False)``: external
  entities (XXE) are not fetched, but the entity *reference* survives in the tree, so
  ``itertext()`` yields the literal ``&xxe;``. Billion laughs is stopped only by libxml2's
  amplification limit (libxml2 >= 2.11), i.e. by the wheel's bundled library version.
- openpyxl reads worksheets with ``defusedxml`` iterparse (when defusedxml is installed, as it is
  for us: ``openpyxl.DEFUSEDXML``) and the workbook/styles parts with the same non-resolving lxml
  parser as python-docx.

Neither is a guarantee we want to depend on (a reader may parse a part with its own parser), and
no genuine Office file carries a DTD (Word and Excel refuse DTDs in packages). So
:func:`check_zip` refuses any XML part with a ``<!DOCTYPE``/``<!ENTITY`` declaration before a
reader sees the bytes, after bounding the package by its central directory. zipfile never
inflates more than a member's *declared* size (then checks the CRC), so bounding the declared
sizes bounds memory even when the sizes lie; the CRC pass over the XML parts turns such a lie,
or a truncated download, into a clean ``corrupt_file`` up front.

One vocabulary for limits: :func:`limit_exceeded` is the one way a ``limit_exceeded`` error
is made (details ``limit``, ``value``, ``bound``, plus where: ``page``, ``sheet``…), and the
checks every reader shares live here (:func:`check_pdf_pages`, :func:`check_page_chars`).
:class:`Deadline` is the wall-clock budget (``timeout_seconds``) the readers check between
pages, rows and paragraphs, so a library caller or a ``--debug`` run (no worker to kill it)
is bounded too; it raises the same ``timeout`` the worker reports when it kills a file.
:func:`classify_exception` is the last line of defence in the batch worker for anything a
reader let escape.
"""

from __future__ import annotations

import codecs
import io
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pyexpat import ExpatError, ParserCreate

from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.schema import Format, IssueCode

# The compression-ratio check only applies to members big enough to hurt: a 2 KB styles part
# that compresses 300:1 is harmless, a 1 GB member that does is a bomb.
RATIO_MIN_BYTES = 1024 * 1024
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def limit_exceeded(
    limit: str, value: float, bound: float, message: str, **where: str | int
) -> ReadError:
    """A ``limit_exceeded`` error: which limit (its ``Limits`` field), the value found, the
    bound it passed, and where (``page=3``, ``sheet="Data"``, ``table=2``)."""
    return ReadError(
        IssueCode.LIMIT_EXCEEDED, message, limit=limit, value=value, bound=bound, **where
    )


def check_zip(data: bytes, limits: Limits, deadline: Deadline | None = None) -> None:
    """Refuse a zip package that is too big, too many, oddly named, encrypted or has a DTD.

    Reads the central directory (never inflating by declared size), then streams each XML part
    through expat with a DTD tripwire; memory stays at one chunk per part.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ReadError(
            IssueCode.CORRUPT_FILE, f"The zip container cannot be opened: {exc}."
        ) from exc
    with archive:
        infos = archive.infolist()
        _check_members(infos, limits)
        for info in infos:
            if deadline is not None:
                deadline.check(f"package part {info.filename[:200]!r}")
            if _is_xml_part(info.filename) or _looks_like_xml(archive, info):
                _scan_xml_part(archive, info)


def _check_members(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_zip_members:
        raise limit_exceeded(
            "max_zip_members",
            len(infos),
            limits.max_zip_members,
            f"The package has {len(infos):,} members; the limit is {limits.max_zip_members:,} "
            "(max_zip_members).",
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        key = name.replace("\\", "/").lower()  # OPC part names compare case-insensitively
        if key in seen:
            raise ReadError(
                IssueCode.CORRUPT_FILE,
                f"The package holds two members named {name!r}; a valid Office file never does.",
                check="zip_member_name",
            )
        seen.add(key)
        if info.flag_bits & 0x1:
            raise ReadError(
                IssueCode.ENCRYPTED,
                f"The package member {name!r} is encrypted; remove the password and try again.",
            )
        size = info.file_size
        if size >= RATIO_MIN_BYTES:
            ratio = size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise limit_exceeded(
                    "max_zip_ratio",
                    round(ratio, 1),
                    limits.max_zip_ratio,
                    f"The package member {name!r} expands {ratio:,.0f} times "
                    f"({size:,} bytes); the limit is {limits.max_zip_ratio:,.0f} "
                    "(max_zip_ratio). This is how zip bombs work.",
                )
        total += size
        if total > limits.max_zip_uncompressed:
            raise limit_exceeded(
                "max_zip_uncompressed",
                total,
                limits.max_zip_uncompressed,
                f"The package expands to more than {limits.max_zip_uncompressed:,} bytes "
                "(max_zip_uncompressed).",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(
                IssueCode.CORRUPT_FILE,
                f"The package member {name!r} uses zip compression method "
                f"{info.compress_type}; Office files only use stored or deflated members.",
                check="zip_compression",
            )


def _check_name(name: str) -> None:
    parts = name.replace("\\", "/").split("/")
    bad = (
        not name
        or "\x00" in name
        or name.startswith(("/", "\\"))
        or _DRIVE.match(name) is not None
        or ".." in parts
        or len(name) > 1024
    )
    if bad:
        raise ReadError(
            IssueCode.CORRUPT_FILE,
            f"The package has a member named {name[:200]!r} (absolute, with '..' or otherwise "
            "unsafe); a valid Office file never does.",
            check="zip_member_name",
        )


def _is_xml_part(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(_XML_SUFFIXES) or lower == "[content_types].xml"


_XML_STARTS = (
    b"<?xml",
    codecs.BOM_UTF8 + b"<",
    codecs.BOM_UTF16_LE + b"<\x00",
    codecs.BOM_UTF16_BE + b"\x00<",
    b"<\x00?\x00",
    b"\x00<\x00?",
)
# Media that is never parsed as XML by the readers; SVG legitimately carries a DOCTYPE.
_MEDIA_SUFFIXES = (".svg", ".svgz", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif")


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A part under another name can still be parsed as XML: a content-type override can make
    ``word/main.bin`` the main document. Peek at its first bytes (a few KB inflated at most)."""
    if info.filename.lower().endswith(_MEDIA_SUFFIXES) or info.is_dir():
        return False
    try:
        with archive.open(info) as member:
            head = member.read(8)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return True  # let the scan report the damage
    return head.lstrip(b" \t\r\n").startswith(_XML_STARTS)


class _DTDFound(Exception):
    pass


class _RootReached(Exception):
    pass


def _scan_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a DTD in the prolog (expat, streamed), then read to the end to check the CRC."""

    def doctype(*_: object) -> None:
        raise _DTDFound

    def root(*_: object) -> None:
        raise _RootReached

    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    in_prolog = True
    name = info.filename
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                if in_prolog:
                    try:
                        parser.Parse(chunk, False)
                    except _RootReached:
                        in_prolog = False
    except _DTDFound:
        raise ReadError(
            IssueCode.CORRUPT_FILE,
            f"The package part {name!r} declares a DTD (<!DOCTYPE>/<!ENTITY>). Office files "
            "never do; entity declarations are how billion-laughs and XXE attacks work, so the "
            "file is refused.",
            check="xml_dtd",
        ) from None
    except ExpatError as exc:
        raise ReadError(
            IssueCode.CORRUPT_FILE,
            f"The package part {name!r} is not well-formed XML: {exc}.",
            check="xml_syntax",
        ) from exc
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
        raise ReadError(
            IssueCode.CORRUPT_FILE,
            f"The package part {name!r} is damaged (truncated or altered): {exc}.",
            check="zip_member_data",
        ) from exc


# ---------------------------------------------------------------- PDF and wall-time helpers

_STREAM = re.compile(rb"stream\r?\n")
_INFLATE_STEP = 4 * 1024 * 1024
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_pdf(data: bytes, limits: Limits, deadline: Deadline | None = None) -> None:
    """Refuse a PDF whose Flate streams expand past ``max_pdf_inflated`` (a PDF zip bomb).

    pdfminer inflates each stream whole, in memory, with no cap: a 1 MB file can demand
    1 GB. Every non-image ``stream`` that starts with a zlib header is inflated here in 4 MB
    steps and thrown away, so memory stays flat and a bomb stops at the cap, or as soon as a
    stream passes 1 MB at a ratio over ``max_zip_ratio`` (text, fonts and object streams
    compress 2-10:1; deflate's ceiling, which bombs sit at, is ~1030:1). Streams we
    cannot see into (encrypted, or behind another filter such as ASCII85) are left to the
    worker's memory cap and deadline.
    """
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        if not _is_zlib(data, start) or _is_image(data, match.start()):
            continue
        if deadline is not None:
            deadline.check(f"the stream at byte {start:,}")
        inflater = zlib.decompressobj()
        pos = start
        produced = 0
        try:
            while not inflater.eof and pos < len(data):
                pending = data[pos : pos + _CHUNK]
                pos += len(pending)
                while pending and not inflater.eof:
                    step = len(inflater.decompress(pending, _INFLATE_STEP))
                    produced += step
                    total += step
                    pending = inflater.unconsumed_tail
                    consumed = pos - start - len(pending)
                    ratio = produced / max(consumed, 1)
                    if produced >= RATIO_MIN_BYTES and ratio > limits.max_zip_ratio:
                        raise limit_exceeded(
                            "max_zip_ratio",
                            round(ratio, 1),
                            limits.max_zip_ratio,
                            f"A compressed stream in the PDF expands {ratio:,.0f} times; the "
                            f"limit is {limits.max_zip_ratio:,.0f} (max_zip_ratio, which bounds "
                            "PDF streams too). This is how PDF decompression bombs work.",
                        )
                    if total > limits.max_pdf_inflated:
                        raise limit_exceeded(
                            "max_pdf_inflated",
                            total,
                            limits.max_pdf_inflated,
                            f"The PDF's compressed streams expand to more than "
                            f"{limits.max_pdf_inflated:,} bytes (max_pdf_inflated). This is how "
                            "PDF decompression bombs work.",
                        )
        except zlib.error:
            continue  # a damaged stream is the reader's to report


def _is_zlib(data: bytes, at: int) -> bool:
    """A zlib header (0x78 0x9c and friends) starts here: not endstream, raw or encrypted."""
    if len(data) < at + 2 or data[at] & 0x0F != 8:
        return False
    return ((data[at] << 8) | data[at + 1]) % 31 == 0


def _is_image(data: bytes, stream_at: int) -> bool:
    """The stream's dictionary says it is an image: text extraction never inflates those,
    and a blank page scanned to Flate legitimately compresses 1000:1."""
    head = data[max(0, stream_at - 4096) : stream_at]
    head = head[head.rfind(b"obj") + 1 :]
    return _IMAGE.search(head) is not None


def check_container(
    file_format: Format, data: bytes, limits: Limits, deadline: Deadline | None = None
) -> None:
    """The one pre-parse guard ``ingest.build.read_layout`` calls for every format."""
    if file_format in (Format.DOCX, Format.XLSX):
        check_zip(data, limits, deadline)
    elif file_format == Format.PDF:
        check_pdf(data, limits, deadline)


def check_pdf_pages(pages: int, limits: Limits) -> None:
    """Call with the page count before reading any page."""
    if pages > limits.max_pages:
        raise limit_exceeded(
            "max_pages",
            pages,
            limits.max_pages,
            f"The PDF has {pages:,} pages; the limit is {limits.max_pages:,} (max_pages).",
        )


def check_page_chars(chars: int, page: int, limits: Limits) -> None:
    """Call with a page's character count (``len(page.chars)``) before extracting its text."""
    if chars > limits.max_page_chars:
        raise limit_exceeded(
            "max_page_chars",
            chars,
            limits.max_page_chars,
            f"Page {page} has {chars:,} characters; the limit is {limits.max_page_chars:,} "
            "(max_page_chars).",
            page=page,
        )


class Deadline:
    """A wall-clock budget (``timeout_seconds``) that readers check cooperatively between
    pages, rows and paragraphs. The batch worker also kills a file at the same limit; this
    bounds the calls no worker watches (the library, ``--debug``)."""

    def __init__(self, seconds: float, clock: Callable[[], float] | None = None) -> None:
        self.seconds = seconds
        self._clock = clock or time.monotonic
        self._end = self._clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - self._clock())

    def check(self, where: str = "") -> None:
        """Raise ``timeout`` once the budget is spent; ``where`` says how far reading got."""
        if self._clock() > self._end:
            raise self.expired(where)

    def expired(self, where: str = "") -> ReadError:
        at = f" (at {where})" if where else ""
        return ReadError(
            IssueCode.TIMEOUT,
            f"Reading took longer than {self.seconds:g} s{at}; the file was abandoned "
            "(timeout_seconds).",
            limit="timeout_seconds",
            bound=self.seconds,
        )


def start_deadline(limits: Limits, deadline: Deadline | None) -> Deadline:
    """The caller's deadline, or a new one of ``limits.timeout_seconds`` from now."""
    return deadline if deadline is not None else Deadline(limits.timeout_seconds)


@contextmanager
def pdf_errors() -> Iterator[None]:
    """Wrap pdfplumber/pdfminer calls: their exceptions become coded ``ReadError``s."""
    try:
        yield
    except ReadError:
        raise
    except Exception as exc:
        raise classify_exception(exc) from exc


_ENCRYPTION = ("PDFEncryptionError", "PDFPasswordIncorrect", "PDFTextExtractionNotAllowed")
_PDF_BROKEN = (
    "PSException",
    "PSEOF",
    "PSSyntaxError",
    "PSTypeError",
    "PSValueError",
    "PDFException",
    "PDFSyntaxError",
    "PDFNoValidXRef",
    "PDFObjectNotFound",
    "PDFTypeError",
    "PDFValueError",
    "PDFKeyError",
    "PDFEOFError",
    "PDFNotImplementedError",
    "MalformedPDFException",
    "PdfminerException",
    "PDFPageCountError",
)


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def classify_exception(exc: BaseException) -> ReadError:
    """Turn an exception that escaped a reader into a coded error (never a traceback).

    pdfplumber wraps pdfminer errors in ``PdfminerException(original)``, so the cause chain and
    the first argument are searched for the most specific known class.
    """
    if isinstance(exc, ReadError):
        return exc
    chain: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and node not in chain and len(chain) < 10:
        chain.append(node)
        inner = node.args[0] if node.args and isinstance(node.args[0], BaseException) else None
        node = inner or node.__cause__ or node.__context__
    for item in chain:
        if isinstance(item, ReadError):
            return item
        names = _names(item)
        if names & set(_ENCRYPTION):
            return ReadError(
                IssueCode.ENCRYPTED,
                "The PDF is password-protected; remove the password and try again.",
            )
    for item in chain:
        names = _names(item)
        if isinstance(item, RecursionError):
            return ReadError(
                IssueCode.CORRUPT_FILE,
                "The file's internal structure is nested too deeply or refers to itself.",
                check="recursion",
            )
        if isinstance(item, MemoryError):
            return ReadError(
                IssueCode.LIMIT_EXCEEDED,
                "Reading the file needed more memory than allowed (max_memory_mb).",
                limit="max_memory_mb",
            )
        if names & set(_PDF_BROKEN):
            return ReadError(
                IssueCode.CORRUPT_FILE,
                f"The PDF is damaged and cannot be read ({type(item).__name__}: {_short(item)}).",
            )
        if isinstance(item, zipfile.BadZipFile) or "XMLSyntaxError" in names:
            return ReadError(
                IssueCode.CORRUPT_FILE,
                f"The file is damaged and cannot be read ({type(item).__name__}: {_short(item)}).",
            )
    return ReadError(
        IssueCode.INTERNAL_ERROR,
        f"roleframe failed on this file ({type(exc).__name__}: {_short(exc)}); "
        "please report it with the file if you can share it.",
    )


def _short(exc: BaseException, width: int = 200) -> str:
    text = str(exc).strip() or "no detail"
    return text if len(text) <= width else text[: width - 1] + "…"
