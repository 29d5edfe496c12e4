"""Read page ranges of one large PDF in parallel processes (``Limits.pdf_page_workers``).

Pages parse independently, so ranges of pages go to child processes (each opens the PDF
from the bytes itself, with the same engine) and the parent joins them across pages exactly
as the serial read does: both call ``pdf.read_pages``, so the layout is identical whichever
path ran. What a child sends back is the pages' glyphs and lines (``Glyph``/``Line`` pickle
as their constructor arguments, so shipping costs a fraction of reading).

Safety, as for the file workers that may call this:
- errors travel back as data (``ReadError`` with keyword details does not pickle) and are
  raised again in the parent with the same code, message and details; the first failing
  range in page order wins, as the serial read would stop there first;
- children have the same address-space cap (``max_memory_mb``), ignore Ctrl-C and keep
  pdfminer's log noise off the terminal; PDFium aborts a child that runs out of it (native
  code on hostile bytes), which is a coded ``limit_exceeded``, never a dead batch;
- children die with their parent: each holds the read end of a "lifeline" pipe whose only
  write end is the parent's; when the parent exits or is killed (a file worker past its
  deadline is SIGKILLed), the pipe reads EOF and the child exits at once.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import warnings
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.parsers.pdf import PageRange, collector_paused, guarded, read_pages
from roleframe.parsers.pdf_source import EngineRefused, open_source
from roleframe.parsers.processes import Context, process_context, sigint_deferred
from roleframe.parsers.safety import Deadline, start_deadline
from roleframe.schema import IssueCode

# Ranges per worker: more, smaller ranges even out pages of unequal cost (a dense table page
# parses several times slower than a text page), at the price of opening the PDF per range.
RANGES_PER_WORKER = 2
# How many reads took the parallel path in this process (tests observe it; no timing).
parallel_reads = 0


@dataclass(frozen=True, slots=True)
class RangeFailure:
    """A ``ReadError`` from a child, as picklable data."""

    code: IssueCode
    message: str
    details: dict[str, str | int | float | bool | None] = field(default_factory=dict)
    refused: bool = False  # PDFium refused a page: the parent starts over (EngineRefused)


def page_ranges(count: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` contiguous, near-equal ``[first, last)`` ranges covering ``count`` pages."""
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    out: list[tuple[int, int]] = []
    first = 0
    for i in range(parts):
        last = first + size + (1 if i < extra else 0)
        out.append((first, last))
        first = last
    return out


def read_range(
    data: bytes, first: int, last: int, limits: Limits, seconds: float | None = None
) -> PageRange | RangeFailure:
    """The child's task: open the bytes, read pages ``[first, last)`` within ``seconds``
    (default ``limits.timeout_seconds``: what is left of the parent's deadline); errors as
    data."""
    try:
        deadline = Deadline(limits.timeout_seconds if seconds is None else seconds)
        source = guarded(open_source, data, limits.pdf_engine)
        try:
            with collector_paused():
                return guarded(read_pages, source, first, last, limits, deadline)
        finally:
            source.close()
    except ReadError as exc:
        return RangeFailure(exc.code, exc.message, dict(exc.details))
    except EngineRefused as exc:
        return RangeFailure(IssueCode.CORRUPT_FILE, str(exc), refused=True)


def read_parallel(
    data: bytes, count: int, limits: Limits, deadline: Deadline | None = None
) -> list[PageRange]:
    """Read all ``count`` pages in ``limits.pdf_page_workers`` processes, in page order,
    within ``deadline`` (the children get what is left of it)."""
    deadline = start_deadline(limits, deadline)
    global parallel_reads
    parallel_reads += 1
    workers = max(1, min(limits.pdf_page_workers, count))
    ctx = _context()
    lifeline_r, lifeline_w = ctx.Pipe(duplex=False)
    done = False
    executor = ProcessPoolExecutor(
        workers,
        mp_context=ctx,
        initializer=_init_child,
        initargs=(lifeline_r, limits.max_memory_mb),
    )
    try:
        spans = page_ranges(count, workers * RANGES_PER_WORKER)
        with sigint_deferred():  # submit starts the processes: not half-way on Ctrl-C
            futures: list[Future[PageRange | RangeFailure]] = [
                executor.submit(read_range, data, first, last, limits, deadline.remaining())
                for first, last in spans
            ]
        lifeline_r.close()  # the children hold their copies; ours would keep them alive
        ranges: list[PageRange] = []
        for (first, last), future in zip(spans, futures, strict=True):
            try:
                result = future.result(timeout=deadline.remaining())
            except FutureTimeout:
                raise deadline.expired(f"pages {first + 1}-{last}") from None
            except BrokenProcessPool:
                raise ReadError(
                    IssueCode.LIMIT_EXCEEDED,
                    "A process reading pages of this PDF died, most likely for using too "
                    "much memory (max_memory_mb).",
                    limit="max_memory_mb",
                    bound=limits.max_memory_mb,
                ) from None
            if isinstance(result, RangeFailure):
                if result.refused:
                    raise EngineRefused(result.message)
                raise ReadError(result.code, result.message, **result.details)
            ranges.append(result)
        done = True
        return ranges
    finally:
        if not done:
            lifeline_w.close()  # on failure the remaining ranges are not worth waiting for
        executor.shutdown(wait=True, cancel_futures=True)
        lifeline_w.close()
        lifeline_r.close()


def _context() -> Context:
    return process_context(["roleframe.parsers.pdf_pages"])


def _init_child(lifeline: Connection, memory_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    logging.disable(logging.WARNING)  # pdfminer: 'Could not get FontBBox…' is not news
    warnings.simplefilter("ignore")
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        cap = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    threading.Thread(target=_watch, args=(lifeline,), daemon=True).start()


def _watch(lifeline: Connection) -> None:
    """Exit as soon as the parent is gone (the lifeline's write end closed)."""
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(1)
