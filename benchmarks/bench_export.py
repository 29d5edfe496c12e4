"""Exports stream: peak memory stays flat as the number of documents grows.

Makes a folder of N distinct document JSON files (copies of every reviewed golden document,
all five kinds, each with its own id, file name and hash), then exports the first tenth and
all of them in each format, each export in a fresh process, and prints per export the
documents, lines, seconds, documents per second and the peak resident memory of the process
(ru_maxrss), then per format the ratio of peak memory at the larger size to the smaller:
about 1.0 while documents grow 10x means nothing grows with the input (the ~2 MiB that
remain are pydantic-core's JSON string cache, fixed at 16,384 entries, filling up once). A
10,000-document run of every format takes a while on a shared machine: pick --formats.

    python benchmarks/bench_export.py [--documents 10000] [--formats jsonl,csv,zip,xlsx,json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
TARGETS = {
    "jsonl": "x.jsonl",
    "csv": "tables",
    "zip": "tables.zip",
    "xlsx": "x.xlsx",
    "json": "x.json",
}

_EXPORTER = """
import json, resource, sys, time
from pathlib import Path
from roleframe.ingest.exports.run import export
from roleframe.ingest.exports.sources import read_path
fmt, source, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
start = time.perf_counter()
report = export(fmt, read_path(source), target)
seconds = time.perf_counter() - start
assert not report.failed, report.failed[:3]
print(json.dumps({
    "documents": report.documents,
    "lines": sum(report.lines.values()),
    "seconds": seconds,
    "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def golden_documents() -> list[dict]:
    found = []
    for path in sorted(GOLDEN.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and {"kind", "source", "content"} <= set(data):
            found.append(data)
    return found


def make_folder(folder: Path, count: int) -> None:
    """``count`` distinct documents, cycling through the goldens."""
    documents = golden_documents()
    folder.mkdir(parents=True)
    for i in range(count):
        data = dict(documents[i % len(documents)])
        source = dict(data["source"])
        source["filename"] = f"{i:05d}-{source['filename']}"
        source["sha256"] = hashlib.sha256(f"bench-{i}".encode()).hexdigest()
        data["source"] = source
        data["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, source["sha256"]))
        (folder / f"{i:05d}.json").write_text(json.dumps(data), encoding="utf-8")


def subset(folder: Path, count: int, into: Path) -> Path:
    """The first ``count`` documents, hard-linked into their own folder."""
    into.mkdir()
    for path in sorted(folder.iterdir())[:count]:
        os.link(path, into / path.name)
    return into


def run_export(fmt: str, source: Path, target: Path) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    output = subprocess.run(
        [sys.executable, "-c", _EXPORTER, "csv" if fmt == "zip" else fmt, str(source), str(target)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    return json.loads(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--formats", default=",".join(TARGETS))
    args = parser.parse_args()
    formats = args.formats.split(",")
    sizes = [args.documents // 10, args.documents]
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        base = Path(tmp)
        started = time.perf_counter()
        make_folder(base / "all", args.documents)
        print(
            f"{args.documents} documents from {len(golden_documents())} goldens written in "
            f"{time.perf_counter() - started:.0f} s; {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        folders = {n: subset(base / "all", n, base / f"n{n}") for n in sizes}
        print(
            f"{'format':7} {'documents':>9} {'lines':>9} {'seconds':>8} {'docs/s':>7} "
            f"{'peak MiB':>9}"
        )
        peaks: dict[str, list[float]] = {}
        for fmt in formats:
            for n in sizes:
                out = base / f"out-{fmt}-{n}"
                result = run_export(fmt, folders[n], out / TARGETS[fmt])
                peak = result["peak_kib"] / 1024
                peaks.setdefault(fmt, []).append(peak)
                print(
                    f"{fmt:7} {result['documents']:9} {result['lines']:9} "
                    f"{result['seconds']:8.1f} {result['documents'] / result['seconds']:7.0f} "
                    f"{peak:9.1f}"
                )
        print()
        print(
            f"peak memory ratio, {sizes[-1]} documents against {sizes[0]} "
            f"({sizes[-1] // sizes[0]}x):"
        )
        for fmt, values in peaks.items():
            print(
                f"  {fmt:7} {values[-1] / values[0]:.2f}  ({values[0]:.0f} -> {values[-1]:.0f} MiB)"
            )


if __name__ == "__main__":
    main()
