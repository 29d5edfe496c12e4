"""Page workers: one large PDF read serially vs with its page ranges in N processes (issue 4).

Reads samples/004_career_progression_framework.pdf (33 pages) with ``pdf_page_workers=1``
and ``=N`` (default 2), interleaved round by round so machine load affects both alike,
checks the two layouts are equal, and prints the wall times and the speed-up. The parallel
time includes starting the page processes (forks of a preloaded forkserver) each read.
On a machine shared with other jobs, read the CPU count and load average printed with it.

    python benchmarks/bench_pdf_pages.py [--workers N] [--rounds N] [FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from pathlib import Path

from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.parsers.pdf import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "samples" / "004_career_progression_framework.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    data = args.path.read_bytes()
    serial = dataclasses.replace(DEFAULT_LIMITS, pdf_page_workers=1)
    parallel = dataclasses.replace(
        DEFAULT_LIMITS, pdf_page_workers=args.workers, pdf_parallel_min_pages=1
    )
    expected = read(data, serial)  # warm up imports and the forkserver once
    assert read(data, parallel) == expected, "parallel read differs from serial"
    t_serial = t_parallel = 0.0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        read(data, serial)
        t1 = time.perf_counter()
        read(data, parallel)
        t2 = time.perf_counter()
        t_serial += t1 - t0
        t_parallel += t2 - t1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{args.path.name}: {expected.page_count} pages, {os.cpu_count()} CPUs, "
        f"load average {load:.2f}, {args.rounds} rounds"
    )
    print(f"serial            {t_serial / args.rounds:7.3f} s per read")
    print(f"{args.workers} page workers    {t_parallel / args.rounds:7.3f} s per read")
    print(f"speed-up          {t_serial / t_parallel:7.2f}x")


if __name__ == "__main__":
    main()
