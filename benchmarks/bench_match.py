"""Names/second matching 100,000 names against a 5,000-entry registry, and peak memory.

Synthetic, deterministic data (fixed seed): entries of 2-5 words from a made-up vocabulary,
a fifth with an alias; queries are a mix a real batch would bring - exact and editorial
variants, typos, reordered words, truncations, and names that are in no registry.

Each mode runs in a fresh process so its peak RSS is its own::

    python benchmarks/bench_match.py                  # both modes, printed as a table
    python benchmarks/bench_match.py --names 20000    # smaller run

Target (issue 5): under 20 s and under 200 MB on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter

SEED = 20261122
SYLLABLES = [
    "ho", "us", "ing", "la", "w", "pla", "nn", "cor", "po", "ra", "te", "fin", "an", "ce",
    "ma", "na", "ge", "ment", "tre", "as", "ury", "sta", "ff", "con", "tra", "ct", "re",
    "port", "wri", "ti", "ng", "he", "al", "th", "sa", "fe", "ty", "cu", "sto", "mer",
]  # fmt: skip


def vocabulary(rng: random.Random, size: int = 900) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def registry_entries(rng: random.Random, vocab: list[str], n: int) -> list[tuple[str, list[str]]]:
    names: dict[str, list[str]] = {}
    while len(names) < n:
        words = rng.sample(vocab, rng.randint(2, 5))
        if rng.random() < 0.3:
            words.insert(rng.randint(1, len(words) - 1), "and")
        name = " ".join(words).capitalize()
        aliases = [" ".join(rng.sample(vocab, 2)).title()] if rng.random() < 0.2 else []
        names.setdefault(name, aliases)
    return sorted(names.items())


def typo(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text))
    op = rng.random()
    if op < 0.33:
        return text[:i] + text[i + 1 :]
    if op < 0.66:
        return text[:i] + rng.choice("aeioustrn") + text[i:]
    return text[:i] + rng.choice("aeioustrn") + text[i + 1 :]


def queries(
    rng: random.Random, vocab: list[str], entries: list[tuple[str, list[str]]], n: int
) -> list[str]:
    out: list[str] = []
    names = [name for name, _ in entries]
    while len(out) < n:
        name = rng.choice(names)
        kind = rng.random()
        if kind < 0.15:
            out.append(name.upper() if rng.random() < 0.5 else name.replace(" and ", " & "))
        elif kind < 0.45:
            out.append(typo(rng, name))
        elif kind < 0.6:
            words = name.split()
            rng.shuffle(words)
            out.append(" ".join(words))
        elif kind < 0.7:
            out.append(name[: max(4, len(name) - rng.randint(3, 8))])
        else:
            out.append(" ".join(rng.sample(vocab, rng.randint(2, 4))))
    return out


def run(n_names: int, n_entries: int, workers: int, as_list: bool) -> dict[str, object]:
    from roleframe.normalise import Matcher
    from roleframe.normalise.build import Proposal, build_registry
    from roleframe.schema.canon import EntrySource

    rng = random.Random(SEED)
    vocab = vocabulary(rng)
    entries = registry_entries(rng, vocab, n_entries)
    names = queries(rng, vocab, entries, n_names)
    src = EntrySource(file="synthetic", name="synthetic")
    registry = build_registry(
        [Proposal("competencies", name, src, aliases) for name, aliases in entries], "bench"
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    matcher = Matcher(registry)
    pairs = ((q, "competencies") for q in names)
    if as_list:  # the list API holds every result (about 1.5 KB per name) at once
        results = matcher.match(pairs, workers=workers)
        statuses = Counter(r.status.value for r in results)
        methods = Counter(r.method for r in results)
    else:  # streamed in batches, as a long list should be: memory stays flat
        statuses, methods = Counter(), Counter()
        for r in matcher.iter_match(pairs, workers=workers):
            statuses[r.status.value] += 1
            methods[r.method] += 1
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "workers": workers,
        "api": "list" if as_list else "stream",
        "names": n_names,
        "unique_names": len(set(names)),
        "entries": len(registry.competencies),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "load_average": round(os.getloadavg()[0], 1),
        "names_per_second": round(n_names / seconds),
        "peak_rss_mb": round(peak / 1024, 1),
        "rss_growth_mb": round((peak - rss_before) / 1024, 1),
        "statuses": dict(statuses),
        "methods": dict(methods),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--workers", type=int, help="run one mode in this process")
    parser.add_argument("--list-api", action="store_true", help="hold all results in a list")
    args = parser.parse_args()
    if args.workers is not None:
        print(json.dumps(run(args.names, args.entries, args.workers, args.list_api)))
        return 0
    rows = []
    for workers, as_list in ((1, False), (-1, False), (-1, True)):
        cmd = [sys.executable, __file__, "--names", str(args.names), "--entries",
               str(args.entries), "--workers", str(workers)]  # fmt: skip
        done = subprocess.run(
            cmd + (["--list-api"] if as_list else []), capture_output=True, text=True, check=True
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"cores: {os.cpu_count()}  names: {args.names:,}  registry: {args.entries:,} entries")
    for row in rows:
        mode = ("single thread" if row["workers"] == 1 else "workers=-1   ") + f" {row['api']:6}"
        print(
            f"{mode}  {row['seconds']:6.2f} s wall, {row['cpu_seconds']:6.2f} s CPU  "
            f"{row['names_per_second']:>8,} names/s  peak RSS {row['peak_rss_mb']} MB "
            f"(+{row['rss_growth_mb']} MB while matching)  load avg {row['load_average']}"
        )
    print(f"outcomes: {rows[0]['statuses']}  methods: {rows[0]['methods']}")
    print(
        f"speed-up with threads: {rows[0]['seconds'] / rows[1]['seconds']:.2f}x wall, "
        f"{rows[0]['cpu_seconds'] / rows[1]['seconds']:.2f}x CPU-single / wall-threaded"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
