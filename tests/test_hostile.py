"""Every file of the hostile corpus gets its expected code (tests/fixtures/hostile/manifest.json).

Files go through the batch's worker processes (``ingest.worker.WorkerPool``) with a short
deadline, so this is what a user sees — a document or a coded error, never a traceback — and
a file that makes a reader loop shows up as a timeout instead of hanging the suite.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from roleframe.ingest.batch import IngestOptions, run
from roleframe.ingest.worker import Outcome, Task, WorkerPool, read_one
from roleframe.parsers.limits import Limits
from roleframe.schema.report import FileStatus

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
MANIFEST = json.loads((HOSTILE / "manifest.json").read_text())


def expected_codes(name: str) -> set[str]:
    expected = MANIFEST[name]["expected"]
    return {expected} if isinstance(expected, str) else set(expected)


def outcome_code(name: str) -> tuple[str, str]:
    outcome = read_one((HOSTILE / name).read_bytes(), name)
    if outcome.error is None:
        return "ok", outcome.document_json or ""
    return outcome.error.code.value, outcome.error.message


# Every corpus file is answered in well under a second when nothing loops; the deadline only
# has to catch hangs without making a loaded machine flaky: 001_role_profile.pdf (about 3 s
# idle) passed 10 s once on a machine shared by several test runs. Nothing waits for it
# while no file hangs (KNOWN_HANGS is empty), so a generous bound costs nothing.
DEADLINE = 30.0
# Reader hangs found by this corpus, reported to the Word reader's owner: a gridSpan is not
# bounded by max_cols yet, so the grid is built cell by cell. Remove an entry when it passes.
KNOWN_HANGS: set[str] = set()


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    tasks = [
        Task(i, str(HOSTILE / name), name, None, Limits(timeout_seconds=DEADLINE), False)
        for i, name in enumerate(sorted(MANIFEST))
    ]
    with WorkerPool(jobs=2, memory_mb=2048) as pool:
        return {task.filename: outcome for task, outcome in pool.run(tasks)}


def test_the_manifest_lists_every_corpus_file() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix not in {".py", ".json"}}
    assert on_disk == set(MANIFEST)


def test_the_corpus_is_small_on_disk() -> None:
    # three bombs of ~1 MB each (deflate tops out near 1:1030); everything else is small
    assert sum(p.stat().st_size for p in HOSTILE.iterdir()) < 4_000_000


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_each_hostile_file_gets_its_code(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[name]
    code = outcome.error.code.value if outcome.error else "ok"
    message = outcome.error.message if outcome.error else ""
    if code == "timeout" and name in KNOWN_HANGS:
        pytest.xfail(f"{name} still makes a reader loop (stopped by the worker deadline)")
    assert code in expected_codes(name), message
    assert "Traceback" not in message


@pytest.mark.parametrize("name", ["zip_bomb.docx", "zip_bomb.xlsx", "billion_laughs.docx"])
def test_bombs_are_refused_without_inflating(name: str) -> None:
    started = time.process_time()
    code, message = outcome_code(name)
    assert code in expected_codes(name)
    # CPU seconds, not wall time: a refusal reads the central directory and one prolog.
    assert time.process_time() - started < 2, message


@pytest.mark.parametrize("name", ["xxe.docx", "xxe.xlsx"])
def test_xxe_never_leaks_the_local_file(name: str) -> None:
    passwd = Path("/etc/passwd")
    if not passwd.is_file():
        pytest.skip("no /etc/passwd here")
    secret = passwd.read_text(errors="replace").splitlines()[0]
    _, message = outcome_code(name)
    assert secret not in message


def test_nothing_escapes_the_traversal_sample(tmp_path: Path) -> None:
    code, _ = outcome_code("traversal.docx")
    assert code == "corrupt_file"
    assert not Path("/tmp/roleframe-owned.txt").exists()


# Every Word, Excel and text sample, and the two quickest PDFs: the other PDFs take 3-15 s
# each in the PDF reader and are covered by their kinds' own tests.
BATCH_SAMPLES = sorted(
    p
    for p in SAMPLES.iterdir()
    if p.suffix != ".pdf" or p.name in {"000_skills_matrix.pdf", "001_role_profile.pdf"}
)


def test_the_batch_over_the_corpus_and_the_samples(tmp_path: Path) -> None:
    """Every bad file reported with its code, every good one written; nothing else on disk."""
    out = tmp_path / "out"
    limits = Limits(timeout_seconds=DEADLINE)  # the known hangs cost one deadline, in parallel
    report = run(
        [str(HOSTILE), *map(str, BATCH_SAMPLES)], IngestOptions(output=out, jobs=2, limits=limits)
    )
    by_name = {Path(row.path).name: row for row in report.rows}
    samples = {p.name for p in BATCH_SAMPLES}
    assert set(by_name) == set(MANIFEST) | samples
    assert report.complete
    for name, row in sorted(by_name.items()):
        code = "ok" if row.status == FileStatus.OK else str(row.code)
        if row.status == FileStatus.OK:
            document = json.loads((out / str(row.output)).read_text())
            assert document["source"]["sha256"] == row.sha256
        expected = expected_codes(name) if name in MANIFEST else {"ok"}
        if name in KNOWN_HANGS:
            expected.add("timeout")  # the batch's job: stop it at the deadline and go on
        assert code in expected, (name, row.message)
    written = {str(row.output) for row in report.rows if row.status == FileStatus.OK}
    assert {p.name for p in out.iterdir()} == written | {"report.json"}
