"""Parse files in worker processes that can be killed: one hostile file never takes a batch down.

``read_one`` is the per-file boundary (bytes -> JSON text or a coded failure, never an
exception). ``WorkerPool`` runs it in N child processes, each with its address space capped
(``RLIMIT_AS``) and each task under a wall-clock deadline; a worker that overruns is killed
and replaced, a worker that dies is replaced, and either way the file gets a coded row.

Children come from a ``forkserver`` (a clean process that preloads roleframe), not from
forking the parent: the CLI's progress bar runs a thread, and forking a threaded process can
deadlock.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import logging
import multiprocessing
import signal
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import Any

from roleframe.ingest.build import DEFAULT_NAMING, Naming, build_document
from roleframe.ingest.export import to_json
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.processes import Context, process_context, sigint_deferred
from roleframe.parsers.safety import classify_exception
from roleframe.schema import DocumentKind, IssueCode

Detail = str | int | float | bool | None
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    """A coded per-file failure (picklable, unlike ReadError with its keyword details)."""

    code: IssueCode
    message: str
    details: dict[str, Detail] = field(default_factory=dict)

    @classmethod
    def of(cls, error: ReadError) -> Failure:
        return cls(error.code, error.message, dict(error.details))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one file produced; exactly one of ``document_json`` and ``error`` is set."""

    document_json: str | None = None
    error: Failure | None = None
    kind: DocumentKind | None = None
    format: str | None = None
    warning_codes: tuple[str, ...] = ()
    warnings: int = 0
    names: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    sha256: str | None = None  # of the bytes actually parsed (the file may change meanwhile)
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Task:
    key: int
    path: str
    filename: str
    kind: DocumentKind | None
    limits: Limits
    redact_personal: bool
    debug: bool = False
    builder: str | None = None  # "module:function" standing in for build_document
    naming: Naming = DEFAULT_NAMING
    trust_content: bool = False  # read a renamed file by its content (format_mismatch)


def read_one(
    data: bytes,
    filename: str,
    kind: DocumentKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
    redact_personal: bool = False,
    debug: bool = False,
    builder: str | None = None,
    naming: Naming = DEFAULT_NAMING,
    trust_content: bool = False,
) -> Outcome:
    """Build one document; every exception becomes a coded ``Failure`` unless ``debug``.

    ``builder`` ("module:function", same signature as ``build_document``) lets a caller plug
    a different pipeline into the same boundary; it is named, not passed, so it crosses the
    process boundary as text.
    """
    started = time.perf_counter()
    try:
        build = (
            _resolve(builder)
            if builder
            else partial(build_document, naming=naming, trust_content=trust_content)
        )
        document = build(data, filename, kind, limits)
        text = to_json(document, redact_personal=redact_personal)
    except ReadError as exc:
        return Outcome(error=Failure.of(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # the per-file boundary: nothing escapes as a traceback
        if debug:
            raise
        failure = Failure.of(classify_exception(exc))
        return Outcome(error=failure, seconds=time.perf_counter() - started)
    names: dict[str, int] = {}
    for match in document.names:
        names[match.status.value] = names.get(match.status.value, 0) + 1
    return Outcome(
        document_json=text,
        kind=document.kind,
        format=document.source.format.value,
        warning_codes=tuple(sorted({w.code.value for w in document.warnings})),
        warnings=len(document.warnings),
        names=names,
        seconds=time.perf_counter() - started,
    )


def _resolve(dotted: str) -> Callable[..., Any]:
    module, _, name = dotted.partition(":")
    resolved: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return resolved


def read_path(task: Task) -> Outcome:
    """Read the file (bounded by ``max_file_bytes``) and build it."""
    started = time.perf_counter()
    try:
        with open(task.path, "rb") as handle:
            data = handle.read(task.limits.max_file_bytes + 1)
    except OSError as exc:
        failure = Failure(
            IssueCode.UNREADABLE_PATH, f"The file cannot be read: {exc.strerror or exc}."
        )
        return Outcome(error=failure, seconds=time.perf_counter() - started)
    if len(data) > task.limits.max_file_bytes:
        failure = Failure(
            IssueCode.TOO_LARGE,
            f"The file is larger than {task.limits.max_file_bytes:,} bytes (max_file_bytes).",
            {"limit": "max_file_bytes", "bound": task.limits.max_file_bytes},
        )
        return Outcome(error=failure, seconds=time.perf_counter() - started)
    outcome = read_one(
        data,
        task.filename,
        task.kind,
        task.limits,
        task.redact_personal,
        debug=task.debug,
        builder=task.builder,
        naming=task.naming,
        trust_content=task.trust_content,
    )
    return replace(outcome, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def sha256_file(path: str, chunk: int = MB) -> tuple[str, int]:
    """Hash a file by streaming it (the parent never holds a whole input in memory)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


# ---------------------------------------------------------------- the child process


def _quiet() -> None:
    """Libraries log and warn on odd files (pdfminer: 'Could not get FontBBox…'); a worker's
    stderr is the user's terminal, so only the coded result may speak."""
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")


def _cap_memory(limit_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the wall-clock deadline still applies
        return
    limit = limit_mb * MB
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(conn: Connection, memory_mb: int) -> None:
    """Serve tasks until the parent closes the pipe. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent started us daemonic (killed with it at exit); multiprocessing forbids a
    # daemonic process children, but a large PDF's pages may be read in page workers
    # (parsers.pdf_pages), which die with us through their lifeline pipe.
    multiprocessing.current_process().daemon = False
    _quiet()
    _cap_memory(memory_mb)
    while True:
        try:
            task: Task = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = read_path(task)
        except MemoryError:
            outcome = Outcome(error=Failure.of(classify_exception(MemoryError())))
        try:
            conn.send((task.key, outcome))
        except MemoryError:
            conn.send((task.key, Outcome(error=Failure.of(classify_exception(MemoryError())))))
        except (BrokenPipeError, OSError):
            return


# ---------------------------------------------------------------- the pool


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    deadline: float = 0.0
    started: float = 0.0


class WorkerPool:
    """N killable workers; ``run(tasks)`` yields ``(task, outcome)`` as each file finishes."""

    def __init__(self, jobs: int, memory_mb: int) -> None:
        self.jobs = max(1, jobs)
        self.memory_mb = memory_mb
        self._ctx = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_child, args=(child, self.memory_mb), daemon=True, name="roleframe-worker"
        )
        with sigint_deferred():  # a Ctrl-C now would leave the child half-started
            process.start()
        child.close()
        return _Worker(process, parent)

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        with contextlib.suppress(Exception):
            worker.process.close()

    def close(self) -> None:
        """Kill every worker (used on completion, Ctrl-C and SIGTERM alike)."""
        for worker in self._workers:
            self._retire(worker)
        self._workers = []

    def run(
        self, tasks: list[Task], tick: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Outcome]]:
        """Yield results as they come; ``tick`` is called at least once a second meanwhile."""
        queue = list(reversed(tasks))
        while len(self._workers) < min(self.jobs, len(tasks)):
            self._workers.append(self._spawn())
        while queue or any(w.task for w in self._workers):
            for worker in self._workers:
                if worker.task is None and queue:
                    task = queue.pop()
                    now = time.monotonic()
                    worker.task, worker.started = task, now
                    worker.deadline = now + task.limits.timeout_seconds
                    try:
                        worker.conn.send(task)
                    except (BrokenPipeError, OSError):  # it died before its first task
                        worker.task = None
                        yield task, Outcome(error=self._lost(worker))
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                continue
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=min(timeout, 1.0))
            if tick is not None:
                tick()
            for worker in busy:
                running = worker.task
                assert running is not None
                if worker.conn in ready:
                    outcome = self._receive(worker, running)
                elif time.monotonic() >= worker.deadline:
                    outcome = Outcome(
                        error=Failure(
                            IssueCode.TIMEOUT,
                            f"Reading took longer than {running.limits.timeout_seconds:g} s; the "
                            "file was abandoned (timeout_seconds).",
                            {"limit": "timeout_seconds", "bound": running.limits.timeout_seconds},
                        ),
                        seconds=time.monotonic() - worker.started,
                    )
                    self._replace(worker)
                else:
                    continue
                worker.task = None
                yield running, outcome

    def _receive(self, worker: _Worker, task: Task) -> Outcome:
        try:
            key, outcome = worker.conn.recv()
            if key == task.key:
                return outcome
            raise EOFError("answer to another task")
        except (EOFError, OSError):
            return Outcome(error=self._lost(worker), seconds=time.monotonic() - worker.started)

    def _lost(self, worker: _Worker) -> Failure:
        """The worker died: say how, and put a fresh one in its place."""
        worker.process.join(timeout=5)
        failure = _death(worker.process.exitcode)
        self._replace(worker)
        return failure

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        fresh = self._spawn()
        worker.process, worker.conn = fresh.process, fresh.conn


def _death(exitcode: int | None) -> Failure:
    """A worker that died mid-file: killed by the kernel for memory, or crashed in C code."""
    if exitcode is not None and exitcode < 0:
        try:
            what = signal.Signals(-exitcode).name
        except ValueError:
            what = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return Failure(
                IssueCode.LIMIT_EXCEEDED,
                "The worker reading this file was killed by the system, most likely for using "
                "too much memory (max_memory_mb).",
                {"limit": "max_memory_mb", "signal": what},
            )
        return Failure(
            IssueCode.INTERNAL_ERROR,
            f"The worker reading this file crashed ({what}); please report it with the file.",
            {"signal": what},
        )
    return Failure(
        IssueCode.INTERNAL_ERROR,
        f"The worker reading this file exited unexpectedly (status {exitcode}).",
    )


def _context() -> Context:
    return process_context(["roleframe.ingest.worker"])
