"""The zip/XML guard and the exception classifier, on small packages built in memory."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import (
    RATIO_MIN_BYTES,
    Deadline,
    check_page_chars,
    check_pdf,
    check_pdf_pages,
    check_zip,
    classify_exception,
    pdf_errors,
)
from roleframe.schema import IssueCode

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
DOC = '<?xml version="1.0"?>\n{dtd}<w:document xmlns:w="urn:w"><w:body>{body}</w:body></w:document>'


def package(members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(data: bytes, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as caught:
        check_zip(data, limits or Limits())
    return caught.value


def test_a_plain_package_passes() -> None:
    check_zip(package({"word/document.xml": DOC.format(dtd="", body="<w:p/>")}), Limits())


def test_member_count_is_bounded_and_named() -> None:
    data = package({f"word/media/{i}.xml": "<a/>" for i in range(12)})
    error = refused(data, Limits(max_zip_members=10))
    assert error.code == IssueCode.LIMIT_EXCEEDED
    assert error.details["limit"] == "max_zip_members"
    assert "max_zip_members" in error.message


def test_compression_ratio_is_bounded_for_big_members_only() -> None:
    small = package({"a.xml": "<a>" + " " * 100_000 + "</a>"})  # ~1000:1 but tiny
    check_zip(small, Limits(max_zip_ratio=10))
    big = package({"a.xml": "<a>" + " " * RATIO_MIN_BYTES + "</a>"})
    error = refused(big, Limits(max_zip_ratio=10))
    assert (error.code, error.details["limit"]) == (IssueCode.LIMIT_EXCEEDED, "max_zip_ratio")


def test_total_uncompressed_size_is_bounded() -> None:
    data = package({f"{i}.bin": bytes(range(256)) * 40 for i in range(5)})  # 51 KB stored-ish
    error = refused(data, Limits(max_zip_uncompressed=30_000))
    assert error.details["limit"] == "max_zip_uncompressed"


@pytest.mark.parametrize(
    "name", ["../evil.xml", "/etc/evil.xml", "word/../../evil.xml", "C:/evil.xml", "a\\..\\b.xml"]
)
def test_unsafe_member_names_are_refused(name: str) -> None:
    error = refused(package({"word/document.xml": "<a/>", name: "<a/>"}))
    assert (error.code, error.details["check"]) == (IssueCode.CORRUPT_FILE, "zip_member_name")


def test_duplicate_member_names_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("word/document.xml", "<a/>")
        archive.writestr("word/document.xml", "<b/>")
    assert refused(buffer.getvalue()).details["check"] == "zip_member_name"


def test_case_insensitive_duplicates_are_refused() -> None:
    error = refused(package({"word/document.xml": "<a/>", "Word/Document.xml": "<b/>"}))
    assert error.details["check"] == "zip_member_name"


@pytest.mark.parametrize(
    "dtd",
    [
        "<!DOCTYPE w:document>\n",
        '<!DOCTYPE w [ <!ENTITY a "b"> ]>\n',
        '<!DOCTYPE w SYSTEM "http://example.invalid/x.dtd">\n',
    ],
)
def test_any_dtd_in_an_xml_part_is_refused(dtd: str) -> None:
    data = package({"word/document.xml": DOC.format(dtd=dtd, body="<w:p/>")})
    error = refused(data)
    assert (error.code, error.details["check"]) == (IssueCode.CORRUPT_FILE, "xml_dtd")


def test_a_dtd_in_utf16_is_found_too() -> None:
    xml = DOC.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    data = package({"word/document.xml": xml.format(dtd="<!DOCTYPE x>", body="").encode("utf-16")})
    assert refused(data).details["check"] == "xml_dtd"


def test_doctype_text_after_the_root_is_just_text() -> None:
    body = "<w:p><w:t>&lt;!DOCTYPE is how HTML starts</w:t></w:p>"
    check_zip(package({"word/document.xml": DOC.format(dtd="", body=body)}), Limits())


def test_images_are_not_scanned_as_xml() -> None:
    svg = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    check_zip(package({"word/document.xml": "<a/>", "word/media/logo.svg": svg}), Limits())


def test_an_encrypted_member_is_reported_as_encrypted() -> None:
    data = bytearray(package({"word/document.xml": "<a/>"}, zipfile.ZIP_STORED))
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" general-purpose flag
    assert refused(bytes(data)).code == IssueCode.ENCRYPTED


def test_odd_compression_methods_are_refused() -> None:
    data = package({"word/document.xml": "<a/>"}, zipfile.ZIP_BZIP2)
    assert refused(data).details["check"] == "zip_compression"


def test_lying_sizes_are_caught_by_the_crc() -> None:
    error = refused((HOSTILE / "lying_sizes.docx").read_bytes())
    assert (error.code, error.details["check"]) == (IssueCode.CORRUPT_FILE, "zip_member_data")


def test_pdf_page_and_char_limits_name_the_limit() -> None:
    limits = Limits(max_pages=3, max_page_chars=10)
    check_pdf_pages(3, limits)
    with pytest.raises(ReadError) as caught:
        check_pdf_pages(4, limits)
    assert caught.value.details["limit"] == "max_pages"
    with pytest.raises(ReadError) as caught:
        check_page_chars(11, 2, limits)
    assert caught.value.details["limit"] == "max_page_chars"
    assert "Page 2" in caught.value.message


def test_deadline_raises_timeout_once_the_budget_is_spent() -> None:
    now = [0.0]
    deadline = Deadline(5, clock=lambda: now[0])
    deadline.check()
    now[0] = 5.5
    with pytest.raises(ReadError) as caught:
        deadline.check("page 3")
    assert caught.value.code == IssueCode.TIMEOUT
    assert "page 3" in caught.value.message


def _pdfminer_error(name: str) -> Exception:
    import pdfminer.pdfdocument
    import pdfminer.pdfparser
    import pdfminer.psexceptions

    for module in (pdfminer.pdfdocument, pdfminer.pdfparser, pdfminer.psexceptions):
        if hasattr(module, name):
            return getattr(module, name)("boom")
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("PDFPasswordIncorrect", IssueCode.ENCRYPTED),
        ("PDFEncryptionError", IssueCode.ENCRYPTED),
        ("PDFSyntaxError", IssueCode.CORRUPT_FILE),
        ("PDFNoValidXRef", IssueCode.CORRUPT_FILE),
        ("PSEOF", IssueCode.CORRUPT_FILE),
    ],
)
def test_pdfminer_errors_are_classified_even_when_pdfplumber_wraps_them(
    name: str, code: IssueCode
) -> None:
    from pdfplumber.utils.exceptions import PdfminerException

    inner = _pdfminer_error(name)
    assert classify_exception(inner).code == code
    assert classify_exception(PdfminerException(inner)).code == code
    with pytest.raises(ReadError) as caught, pdf_errors():
        raise PdfminerException(inner)
    assert caught.value.code == code


def test_recursion_memory_and_unknown_errors() -> None:
    assert classify_exception(RecursionError()).code == IssueCode.CORRUPT_FILE
    memory = classify_exception(MemoryError())
    assert (memory.code, memory.details["limit"]) == (IssueCode.LIMIT_EXCEEDED, "max_memory_mb")
    unknown = classify_exception(ZeroDivisionError("x"))
    assert unknown.code == IssueCode.INTERNAL_ERROR and "ZeroDivisionError" in unknown.message
    original = ReadError(IssueCode.TIMEOUT, "slow")
    assert classify_exception(original) is original


def _pdf_with_stream(dictionary: bytes, payload: bytes) -> bytes:
    packed = zlib.compress(payload, 9)
    return (
        b"%PDF-1.4\n4 0 obj\n<< " + dictionary + b" /Length %d /Filter /FlateDecode >>\n"
        b"stream\n" % len(packed) + packed + b"\nendstream\nendobj\n%%EOF\n"
    )


def test_pdf_flate_streams_are_bounded_by_max_pdf_inflated() -> None:
    data = _pdf_with_stream(b"", b"BT (x) Tj ET " * 10_000)  # 130 KB of content
    check_pdf(data, Limits())
    with pytest.raises(ReadError) as caught:
        check_pdf(data, Limits(max_pdf_inflated=100_000))
    assert (caught.value.code, caught.value.details["limit"]) == (
        IssueCode.LIMIT_EXCEEDED,
        "max_pdf_inflated",
    )


def test_pdf_image_streams_and_damaged_streams_are_left_alone() -> None:
    image = _pdf_with_stream(b"/Type /XObject /Subtype /Image /Width 9", b"\xff" * 200_000)
    check_pdf(image, Limits(max_pdf_inflated=100_000))  # text extraction never inflates it
    damaged = _pdf_with_stream(b"", b"BT (x) Tj ET " * 100)
    damaged = damaged.replace(b"stream\nx\xda", b"stream\nx\xda\x00\x00\x00\x00")
    check_pdf(damaged, Limits())  # the reader reports damage; the guard only counts bytes


def test_the_pdf_bomb_is_refused_by_ratio_or_total() -> None:  # timing: benchmarks/
    data = (HOSTILE / "pdf_bomb.pdf").read_bytes()
    with pytest.raises(ReadError) as error:
        check_pdf(data, Limits())
    assert error.value.details["limit"] == "max_zip_ratio"
    with pytest.raises(ReadError) as error:  # with the ratio check out of the way
        check_pdf(data, Limits(max_zip_ratio=10_000, max_pdf_inflated=64 * 1024 * 1024))
    assert error.value.details["limit"] == "max_pdf_inflated"
