"""The batch runner: worker isolation, atomic output, naming, resume, and interruption.

Most tests plug ``tests/batch_support.py`` in as the builder so they exercise what the runner
does with results, whatever extractors exist; the first bytes of a file choose its fate.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_support import BUILDER

from roleframe.ingest import batch
from roleframe.ingest.batch import IngestOptions, run
from roleframe.parsers.limits import Limits
from roleframe.schema import IssueCode
from roleframe.schema.report import BatchReport, FileStatus, ReportRow

TESTS = Path(__file__).resolve().parent


def make(root: Path, files: dict[str, bytes | str]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return root


def options(out: Path, **changes: object) -> IngestOptions:
    base = IngestOptions(output=out, builder=BUILDER, limits=Limits(timeout_seconds=20))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def rows(report: BatchReport) -> dict[str, tuple[str, str | None]]:
    return {r.path.split("/", 1)[1]: (r.status.value, r.code and r.code.value) for r in report.rows}


def on_disk(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir())


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    return make(
        tmp_path / "in",
        {
            "a/profile.csv": "Team leader",
            "b/profile.csv": "Care worker",
            "matrix.csv": "Matrix",
            "broken.csv": "FAIL",
            "error.csv": "BOOM",
        },
    )


def test_good_files_are_written_and_bad_ones_reported(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    seen: list[ReportRow] = []
    report = run([str(inputs)], options(out, jobs=2, on_result=seen.append))
    assert rows(report) == {
        "a/profile.csv": ("ok", None),
        "b/profile.csv": ("ok", None),
        "broken.csv": ("failed", "corrupt_file"),
        "error.csv": ("failed", "internal_error"),
        "matrix.csv": ("ok", None),
    }
    assert report.complete and report.pending == []
    assert sorted(r.path for r in seen) == [r.path for r in report.rows]
    error = next(r for r in report.rows if r.code == IssueCode.INTERNAL_ERROR)
    assert "ZeroDivisionError" in (error.message or "") and "Traceback" not in (error.message or "")
    # two profile.csv in different folders: two outputs, neither overwrote the other
    names = {r.path.split("/", 1)[1]: r.output for r in report.rows if r.output}
    assert names["matrix.csv"] == "matrix.csv.json"
    assert names["a/profile.csv"] != names["b/profile.csv"]
    titles = {json.loads((out / n).read_text())["title"] for n in names.values()}
    assert titles == {"Team leader", "Care worker", "Matrix"}
    assert on_disk(out) == sorted([*names.values(), "report.json"])  # nothing partial
    saved = BatchReport.model_validate_json((out / "report.json").read_text())
    assert saved == report


def test_a_hung_file_times_out_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = make(tmp_path / "in", {"1-hang.csv": "HANG", "2-next.csv": "fine", "3-last.csv": "ok"})
    started = time.monotonic()
    limits = Limits(timeout_seconds=1.5)
    report = run([str(src)], options(tmp_path / "out", limits=limits, jobs=1))
    assert time.monotonic() - started < 15
    assert rows(report) == {
        "1-hang.csv": ("failed", "timeout"),
        "2-next.csv": ("ok", None),
        "3-last.csv": ("ok", None),
    }
    hung = report.rows[0]
    assert hung.details == {"limit": "timeout_seconds", "bound": 1.5}


def test_memory_is_capped_and_a_crashing_worker_is_replaced(tmp_path: Path) -> None:
    src = make(tmp_path / "in", {"1-hog.csv": "HOG", "2-crash.csv": "CRASH", "3-ok.csv": "x"})
    limits = Limits(timeout_seconds=20, max_memory_mb=1024)
    report = run([str(src)], options(tmp_path / "out", limits=limits))
    assert rows(report) == {
        "1-hog.csv": ("failed", "limit_exceeded"),
        "2-crash.csv": ("failed", "internal_error"),
        "3-ok.csv": ("ok", None),
    }
    assert report.rows[0].details["limit"] == "max_memory_mb"
    assert "SIGABRT" in (report.rows[1].message or "")


def test_debug_lets_the_exception_through(inputs: Path, tmp_path: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        run([str(inputs)], options(tmp_path / "out", debug=True))


def test_rerun_skips_unchanged_inputs_and_retries_failures(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run([str(inputs)], options(out))
    second = run([str(inputs)], options(out))
    statuses = {k: v[0] for k, v in rows(second).items()}
    assert statuses == {
        "a/profile.csv": "skipped",
        "b/profile.csv": "skipped",
        "matrix.csv": "skipped",
        "broken.csv": "failed",  # failures are retried: readers improve
        "error.csv": "failed",
    }
    skipped = next(r for r in second.rows if r.path.endswith("matrix.csv"))
    before = next(r for r in first.rows if r.path.endswith("matrix.csv"))
    assert (skipped.output, skipped.sha256, skipped.kind) == (
        before.output,
        before.sha256,
        before.kind,
    )
    # a changed file, a forced run and changed options are read again
    (inputs / "matrix.csv").write_text("Matrix v2")
    third = run([str(inputs)], options(out))
    assert rows(third)["matrix.csv"] == ("ok", None)
    assert rows(third)["a/profile.csv"] == ("skipped", None)
    forced = run([str(inputs)], options(out, force=True))
    assert FileStatus.SKIPPED not in {r.status for r in forced.rows}
    other = run([str(inputs)], options(out, redact_personal=True))
    assert FileStatus.SKIPPED not in {r.status for r in other.rows}


def test_a_deleted_output_is_rebuilt_not_skipped(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([str(inputs)], options(out))
    (out / "matrix.csv.json").unlink()
    assert rows(run([str(inputs)], options(out)))["matrix.csv"] == ("ok", None)
    assert (out / "matrix.csv.json").is_file()


def test_a_failed_reparse_keeps_the_earlier_good_output(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run([str(inputs)], options(out))
    good = (out / "matrix.csv.json").read_text()
    (inputs / "matrix.csv").write_text("FAIL now")
    row = next(r for r in run([str(inputs)], options(out)).rows if r.path.endswith("matrix.csv"))
    assert (row.status, row.code) == (FileStatus.FAILED, IssueCode.CORRUPT_FILE)
    assert "matrix.csv.json is kept" in (row.message or "")
    assert (out / "matrix.csv.json").read_text() == good


def test_leftovers_of_a_killed_run_are_swept_and_a_bad_report_is_ignored(
    inputs: Path, tmp_path: Path
) -> None:
    out = make(
        tmp_path / "out",
        {".matrix.csv.json.ab12cd_9.tmp": "{ half", "report.json": "{ not json", "mine.txt": "x"},
    )
    report = run([str(inputs)], options(out))
    assert report.count(FileStatus.SKIPPED) == 0
    assert ".matrix.csv.json.ab12cd_9.tmp" not in on_disk(out)
    assert "mine.txt" in on_disk(out)  # never touch what is not ours


def test_unreadable_inputs_are_rows_not_crashes(tmp_path: Path) -> None:
    src = make(tmp_path / "in", {"ok.csv": "fine"})
    (src / "dangling.csv").symlink_to(src / "nowhere.csv")
    report = run([str(src), str(tmp_path / "missing.docx")], options(tmp_path / "out"))
    codes = {r.path.rsplit("/", 1)[-1]: r.code and r.code.value for r in report.rows}
    assert codes == {
        "ok.csv": None,
        "dangling.csv": "unreadable_path",
        "missing.docx": "unreadable_path",
    }


def test_too_large_files_are_refused_before_reading(tmp_path: Path) -> None:
    src = make(tmp_path / "in", {"big.csv": "x" * 5000})
    report = run([str(src)], options(tmp_path / "out", limits=Limits(max_file_bytes=1000)))
    assert (report.rows[0].code, report.rows[0].details["limit"]) == (
        IssueCode.TOO_LARGE,
        "max_file_bytes",
    )


INTERRUPTED_RUN = """
import sys
sys.path.insert(0, {tests!r})
from batch_support import BUILDER
from roleframe.ingest.batch import IngestOptions, run
from roleframe.parsers.limits import Limits
from collections.abc import Callable
from pathlib import Path
try:
    run([{src!r}], IngestOptions(output=Path({out!r}), builder=BUILDER, jobs=1,
                                 limits=Limits(timeout_seconds=60)))
except KeyboardInterrupt:
    sys.exit(130)
"""


def _report(report_path: Path) -> dict | None:
    try:
        return json.loads(report_path.read_text())
    except (OSError, ValueError):
        return None


def _done(report_path: Path) -> list[str]:
    report = _report(report_path)
    return [row["path"] for row in report["rows"] if row["status"] == "ok"] if report else []


def _start_run(tmp_path: Path) -> tuple[subprocess.Popen[str], Path, Path]:
    src = make(tmp_path / "in", {"1-done.csv": "fine", "2-hang.csv": "HANG", "3-todo.csv": "x"})
    out = tmp_path / "out"
    script = INTERRUPTED_RUN.format(tests=str(TESTS), src=str(src), out=str(out))
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a terminal job
    )
    return child, src, out


def _wait_for(what: str, ready: Callable[[], bool], child: subprocess.Popen[str]) -> None:
    """Wait until ``ready()``; fail (never signal in an unknown state) if it does not come.

    Generous, because a loaded machine is slow to start Python, the forkserver and a worker.
    The flake this replaces: the old loop gave up after 30 s *silently* and signalled anyway,
    mid-start-up, while the forkserver was still importing its preload and holding the stderr
    pipe that ``communicate`` waits on."""
    deadline = time.monotonic() + 120
    while not ready():
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"the run never got to {what} (exit status {child.poll()})")
        time.sleep(0.05)


def _interrupt(child: subprocess.Popen[str], signum: int) -> str:
    """Ctrl-C reaches the whole foreground group (workers and forkserver too); kill/TERM
    usually reaches the parent alone. Returns stderr once every process of the run that
    holds it has exited (so a helper's late traceback is seen too)."""
    try:
        if signum == signal.SIGINT:
            os.killpg(child.pid, signum)
        else:
            child.send_signal(signum)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    return stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_leaves_a_report_and_no_partial_files(
    tmp_path: Path, signum: int
) -> None:
    child, src, out = _start_run(tmp_path)
    _wait_for("its first file", lambda: bool(_done(out / "report.json")), child)
    time.sleep(0.3)  # the hang is now in progress
    _interrupt(child, signum)
    report = BatchReport.model_validate_json((out / "report.json").read_text())
    assert not report.complete
    assert [r.path for r in report.rows] == ["in/1-done.csv"]
    assert report.pending == ["in/2-hang.csv", "in/3-todo.csv"]
    assert on_disk(out) == ["1-done.csv.json", "report.json"]
    # and the next run resumes: the done file is skipped, the rest is read
    resumed = run([str(src)], options(out, limits=Limits(timeout_seconds=1)))
    assert rows(resumed) == {
        "1-done.csv": ("skipped", None),
        "2-hang.csv": ("failed", "timeout"),
        "3-todo.csv": ("ok", None),
    }


def _forkserver_in(group: int) -> bool:
    """A multiprocessing forkserver runs in this process group (Linux /proc)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and b"multiprocessing.forkserver" in cmdline:
            return True
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_an_interrupted_run_flaked_ctrl_c_while_workers_start(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the whole process group) while the forkserver is still importing
    its preload: it died halfway with a KeyboardInterrupt traceback on the terminal. It now
    starts with SIGINT blocked (parsers/processes.py): the run stops cleanly, nothing but
    the parent reacts, and the forkserver exits once it sees the parent gone."""
    child, _, out = _start_run(tmp_path)
    _wait_for("starting its forkserver", lambda: _forkserver_in(child.pid), child)
    _interrupt(child, signal.SIGINT)
    report = BatchReport.model_validate_json((out / "report.json").read_text())
    assert not report.complete and len(report.rows) + len(report.pending) == 3


def test_the_report_is_rewritten_as_files_finish(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "REPORT_EVERY_SECONDS", 0.0)
    out = tmp_path / "out"
    snapshots: list[int] = []

    def look(row: ReportRow) -> None:
        snapshots.append(len(json.loads((out / "report.json").read_text())["rows"]))

    run([str(inputs)], options(out, on_result=look))
    # the callback runs before the rewrite, so it always sees the previous file's report
    assert snapshots == list(range(len(snapshots)))
    assert os.path.exists(out / "report.json")


def test_the_cli_shows_codes_not_tracebacks(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from roleframe.ingest.cli import main

    hostile = TESTS / "fixtures" / "hostile"
    picked = ["zip_bomb.docx", "xxe.docx", "truncated.pdf", "encrypted.docx", "random.xlsx"]
    args = [str(hostile / name) for name in picked]
    status = main(["ingest", *args, "-o", str(tmp_path / "out"), "--jobs", "2", "-q"])
    captured = capfd.readouterr()
    assert status == 1
    assert "Traceback" not in captured.out + captured.err
    assert "[limit_exceeded]" in captured.err and "zip_bomb.docx" in captured.err


def test_a_run_over_another_folder_never_overwrites_earlier_outputs(tmp_path: Path) -> None:
    a = make(tmp_path / "a", {"profile.csv": "From A"})
    b = make(tmp_path / "b", {"profile.csv": "From B"})
    out = tmp_path / "out"
    first = run([str(a)], options(out))
    second = run([str(b)], options(out))
    a_name, b_name = first.rows[0].output, second.rows[0].output
    assert a_name == "profile.csv.json" and b_name and b_name != a_name
    assert json.loads((out / a_name).read_text())["title"] == "From A"
    assert json.loads((out / b_name).read_text())["title"] == "From B"
    again = run([str(b)], options(out))  # B keeps its own name and is recognised as unchanged
    assert (again.rows[0].status, again.rows[0].output) == (FileStatus.SKIPPED, b_name)
