"""Skills-matrix ingest speed, against the bare library read of the same files.

For each format, every matrix file (the seed renditions in samples/ and the variants in
tests/fixtures/matrix/) goes through ``build_document`` (detect format, read the layout,
detect the kind, extract, validate) many times, and through the bare library read the
reader is built on, in the same run:

* xlsx: ``openpyxl.load_workbook(read_only=True, data_only=True)`` and every cell's value;
* docx: ``docx.Document`` and every table cell's text;
* tsv/csv: ``csv.reader`` over the decoded text;
* pdf: ``pdfplumber.open`` and ``extract_tables()`` on every page.

Prints documents/second for both and the ratio ours / bare (time per document): how much
the layout model, the structure search and the validated output cost on top of the read.

    python benchmarks/bench_matrix.py [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import io
import time
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pdfplumber

from roleframe.ingest.build import build_document
from roleframe.parsers.delimited import decode_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("samples/000_skills_matrix.*")) + sorted(
    p for p in (ROOT / "tests" / "fixtures" / "matrix").iterdir() if p.name.startswith("v")
)


def bare_xlsx(data: bytes) -> int:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(v is not None for v in row)
    wb.close()
    return n


def bare_docx(data: bytes) -> int:
    document = docx.Document(io.BytesIO(data))
    return sum(len(cell.text) for t in document.tables for row in t.rows for cell in row.cells)


def bare_text(data: bytes) -> int:
    text, _ = decode_text(data)
    delimiter = "\t" if "\t" in text else ","
    return sum(len(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter))


def bare_pdf(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_tables()) for page in pdf.pages)


BARE: dict[str, Callable[[bytes], int]] = {
    "xlsx": bare_xlsx,
    "docx": bare_docx,
    "tsv": bare_text,
    "csv": bare_text,
    "pdf": bare_pdf,
}


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Best of three runs of ``repeat`` calls, in seconds per call (less noise than a mean)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - start) / repeat)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="calls per timing (pdf: 1/5)")
    args = parser.parse_args()
    by_format: dict[str, list[Path]] = {}
    for path in FILES:
        by_format.setdefault(path.suffix.lstrip("."), []).append(path)
    print(
        f"{'format':<6} {'files':>5} {'ours doc/s':>11} {'bare doc/s':>11} "
        f"{'ours ms/doc':>12} {'bare ms/doc':>12} {'ratio':>8}"
    )
    total_ours = total_bare = 0.0
    total_docs = 0
    for fmt, paths in sorted(by_format.items()):
        blobs = [(p.name, p.read_bytes()) for p in paths]
        repeat = max(1, args.repeat // 5) if fmt == "pdf" else args.repeat
        for name, data in blobs:  # warm up imports and caches, and check every file ingests
            build_document(data, name)
        bare_read = BARE[fmt]
        ours = bare = 0.0
        for name, data in blobs:
            ours += timed(lambda d=data, n=name: build_document(d, n), repeat)
            bare += timed(lambda d=data, read=bare_read: read(d), repeat)
        n = len(blobs)
        total_ours, total_bare, total_docs = total_ours + ours, total_bare + bare, total_docs + n
        print(
            f"{fmt:<6} {n:>5} {n / ours:>11.1f} {n / bare:>11.1f} "
            f"{1000 * ours / n:>12.2f} {1000 * bare / n:>12.3f} {ours / bare:>7.2f}x"
        )
    print(
        f"{'all':<6} {total_docs:>5} {total_docs / total_ours:>11.1f} "
        f"{total_docs / total_bare:>11.1f} {1000 * total_ours / total_docs:>12.2f} "
        f"{1000 * total_bare / total_docs:>12.3f} {total_ours / total_bare:>7.2f}x"
    )
    print(
        "ratio = our time / the bare library read's time for the same files. For text files the "
        "bare read is csv.reader alone (microseconds), so that ratio measures everything we do "
        "after it: layout, kind detection over all five kinds, extraction, name matching, "
        "validation."
    )


if __name__ == "__main__":
    main()
