"""Run the pipeline over many inputs without ever losing work.

- Errors are data: a file that cannot be read becomes a failed row with a stable code and the
  batch goes on. Each file is parsed in a killable worker process with a wall-clock deadline
  and capped memory (``ingest.worker``); ``debug`` parses in-process and lets exceptions through.
- Output is atomic: a document's JSON appears complete or not at all (``write_atomic``), and
  leftovers of a killed run (``.name.*.tmp``) are swept at the next start.
- ``report.json`` is rewritten atomically as files finish (at most once a second) and on
  Ctrl-C/SIGTERM, so an interrupted run leaves a report of what was done and what is pending.
- Re-running resumes: an input whose bytes and options are unchanged since the last report,
  and whose output is still there, is skipped unless ``force``. Failed inputs are retried.
- Nothing in the output folder is lost: a failed re-parse keeps the earlier good output, and
  inputs sharing a stem get distinct names (``ingest.discover.output_stems``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roleframe.ingest.build import DEFAULT_NAMING, Naming
from roleframe.ingest.discover import Input, discover, output_stems
from roleframe.ingest.export import to_json, write_atomic
from roleframe.ingest.worker import Failure, Outcome, Task, WorkerPool, read_path, sha256_file
from roleframe.parsers.kinds import EXTRACTORS
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.schema import SCHEMA_VERSION, DocumentKind, Format, IssueCode
from roleframe.schema.issues import Detail
from roleframe.schema.report import BatchReport, FileStatus, ReportRow

REPORT_NAME = "report.json"
REPORT_EVERY_SECONDS = 1.0
# Resource limits that decide whether a file finishes, not what its output says.
_RESOURCE_LIMITS = {
    "timeout_seconds",
    "max_memory_mb",
    "pdf_page_workers",
    "pdf_parallel_min_pages",
    "pdf_engine",  # both engines give the same documents (tests/test_pdf_engines.py)
}
_TEMP = re.compile(r"^\..+\.json\.[a-z0-9_]{8}\.tmp$")  # write_atomic's ".<name>.<random>.tmp"


@dataclass(frozen=True)
class IngestOptions:
    output: Path = Path("output")
    kind: DocumentKind | None = None
    jobs: int = 1
    force: bool = False
    debug: bool = False
    redact_personal: bool = False
    limits: Limits = DEFAULT_LIMITS
    builder: str | None = None  # "module:function" in place of build_document (tests, plugins)
    naming: Naming = DEFAULT_NAMING  # registry, decisions, JE scoring table
    trust_content: bool = False  # read a file whose extension lies by its content
    on_result: Callable[[ReportRow], None] | None = field(default=None, compare=False)


def output_name(stem: str, data_format: str) -> str:
    return f"{stem}.{data_format}.json"


def target_name(
    item: Input,
    data_format: str,
    stems: dict[str, str],
    previous: dict[str, ReportRow],
    out: Path,
) -> str:
    """The output name for ``item``: its stem's name, unless a file of that name is already in
    the output folder and the last report does not say it is this input's (an earlier run over
    another folder wrote it); then the stem plus a short hash of the input's path."""
    name = output_name(stems[item.display], data_format)
    owners = {row.output: row.path for row in previous.values() if row.output}
    if (out / name).exists() and owners.get(name) != item.display:
        digest = hashlib.sha1(item.display.encode()).hexdigest()[:8]
        stem = stems[item.display]
        if not stem.endswith(f"-{digest}"):
            name = output_name(f"{stem}-{digest}", data_format)
    return name


def fingerprint(options: IngestOptions) -> tuple[str, dict[str, Detail]]:
    """Everything that shapes a document's JSON, and its digest (the resume key)."""
    settings: dict[str, Detail] = {
        "schema_version": SCHEMA_VERSION,
        "code": _code_digest(),
        "kind": options.kind.value if options.kind else None,
        "redact_personal": options.redact_personal,
        "builder": options.builder,
        "trust_content": options.trust_content,
    }
    # a changed registry, decision or scoring file changes the documents: re-parse. The
    # decisions file is the one matching reads, given or not (`roleframe review` writes the
    # default one beside the registry).
    naming = options.naming
    settings["naming.canon"] = _file_digest(naming.canon) if naming.canon else None
    settings["naming.decisions"] = _file_digest(naming.decisions_path())
    settings["naming.je_scores"] = _file_digest(naming.je_scores) if naming.je_scores else None
    for name, value in dataclasses.asdict(options.limits).items():
        if name not in _RESOURCE_LIMITS:
            settings[f"limits.{name}"] = value
    for kind, extractor in sorted(EXTRACTORS.items()):
        settings[f"extractor.{kind.value}"] = f"{extractor.name} {extractor.version}"
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
    return digest, settings


def _code_digest() -> str:
    """A digest of roleframe's own source and data files: new code means re-parse."""
    import roleframe.ingest
    import roleframe.normalise
    import roleframe.parsers
    import roleframe.schema

    digest = hashlib.sha256()
    for package in (roleframe.schema, roleframe.parsers, roleframe.normalise, roleframe.ingest):
        root = Path(next(iter(package.__path__)))
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- the run


class _State:
    """Rows so far plus what is pending; writes report.json atomically (throttled)."""

    def __init__(self, options: IngestOptions, digest: str, settings: dict[str, Detail]) -> None:
        self.options = options
        self.digest = digest
        self.settings = settings
        self.rows: dict[str, ReportRow] = {}
        self.pending: set[str] = set()
        self._written = 0.0
        self._dirty = False

    def finish(self, row: ReportRow) -> None:
        self.rows[row.path] = row
        self.pending.discard(row.path)
        self._dirty = True
        if self.options.on_result:
            self.options.on_result(row)
        self.tick()

    def tick(self) -> None:
        """Write the report if something finished since the last write and it is due."""
        if self._dirty and time.monotonic() - self._written >= REPORT_EVERY_SECONDS:
            self.write(complete=False)

    def report(self, complete: bool) -> BatchReport:
        return BatchReport(
            rows=[self.rows[path] for path in sorted(self.rows)],
            complete=complete and not self.pending,
            pending=sorted(self.pending),
            options=self.digest,
            settings=self.settings,
        )

    def write(self, complete: bool) -> BatchReport:
        report = self.report(complete)
        write_atomic(self.options.output / REPORT_NAME, to_json(report))
        self._written = time.monotonic()
        self._dirty = False
        return report


def run(paths: Sequence[str], options: IngestOptions) -> BatchReport:
    """Ingest files, folders and globs into ``options.output``; returns the report it wrote.

    Ctrl-C or SIGTERM stops the run cleanly: workers are killed, no partial file is left,
    the report (``complete: false``) lists what was done and what is pending, and the
    KeyboardInterrupt goes on to the caller (the CLI exits 130).
    """
    out = options.output
    out.mkdir(parents=True, exist_ok=True)
    _sweep_temp(out)
    digest, settings = fingerprint(options)
    previous, previous_digest = _load_previous(out / REPORT_NAME)
    state = _State(options, digest, settings)
    inputs, problems = discover(paths)
    stems = output_stems(inputs)
    with _interruptible():
        try:
            for problem in problems:
                state.finish(_failed(problem.display, IssueCode.UNREADABLE_PATH, problem.message))
            todo: list[tuple[Input, str | None, int | None]] = []
            state.pending = {item.display for item in inputs}
            for item in inputs:
                planned = _plan(item, options, previous, previous_digest == digest, stems)
                if isinstance(planned, ReportRow):
                    state.finish(planned)
                else:
                    todo.append((item, *planned))
            state.write(complete=False)
            for item, outcome in _execute(todo, options, state.tick):
                state.finish(_commit(item, outcome, options, stems, previous))
        except KeyboardInterrupt:
            state.write(complete=False)  # what was done, what is pending; then stop as asked
            raise
        return state.write(complete=True)


def _plan(
    item: Input,
    options: IngestOptions,
    previous: dict[str, ReportRow],
    same_options: bool,
    stems: dict[str, str],
) -> ReportRow | tuple[str | None, int | None]:
    """A finished row (skipped, too large, unreadable), or the (sha256, size) to parse."""
    try:
        size = os.stat(item.path).st_size
        if size > options.limits.max_file_bytes:
            return _failed(
                item.display,
                IssueCode.TOO_LARGE,
                f"The file is {size:,} bytes; the limit is {options.limits.max_file_bytes:,} "
                "(max_file_bytes).",
                {"limit": "max_file_bytes", "value": size},
                size=size,
            )
        sha, size = sha256_file(item.path)
    except OSError as exc:
        return _failed(
            item.display,
            IssueCode.UNREADABLE_PATH,
            f"The file cannot be read: {exc.strerror or exc}.",
        )
    before = previous.get(item.display)
    unchanged = (
        not options.force
        and same_options
        and before is not None
        and before.status in (FileStatus.OK, FileStatus.SKIPPED)
        and before.sha256 == sha
        and before.output is not None
        and before.format is not None
        and before.output == target_name(item, before.format.value, stems, previous, options.output)
        and (options.output / before.output).is_file()
    )
    if unchanged and before is not None:
        return before.model_copy(
            update={
                "status": FileStatus.SKIPPED,
                "message": "Unchanged since the last run (same bytes and options); "
                "--force reads it again.",
                "seconds": 0.0,
            }
        )
    return sha, size


def _execute(
    todo: list[tuple[Input, str | None, int | None]],
    options: IngestOptions,
    tick: Callable[[], None],
) -> Iterator[tuple[Input, Outcome]]:
    limits = page_workers(options.limits, options.jobs, len(todo))
    tasks = [
        Task(
            key=index,
            path=item.path,
            filename=item.name,
            kind=options.kind,
            limits=limits,
            redact_personal=options.redact_personal,
            debug=options.debug,
            builder=options.builder,
            naming=options.naming,
            trust_content=options.trust_content,
        )
        for index, (item, _, _) in enumerate(todo)
    ]
    if not tasks:
        return
    if options.debug:  # in-process, so a developer gets the real traceback and a debugger
        for task in tasks:
            yield todo[task.key][0], read_path(task)
        return
    with WorkerPool(options.jobs, options.limits.max_memory_mb) as pool:
        for task, outcome in pool.run(tasks, tick):
            yield todo[task.key][0], outcome


def page_workers(limits: Limits, jobs: int, files: int) -> Limits:
    """With fewer files than ``jobs`` (one big PDF), the idle cores read page ranges of each
    PDF (``Limits.pdf_page_workers``); with more files, the files already fill the cores."""
    if files <= 0 or files >= jobs:
        return limits
    share = jobs // files
    if share <= limits.pdf_page_workers:
        return limits
    return dataclasses.replace(limits, pdf_page_workers=share)


def _commit(
    item: Input,
    outcome: Outcome,
    options: IngestOptions,
    stems: dict[str, str],
    previous: dict[str, ReportRow],
) -> ReportRow:
    """Write a good document atomically and build its row; never delete an earlier output."""
    if outcome.error is not None or outcome.document_json is None:
        failure = outcome.error or Failure(IssueCode.INTERNAL_ERROR, "No document was produced.")
        message = failure.message
        before = previous.get(item.display)
        if before and before.output and (options.output / before.output).is_file():
            message += f" The earlier output {before.output} is kept."
        return _failed(
            item.display,
            failure.code,
            message,
            failure.details,
            sha256=outcome.sha256,
            size=outcome.size,
            seconds=outcome.seconds,
        )
    assert outcome.format is not None
    name = target_name(item, outcome.format, stems, previous, options.output)
    write_atomic(options.output / name, outcome.document_json)
    return ReportRow(
        path=item.display,
        status=FileStatus.OK,
        output=name,
        format=Format(outcome.format),
        kind=outcome.kind,
        sha256=outcome.sha256,
        size=outcome.size,
        warnings=outcome.warnings,
        warning_codes=list(outcome.warning_codes),
        names_matched=outcome.names.get("matched", 0),
        names_review=outcome.names.get("review", 0),
        names_unmatched=outcome.names.get("unmatched", 0),
        seconds=round(outcome.seconds, 3),
    )


def _failed(
    path: str,
    code: IssueCode,
    message: str,
    details: dict[str, Detail] | None = None,
    *,
    sha256: str | None = None,
    size: int | None = None,
    seconds: float = 0.0,
) -> ReportRow:
    return ReportRow(
        path=path,
        status=FileStatus.FAILED,
        code=code,
        message=message,
        details=details or {},
        sha256=sha256,
        size=size,
        seconds=round(seconds, 3),
    )


def _load_previous(path: Path) -> tuple[dict[str, ReportRow], str | None]:
    """The last run's rows by path; an unreadable or foreign report counts as no report."""
    try:
        report = BatchReport.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return {}, None
    return {row.path: row for row in report.rows}, report.options


def _sweep_temp(out: Path) -> None:
    """Remove temp files a killed run left behind (SIGKILL gives write_atomic no chance)."""
    for path in out.iterdir():
        if _TEMP.match(path.name) and path.is_file():
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """SIGTERM behaves like Ctrl-C (KeyboardInterrupt) while a batch runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "missing"
