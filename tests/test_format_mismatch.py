"""Issue 9: a file whose content is another supported format than its extension says.

An .xlsx renamed .docx is refused as ``format_mismatch`` (saying what it really is) unless
the caller trusts the content (``build_document(trust_content=True)``, ``roleframe ingest
--trust-content``). Text is text whatever its extension says (.csv, .tsv, .txt); content
that is no supported format keeps its own code (``unsupported_format``: the hostile corpus'
renamed legacy, OpenDocument and image files).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from roleframe.ingest.build import build_document
from roleframe.ingest.cli import main
from roleframe.parsers.detect import check_extension
from roleframe.parsers.errors import ReadError
from roleframe.schema import DocumentKind, Format, IssueCode

XLSX = SAMPLES / "000_skills_matrix.xlsx"
DOCX = SAMPLES / "001_role_profile.docx"
PDF = SAMPLES / "001_role_profile.pdf"
TSV = SAMPLES / "000_skills_matrix.tsv"


@pytest.mark.parametrize(
    ("sample", "name", "what"),
    [
        (XLSX, "matrix.docx", "an Excel workbook (.xlsx)"),
        (DOCX, "profile.pdf", "a Word document (.docx)"),
        (PDF, "profile.xlsx", "a PDF (.pdf)"),
        (TSV, "matrix.docx", "a text table (.tsv)"),
        (DOCX, "profile.CSV", "a Word document (.docx)"),  # the case of the extension is no cue
    ],
)
def test_content_of_another_supported_format_is_refused_saying_what_it_is(
    sample: Path, name: str, what: str
) -> None:
    with pytest.raises(ReadError) as err:
        build_document(sample.read_bytes(), name)
    assert err.value.code == IssueCode.FORMAT_MISMATCH
    assert what in err.value.message and "--trust-content" in err.value.message
    assert err.value.details["extension"] == Path(name).suffix.casefold()


def test_trust_content_reads_a_renamed_file_by_its_content() -> None:
    doc = build_document(XLSX.read_bytes(), "matrix.docx", trust_content=True)
    assert (doc.kind, doc.source.format, doc.source.filename) == (
        DocumentKind.SKILLS_MATRIX, Format.XLSX, "matrix.docx"
    )  # fmt: skip
    same = build_document(XLSX.read_bytes(), "matrix.xlsx")
    assert doc.content == same.content


@pytest.mark.parametrize("name", ["matrix.csv", "matrix.tsv", "matrix.txt", "matrix.TSV"])
def test_text_is_text_whatever_its_text_extension(name: str) -> None:
    doc = build_document(TSV.read_bytes(), name)
    assert doc.source.format == Format.TSV


@pytest.mark.parametrize("name", ["matrix", "matrix.dat", "matrix.doc", "matrix.json"])
def test_an_extension_that_claims_no_supported_format_is_not_held_against_the_content(
    name: str,
) -> None:
    check_extension(Format.XLSX, name)  # no error: nothing claimed
    assert build_document(XLSX.read_bytes(), name).source.format == Format.XLSX


def test_content_that_is_no_supported_format_keeps_its_own_code() -> None:
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") * 8
    with pytest.raises(ReadError) as err:
        build_document(legacy, "legacy.xlsx")
    assert err.value.code == IssueCode.UNSUPPORTED_FORMAT


def test_ingest_refuses_a_renamed_file_and_trust_content_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "matrix.docx").write_bytes(XLSX.read_bytes())
    out = tmp_path / "out"
    assert main(["ingest", str(inputs), "-o", str(out), "--json"]) == 1
    [row] = json.loads(capsys.readouterr().out)["rows"]
    assert (row["status"], row["code"]) == ("failed", "format_mismatch")
    assert "an Excel workbook" in row["message"]
    assert main(["ingest", str(inputs), "-o", str(out), "--json", "--trust-content"]) == 0
    [row] = json.loads(capsys.readouterr().out)["rows"]
    assert (row["status"], row["kind"]) == ("ok", "skills_matrix")
