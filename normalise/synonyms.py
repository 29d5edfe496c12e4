"""Public-sector synonyms: other words for the same thing, as alternative forms of a name.

Three strengths, each with its own policy:

* ``EQUIVALENT`` - two names for one thing in UK local government (`councillors` are the
  `elected members`). The rewritten name may be auto-matched when it hits an entry exactly.
* ``RELATED`` - names of the same family that a person should confirm: the benefits (`housing
  benefit`, `council tax reduction` - the local scheme that replaced council tax benefit in
  2013 - `universal credit`), `members` for elected members. Review only.
* ``CONTEXTUAL`` - `customer`, `resident` and `tenant` are the same people to a housing
  provider and different people to a lawyer (`Landlord and tenant law`). A swap is offered
  only when the registry list does not use the name's own word, so a registry that speaks of
  tenants keeps its tenants; review only.

Phrases are in the matching form (``normalise.text.tokens``: singular, British, abbreviations
expanded). A name gets at most a few alternatives, each with one phrase swapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum


class Strength(Enum):
    EQUIVALENT = "equivalent"
    RELATED = "related"
    CONTEXTUAL = "contextual"


EQUIVALENT: tuple[tuple[str, ...], ...] = (
    ("councillor", "elected member"),
    ("council tax reduction", "council tax support"),
)
RELATED: tuple[tuple[str, ...], ...] = (
    ("elected member", "member"),
    (
        "housing benefit",
        "council tax benefit",
        "council tax reduction",
        "council tax support",
        "universal credit",
        "welfare benefit",
    ),
)
CONTEXTUAL: tuple[tuple[str, ...], ...] = (("customer", "resident", "tenant"),)

GROUPS: tuple[tuple[Strength, tuple[tuple[str, ...], ...]], ...] = (
    (Strength.EQUIVALENT, EQUIVALENT),
    (Strength.RELATED, RELATED),
    (Strength.CONTEXTUAL, CONTEXTUAL),
)


@dataclass(frozen=True, slots=True)
class Alternative:
    words: tuple[str, ...]  # the name's words with one phrase swapped
    strength: Strength
    swapped: tuple[str, str]  # (phrase as in the name, phrase put in its place)


def _find(words: tuple[str, ...], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == phrase:
            return i
    return -1


def alternatives(words: tuple[str, ...], list_uses: Callable[[str], bool]) -> Iterator[Alternative]:
    """Each alternative form of ``words`` with one synonym phrase swapped for another of its
    group. ``list_uses(word)``: whether the registry list has the word in some entry's
    name (the context check of ``CONTEXTUAL`` swaps)."""
    seen: set[tuple[str, ...]] = {words}
    for strength, groups in GROUPS:
        for group in groups:
            phrases = [tuple(p.split()) for p in group]
            taken: set[int] = set()  # word positions a longer phrase already swapped
            # longest phrases first: `elected member` before the `member` inside it
            for phrase in sorted(phrases, key=len, reverse=True):
                at = _find(words, phrase)
                span = set(range(at, at + len(phrase)))
                if at < 0 or span & taken:
                    continue
                taken |= span
                if strength == Strength.CONTEXTUAL and any(list_uses(w) for w in phrase):
                    continue
                # the closest phrase first: `council tax reduction` -> `council tax benefit`
                others = sorted(
                    (o for o in phrases if o != phrase), key=lambda o: -len(set(o) & set(phrase))
                )
                for other in others:
                    if strength == Strength.CONTEXTUAL and not all(list_uses(w) for w in other):
                        continue
                    new = words[:at] + other + words[at + len(phrase) :]
                    if new not in seen:
                        seen.add(new)
                        yield Alternative(new, strength, (" ".join(phrase), " ".join(other)))
