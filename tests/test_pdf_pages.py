"""Page workers (issue 4): page ranges of one PDF read in processes give the very same
Document as the serial read, keep every error's code, and the batch uses them when it has
fewer files than ``--jobs``. Speed is measured in benchmarks/bench_pdf_pages.py."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, SAMPLES
from page_support import BUILDER

from roleframe.ingest.batch import IngestOptions, fingerprint, page_workers, run
from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json
from roleframe.parsers import pdf_pages
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.parsers.pdf import read

SERIAL = Limits(pdf_page_workers=1)
# min pages 1 forces the parallel path even on the small fixtures
PARALLEL = Limits(pdf_page_workers=2, pdf_parallel_min_pages=1)
PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted((FIXTURES / "pdf").glob("*.pdf"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.pdf"))


@functools.cache
def outcome(path: Path, limits: Limits) -> tuple[str, ...]:
    """The full Document JSON, or the error's code, message and details (cached: the
    serial reads serve several tests)."""
    try:
        return ("ok", to_json(build_document(path.read_bytes(), path.name, None, limits)))
    except ReadError as exc:
        return ("error", exc.code.value, exc.message, json.dumps(exc.details, sort_keys=True))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_parallel_pages_give_the_serial_document(path: Path) -> None:
    before = pdf_pages.parallel_reads
    serial = outcome(path, SERIAL)
    assert outcome(path, PARALLEL) == serial
    opened = "encrypted" not in path.name  # an encrypted PDF is refused before the pages
    assert pdf_pages.parallel_reads == before + (1 if opened else 0)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_errors_from_page_workers_keep_their_code(path: Path) -> None:
    serial = outcome(path, dataclasses.replace(SERIAL, max_pdf_inflated=1 << 40))
    parallel = outcome(path, dataclasses.replace(PARALLEL, max_pdf_inflated=1 << 40))
    assert parallel == serial


def test_image_only_pages_fail_alike_in_page_workers() -> None:
    data = (FIXTURES / "hostile" / "image_only.pdf").read_bytes()
    with pytest.raises(ReadError) as serial:
        read(data, SERIAL)
    with pytest.raises(ReadError) as parallel:
        read(data, PARALLEL)
    assert serial.value.code == parallel.value.code == "no_text_layer"
    assert (parallel.value.message, parallel.value.details) == (
        serial.value.message,
        serial.value.details,
    )


def test_page_limits_hold_in_page_workers() -> None:
    data = (SAMPLES / "004_career_progression_framework.pdf").read_bytes()
    few_chars = dataclasses.replace(PARALLEL, max_page_chars=50)
    with pytest.raises(ReadError) as caught:
        read(data, few_chars)
    assert caught.value.code == "limit_exceeded"
    assert caught.value.details["limit"] == "max_page_chars"
    assert caught.value.details["page"] == 1  # the first failing page, as serially
    with pytest.raises(ReadError) as pages:
        read(data, dataclasses.replace(PARALLEL, max_pages=5))
    assert pages.value.details["limit"] == "max_pages"


def test_small_pdfs_stay_serial_below_the_page_threshold() -> None:
    data = (SAMPLES / "001_role_profile.pdf").read_bytes()
    before = pdf_pages.parallel_reads
    read(data, Limits(pdf_page_workers=2, pdf_parallel_min_pages=1000))
    assert pdf_pages.parallel_reads == before


def test_page_ranges_cover_every_page_once_in_order() -> None:
    for count in (1, 2, 7, 33):
        for parts in (1, 2, 4, 50):
            ranges = pdf_pages.page_ranges(count, parts)
            assert ranges[0][0] == 0 and ranges[-1][1] == count
            assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
            assert all(last > first for first, last in ranges)
            sizes = [last - first for first, last in ranges]
            assert max(sizes) - min(sizes) <= 1


def test_the_batch_gives_idle_cores_to_page_ranges() -> None:
    base = Limits()
    assert page_workers(base, jobs=2, files=1).pdf_page_workers == 2
    assert page_workers(base, jobs=4, files=2).pdf_page_workers == 2
    assert page_workers(base, jobs=2, files=2) is base  # files fill the cores
    assert page_workers(base, jobs=1, files=1) is base
    wide = Limits(pdf_page_workers=3)
    assert page_workers(wide, jobs=2, files=1) is wide  # never fewer than asked


def test_one_pdf_with_two_jobs_is_read_in_page_workers_in_process(tmp_path: Path) -> None:
    """--debug parses in-process; the page workers still run (the main process may fork)."""
    source = SAMPLES / "001_role_profile.pdf"
    limits = Limits(pdf_parallel_min_pages=2)  # 5 pages: enough to split, quick to test
    before = pdf_pages.parallel_reads
    two = run(
        [str(source)], IngestOptions(output=tmp_path / "two", jobs=2, debug=True, limits=limits)
    )
    assert pdf_pages.parallel_reads == before + 1
    assert [r.status.value for r in two.rows] == ["ok"]
    name = two.rows[0].output
    assert name
    assert (tmp_path / "two" / name).read_text(encoding="utf-8") == outcome(source, SERIAL)[1]


def test_one_pdf_with_two_jobs_uses_page_workers_inside_the_file_worker(tmp_path: Path) -> None:
    """The file worker (started daemonic) may start page workers, and the result is the
    serial document; the builder refuses unless the parallel path ran in the worker."""
    source = SAMPLES / "001_role_profile.pdf"
    limits = Limits(pdf_parallel_min_pages=2)
    report = run(
        [str(source)],
        IngestOptions(output=tmp_path / "out", jobs=2, builder=BUILDER, limits=limits),
    )
    assert [(r.status.value, r.message) for r in report.rows] == [("ok", None)]
    name = report.rows[0].output
    assert name
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == outcome(source, SERIAL)[1]


def _descendants(root: int) -> set[int]:
    """Every live process below ``root`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_page_workers_die_with_a_killed_parent() -> None:
    """A file worker past its deadline is SIGKILLed: its page workers must not live on."""
    script = (
        "import sys\n"
        "from roleframe.parsers.limits import Limits\n"
        "from roleframe.parsers.pdf import read\n"
        "if __name__ == '__main__':\n"
        "    data = open(sys.argv[1], 'rb').read()\n"
        "    while True:\n"
        "        read(data, Limits(pdf_page_workers=2, pdf_parallel_min_pages=1))\n"
    )
    source = SAMPLES / "004_career_progression_framework.pdf"
    parent = subprocess.Popen([sys.executable, "-c", script, str(source)])
    try:
        deadline = time.monotonic() + 60
        below: set[int] = set()
        while time.monotonic() < deadline and len(below) < 3:  # forkserver + 2 page workers
            time.sleep(0.2)
            below = _descendants(parent.pid)
        assert len(below) >= 3, f"page workers never started: {below}"
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in below):
        time.sleep(0.2)
    assert not [pid for pid in below if _alive(pid)]


def test_page_workers_do_not_change_the_resume_key(tmp_path: Path) -> None:
    """They change speed, never output: a run with more jobs still resumes the last one."""
    serial = fingerprint(IngestOptions(output=tmp_path, limits=Limits()))[0]
    wide = Limits(pdf_page_workers=4, pdf_parallel_min_pages=2)
    assert fingerprint(IngestOptions(output=tmp_path, jobs=4, limits=wide))[0] == serial
