"""Diff speed: two competency frameworks of 300 competencies x 4 levels x 5 statements.

Version 2 renames 10% of the competencies, rewords 10% of the statements, swaps 20 pairs of
competencies, moves 15 to another cluster, removes 10 and adds 10. Prints the time of the
diff as a ratio to the time of reading the two document JSON files (read, parse, validate:
what any consumer pays), both measured in the same run, best of N rounds.

    python benchmarks/bench_diff.py [--rounds N] [--competencies N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from roleframe.ingest.diff import diff_documents
from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind, Format, Provenance
from roleframe.schema.competency_framework import (
    Competency,
    CompetencyFramework,
    CompetencyLevel,
    SubArea,
    Text,
)
from roleframe.schema.document import Document, ParserInfo, Source

# A vocabulary the size of a real framework's (a few thousand words), made of syllables.
_SYLLABLES = ["ra", "co", "ten", "bu", "di", "ser", "pol", "ma", "ri", "lo", "ve", "sta"]
WORDS = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in ("", "n", "s", "te")})


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(7, 14))).capitalize() + "."


def _framework(spec: list[tuple[str, str, list[list[str]]]], name: str) -> Document:
    w = Provenance(table=0, row=0, column=0)
    comps = [
        Competency(
            name=title,
            title_raw=title,
            section=cluster,
            where=w.with_(row=r),
            levels=[
                CompetencyLevel(
                    level=n,
                    sub_areas=[
                        SubArea(
                            name=None,
                            statements=[Text(text=s, where=w.with_(row=r, column=n)) for s in lv],
                        )
                    ],
                    where=w.with_(row=r, column=n),
                )
                for n, lv in enumerate(levels, start=1)
            ],
        )
        for r, (cluster, title, levels) in enumerate(spec)
    ]
    return Document(
        id=name,
        kind=DocumentKind.COMPETENCY_FRAMEWORK,
        source=Source(filename=name, format=Format.DOCX, sha256="0" * 64, size=1),
        parser=ParserInfo(reader="docx", extractor="bench", version="1"),
        content=CompetencyFramework(competencies=comps),
    )


def versions(n: int, seed: int = 7) -> tuple[Document, Document]:
    rng = random.Random(seed)
    v1 = [
        (
            f"Cluster {k % 12}",
            f"Competency {k} {rng.choice(WORDS)} {rng.choice(WORDS)}",
            [[_sentence(rng) for _ in range(5)] for _ in range(4)],
        )
        for k in range(n)
    ]
    v2 = [(c, t, [list(lv) for lv in levels]) for c, t, levels in v1]
    for k in rng.sample(range(n), n // 10):  # renames
        c, t, levels = v2[k]
        v2[k] = (c, t.replace("Competency", "Capability"), levels)
    for _ in range(n * 20 // 10):  # reworded statements (10% of 20 per competency)
        k, lv, s = rng.randrange(n), rng.randrange(4), rng.randrange(5)
        v2[k][2][lv][s] = v2[k][2][lv][s][:-1] + " " + rng.choice(WORDS) + "."
    for _ in range(20):  # swaps
        a, b = rng.sample(range(n), 2)
        v2[a], v2[b] = v2[b], v2[a]
    for k in rng.sample(range(n), 15):  # cluster moves
        c, t, levels = v2[k]
        v2[k] = ("Cluster moved", t, levels)
    removed = set(rng.sample(range(n), 10))
    v2 = [x for k, x in enumerate(v2) if k not in removed]
    for k in range(10):  # additions
        v2.insert(
            rng.randrange(len(v2)),
            (
                "Cluster new",
                f"New competency {k}",
                [[_sentence(rng) for _ in range(5)] for _ in range(4)],
            ),
        )
    return _framework(v1, "v1.docx"), _framework(v2, "v2.docx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--competencies", type=int, default=300)
    args = parser.parse_args()
    old, new = versions(args.competencies)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "v1.json", Path(tmp) / "v2.json"]
        for path, doc in zip(paths, (old, new), strict=True):
            path.write_text(to_json(doc), encoding="utf-8")
        read_times, diff_times = [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            docs = [Document.model_validate_json(p.read_bytes()) for p in paths]
            t1 = time.perf_counter()
            changes = diff_documents(*docs)
            t2 = time.perf_counter()
            read_times.append(t1 - t0)
            diff_times.append(t2 - t1)
    statements = sum(
        len(s.statements) for c in old.content.competencies for lv in c.levels for s in lv.sub_areas
    )  # type: ignore[union-attr]
    print(f"{args.competencies} competencies x 4 levels x 5 statements ({statements} a side)")
    print(f"read both JSON files: {min(read_times) * 1000:8.1f} ms (best of {args.rounds})")
    print(f"diff:                 {min(diff_times) * 1000:8.1f} ms")
    print(f"ratio diff / read:    {min(diff_times) / min(read_times):8.2f}")
    print("changes:", {k: v for k, v in changes.counts.items() if v})


if __name__ == "__main__":
    main()
