"""Pair old items with new items: by id, by a reviewer's decision, by name, then by a rename
score; and find which paired items moved.

Position is never evidence: an item removed and another added at the same place, with other
names and other content, stay a removal and an addition. Order only matters after pairing,
where a longest increasing subsequence of the paired positions says which items kept their
relative order; only the others moved (a swap of two items moves one, not both).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from roleframe.ingest.diff.decisions import RenameDecisions
from roleframe.ingest.diff.similarity import dice, name_key, name_similarity, text_similarity
from roleframe.schema.base import Provenance
from roleframe.schema.changeset import Pairing, PossibleRename, Thresholds

DEFAULT_THRESHOLDS = Thresholds(
    rename=0.75, spelling=0.88, content=0.8, possible=0.45, statement=0.6
)


@dataclass(frozen=True, eq=False)
class Item:
    """One thing to pair: its name, the ids it carries, and its content as a word multiset."""

    name: str
    payload: Any = None
    ids: frozenset[str] = frozenset()
    content: Counter[str] = field(default_factory=Counter)
    id: str | None = None
    where: Provenance | None = None

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class Pair:
    old: int
    new: int
    pairing: Pairing


@dataclass(frozen=True)
class Pairs:
    """The result of pairing two lists: pairs (by old index), and the hints on the rest."""

    pairs: list[Pair]
    removed: list[int]
    added: list[int]
    old_hints: dict[int, PossibleRename]
    new_hints: dict[int, PossibleRename]

    def partner_of_old(self) -> dict[int, Pair]:
        return {p.old: p for p in self.pairs}

    def partner_of_new(self) -> dict[int, Pair]:
        return {p.new: p for p in self.pairs}


def _scores(a: Item, b: Item) -> tuple[float, float | None, float]:
    name = name_similarity(a.name, b.name)
    content = dice(a.content, b.content)
    combined = name if content is None else 0.35 * name + 0.65 * content
    return name, content, combined


def _is_rename(name: float, content: float | None, combined: float, th: Thresholds) -> bool:
    """A spelling change whose content does not contradict it, the same content under another
    name, or both similar enough together."""
    if name >= th.spelling and (content is None or content >= 0.5):
        return True
    if content is not None and content >= th.content:
        return True
    return content is not None and combined >= th.rename and name >= 0.5


def pair_items(
    old: Sequence[Item],
    new: Sequence[Item],
    entity: str,
    th: Thresholds,
    decisions: RenameDecisions | None = None,
) -> Pairs:
    """Pair two lists of items; see the module docstring for the order of the rules."""
    left = set(range(len(old)))
    right = set(range(len(new)))
    pairs: list[Pair] = []

    def take(i: int, j: int, pairing: Pairing) -> None:
        left.discard(i)
        right.discard(j)
        pairs.append(Pair(i, j, pairing))

    # 1. ids both sides carry, when the id names exactly one item on each side
    old_by_id: dict[str, list[int]] = defaultdict(list)
    new_by_id: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(old):
        for x in it.ids:
            old_by_id[x].append(i)
    for j, it in enumerate(new):
        for x in it.ids:
            new_by_id[x].append(j)
    for x in sorted(old_by_id.keys() & new_by_id.keys()):
        olds, news = old_by_id[x], new_by_id[x]
        if len(olds) == 1 and len(news) == 1 and olds[0] in left and news[0] in right:
            take(olds[0], news[0], Pairing(method="id"))

    # 2. a reviewer's confirmed renames (and rejections, which block rule 4)
    rejected: set[tuple[str, str]] = set()
    if decisions is not None:
        for i in sorted(left):
            for j in sorted(right):
                verdict = decisions.verdict(entity, old[i].name, new[j].name)
                if verdict is True and i in left and j in right:
                    take(i, j, Pairing(method="decision"))
                elif verdict is False:
                    rejected.add((old[i].key, new[j].key))

    # 3. the same name (light normalisation); repeats pair in order of appearance
    by_key: dict[str, list[int]] = defaultdict(list)
    for j in sorted(right):
        by_key[new[j].key].append(j)
    for i in sorted(left):
        candidates = by_key.get(old[i].key)
        if candidates:
            take(i, candidates.pop(0), Pairing(method="name"))

    # 4. rename score, best first, each item at most once
    scored = []
    for i in sorted(left):
        for j in sorted(right):
            if (old[i].key, new[j].key) in rejected:
                continue
            name, content, combined = _scores(old[i], new[j])
            scored.append((combined, name, content, i, j))
    scored.sort(key=lambda s: (-s[0], s[3], s[4]))
    hints_old: dict[int, PossibleRename] = {}
    hints_new: dict[int, PossibleRename] = {}
    for combined, name, content, i, j in scored:
        if i not in left or j not in right:
            continue
        if _is_rename(name, content, combined, th):
            take(
                i,
                j,
                Pairing(
                    method="rename",
                    name_score=round(name, 3),
                    content_score=None if content is None else round(content, 3),
                    score=round(combined, 3),
                ),
            )
    # 5. what is left: a hint at the best candidate on the other side, if it is plausible
    for combined, name, content, i, j in scored:
        if i in left and j in right and combined >= th.possible:
            if i not in hints_old:
                hints_old[i] = _hint(new[j], name, content, combined)
            if j not in hints_new:
                hints_new[j] = _hint(old[i], name, content, combined)
    pairs.sort(key=lambda p: p.old)
    return Pairs(pairs, sorted(left), sorted(right), hints_old, hints_new)


def _hint(other: Item, name: float, content: float | None, combined: float) -> PossibleRename:
    return PossibleRename(
        name=other.name,
        id=other.id,
        name_score=round(name, 3),
        content_score=None if content is None else round(content, 3),
        score=round(combined, 3),
    )


def pair_texts(old: Sequence[str], new: Sequence[str], th: Thresholds) -> Pairs:
    """Pair statements by content: the same text, then the same cosmetic key, then the most
    similar text above the statement threshold (best first)."""
    from roleframe.ingest.diff.similarity import cosmetic_key

    left = set(range(len(old)))
    right = set(range(len(new)))
    pairs: list[Pair] = []
    for keyf in (lambda s: s, cosmetic_key):
        index: dict[str, list[int]] = defaultdict(list)
        for j in sorted(right):
            index[keyf(new[j])].append(j)
        for i in sorted(left):
            candidates = index.get(keyf(old[i]))
            if candidates:
                j = candidates.pop(0)
                left.discard(i)
                right.discard(j)
                pairs.append(Pair(i, j, Pairing(method="text")))
    scored = sorted(
        ((-text_similarity(old[i], new[j]), i, j) for i in sorted(left) for j in sorted(right)),
    )
    for negative, i, j in scored:
        if -negative < th.statement:
            break
        if i in left and j in right:
            left.discard(i)
            right.discard(j)
            pairs.append(Pair(i, j, Pairing(method="similar_text", score=round(-negative, 3))))
    pairs.sort(key=lambda p: p.old)
    return Pairs(pairs, sorted(left), sorted(right), {}, {})


def moved(pairs: Sequence[Pair]) -> set[int]:
    """Old indexes of paired items outside a longest increasing subsequence of new positions
    (taken in old order): the fewest items whose moving explains the new order."""
    seq = [p.new for p in sorted(pairs, key=lambda p: p.old)]
    olds = [p.old for p in sorted(pairs, key=lambda p: p.old)]
    if not seq:
        return set()
    tails: list[int] = []  # tails[k]: smallest tail value of an increasing run of length k+1
    tail_at: list[int] = []  # index in seq of that tail
    back = [-1] * len(seq)
    for k, value in enumerate(seq):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[pos] = value
            tail_at[pos] = k
        back[k] = tail_at[pos - 1] if pos else -1
    keep: set[int] = set()
    k = tail_at[-1]
    while k != -1:
        keep.add(k)
        k = back[k]
    return {olds[k] for k in range(len(seq)) if k not in keep}


def merged_order(result: Pairs, n_old: int, n_new: int) -> list[tuple[int | None, int | None]]:
    """Old and new positions merged into one reading order: the new order, with each removed
    item placed after the new position of the paired item that preceded it in the old order."""
    partner = result.partner_of_old()
    after: dict[int | None, list[int]] = defaultdict(list)  # new index (or None) -> removed
    anchor: int | None = None
    removed = set(result.removed)
    for i in range(n_old):
        if i in partner:
            anchor = partner[i].new
        elif i in removed:
            after[anchor].append(i)
    by_new = result.partner_of_new()
    order: list[tuple[int | None, int | None]] = [(i, None) for i in after.get(None, [])]
    for j in range(n_new):
        order.append((by_new[j].old if j in by_new else None, j))
        order.extend((i, None) for i in after.get(j, []))
    return order
