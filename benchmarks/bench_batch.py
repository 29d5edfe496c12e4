"""Batch throughput and memory: `roleframe ingest --jobs N` over a folder of many files.

Prints, measured in this one run on this machine:
- wall time and documents/second for --jobs 1 and --jobs 2 over the same inputs, and the
  speed-up ratio;
- the peak resident memory of the worker processes for a batch of 20 files and for a batch
  of 200 files (if memory leaked per file, the larger batch would show it).

Each batch runs in a fresh Python process; a sampler thread reads the peak resident size
(``VmHWM``) of every process below it every 50 ms (workers come from a forkserver, so
``RUSAGE_CHILDREN`` would not see them).

    python benchmarks/bench_batch.py [--files 200]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix != ".md")

_CHILD = """
import json, os, sys, threading, time
from pathlib import Path
from roleframe.ingest.batch import IngestOptions, run

def descendants(root):
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    parents[int(entry)] = int(handle.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                pass
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found

def peak_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

peak = [0]
done = threading.Event()
def sample():
    while not done.is_set():
        for pid in descendants(os.getpid()):
            peak[0] = max(peak[0], peak_kb(pid))
        time.sleep(0.05)

src, out, jobs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
started = time.perf_counter()
report = run([src], IngestOptions(output=out, jobs=jobs, force=True))
seconds = time.perf_counter() - started
done.set()
sampler.join()
print(json.dumps({"seconds": seconds, "files": len(report.rows),
                  "ok": sum(r.status.value == "ok" for r in report.rows),
                  "worker_peak_mb": peak[0] / 1024}))
"""


def _corpus(folder: Path, count: int) -> Path:
    """``count`` inputs cycling through the samples, each with different bytes (a trailing
    comment/NUL would corrupt zips, so copies differ by name only and --force re-parses)."""
    folder.mkdir(parents=True)
    for i in range(count):
        sample = SAMPLES[i % len(SAMPLES)]
        shutil.copyfile(sample, folder / f"{i:04d}_{sample.name}")
    return folder


def _batch(src: Path, out: Path, jobs: int) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(src), str(out), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--speed-files", type=int, default=48)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        speed_src = _corpus(base / "speed", args.speed_files)
        one = _batch(speed_src, base / "out1", 1)
        two = _batch(speed_src, base / "out2", 2)
        print(f"inputs: {args.speed_files} files cycling the {len(SAMPLES)} samples")
        for jobs, r in ((1, one), (2, two)):
            print(
                f"  --jobs {jobs}: {r['seconds']:.1f} s, {r['files'] / r['seconds']:.2f} docs/s, "
                f"{r['ok']}/{r['files']} ok"
            )
        print(f"  speed-up --jobs 2 vs 1: {one['seconds'] / two['seconds']:.2f}x")

        small = _batch(_corpus(base / "small", 20), base / "out_small", 1)
        large = _batch(_corpus(base / "large", args.files), base / "out_large", 1)
        print("worker peak RSS (max over workers):")
        print(f"  batch of 20:  {small['worker_peak_mb']:.0f} MB")
        print(f"  batch of {args.files}: {large['worker_peak_mb']:.0f} MB")
        ratio = large["worker_peak_mb"] / small["worker_peak_mb"]
        print(f"  growth ratio {args.files} vs 20 files: {ratio:.2f}x")


if __name__ == "__main__":
    main()
