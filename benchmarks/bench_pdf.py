"""PDF throughput: roleframe's reader on PDFium and on pdfplumber, against the bare libraries.

Four ways over the same pages, interleaved file by file and round by round so machine load
affects them alike, each timed in CPU seconds of this process (``time.process_time``): all
four are single-threaded and in-process, and on a shared machine wall time also counts the
time the process waits for a core (a run beside other sessions swung the wall-clock
pdfium/chars ratio from 2.8 to 5.3 between files):

* ``pdfium``: the full read (tables, spans, paragraphs, headers/footers, cross-page joins)
  with the PDFium engine (the default);
* ``pdfplumber``: the same full read with the pdfplumber engine (pdfminer parses each page);
* ``words``: bare pdfplumber, ``page.extract_words()`` on every page;
* ``chars``: bare pypdfium2, every character's code point and box (``FPDFText_GetUnicode``
  and ``FPDFText_GetCharBox`` per character) on every page: the least a PDFium text tool does;
* ``source``: roleframe's PDFium source alone (``PdfiumSource.page`` on every page: glyphs
  with font, style and colour, ligatures and blank objects, paths as rules), the floor
  under the full read whatever the layout layer costs;
* ``calls``: the floor under that source: only the three PDFium calls it makes per character
  (text object, origin, unmapped-Unicode flag; the code points in one bulk call per page)
  and one ``Glyph`` each, no other work.

Targets (issue 13): the full read on PDFium at least 5x faster than on pdfplumber, and
within 2x of the bare pypdfium2 character pass. Run on the seed PDFs and on a corpus of
about 300 pages built from them (the seeds concatenated ``--copies`` times into one PDF
with pypdf, so cross-page work scales too). Then the peak memory of reading the 33-page
004 framework once in a fresh process with each engine (VmHWM over the process's size
before the read: PDFium's native memory counts, tracemalloc would miss it), and with
``--profile`` where the PDFium read's time goes.

    python benchmarks/bench_pdf.py [--rounds N] [--copies N] [--profile] [FILES_OR_DIRS ...]
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import dataclasses
import io
import json
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as C

from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.parsers.pdf import read
from roleframe.parsers.pdf_pdfium import open_pdfium
from roleframe.parsers.pdf_text import Glyph
from roleframe.parsers.pdfium_calls import P, address

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FRAMEWORK = SAMPLES / "004_career_progression_framework.pdf"
PDFIUM = dataclasses.replace(DEFAULT_LIMITS, pdf_engine="pdfium")
PLUMBER = dataclasses.replace(DEFAULT_LIMITS, pdf_engine="pdfplumber")


def pdf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    return files


def bare_words(data: bytes) -> int:
    """Bare pdfplumber: open, and per page ``extract_words()``."""
    n = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.close()
    return n


def bare_chars(data: bytes) -> int:
    """Bare pypdfium2: open, and per page every character's code point and box."""
    document = pypdfium2.PdfDocument(data)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    n = 0
    try:
        for index in range(len(document)):
            page = C.FPDF_LoadPage(document.raw, index)
            text = C.FPDFText_LoadPage(page)
            for i in range(C.FPDFText_CountChars(text)):
                C.FPDFText_GetUnicode(text, i)
                C.FPDFText_GetCharBox(text, i, left, right, bottom, top)
                n += 1
            C.FPDFText_ClosePage(text)
            C.FPDF_ClosePage(page)
    finally:
        document.close()
    return n


def source_only(data: bytes) -> int:
    """roleframe's PDFium source: every page's primitives, no layout."""
    source = open_pdfium(data)
    try:
        return sum(len(source.page(i).glyphs) for i in range(source.page_count))
    finally:
        source.close()


def calls_only(data: bytes) -> int:
    """The source's per-character PDFium calls and one Glyph each, nothing else."""
    document = pypdfium2.PdfDocument(data)
    handle = address(document.raw)
    x, y = ctypes.c_double(), ctypes.c_double()
    at_x, at_y = ctypes.addressof(x), ctypes.addressof(y)
    text_object, origin = P.FPDFText_GetTextObject, P.FPDFText_GetCharOrigin
    unmapped = P.FPDFText_HasUnicodeMapError
    n = 0
    try:
        for index in range(len(document)):
            page = P.FPDF_LoadPage(handle, index)
            text = P.FPDFText_LoadPage(page)
            count = P.FPDFText_CountChars(text)
            codes = (ctypes.c_ushort * (count + 1))()
            P.FPDFText_GetText(text, 0, count, ctypes.addressof(codes))
            glyphs = []
            for i in range(count):
                text_object(text, i)
                origin(text, i, at_x, at_y)
                unmapped(text, i)
                g = Glyph(x.value, x.value, y.value, y.value, "", 0.0, False, False, True, 0, 0)
                glyphs.append(g)
            n += len(glyphs)
            P.FPDFText_ClosePage(text)
            P.FPDF_ClosePage(page)
    finally:
        document.close()
    return n


WAYS: dict[str, Callable[[bytes], object]] = {
    "pdfium": lambda data: read(data, PDFIUM),
    "pdfplumber": lambda data: read(data, PLUMBER),
    "words": bare_words,
    "chars": bare_chars,
    "source": source_only,
    "calls": calls_only,
}


def corpus(files: list[Path], copies: int) -> bytes:
    """One PDF of the files' pages, ``copies`` times over (pypdf, the dev extra)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(copies):
        for path in files:
            writer.append(str(path))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    return len(pypdfium2.PdfDocument(data))


def run(blobs: list[tuple[str, bytes]], rounds: int, title: str) -> dict[str, float]:
    """Time every way over every blob, interleaved; print a table; totals per way."""
    for _, data in blobs:  # warm up imports, caches and the fonts' first loads
        for way in WAYS.values():
            way(data)
    times = {name: dict.fromkeys(WAYS, 0.0) for name, _ in blobs}
    for _ in range(rounds):
        for name, data in blobs:
            for way, fn in WAYS.items():
                t0 = time.process_time()
                fn(data)
                times[name][way] += time.process_time() - t0
    pages = {name: page_count(data) for name, data in blobs}
    print(f"\n{title} ({rounds} rounds, pages per CPU second)")
    head = "".join(f"{w:>11}" for w in WAYS)
    print(
        f"{'file':42}{'pages':>6}{head}{'plumber/pdfium':>16}{'pdfium/chars':>14}"
        f"{'source/chars':>14}{'calls/chars':>13}"
    )
    total = dict.fromkeys(WAYS, 0.0)
    for name, _ in blobs:
        t = times[name]
        n = pages[name] * rounds
        speeds = "".join(f"{n / t[w]:11.1f}" for w in WAYS)
        print(
            f"{name:42}{pages[name]:6d}{speeds}{t['pdfplumber'] / t['pdfium']:16.2f}"
            f"{t['pdfium'] / t['chars']:14.2f}{t['source'] / t['chars']:14.2f}"
            f"{t['calls'] / t['chars']:13.2f}"
        )
        for w in WAYS:
            total[w] += t[w]
    n = sum(pages.values()) * rounds
    speeds = "".join(f"{n / total[w]:11.1f}" for w in WAYS)
    print(
        f"{'TOTAL':42}{sum(pages.values()):6d}{speeds}"
        f"{total['pdfplumber'] / total['pdfium']:16.2f}{total['pdfium'] / total['chars']:14.2f}"
        f"{total['source'] / total['chars']:14.2f}{total['calls'] / total['chars']:13.2f}"
        "   (targets: >= 5, <= 2)"
    )
    return total


_MEMORY = """
import json, sys
from pathlib import Path
from roleframe.parsers.limits import Limits
from roleframe.parsers.pdf import read

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")

data = Path(sys.argv[1]).read_bytes()
before = status("VmRSS")
read(data, Limits(pdf_engine=sys.argv[2]))
print(json.dumps({"before": before, "peak": status("VmHWM")}))
"""


def memory(path: Path) -> None:
    """Peak resident memory of one read in a fresh process, per engine (Linux /proc)."""
    if not Path("/proc/self/status").exists():
        print("\npeak memory: needs Linux /proc")
        return
    print(f"\npeak memory, one read of {path.name} in a fresh process (MiB):")
    for engine in ("pdfium", "pdfplumber"):
        out = subprocess.run(
            [sys.executable, "-c", _MEMORY, str(path), engine],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        got = json.loads(out.strip().splitlines()[-1])
        print(
            f"  {engine:11} process peak {got['peak']:7.1f}, of which the read "
            f"{got['peak'] - got['before']:7.1f} (size before it {got['before']:.1f})"
        )


# where the PDFium read's time goes: label -> function names (cumulative time)
_PARTS = {
    "PDFium source: pages, characters, paths": ("page",),
    "  of which the character pass": ("_chars",),
    "lines from glyphs": ("build_lines",),
    "ruled tables (pdfplumber's table finder)": ("_ruled_tables",),
    "glyph -> cell": ("assign_to_cells",),
    "underline marks, check boxes": ("_mark_underlines", "find_checkboxes"),
    "tables without rules (alignment)": ("find_aligned_tables",),
    "headers/footers": ("_split_running",),
    "paragraphs, joins, layout (assembly)": ("_assemble",),
}


def profile(blobs: list[tuple[str, bytes]]) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for _, data in blobs:
        read(data, PDFIUM)
    prof.disable()
    stats = pstats.Stats(prof)
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(v[3] for (_, _, fn), v in entries.items() if fn == "read")
    print(f"\nwhere the PDFium read's time goes ({total:.2f} s profiled):")
    for label, names in _PARTS.items():
        ct = sum(v[3] for (_, _, f), v in entries.items() if f in names)
        print(f"  {label:45} {ct:7.2f} s  {100 * ct / total:5.1f} %")
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SAMPLES])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--copies", type=int, default=4, help="seed copies in the corpus")
    parser.add_argument("--profile", action="store_true", help="profile the PDFium reads")
    args = parser.parse_args()
    files = pdf_files(args.paths)
    blobs = [(f.name, f.read_bytes()) for f in files]
    run(blobs, args.rounds, "seed PDFs")
    big = corpus(files, args.copies)
    run([(f"corpus: the seeds x{args.copies}", big)], max(1, args.rounds - 1), "corpus")
    if FRAMEWORK.exists():
        memory(FRAMEWORK)
    if args.profile:
        profile(blobs)


if __name__ == "__main__":
    main()
