"""Collects changes in reading order, with the rules every kind shares: how a paired item
reports a rename or a move, how a text reports a cosmetic or a substantive edit, and how a
list of statements is paired by content."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from roleframe.ingest.diff.decisions import RenameDecisions
from roleframe.ingest.diff.pairing import Item, Pairs, merged_order, moved, pair_items, pair_texts
from roleframe.ingest.diff.similarity import is_cosmetic, word_diff
from roleframe.schema.base import Provenance
from roleframe.schema.changeset import Change, ChangeType, Thresholds


class Located(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def where(self) -> Provenance: ...


@dataclass
class Recorder:
    """The changes found so far, and the settings every rule needs."""

    thresholds: Thresholds
    decisions: RenameDecisions | None = None
    changes: list[Change] = field(default_factory=list)

    def add(self, type: ChangeType, entity: str, path: Sequence[str], **values: object) -> None:
        self.changes.append(Change(type=type, entity=entity, path=list(path), **values))  # type: ignore[arg-type]

    def items(
        self,
        entity: str,
        path: Sequence[str],
        old: Sequence[Item],
        new: Sequence[Item],
        on_pair: Callable[[Item, Item, list[str]], None] | None = None,
        track_moves: bool = True,
        move_is_elsewhere: Callable[[Item, Item], bool] | None = None,
    ) -> Pairs:
        """Pair two lists of named items and record additions, removals, renames and moves;
        ``on_pair`` then compares the insides of each pair (in reading order).
        ``move_is_elsewhere`` says when a pair's move is reported by ``on_pair`` instead (a
        competency that changed cluster)."""
        result = pair_items(old, new, entity, self.thresholds, self.decisions)
        moves = moved(result.pairs) if track_moves else set()
        partner = result.partner_of_old()
        for i, j in merged_order(result, len(old), len(new)):
            if j is None and i is not None:
                it = old[i]
                hint = result.old_hints.get(i)
                self.add(
                    ChangeType.REMOVED,
                    entity,
                    path,
                    old_id=it.id,
                    old_name=it.name,
                    old_where=it.where,
                    possible_rename=hint,
                    needs_review=hint is not None,
                )
            elif i is None and j is not None:
                it = new[j]
                hint = result.new_hints.get(j)
                self.add(
                    ChangeType.ADDED,
                    entity,
                    path,
                    new_id=it.id,
                    new_name=it.name,
                    new_where=it.where,
                    possible_rename=hint,
                    needs_review=hint is not None,
                )
            elif i is not None and j is not None:
                a, b, pair = old[i], new[j], partner[i]
                common = {
                    "old_id": a.id,
                    "new_id": b.id,
                    "old_name": a.name,
                    "new_name": b.name,
                    "old_where": a.where,
                    "new_where": b.where,
                    "pairing": pair.pairing,
                }
                if a.name != b.name:  # a change of case or spacing only is cosmetic
                    kind = (
                        ChangeType.COSMETIC if is_cosmetic(a.name, b.name) else ChangeType.RENAMED
                    )
                    self.add(kind, entity, path, **common)
                if i in moves and not (move_is_elsewhere and move_is_elsewhere(a, b)):
                    self.add(
                        ChangeType.MOVED,
                        entity,
                        path,
                        old_value=f"position {i + 1} of {len(old)}",
                        new_value=f"position {j + 1} of {len(new)}",
                        **common,
                    )
                if on_pair is not None:
                    on_pair(a, b, [*path, b.name])
        return result

    def text(
        self,
        entity: str,
        path: Sequence[str],
        old: str | None,
        new: str | None,
        old_where: Provenance | None = None,
        new_where: Provenance | None = None,
    ) -> None:
        """One text slot (a definition, a descriptor): added, removed, cosmetic or changed."""
        old = old or None
        new = new or None
        if old == new:
            return
        where = {"old_where": old_where, "new_where": new_where}
        if old is None:
            self.add(ChangeType.ADDED, entity, path, new_value=new, **where)
        elif new is None:
            self.add(ChangeType.REMOVED, entity, path, old_value=old, **where)
        else:
            kind = ChangeType.COSMETIC if is_cosmetic(old, new) else ChangeType.TEXT_CHANGED
            self.add(
                kind, entity, path, old_value=old, new_value=new, words=word_diff(old, new), **where
            )

    def value(
        self,
        entity: str,
        path: Sequence[str],
        old: object,
        new: object,
        old_where: Provenance | None = None,
        new_where: Provenance | None = None,
    ) -> None:
        """A value slot (a grade, a level, a total): raised, lowered, changed, added, removed."""
        if old == new or (old in (None, "") and new in (None, "")):
            return
        where = {"old_where": old_where, "new_where": new_where}
        o = None if old in (None, "") else str(old)
        n = None if new in (None, "") else str(new)
        if o is None:
            self.add(ChangeType.ADDED, entity, path, new_value=n, **where)
        elif n is None:
            self.add(ChangeType.REMOVED, entity, path, old_value=o, **where)
        elif (a := _number(old)) is not None and (b := _number(new)) is not None:
            kind = ChangeType.RAISED if b > a else ChangeType.LOWERED
            self.add(kind, entity, path, old_value=o, new_value=n, **where)
        else:
            self.add(ChangeType.VALUE_CHANGED, entity, path, old_value=o, new_value=n, **where)

    def statements(
        self, entity: str, path: Sequence[str], old: Sequence[Located], new: Sequence[Located]
    ) -> None:
        """Statements of one slot (a level, a category), paired by content, never by index:
        additions, removals, edits with a word diff, cosmetic edits, moves."""
        result = pair_texts([s.text for s in old], [s.text for s in new], self.thresholds)
        moves = moved(result.pairs)
        partner = result.partner_of_old()
        for i, j in merged_order(result, len(old), len(new)):
            if j is None and i is not None:
                s = old[i]
                self.add(ChangeType.REMOVED, entity, path, old_value=s.text, old_where=s.where)
            elif i is None and j is not None:
                s = new[j]
                self.add(ChangeType.ADDED, entity, path, new_value=s.text, new_where=s.where)
            elif i is not None and j is not None:
                a, b = old[i], new[j]
                pairing = partner[i].pairing
                where = {"old_where": a.where, "new_where": b.where}
                if a.text != b.text:
                    kind = (
                        ChangeType.COSMETIC
                        if is_cosmetic(a.text, b.text)
                        else ChangeType.TEXT_CHANGED
                    )
                    self.add(
                        kind,
                        entity,
                        path,
                        old_value=a.text,
                        new_value=b.text,
                        words=word_diff(a.text, b.text),
                        pairing=pairing,
                        **where,
                    )
                if i in moves:
                    self.add(
                        ChangeType.MOVED,
                        entity,
                        path,
                        old_value=a.text,
                        new_value=b.text,
                        **where,
                    )


def _number(value: object) -> float | None:
    """A level, score or grade as a number (`3`, `320`, `11.5`), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None
