"""Time limits without a worker: the readers check ``timeout_seconds`` cooperatively (per
page, row, paragraph), so a library caller or a ``--debug`` run is bounded too, and every
limit error speaks one vocabulary (``limit``, ``value``, ``bound``)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES

from roleframe.ingest.build import build_document
from roleframe.ingest.cli import main
from roleframe.parsers import docx, pdf, text_table, xlsx
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.parsers.pdf_pages import read_parallel
from roleframe.parsers.pdf_plumber import PlumberSource
from roleframe.parsers.safety import Deadline
from roleframe.schema import IssueCode


class Ticks:
    """A clock that moves one second each time it is read: a deadline of 2.5 s is spent at
    the third check, wherever the reader makes it."""

    def __init__(self) -> None:
        self.now = -1.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


def _timeout(call: object, *args: object) -> ReadError:
    with pytest.raises(ReadError) as caught:
        call(*args)  # type: ignore[operator]
    assert caught.value.code == IssueCode.TIMEOUT, caught.value.message
    return caught.value


@pytest.mark.parametrize(
    "name",
    [
        "000_skills_matrix.tsv",
        "000_skills_matrix.xlsx",
        "001_role_profile.docx",
        "000_skills_matrix.pdf",
    ],
)
def test_library_calls_have_no_time_limit(name: str) -> None:
    """Regression: ``timeout_seconds`` was checked by no reader, so build_document (the
    library call, and what --debug runs in-process) had no bound at all."""
    data = (SAMPLES / name).read_bytes()
    error = _timeout(build_document, data, name, None, Limits(timeout_seconds=1e-9))
    assert error.details == {"limit": "timeout_seconds", "bound": 1e-9}  # as the worker says


@pytest.mark.parametrize(
    ("reader", "path", "where"),
    [
        (pdf.read, SAMPLES / "003_competency_framework.pdf", "(at page 3)"),
        (xlsx.read, SAMPLES / "000_skills_matrix.xlsx", "(at sheet '1. Skills needs', row 3)"),
        (text_table.read, SAMPLES / "000_skills_matrix.tsv", "(at line 3)"),
        (
            docx.read,
            SAMPLES / "001_role_profile.docx",
            "(at table 1, row 1, column 1, paragraph 1)",
        ),
    ],
)
def test_readers_check_the_deadline_as_they_go(reader: object, path: Path, where: str) -> None:
    error = _timeout(reader, path.read_bytes(), Limits(), Deadline(2.5, clock=Ticks()))
    assert where in error.message


def test_a_debug_run_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--debug parses in-process (no worker to kill it): the 19-page PDF stops at 1 s. Each
    page is made to take 0.1 s more, so the limit falls inside the page loop on a fast idle
    machine too (pdfplumber alone reads the file in about 1-2 s: it once finished every page
    within the second and stopped at kind detection)."""
    real_page = PlumberSource.page

    def slow_page(self: PlumberSource, index: int) -> object:
        time.sleep(0.1)
        return real_page(self, index)

    monkeypatch.setattr(PlumberSource, "page", slow_page)
    out = tmp_path / "out"
    source = str(SAMPLES / "003_competency_framework.pdf")
    args = ["--debug", "--timeout", "1", "--pdf-engine", "pdfplumber", "-q"]
    assert main(["ingest", source, "-o", str(out), *args]) == 1
    (row,) = json.loads((out / "report.json").read_text())["rows"]
    assert (row["code"], row["details"]) == ("timeout", {"limit": "timeout_seconds", "bound": 1})
    assert "(at page " in row["message"]


def test_page_workers_get_what_is_left_of_the_deadline() -> None:
    data = (SAMPLES / "003_competency_framework.pdf").read_bytes()
    limits = Limits(pdf_page_workers=2)
    spent = Deadline(0.0)
    error = _timeout(read_parallel, data, 19, limits, spent)
    assert "(at pages 1-" in error.message


def test_the_pdf_limit_checks_are_written_inline_a_second_time() -> None:
    """Regression: the PDF reader raised its own max_pages/max_page_chars errors (detail
    ``maximum``) while safety's tested checks (detail ``bound``) went unused. Now the reader
    calls those checks, and every reader's limit error has limit, value and bound."""
    split = (FIXTURES / "pdf" / "split_table.pdf").read_bytes()
    pages = _limit(pdf.read, split, Limits(max_pages=1))
    assert pages.details == {"limit": "max_pages", "value": 3, "bound": 1}
    chars = _limit(pdf.read, split, Limits(max_page_chars=100))
    assert chars.details["page"] == 1
    assert {k: chars.details[k] for k in ("limit", "bound")} == {
        "limit": "max_page_chars",
        "bound": 100,
    }
    workbook = (SAMPLES / "000_skills_matrix.xlsx").read_bytes()
    for error in (
        _limit(xlsx.read, workbook, Limits(max_rows=2)),
        _limit(xlsx.read, workbook, Limits(max_cols=2)),
        _limit(
            text_table.read, (SAMPLES / "000_skills_matrix.tsv").read_bytes(), Limits(max_cols=2)
        ),
        _limit(docx.read, (SAMPLES / "001_role_profile.docx").read_bytes(), Limits(max_rows=1)),
    ):
        assert {"limit", "value", "bound"} <= set(error.details), error.details
        assert error.details["limit"] in error.message


def _limit(reader: object, data: bytes, limits: Limits) -> ReadError:
    with pytest.raises(ReadError) as caught:
        reader(data, limits)  # type: ignore[operator]
    assert caught.value.code == IssueCode.LIMIT_EXCEEDED, caught.value.message
    return caught.value
