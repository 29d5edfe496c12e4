"""What loading into the shared database costs, next to ingesting, and with loaders at once.

Prints, measured in this one run on this machine:
- per sample document: ingest time (bytes -> Document, in-process) and load time (document
  JSON -> database, one transaction, into a fresh file), and the ratio load / ingest over
  all of them;
- the share of load time spent holding the database's write lock (the part loaders cannot
  do side by side);
- loads per second for 4 loader processes at once against 1, on the same documents
  (distinct copies of the seed documents: every one is a full load, none a rendition),
  with the machine's cores and load average, which bound what 4 processes can gain.

    python benchmarks/bench_load.py [--copies 12]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix != ".md")

_LOADER = """
import json, sys, time
from pathlib import Path
from roleframe.ingest.dataset import LoadOptions, load
files = sys.argv[2:]
start = time.time()
report = load(files, LoadOptions(db=Path(sys.argv[1])))
end = time.time()
assert all(row.status.value == "loaded" for row in report.rows), report
print(json.dumps({"start": start, "end": end, "loaded": len(report.rows)}))
"""


def ingest_and_load(folder: Path) -> list[Path]:
    """Time each sample's ingest and load; returns the document JSON files."""
    from roleframe.ingest.build import build_document
    from roleframe.ingest.dataset import store
    from roleframe.ingest.dataset.db import connect, write
    from roleframe.ingest.dataset.store import StoreOptions, store_document
    from roleframe.ingest.export import to_json
    from roleframe.schema.document import Document

    held = [0.0]

    @contextmanager
    def timed_write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        started = time.perf_counter()
        with write(conn):
            yield conn
        held[0] += time.perf_counter() - started

    store.write = timed_write  # type: ignore[assignment]  # measure the lock, same code
    conn = connect(folder / "timing.db")
    documents: list[Path] = []
    total_ingest = total_load = 0.0
    print(f"{'document':45} {'ingest s':>9} {'load s':>8} {'ratio':>7}")
    for sample in SAMPLES:
        started = time.perf_counter()
        document = build_document(sample.read_bytes(), sample.name)
        text = to_json(document)
        ingest = time.perf_counter() - started
        started = time.perf_counter()
        store_document(conn, Document.model_validate_json(text), text, StoreOptions(who="bench"))
        load = time.perf_counter() - started
        total_ingest += ingest
        total_load += load
        path = folder / f"{sample.name}.json"
        path.write_text(text, encoding="utf-8")
        documents.append(path)
        print(f"{sample.name:45} {ingest:9.3f} {load:8.3f} {load / ingest:7.2f}")
    conn.close()
    print(
        f"{'all ' + str(len(SAMPLES)) + ' documents':45} {total_ingest:9.3f} {total_load:8.3f} "
        f"{total_load / total_ingest:7.2f}"
    )
    print(
        f"load time per document is {total_load / total_ingest:.2f}x its ingest time "
        "(renditions after the first load only add provenance)"
    )
    print(f"the write lock was held for {held[0] / total_load:.0%} of the load time")
    return documents


def copies(documents: list[Path], folder: Path, count: int) -> list[Path]:
    """``count`` distinct copies of each seed document's Word rendition: new bytes (sha256,
    id), title and organisation, so each copy is a full load of a new series, not a
    rendition of another copy."""
    out: list[Path] = []
    for source in documents:
        if not source.name.endswith(".docx.json"):
            continue
        data = json.loads(source.read_text(encoding="utf-8"))
        for n in range(count):
            copy = json.loads(json.dumps(data))
            copy["source"]["sha256"] = f"{n:08d}" + copy["source"]["sha256"][8:]
            copy["id"] = f"{n:08d}" + copy["id"][8:]
            copy["title"] = f"{copy.get('title') or 'untitled'} (copy {n})"
            copy["organisation"] = f"Council {n}"
            path = folder / f"copy{n}-{source.name}"
            path.write_text(json.dumps(copy), encoding="utf-8")
            out.append(path)
    return out


def loaders(files: list[Path], processes: int, db: Path) -> float:
    """Loads per second with ``processes`` loaders sharing the files, from the first
    loader's start to the last one's end (interpreter start-up excluded)."""
    shares = [files[i::processes] for i in range(processes)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _LOADER, str(db), *map(str, share)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for share in shares
    ]
    results = []
    for proc in procs:
        out, _ = proc.communicate()
        if proc.returncode:
            raise SystemExit(f"a loader failed ({proc.returncode})")
        results.append(json.loads(out))
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    return sum(r["loaded"] for r in results) / wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=12, help="copies of each seed document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        documents = ingest_and_load(folder)
        (folder / "copies").mkdir()
        files = copies(documents, folder / "copies", args.copies)
        one = loaders(files, 1, folder / "one.db")
        four = loaders(files, 4, folder / "four.db")
        cores, load_average = os.cpu_count(), os.getloadavg()[0]
        print(
            f"\n{len(files)} distinct documents into a fresh database "
            f"({cores} cores, load average {load_average:.1f}):"
        )
        print(f"  1 loader : {one:6.1f} loads/s")
        print(f"  4 loaders: {four:6.1f} loads/s  ({four / one:.2f}x; writes are serialised by "
              "SQLite's lock, reading and mapping run in parallel)")  # fmt: skip


if __name__ == "__main__":
    main()
