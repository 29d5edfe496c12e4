"""Fidelity on the foreign-layouts corpus: precision, recall and F1 per kind x field.

The corpus (tests/fixtures/foreign) holds documents in layouts no extractor was written
for, each with hand-written expected facts. Prints the table, then with ``--misses`` the
facts each document missed or invented.

    python benchmarks/bench_foreign.py [--misses] [--only SUBSTRING]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from foreign.score import cases, misses, run, score, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list missed/spurious facts")
    parser.add_argument("--only", default="", help="only cases whose name contains this")
    args = parser.parse_args()
    outcomes = [run(c) for c in cases() if args.only in c.name]
    print(f"foreign corpus: {len(outcomes)} documents")
    print(table(score(outcomes)))
    if args.misses:
        for o in outcomes:
            found = misses(o, limit=20)
            if found:
                print(f"\n{o.case.name}")
                print("\n".join(f"  {m}" for m in found))


if __name__ == "__main__":
    main()
