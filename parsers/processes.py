"""The one way roleframe starts helper processes (file workers, PDF page workers).

A forkserver gives cheap forks of a clean, preloaded process (forking a process with threads
can deadlock); else spawn. The forkserver is started with Ctrl-C (SIGINT) blocked. It
inherits that mask, so a Ctrl-C while it imports its preload (seconds on a loaded machine)
cannot kill it halfway with a KeyboardInterrupt traceback on the user's terminal; once
running it ignores SIGINT (CPython's forkserver does), the blocked signal is discarded, and
the workers it forks inherit the mask and ignore SIGINT too. Ctrl-C is the parent's alone:
it stops the run, kills the workers and writes the report (``ingest.batch``). Found by
``tests/test_batch.py``: a run interrupted while its workers were starting.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
import threading
from collections.abc import Iterator
from multiprocessing.context import ForkServerContext, SpawnContext

Context = ForkServerContext | SpawnContext


@contextlib.contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done: a KeyboardInterrupt in the middle of starting a
    process leaves the child reading its start-up data from a closed pipe, and it dies with
    an EOFError traceback on the user's terminal. Held, the interrupt arrives as soon as the
    process is started, and the run stops as usual. (Only the main thread receives signals;
    elsewhere this does nothing.)"""
    if threading.current_thread() is not threading.main_thread() or os.name != "posix":
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def process_context(preload: list[str]) -> Context:
    """A forkserver context preloading ``preload`` (if no forkserver runs yet), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods() or os.name != "posix":
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(preload)  # a no-op once the forkserver runs
    # first the resource tracker (it masks signals itself, and unblocks SIGINT when done)
    multiprocessing.resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        multiprocessing.forkserver.ensure_running()  # started here, with SIGINT blocked
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return ctx
