"""Both PDF engines give the same documents (issue 13).

Every PDF in samples/ and in the test fixtures (the hostile ones included) is read with
PDFium and with pdfplumber, the reference engine: the Document JSON is byte-identical (or
both refuse the file with the same code, message and details), and so is the layout under
it. The fixtures ``tests/fixtures/pdf/engine_*.pdf`` hold the cases where the libraries
disagree underneath (make_engine_fixtures.py says which).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SAMPLES
from test_pdf_fixtures import dump_layout

from roleframe.ingest import build
from roleframe.ingest.cli import cli
from roleframe.ingest.export import to_json
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.pdf_pdfium import PdfiumSource, open_pdfium
from roleframe.parsers.pdf_plumber import PlumberSource

PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted(FIXTURES.rglob("*.pdf"))
HOSTILE = FIXTURES / "hostile"


@functools.cache
def outcome(path: Path, engine: str) -> tuple[str, ...]:
    """(document JSON, layout dump), or the error's code, message and details."""
    limits = dataclasses.replace(DEFAULT_LIMITS, pdf_engine=engine)
    seen: list[str] = []
    real = build.read_layout

    def spy(*args: object, **kwargs: object) -> object:
        layout = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(dump_layout(layout))
        return layout

    try:
        with mock.patch.object(build, "read_layout", spy):
            document = build.build_document(path.read_bytes(), path.name, None, limits)
    except ReadError as exc:
        return ("error", exc.code.value, exc.message, json.dumps(exc.details, sort_keys=True))
    return ("ok", to_json(document), *seen)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_engines_give_the_same_document(path: Path) -> None:
    reference = outcome(path, "pdfplumber")
    pdfium = outcome(path, "pdfium")
    assert pdfium[:2] == reference[:2]  # the Document JSON (or the error), byte for byte
    assert pdfium == reference  # and the layout under it


@pytest.mark.parametrize(
    "path",
    [p for p in PDFS if p.parent != HOSTILE and "encrypted" not in p.name],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_pdfium_reads_every_page_itself(path: Path) -> None:
    """No silent fallback: PDFium opens every good file and reads its pages itself, except
    the page of the Type3 fixture (glyphs without a Unicode mapping) and the page where
    PDFium reads /ActualText in place of the glyphs."""
    source = open_pdfium(path.read_bytes())
    assert isinstance(source, PdfiumSource)
    try:
        for index in range(source.page_count):
            source.page(index)
        expect_reference = path.name in {"engine_type3.pdf", "engine_actual_text.pdf"}
        assert (source.reference_pages > 0) == expect_reference
    finally:
        source.close()


@pytest.mark.parametrize("name", ["bad_xref.pdf", "encrypted.pdf", "truncated.pdf"])
def test_files_pdfium_cannot_open_go_to_the_reference_engine(name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    try:
        source = open_pdfium(data)
    except ReadError as exc:  # refused by pdfplumber in its own words
        assert exc.code.value in {"encrypted", "corrupt_file"}
        return
    assert isinstance(source, PlumberSource)  # bad_xref: pdfminer rebuilds the xref
    source.close()


def test_the_default_engine_is_pdfium() -> None:
    assert DEFAULT_LIMITS.pdf_engine == "pdfium"
    assert Limits().pdf_engine == "pdfium"


def test_the_cli_reads_with_either_engine(tmp_path: Path) -> None:
    pdf = SAMPLES / "000_skills_matrix.pdf"
    outputs = {}
    for engine in ("pdfium", "pdfplumber"):
        out = tmp_path / engine
        result = CliRunner().invoke(
            cli, ["ingest", str(pdf), "-o", str(out), "-q", "--pdf-engine", engine]
        )
        assert result.exit_code == 0, result.output
        outputs[engine] = (out / "000_skills_matrix.pdf.json").read_text(encoding="utf-8")
    assert outputs["pdfium"] == outputs["pdfplumber"]
    refused = CliRunner().invoke(cli, ["ingest", str(pdf), "--pdf-engine", "pymupdf"])
    assert refused.exit_code == 2
