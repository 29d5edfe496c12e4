"""Page workers: one large PDF read serially vs with its page ranges in N processes (issue 4).

Reads samples/004_career_progression_framework.pdf (33 pages) with ``pdf_page_workers=1``
and ``=N`` (default 2), interleaved round by round so machine load affects both alike,
checks the two layouts are equal, and prints the wall times (best and mean of the rounds)
and the speed-up. The parallel
time includes starting the page processes (forks of a preloaded forkserver) each read.
On a machine shared with other jobs, read the CPU count and load average printed with it.

    python benchmarks/bench_pdf_pages.py [--workers N] [--rounds N] [FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import heapq
import os
import pickle
import time
from pathlib import Path

from roleframe.parsers import pdf_pages
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.pdf import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "samples" / "004_career_progression_framework.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    data = args.path.read_bytes()
    serial = dataclasses.replace(DEFAULT_LIMITS, pdf_page_workers=1)
    parallel = dataclasses.replace(
        DEFAULT_LIMITS, pdf_page_workers=args.workers, pdf_parallel_min_pages=1
    )
    expected = read(data, serial)  # warm up imports and the forkserver once
    assert read(data, parallel) == expected, "parallel read differs from serial"
    serial_times: list[float] = []
    parallel_times: list[float] = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        read(data, serial)
        t1 = time.perf_counter()
        read(data, parallel)
        t2 = time.perf_counter()
        serial_times.append(t1 - t0)
        parallel_times.append(t2 - t1)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{args.path.name}: {expected.page_count} pages, {os.cpu_count()} CPUs, "
        f"load average {load:.2f}, {args.rounds} rounds"
    )
    # best of N: other jobs on the machine only ever add time
    best_s, best_p = min(serial_times), min(parallel_times)
    mean_s, mean_p = sum(serial_times) / args.rounds, sum(parallel_times) / args.rounds
    print(f"{'':18}{'best':>8}{'mean':>8}")
    print(f"{'serial':18}{best_s:8.3f}{mean_s:8.3f} s")
    print(f"{f'{args.workers} page workers':18}{best_p:8.3f}{mean_p:8.3f} s")
    print(f"{'speed-up':18}{best_s / best_p:8.2f}{mean_s / mean_p:8.2f} x")
    project(data, expected.page_count, parallel, best_s)


def project(data: bytes, count: int, limits: Limits, serial: float) -> None:
    """What the same split gives on idle cores: each range's cost in the child (read and
    pickle), scheduled over the workers as the executor does (next range to the first free
    worker), plus the parent's own part (open, unpickle the ranges, cross-page assembly).
    Process start-up is left out. On a loaded machine this is the number to trust."""
    workers = limits.pdf_page_workers
    ranges = pdf_pages.page_ranges(count, workers * pdf_pages.RANGES_PER_WORKER)
    costs: list[float] = []
    blobs: list[bytes] = []
    for first, last in ranges:
        t0 = time.process_time()
        blobs.append(pickle.dumps(pdf_pages.read_range(data, first, last, limits)))
        costs.append(time.process_time() - t0)
    free = [0.0] * workers
    for cost in costs:
        heapq.heapreplace(free, free[0] + cost)
    real = pdf_pages.read_parallel

    def canned(data: bytes, count: int, limits: Limits, *_: object) -> list[pdf_pages.PageRange]:
        return [pickle.loads(blob) for blob in blobs]

    pdf_pages.read_parallel = canned  # type: ignore[assignment]
    try:
        t0 = time.process_time()
        read(data, limits)
        parent = time.process_time() - t0
    finally:
        pdf_pages.read_parallel = real  # type: ignore[assignment]
    ideal = max(free) + parent
    print(
        f"idle-core projection: ranges {' '.join(f'{c:.2f}' for c in costs)} s CPU, "
        f"{workers} workers busy {max(free):.2f} s, parent {parent:.2f} s "
        f"-> {ideal:.2f} s, speed-up {serial / ideal:.2f}x"
    )


if __name__ == "__main__":
    main()
