"""PDF throughput: roleframe's PDF reader vs pdfplumber's bare ``extract_words()``.

Target: the full read (tables, spans, paragraphs, headers/footers, cross-page joins) costs
at most 1.5x a bare ``page.extract_words()`` over the same pages. Both sides run over the
same files in one process, interleaved round by round, so machine load affects them alike.
pdfminer's page parsing dominates both; the reader parses each page once and reuses its
chars, lines and rects for everything.

Prints, per file and in total: pages/second for both, the ratio read/extract_words, then
peak memory (tracemalloc) of one read of the largest file, and with ``--profile`` the
functions where the reader's time goes.

    python benchmarks/bench_pdf.py [--rounds N] [--profile] [FILES_OR_DIRS ...]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
import tracemalloc
from pathlib import Path

import pdfplumber

from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.parsers.pdf import read

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "samples"]


def pdf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    return files


def bare_extract_words(data: bytes) -> int:
    """The least a PDF text tool does: open, and per page ``extract_words()``."""
    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.close()
    return n


def page_count(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile one round of reads")
    args = parser.parse_args()
    blobs = [(f.name, f.read_bytes()) for f in pdf_files(args.paths)]
    pages = {name: page_count(data) for name, data in blobs}
    for _, data in blobs:  # warm up imports and caches once
        read(data, DEFAULT_LIMITS)
        bare_extract_words(data)

    t_read = dict.fromkeys(pages, 0.0)
    t_bare = dict.fromkeys(pages, 0.0)
    for _ in range(args.rounds):
        for name, data in blobs:
            t0 = time.perf_counter()
            bare_extract_words(data)
            t1 = time.perf_counter()
            read(data, DEFAULT_LIMITS)
            t2 = time.perf_counter()
            t_bare[name] += t1 - t0
            t_read[name] += t2 - t1

    print(f"{'file':45} {'pages':>5} {'words p/s':>10} {'read p/s':>10} {'ratio':>6}")
    for name in pages:
        n = pages[name] * args.rounds
        print(
            f"{name:45} {pages[name]:5d} {n / t_bare[name]:10.1f} {n / t_read[name]:10.1f} "
            f"{t_read[name] / t_bare[name]:6.2f}"
        )
    total_pages = sum(pages.values()) * args.rounds
    tb, tr = sum(t_bare.values()), sum(t_read.values())
    print(
        f"{'TOTAL':45} {sum(pages.values()):5d} {total_pages / tb:10.1f} "
        f"{total_pages / tr:10.1f} {tr / tb:6.2f}   (target <= 1.50)"
    )

    largest_name, largest = max(blobs, key=lambda b: len(b[1]))
    tracemalloc.start()
    read(largest, DEFAULT_LIMITS)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    tracemalloc.start()
    bare_extract_words(largest)
    _, peak_bare = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"peak Python memory, {largest_name} ({pages[largest_name]} pages): read "
        f"{peak / 2**20:.1f} MiB, extract_words {peak_bare / 2**20:.1f} MiB"
    )

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for _, data in blobs:
            read(data, DEFAULT_LIMITS)
        prof.disable()
        stats = pstats.Stats(prof)
        total = sum(ct for (_, _, fn), (_, _, _, ct, _) in stats.stats.items() if fn == "read")
        parts = {
            "pdfminer page parse (pdfplumber objects)": "parse_objects",
            "table finding (pdfplumber lines strategy)": "_ruled_tables",
            "glyphs from chars (frames, styles)": "glyphs_from_chars",
            "underline marks": "_mark_underlines",
            "glyph -> cell assignment": "locate",
            "tables without rules (alignment)": "find_aligned_tables",
            "lines from glyphs": "build_lines",
            "headers/footers": "_split_running",
            "paragraphs, joins, layout (assembly)": "_assemble",
        }
        print(f"\nwhere the read's time goes ({total:.2f} s profiled):")
        for label, fn in parts.items():
            ct = sum(v[3] for (_, _, f), v in stats.stats.items() if f == fn)
            print(f"  {label:45} {ct:7.2f} s  {100 * ct / total:5.1f} %")
        stats.sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
