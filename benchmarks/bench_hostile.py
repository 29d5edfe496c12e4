"""Hostile files are refused fast and small: wall time and peak memory per file.

    python benchmarks/bench_hostile.py [--unguarded]

Each file runs in a fresh subprocess (so peak RSS is that file's alone): import roleframe,
note the RSS, then ``ingest.worker.read_one`` on the bytes. Bounds: refused in under 1 s and
under 100 MB peak RSS (the whole process, interpreter and libraries included). With
``--unguarded`` it also shows what the zip bomb costs when python-docx/openpyxl open it
directly without the guard (capped at 2 GB address space and 60 s), for comparison.
The PDF bomb is inflated up to ``max_pdf_inflated`` (256 MB, streamed in 4 MB steps) before
it is refused, so its time is the cost of that inflation, with flat memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FILES = [
    "zip_bomb.docx",
    "zip_bomb.xlsx",
    "billion_laughs.docx",
    "billion_laughs.xlsx",
    "xxe.docx",
    "lying_sizes.docx",
    "pdf_bomb.pdf",
]
MAX_SECONDS = 1.0
MAX_MB = 100.0

GUARDED = """
import json, resource, sys, time
from roleframe.ingest.worker import read_one
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
data = open(sys.argv[1], "rb").read()
started = time.perf_counter()
outcome = read_one(data, sys.argv[1])
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
code = outcome.error.code.value if outcome.error else "ok"
print(json.dumps({"seconds": seconds, "peak_mb": peak, "base_mb": base, "code": code}))
"""

UNGUARDED = """
import io, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
name = sys.argv[1]
data = open(name, "rb").read()
started = time.perf_counter()
try:
    if name.endswith(".docx"):
        import docx
        docx.Document(io.BytesIO(data))
    else:
        import openpyxl
        openpyxl.load_workbook(io.BytesIO(data))
    code = "opened"
except BaseException as exc:
    code = type(exc).__name__
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "base_mb": 0, "code": code}))
"""


def measure(script: str, path: Path, timeout: float = 60) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "peak_mb": float("nan"), "base_mb": 0, "code": "timeout"}
    lines = done.stdout.strip().splitlines()
    if not lines:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "base_mb": 0, "code": "died"}
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def main() -> int:
    unguarded = "--unguarded" in sys.argv
    print(
        f"{'file':22} {'on disk':>9} {'code':16} {'seconds':>8} {'peak MB':>8} "
        f"{'over import':>11}  {'time/bound':>10} {'mem/bound':>9}"
    )
    failures = 0
    for name in FILES:
        path = HOSTILE / name
        result = measure(GUARDED, path)
        seconds, peak, base = (float(result[k]) for k in ("seconds", "peak_mb", "base_mb"))
        ok = seconds < MAX_SECONDS and peak < MAX_MB and result["code"] != "ok"
        failures += not ok
        print(
            f"{name:22} {path.stat().st_size:>9,} {result['code']!s:16} {seconds:>8.3f} "
            f"{peak:>8.1f} {peak - base:>11.1f}  {seconds / MAX_SECONDS:>10.3f} "
            f"{peak / MAX_MB:>9.2f}{'' if ok else '  OVER'}"
        )
    if unguarded:
        print("\nwithout the guard (library opens the file directly):")
        for name in ("zip_bomb.docx", "zip_bomb.xlsx"):
            result = measure(UNGUARDED, HOSTILE / name)
            print(
                f"{name:22} {result['code']!s:16} {float(result['seconds']):>8.2f} s "
                f"{float(result['peak_mb']):>8.1f} MB peak"
            )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
