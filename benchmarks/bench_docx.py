"""Word throughput: roleframe's full docx pipeline vs python-docx's bare open-and-iterate.

Both sides run over the same files in one process, interleaved round by round, so machine
load affects them alike. The baseline is the least any docx tool must do: python-docx
opens the package and walks every body paragraph and every table cell's text. roleframe
does that plus merges, content controls, check boxes, numbering, kind detection and
extraction, so a ratio well under 1 is expected; the number to watch is how it moves.

    python benchmarks/bench_docx.py [--rounds N] [FILES_OR_DIRS ...]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import docx

from roleframe.ingest.build import build_document, read_layout

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "samples", ROOT / "tests" / "fixtures" / "word"]


def docx_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.docx")) if p.is_dir() else [p])
    return files


def bare_python_docx(data: bytes) -> int:
    """Open with python-docx and touch every paragraph and every table cell's text."""
    import io

    document = docx.Document(io.BytesIO(data))
    n = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                n += len(cell.text)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    files = docx_files(args.paths)
    blobs = [(f.name, f.read_bytes()) for f in files]
    for name, data in blobs:  # warm up imports and caches once
        build_document(data, name)
        bare_python_docx(data)

    t_full = t_read = t_bare = 0.0
    for _ in range(args.rounds):
        for name, data in blobs:
            t0 = time.perf_counter()
            bare_python_docx(data)
            t1 = time.perf_counter()
            read_layout(data)
            t2 = time.perf_counter()
            build_document(data, name)
            t3 = time.perf_counter()
            t_bare += t1 - t0
            t_read += t2 - t1
            t_full += t3 - t2
    n = len(blobs) * args.rounds
    size = sum(len(d) for _, d in blobs)
    print(f"{len(blobs)} docx files ({size / 1024:.0f} KiB), {args.rounds} rounds")
    print(f"python-docx open+iterate : {n / t_bare:8.1f} docs/s")
    print(f"roleframe docx reader    : {n / t_read:8.1f} docs/s")
    print(f"roleframe full pipeline  : {n / t_full:8.1f} docs/s")
    print(f"ratio full / python-docx : {t_bare / t_full:8.2f}")
    print(f"ratio reader / python-docx: {t_bare / t_read:7.2f}")


if __name__ == "__main__":
    main()
