"""Framework extraction cost next to reading: what the two kind extractors add per file.

For each framework sample and variant (docx and pdf), read the layout once, then time
`score` for both framework kinds and `extract` for the detected one, best of N rounds.
Prints seconds and the extract/read ratio: extraction is a single pass over the layout, so
the ratio should stay a few per cent whatever the format.

    python benchmarks/bench_frameworks.py [--rounds N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from roleframe.ingest.build import read_layout
from roleframe.parsers.kinds import competency_framework, progression_framework

ROOT = Path(__file__).resolve().parent.parent
KINDS = (competency_framework, progression_framework)
FILES = sorted(
    [
        *ROOT.glob("samples/00[34]_*.docx"),
        *ROOT.glob("samples/00[34]_*.pdf"),
        *ROOT.glob("tests/fixtures/frameworks/*.docx"),
        *ROOT.glob("tests/fixtures/frameworks/*.pdf"),
    ]
)


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"{'file':48} {'read s':>8} {'score s':>8} {'extract s':>9} {'extract/read':>12}")
    total_read = total_extract = 0.0
    for path in FILES:
        data = path.read_bytes()
        t = time.perf_counter()
        layout = read_layout(data)
        read = time.perf_counter() - t
        scores = {m: m.score(layout) for m in KINDS}
        module = max(scores, key=lambda m: scores[m])
        score = best(lambda lay=layout: [m.score(lay) for m in KINDS], args.rounds)  # type: ignore[misc]
        extract = best(lambda lay=layout, m=module: m.extract(lay), args.rounds)  # type: ignore[misc]
        total_read += read
        total_extract += extract
        print(f"{path.name:48} {read:8.3f} {score:8.4f} {extract:9.4f} {extract / read:12.3f}")
    print(f"{'all':48} {total_read:8.3f} {'':8} {total_extract:9.4f} "
          f"{total_extract / total_read:12.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
