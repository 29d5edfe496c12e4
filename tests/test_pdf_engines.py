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
from roleframe.ingest.worker import Task, WorkerPool
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.pdf import read
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
        layout = real(*args, **kwargs)
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


# Web pages Chromium printed to PDF: it marks its text spans with /ActualText, which PDFium
# reads in place of the glyphs, so those pages are the reference engine's
CHROMIUM = {
    "ho7_cf02_web_page_cards.pdf",
    "ho7_pf03_web_page_definition_lists.pdf",
    "ho7_rp03_web_page_print.pdf",
}


@pytest.mark.parametrize(
    "path",
    [p for p in PDFS if p.parent != HOSTILE and "encrypted" not in p.name],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_pdfium_reads_every_page_itself(path: Path) -> None:
    """No silent fallback: PDFium opens every good file and reads its pages itself, except
    the page of the Type3 fixture (glyphs without a Unicode mapping) and the pages where
    PDFium reads /ActualText in place of the glyphs (as Chromium's print to PDF writes
    around ligatures, ho7_rp03)."""
    source = open_pdfium(path.read_bytes())
    assert isinstance(source, PdfiumSource)
    try:
        for index in range(source.page_count):
            source.page(index)
        expect_reference = path.name in {"engine_type3.pdf", "engine_actual_text.pdf"} | CHROMIUM
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


# --- PDFium runs native code on hostile bytes --------------------------------------------

# The bomb guard off (parsers/safety.check_pdf refuses hostile/pdf_bomb.pdf before any
# engine sees it): PDFium then inflates the 1 GiB content stream and, capped at 600 MB of
# address space, aborts the process it runs in.
UNGUARDED = Limits(
    max_pdf_inflated=1 << 40, max_zip_ratio=1e12, max_memory_mb=600, timeout_seconds=120
)


def test_a_pdfium_crash_in_a_file_worker_is_a_coded_row_and_the_batch_goes_on() -> None:
    tasks = [
        Task(0, str(HOSTILE / "pdf_bomb.pdf"), "pdf_bomb.pdf", None, UNGUARDED, False),
        Task(1, str(SAMPLES / "000_skills_matrix.pdf"), "000.pdf", None, UNGUARDED, False),
    ]
    with WorkerPool(jobs=1, memory_mb=UNGUARDED.max_memory_mb) as pool:
        outcomes = {task.filename: outcome for task, outcome in pool.run(tasks)}
    crashed = outcomes["pdf_bomb.pdf"].error
    assert crashed is not None
    assert crashed.code.value in {"internal_error", "limit_exceeded"}
    assert "signal" in crashed.details  # the worker died of a signal, in native code
    assert outcomes["000.pdf"].error is None  # a fresh worker read the next file
    assert outcomes["000.pdf"].document_json


def test_a_pdfium_crash_in_a_page_worker_is_a_coded_error() -> None:
    limits = dataclasses.replace(UNGUARDED, pdf_page_workers=2, pdf_parallel_min_pages=1)
    with pytest.raises(ReadError) as caught:
        read((HOSTILE / "pdf_bomb.pdf").read_bytes(), limits)
    assert caught.value.code.value == "limit_exceeded"
    assert caught.value.details["limit"] == "max_memory_mb"
    # the reading process lives on and reads the next file with page workers again
    assert read((SAMPLES / "000_skills_matrix.pdf").read_bytes(), limits).page_count == 3
