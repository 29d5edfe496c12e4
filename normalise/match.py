"""Match names as written onto a registry: matched / review / unmatched, with score and reason.

Order of evidence, strongest first: a person's decision; the normalised name or an alias
exactly; the name without a trailing qualifier; a truncated name completed by the same
document (context); fuzzy scoring; the prefix rule for truncated headers.

Fuzzy scoring uses only the fast scorer (`ratio` on pre-sorted normalised words, which is
`token_sort_ratio` without re-sorting inside the 100k x 5k loop) through ``process.cdist`` in
uint8 chunks, keeping the top few entries per name. It auto-accepts only above a high score,
with a clear margin over the runner-up, and when every meaningful word of each side is
covered by the other: `Planning law` vs `Planning policy and procedures`, `Housing law` vs
`Housing strategy` share words but are different things. Everything uncertain goes to review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from roleframe.normalise.acronym import acronym_of, initials
from roleframe.normalise.decisions import DecisionBook
from roleframe.normalise.evidence import Lead, leads
from roleframe.normalise.registry import LISTS
from roleframe.normalise.text import (
    content_words,
    key,
    light_key,
    plain_tokens,
    same_word,
    sorted_key,
    stem,
    stem_key,
    strip_qualifier,
    tokens,
)
from roleframe.schema.base import Provenance
from roleframe.schema.canon import DecisionAction, Decisions, Entry, EntryStatus, ListName, Registry
from roleframe.schema.match import Candidate, MatchStatus, NameMatch

AUTO_SCORE = 90.0  # fast-scorer score needed to auto-accept
AUTO_MARGIN = 6.0  # and this far ahead of the runner-up
REVIEW_SCORE = 72.0  # below this a fuzzy candidate alone is not worth a person's time
# Factor names are short and schemes reuse words: NJC `Knowledge` scores 75 against JE13
# `Knowledge & skills` but is a different factor, so factors need more to reach review.
REVIEW_SCORE_BY_LIST = {"competencies": REVIEW_SCORE, "categories": REVIEW_SCORE, "factors": 80.0}
WORD_TYPO = 85.0  # two words of 4+ letters this similar count as the same word (typos)
TOP_K = 5  # candidates kept per name
BATCH_NAMES = 10_000  # names matched per batch (bounds memory for long lists)
SUBSET_REVIEW_MAX = 3  # a name inside at most this many entries' names is worth reviewing
CHUNK_CELLS = 8_000_000  # uint8 cells per cdist chunk (8 MB), whatever the registry size
WINDOW = 20  # per name, entries scoring within this many points of its best are ranked
KEEP_FLOOR = 55  # ... if they score at least this (the best is always kept)
# Below this score a fuzzy candidate goes to review only if it shares a distinctive word with
# the name: `Networking` scores 82 against `Lone Working`, `Supplier management` 72 against
# `Office Management`, and neither is worth a reviewer's time.
CLOSE_SCORE = 85.0
# A fuzzy score this close to the bar is accepted when the name is unambiguous: every word of
# each side is in the other (typos allowed) and the runner-up is this far behind.
NEAR_AUTO_SCORE = 85.0
NEAR_AUTO_MARGIN = 15.0
DISTINCTIVE_SHARE = 0.01  # a word in at most this share of entries (and at most 3) is distinctive

T = TypeVar("T")

# Lists where a name made of some of an entry's words is a plausible variant worth review.
# Not factors: other schemes reuse the words for different factors (NJC `Knowledge` is not
# JE13 `Knowledge & skills`), so those stay unmatched and are kept as written.
SUBSET_REVIEW: dict[str, bool] = {"competencies": True, "categories": True, "factors": False}


def covered(words: Sequence[str], other: Sequence[str], firm: bool = False) -> bool:
    """Every meaningful word of ``words`` appears in ``other`` (allowing a typo in long words;
    ``firm``: only a typo that keeps the first letter, `kills` is no `skills`)."""
    pool = set(other)
    for word in content_words(words):
        if word in pool or any(same_word(word, o) for o in pool):
            continue
        if len(word) >= 4 and any(is_typo(word, o) and (not firm or word[0] == o[0]) for o in pool):
            continue
        return False
    return True


def is_typo(a: str, b: str) -> bool:
    """Whether two words of 4+ letters are one word mistyped: very similar (`managment`), or
    the same letters with two swapped (`saftey`, `polciy`). `networking` is not `working`."""
    if len(a) < 4 or len(b) < 4 or abs(len(a) - len(b)) > 2:
        return False
    if fuzz.ratio(a, b) >= WORD_TYPO:
        return True
    return len(a) == len(b) and a[0] == b[0] and sorted(a) == sorted(b)


@dataclass(slots=True)
class _Target:
    """One entry a name can land on (retired entries land on their replacement)."""

    entry: Entry
    retired: bool  # retired with no replacement: never auto-matched
    words: list[tuple[str, ...]] = field(default_factory=list)  # tokens of each of its names
    plain: list[tuple[str, ...]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # distinct sorted keys (what cdist scores)
    vocab: set[str] = field(default_factory=set)  # every meaningful word of its names


class ListIndex:
    """Everything needed to match against one registry list, built once per registry."""

    def __init__(self, registry: Registry, list_name: ListName) -> None:
        self.list_name = list_name
        all_entries: list[Entry] = list(getattr(registry, list_name))
        by_id = {e.id: e for e in all_entries}
        self.targets: list[_Target] = []
        self.by_id: dict[str, int] = {}
        self.exact: dict[str, list[tuple[int, str]]] = {}
        self.known_words: set[str] = set()
        self.stems: dict[str, list[int]] = {}
        self.squashed: dict[str, list[int]] = {}  # keys without spaces: `Team work` = `Teamwork`
        for entry in all_entries:
            target_entry = _follow(entry, by_id)
            if target_entry.id not in self.by_id:
                self.by_id[target_entry.id] = len(self.targets)
                self.targets.append(
                    _Target(target_entry, target_entry.status == EntryStatus.RETIRED)
                )
            self.by_id.setdefault(entry.id, self.by_id[target_entry.id])
        for entry in all_entries:
            t = self.by_id[entry.id]
            for i, name in enumerate([entry.name, *entry.aliases]):
                method = "exact" if i == 0 and entry.id == self.targets[t].entry.id else "alias"
                k = key(name)
                if not k:
                    continue
                slots = self.exact.setdefault(k, [])
                if all(s[0] != t for s in slots):
                    slots.append((t, method))
                squashed = self.squashed.setdefault(k.replace(" ", ""), [])
                if t not in squashed:
                    squashed.append(t)
                stems = self.stems.setdefault(stem_key(name), [])
                if t not in stems:
                    stems.append(t)
                self.targets[t].words.append(tokens(name))
                self.targets[t].plain.append(plain_tokens(name))
                self.known_words.update(plain_tokens(name))
        # fuzzy choices: each target's distinct sorted keys; column -> target
        choices: list[str] = []
        owners: list[int] = []
        for t, target in enumerate(self.targets):
            target.keys = sorted({" ".join(sorted(content_words(w))) for w in target.words} - {""})
            target.vocab = {word for w in target.words for word in content_words(w)}
            choices.extend(target.keys)
            owners.extend([t] * len(target.keys))
        self.choices = choices
        self.owners = np.asarray(owners, dtype=np.intp)
        self.columns: list[np.ndarray] = []  # each target's columns in `choices`
        first = 0
        for target in self.targets:
            self.columns.append(np.arange(first, first + len(target.keys), dtype=np.intp))
            first += len(target.keys)
        # prefix-rule candidates by the first three letters of their first word
        self.by_start: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for t, target in enumerate(self.targets):
            for words in dict.fromkeys(target.plain):
                if words:
                    self.by_start.setdefault(words[0][:3], []).append((t, words))
        self.word_index: dict[str, set[int]] = {}
        for t, target in enumerate(self.targets):
            for words in target.words:
                for word in content_words(words):
                    self.word_index.setdefault(word, set()).add(t)
        self.stem_index: dict[str, set[int]] = {}
        for word, ts in self.word_index.items():
            self.stem_index.setdefault(stem(word), set()).update(ts)
        # acronyms: entries by their initials (`ed&i`, keyed without the joiners), and
        # entries written as acronyms (`ICT`) by their letters
        self.initials: dict[str, list[tuple[int, str]]] = {}
        self.acronym_names: dict[str, list[tuple[int, str]]] = {}
        for entry in all_entries:
            t = self.by_id[entry.id]
            for name in [entry.name, *entry.aliases]:
                for written in initials(name):
                    self.initials.setdefault(written.replace("&", ""), []).append((t, written))
                acronym = acronym_of(name)
                if acronym is not None:
                    self.acronym_names.setdefault(acronym.replace("&", ""), []).append((t, acronym))
        self.subset_review = SUBSET_REVIEW[list_name]
        # factors' one-word names (`Resources`) are too generic to be a long name's short form
        self.long_name_min_words = 2 if list_name == "factors" else 1

    def candidate(self, t: int, score: float) -> Candidate:
        entry = self.targets[t].entry
        return Candidate(canonical_id=entry.id, canonical_name=entry.name, score=round(score, 1))

    def best_ratio(self, query_sorted: str, t: int) -> float:
        return max((fuzz.ratio(query_sorted, k) for k in self.targets[t].keys), default=0.0)

    def shares_distinctive_word(self, words: Sequence[str], t: int) -> bool:
        """Shares a word that few entries use (`planning`, not `management`)."""
        limit = max(3, int(len(self.targets) * DISTINCTIVE_SHARE))
        vocab = self.targets[t].vocab
        for word in content_words(words):
            shared = [o for o in vocab if o == word or stem(o) == stem(word) or is_typo(word, o)]
            if any(len(self.word_index.get(o, ())) <= limit for o in shared):
                return True
        return False

    def shares_word(self, words: Sequence[str], t: int) -> bool:
        """Whether a target's names share at least one meaningful word with ``words``."""
        vocab = self.targets[t].vocab
        meaningful = content_words(words)
        return bool(vocab.intersection(meaningful)) or any(
            covered([word], tuple(vocab)) for word in meaningful
        )

    def fast_topk(
        self, queries: list[str], workers: int, k: int = TOP_K
    ) -> list[list[tuple[int, float]]]:
        """Top-k targets per query by `ratio` on sorted keys.

        ``cdist`` runs in uint8 chunks of a few MB (the float matrix for 100k x 5k is 2 GB).
        Per row only columns within ``WINDOW`` points of the row's best survive (a vectorised
        mask: far cheaper than a per-row partial sort), they are folded onto their entries
        (names and aliases) and the few kept are re-scored exactly as floats."""
        if not queries or not self.choices:
            return [[] for _ in queries]
        rows_per_chunk = max(1, CHUNK_CELLS // len(self.choices))
        out: list[list[tuple[int, float]]] = []
        for start in range(0, len(queries), rows_per_chunk):
            chunk = queries[start : start + rows_per_chunk]
            block = process.cdist(
                chunk, self.choices, scorer=fuzz.ratio, dtype=np.uint8, workers=workers
            )
            best = block.max(axis=1).astype(np.int16)
            # keep what is near the best and plausible at all; always the best itself
            floor = np.minimum(np.maximum(best - WINDOW, KEEP_FLOOR), np.maximum(best, 1))
            rows, cols = np.nonzero(block >= floor[:, None].astype(np.uint8))
            bounds = np.searchsorted(rows, np.arange(len(chunk) + 1))
            owners = self.owners[cols].tolist()
            scores = block[rows, cols].tolist()
            for i, query in enumerate(chunk):
                lo, hi = int(bounds[i]), int(bounds[i + 1])
                coarse: dict[int, int] = {}
                for t, score in zip(owners[lo:hi], scores[lo:hi], strict=True):
                    if score > coarse.get(t, -1):
                        coarse[t] = score
                kept = sorted(coarse, key=lambda t: (-coarse[t], t))[:k]
                if len(kept) == 1:  # the runner-up shows how clear the margin is: keep one
                    row = block[i].copy()
                    row[self.columns[kept[0]]] = 0
                    if row.max() > 0:
                        kept.append(int(self.owners[int(row.argmax())]))
                ranked = [(t, self.best_ratio(query, t)) for t in kept]
                ranked.sort(key=lambda pair: (-pair[1], pair[0]))
                out.append(ranked)
        return out

    def prefix_targets(self, plain: tuple[str, ...]) -> list[int] | None:
        """Targets a truncated name can be the start of, or None if it does not look cut.

        Looks cut: the last word is not a word any name in this list uses (`n` in
        `Financial n`; `law` is a real word here, so `Housing law` is not truncated)."""
        if not plain or plain[-1] in self.known_words or plain[-1].isdigit():
            return None
        if len(plain) < 2 and len(plain[0]) < 5:
            return None
        return truncation_hits(plain, self.by_start.get(plain[0][:3], []))

    def fragment_may_be_word(self, plain: tuple[str, ...], t: int) -> bool:
        """For a unique prefix hit: could the last word be whole (`law` vs `lawyers`)?"""
        n = len(plain) - 1
        return any(
            len(words) > n and could_be_whole_word(plain[-1], words[n])
            for words in self.targets[t].plain
            if words[:n] == plain[:-1]
        )

    def uses(self, word: str) -> bool:
        """Whether some name in this list has the word (the context of synonym swaps)."""
        return word in self.word_index

    def word_hits(self, words: tuple[str, ...]) -> list[int]:
        """Targets whose name has exactly these words (in any order or word form)."""
        meaningful = content_words(words)
        if not meaningful:
            return []
        hits = [t for t, _ in self.exact.get(" ".join(meaningful), [])]
        stems = self.stems.get(" ".join(sorted({stem(w) for w in meaningful})), [])
        hits += [t for t in stems if self.same_words(words, t)]
        return list(dict.fromkeys(hits))

    def same_words(self, words: Sequence[str], t: int) -> bool:
        """Whether one of a target's names has the same words in other forms or order:
        each word of either side is a form of a word of the other (``same_word``)."""
        mine = set(content_words(list(words)))
        for other in self.targets[t].words:
            theirs = set(content_words(other))
            if all(any(same_word(w, o) for o in theirs) for w in mine) and all(
                any(same_word(o, w) for w in mine) for o in theirs
            ):
                return True
        return False

    def targets_sharing(self, words: set[str]) -> list[int]:
        """Targets with at least one of the words (or a word of the same stem)."""
        found: set[int] = set()
        for word in words:
            found |= self.word_index.get(word, set()) | self.stem_index.get(stem(word), set())
        return sorted(found)

    def subset_targets(self, words: tuple[str, ...]) -> list[int]:
        """Targets whose names contain every meaningful word of the query."""
        meaningful = content_words(words)
        if not meaningful:
            return []
        sets = [self.word_index.get(w, set()) for w in meaningful]
        return sorted(set.intersection(*sets)) if sets else []


def _follow(entry: Entry, by_id: dict[str, Entry]) -> Entry:
    seen: set[str] = set()
    while entry.status == EntryStatus.RETIRED and entry.replaced_by in by_id:
        if entry.id in seen:
            break
        seen.add(entry.id)
        entry = by_id[entry.replaced_by]
    return entry


# Endings that turn a word into a longer word: a "truncated" `law` completed to `lawyers` is
# more likely a different, whole word than a cut header, so that goes to review.
_WORD_ENDINGS = frozenset(
    [
        "s",
        "es",
        "er",
        "ers",
        "yer",
        "yers",
        "ing",
        "ings",
        "ed",
        "ment",
        "ments",
        "ion",
        "ions",
        "ation",
        "ations",
        "al",
        "ally",
        "ly",
        "ness",
        "ity",
        "ities",
        "ship",
        "ships",
        "ist",
        "ists",
        "ive",
        "ise",
        "ize",
        "ised",
        "ized",
        "ance",
        "ence",
        "y",
    ]
)


def could_be_whole_word(fragment: str, completed: str) -> bool:
    """Whether ``fragment`` may be a word of its own rather than a cut-off ``completed``."""
    return len(fragment) >= 3 and completed[len(fragment) :] in _WORD_ENDINGS


def _subsequence(fragment: str, text: str) -> bool:
    rest = iter(text)
    return all(ch in rest for ch in fragment)


def truncation_hits(plain: tuple[str, ...], names: Sequence[tuple[T, tuple[str, ...]]]) -> list[T]:
    """Which names a cut-off name is the start of: same leading words, and the last fragment
    begins the next word (`Housing l` -> `Housing law`) or, for a one- or two-letter stub
    left by a cut header, occurs further on (`Financial n` -> `Financial management`, the
    skills matrix header). Prefix hits win over stub hits. Distinct keys, in input order."""
    head, tail = plain[:-1], plain[-1]
    prefix: dict[T, None] = {}
    stub: dict[T, None] = {}
    for ident, words in names:
        if len(words) < len(plain) or words[: len(head)] != head or words == plain:
            continue
        nxt = words[len(head)]
        if nxt.startswith(tail) and nxt != tail:
            prefix[ident] = None
        elif head and len(tail) <= 2 and _subsequence(tail, " ".join(words[len(head) :])):
            stub[ident] = None
    return list(prefix or stub)


def complete_truncated(name: str, context: Sequence[str]) -> str | None:
    """A truncated header completed by a longer name in the same document (`Financial n`
    in the matrix header, `Financial management` in the descriptor table): the unique
    context name the header can be the start of, else None."""
    plain = plain_tokens(name)
    if not plain or not context:
        return None
    others = [
        (light_key(o), plain_tokens(o)) for o in dict.fromkeys(context)
        if light_key(o) != light_key(name)
    ]  # fmt: skip
    if any(words == plain for _, words in others):
        return None
    hits = truncation_hits(plain, others)
    if len(hits) != 1:
        return None
    return next(o for o in context if light_key(o) == hits[0])


@dataclass(slots=True)
class _Pending:
    name: str
    list_name: ListName
    query: str  # the text actually scored (the context-resolved name, if any)
    resolved: str | None
    negatives: set[int]
    rejected: bool  # a person rejected earlier candidates: never auto-accept again


class Matcher:
    """A registry prepared for matching (indexes per list); reuse it across documents."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.lists: dict[ListName, ListIndex] = {name: ListIndex(registry, name) for name in LISTS}

    def match(
        self,
        names: Iterable[tuple[str, ListName]],
        decisions: Decisions | DecisionBook | None = None,
        context: Sequence[str] | None = None,
        workers: int = 1,
    ) -> list[NameMatch]:
        """One NameMatch per input pair, in input order."""
        return list(self.iter_match(names, decisions, context, workers))

    def iter_match(
        self,
        names: Iterable[tuple[str, ListName]],
        decisions: Decisions | DecisionBook | None = None,
        context: Sequence[str] | None = None,
        workers: int = 1,
        batch_size: int = BATCH_NAMES,
    ) -> Iterator[NameMatch]:
        """Like :meth:`match`, but in batches: memory stays flat however many names come."""
        book = decisions if isinstance(decisions, DecisionBook) else DecisionBook(decisions)
        pairs = iter(names)
        while batch := list(islice(pairs, batch_size)):
            yield from self._match_batch(batch, book, context or (), workers)

    def _match_batch(
        self,
        names: list[tuple[str, ListName]],
        book: DecisionBook,
        context: Sequence[str],
        workers: int,
    ) -> list[NameMatch]:
        done: dict[tuple[str, str], NameMatch] = {}
        pending: dict[tuple[str, str], _Pending] = {}
        for name, list_name in names:
            slot = (name, list_name)
            if slot in done or slot in pending:
                continue
            early = self._early(name, list_name, book, context)
            if isinstance(early, NameMatch):
                done[slot] = early
            else:
                pending[slot] = early
        for list_name, index in self.lists.items():
            batch = [p for p in pending.values() if p.list_name == list_name]
            queries = [sorted_key(p.query) for p in batch]
            ranked = index.fast_topk(queries, workers, k=TOP_K + 2)
            for item, ranking in zip(batch, ranked, strict=True):
                ranking = [(t, s) for t, s in ranking if t not in item.negatives][:TOP_K]
                done[(item.name, list_name)] = self._decide(item, index, ranking)
        return [done[(name, list_name)] for name, list_name in names]

    # -- stages ------------------------------------------------------------------------

    def _early(
        self, name: str, list_name: ListName, book: DecisionBook, context: Sequence[str]
    ) -> NameMatch | _Pending:
        index = self.lists[list_name]
        negatives: set[int] = set()
        rejected = False
        if len(book):  # most runs have few decisions or none: skip the lookups then
            decided = self._decided(name, list_name, book, index)
            if decided is not None:
                return decided
            negatives = {
                index.by_id[i] for i in book.negatives(list_name, name) if i in index.by_id
            }
            last = book.get(list_name, name)
            rejected = last is not None and last.action == DecisionAction.REJECT
        if not content_words(tokens(name)):
            return NameMatch(
                name=name, list=list_name, status=MatchStatus.UNMATCHED, method="none",
                reason="The name has no words to match on.",
            )  # fmt: skip
        hit = self._lookup(name, name, list_name, index, negatives, rejected)
        if hit is not None:
            return hit
        resolved = complete_truncated(name, context)
        if resolved is not None:
            decided = self._decided(resolved, list_name, book, index) if len(book) else None
            if decided is not None:
                return decided.model_copy(update={"name": name, "resolved_name": resolved})
            hit = self._lookup(name, resolved, list_name, index, negatives, rejected)
            if hit is not None:
                if hit.status == MatchStatus.MATCHED:
                    hit = hit.model_copy(update={"method": "context"})
                return hit.model_copy(update={"resolved_name": resolved})
        return _Pending(name, list_name, resolved or name, resolved, negatives, rejected)

    def _decided(
        self, name: str, list_name: ListName, book: DecisionBook, index: ListIndex
    ) -> NameMatch | None:
        decision = book.get(list_name, name)
        if decision is None or decision.action == DecisionAction.REJECT:
            return None
        if decision.action == DecisionAction.NEW:
            return NameMatch(
                name=name, list=list_name, status=MatchStatus.UNMATCHED, method="decision",
                reason=f"Decided by {decision.who} on {decision.when}: a new entry, not in "
                "the registry; kept as written.",
            )  # fmt: skip
        t = index.by_id.get(decision.canonical_id or "")
        if t is None:
            return None  # the decision points outside this registry: fall back to scoring
        return NameMatch(
            name=name,
            list=list_name,
            status=MatchStatus.MATCHED,
            canonical_id=index.targets[t].entry.id,
            canonical_name=index.targets[t].entry.name,
            score=100,
            method="decision",
        )

    def _lookup(
        self,
        name: str,
        query: str,
        list_name: ListName,
        index: ListIndex,
        negatives: set[int],
        rejected: bool,
    ) -> NameMatch | None:
        """Exact / alias lookup on the normalised name, then without a trailing qualifier."""
        for text, qualifier in ((query, False), (strip_qualifier(query), True)):
            if text is None:
                continue
            slots = [s for s in index.exact.get(key(text), []) if s[0] not in negatives]
            if not slots:
                continue
            method = "qualifier" if qualifier else slots[0][1]
            if len(slots) > 1:
                return _review(
                    name, list_name, index, [(t, 100.0) for t, _ in slots], method,
                    "The name matches several entries exactly (their names or aliases collide).",
                )  # fmt: skip
            t = slots[0][0]
            if index.targets[t].retired or rejected:
                why = (
                    f"The entry was retired on {index.targets[t].entry.end_date or '?'}."
                    if index.targets[t].retired
                    else "An earlier decision rejected candidates for this name."
                )
                return _review(name, list_name, index, [(t, 100.0)], method, why)
            return _matched(name, list_name, index, t, 100.0, method, None)
        # spacing only: `Team work` / `Team-work` = `Teamwork`
        joined = [
            t for t in index.squashed.get(key(query).replace(" ", ""), []) if t not in negatives
        ]
        if len(joined) == 1 and not rejected and not index.targets[joined[0]].retired:
            return _matched(name, list_name, index, joined[0], 100.0, "exact", None)
        # the same words in another form or order: `Risk management` = `Managing risk`
        stems = [
            t
            for t in index.stems.get(stem_key(query), [])
            if t not in negatives and index.same_words(tokens(query), t)
        ]
        if len(stems) == 1 and not rejected and not index.targets[stems[0]].retired:
            t = stems[0]
            return _matched(name, list_name, index, t, index.best_ratio(sorted_key(query), t),
                            "stem", None)  # fmt: skip
        return None

    def _decide(
        self, item: _Pending, index: ListIndex, ranking: list[tuple[int, float]]
    ) -> NameMatch:
        name, list_name = item.name, item.list_name
        words = tokens(item.query)
        best = ranking[0] if ranking else None
        second = ranking[1] if len(ranking) > 1 else None
        if best is not None:
            t, score = best
            margin = score - (second[1] if second else 0.0)
            both_covered = any(
                covered(words, w) and covered(w, words) for w in index.targets[t].words
            )
            # near the bar but unambiguous: every word on both sides, nothing else close
            near = (
                score >= NEAR_AUTO_SCORE
                and margin >= NEAR_AUTO_MARGIN
                and any(
                    covered(words, w, firm=True) and covered(w, words, firm=True)
                    for w in index.targets[t].words
                )
            )
            if ((score >= AUTO_SCORE and margin >= AUTO_MARGIN) or near) and both_covered:
                if index.targets[t].retired or item.rejected:
                    why = (
                        "The best candidate is retired."
                        if index.targets[t].retired
                        else "An earlier decision rejected candidates for this name."
                    )
                    return _review(name, list_name, index, ranking, "fuzzy", why, item.resolved)
                method = "context" if item.resolved else "fuzzy"
                return _matched(name, list_name, index, t, score, method, second, item.resolved)
        found = leads(item.query, index, item.negatives)
        sure = [lead for lead in found if lead.auto]
        if (
            len(sure) == 1
            and len({lead.target for lead in found if lead.method == "synonym"}) == 1
            and not item.rejected
            and not index.targets[sure[0].target].retired
        ):  # `Working with councillors` = `Working with Elected Members`
            t = sure[0].target
            return _matched(name, list_name, index, t, 100.0, "synonym", None, item.resolved)
        prefix = [
            t
            for t in index.prefix_targets(plain_tokens(item.query)) or []
            if t not in item.negatives
        ]
        if (
            len(prefix) == 1
            and not item.rejected
            and not index.targets[prefix[0]].retired
            and not index.fragment_may_be_word(plain_tokens(item.query), prefix[0])
        ):
            t = prefix[0]
            return _matched(
                name, list_name, index, t, index.best_ratio(sorted_key(item.query), t),
                "context" if item.resolved else "prefix", None, item.resolved,
            )  # fmt: skip
        if prefix:
            ranked = _rescore(index, item.query, prefix)
            why = (
                f"The name looks truncated and {len(prefix)} entries start with it."
                if len(prefix) > 1
                else "The name may be truncated, or its last word may be a word of its own."
            )
            return _review(
                name, list_name, index, ranked, "prefix", why,
                item.resolved,
            )  # fmt: skip
        if found:  # acronym, synonym, long name or part: these candidates first
            return _review_leads(name, list_name, index, item, found, ranking)
        if (
            best is not None
            and best[1] >= REVIEW_SCORE_BY_LIST[list_name]
            and (best[1] >= CLOSE_SCORE or index.shares_distinctive_word(words, best[0]))
        ):
            # entries sharing the name's words are candidates even if their score is lower
            others = [t for t in index.subset_targets(words) if t not in item.negatives]
            ranking = _merge(ranking, _rescore(index, item.query, others[: TOP_K * 2]))
            if best[1] >= AUTO_SCORE and second and best[1] - second[1] < AUTO_MARGIN:
                why = f"Ambiguous: the runner-up is within {AUTO_MARGIN:g} points."
            elif best[1] >= AUTO_SCORE:
                why = "Similar, but some words of one name are missing from the other."
            else:
                why = f"Best score {best[1]:.1f} is below the auto-accept bar ({AUTO_SCORE:g})."
            return _review(name, list_name, index, ranking, "fuzzy", why, item.resolved)
        if SUBSET_REVIEW[list_name]:
            subset = [t for t in index.subset_targets(words) if t not in item.negatives]
            if 0 < len(subset) <= SUBSET_REVIEW_MAX:
                ranked = _rescore(index, item.query, subset)
                return _review(
                    name, list_name, index, ranked, "fuzzy",
                    "Every word of the name appears in a longer entry name.", item.resolved,
                )  # fmt: skip
        return NameMatch(
            name=name,
            list=list_name,
            status=MatchStatus.UNMATCHED,
            score=round(best[1], 1) if best else 0,
            method="none",
            runner_up=index.candidate(*best) if best else None,
            resolved_name=item.resolved,
            reason="No registry entry is close enough; kept as written.",
        )


def _review_leads(
    name: str,
    list_name: ListName,
    index: ListIndex,
    item: _Pending,
    found: list[Lead],
    ranking: list[tuple[int, float]],
) -> NameMatch:
    """Review with the leads' entries first (in the leads' order), then the fuzzy ones
    worth showing; the reason is the first lead's."""
    q = sorted_key(item.query)
    ranked = [(lead.target, index.best_ratio(q, lead.target)) for lead in found]
    led = {t for t, _ in ranked}
    threshold = REVIEW_SCORE_BY_LIST[list_name]
    ranked += [(t, sc) for t, sc in ranking if t not in led and sc >= threshold]
    return _review(
        name, list_name, index, ranked[:TOP_K], found[0].method, found[0].reason,
        item.resolved, keep=len(led),
    )  # fmt: skip


def _merge(
    first: list[tuple[int, float]], second: list[tuple[int, float]]
) -> list[tuple[int, float]]:
    scores = dict(second) | dict(first)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_K]


def _rescore(index: ListIndex, query: str, targets: list[int]) -> list[tuple[int, float]]:
    q = sorted_key(query)
    ranked = [(t, index.best_ratio(q, t)) for t in targets]
    ranked.sort(key=lambda pair: (-pair[1], pair[0]))
    return ranked[:TOP_K]


def _matched(
    name: str,
    list_name: ListName,
    index: ListIndex,
    t: int,
    score: float,
    method: str,
    second: tuple[int, float] | None,
    resolved: str | None = None,
) -> NameMatch:
    entry = index.targets[t].entry
    return NameMatch(
        name=name,
        list=list_name,
        status=MatchStatus.MATCHED,
        canonical_id=entry.id,
        canonical_name=entry.name,
        score=round(score, 1),
        method=method,
        runner_up=index.candidate(*second) if second and second[0] != t else None,
        resolved_name=resolved,
    )


def _review(
    name: str,
    list_name: ListName,
    index: ListIndex,
    ranking: list[tuple[int, float]],
    method: str,
    reason: str,
    resolved: str | None = None,
    keep: int = 1,
) -> NameMatch:
    # Scores alone put `Lone Working` next to `Planning`; show only candidates sharing a word
    # with the name (the first ``keep`` always: the best, or every lead), so a reviewer
    # reads a short, relevant list.
    words = tokens(name)
    kept = [p for i, p in enumerate(ranking) if i < keep or index.shares_word(words, p[0])]
    candidates = [index.candidate(t, s) for t, s in kept[:TOP_K]]
    return NameMatch(
        name=name,
        list=list_name,
        status=MatchStatus.REVIEW,
        score=candidates[0].score if candidates else 0,
        method=method,
        runner_up=candidates[1] if len(candidates) > 1 else None,
        candidates=candidates,
        resolved_name=resolved,
        reason=reason,
    )


_CACHE: list[tuple[Registry, Matcher]] = []


def matcher_for(registry: Registry) -> Matcher:
    """A prepared matcher, cached for the last few registries (the pipeline calls per file)."""
    for cached, matcher in _CACHE:
        if cached is registry:
            return matcher
    matcher = Matcher(registry)
    _CACHE.insert(0, (registry, matcher))
    del _CACHE[4:]
    return matcher


def match_names(
    names: Sequence[tuple[str, ListName]],
    registry: Registry,
    decisions: Decisions | None = None,
    context: Sequence[str] | None = None,
    workers: int = 1,
) -> list[NameMatch]:
    """Match (name as written, list name) pairs; one NameMatch per input, in input order.

    ``context``: the same document's other names (e.g. the skills-matrix descriptor table),
    used only to complete a truncated name. ``workers``: rapidfuzz threads (-1 = all cores).
    """
    return matcher_for(registry).match(names, decisions, context, workers)


class SurfaceLike(Protocol):
    """What an extractor hands over per name (``parsers.kinds.base.SurfaceName``)."""

    name: str
    list: ListName
    where: Provenance | None


def match_surface_names(
    names: Sequence[SurfaceLike],
    registry: Registry,
    decisions: Decisions | None = None,
    context: Sequence[str] | None = None,
    workers: int = 1,
) -> list[NameMatch]:
    """:func:`match_names` for an extraction's names: each result also says where the
    name is written (`where`), so every name in a Document keeps its provenance."""
    results = match_names([(n.name, n.list) for n in names], registry, decisions, context, workers)
    return [
        r.model_copy(update={"where": n.where}) if n.where is not None else r
        for n, r in zip(names, results, strict=True)
    ]
