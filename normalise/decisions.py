"""The decisions file: people's rulings on names, which win over scores on every later run."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from roleframe.normalise.registry import dumps
from roleframe.normalise.text import light_key
from roleframe.schema.canon import Decision, DecisionAction, Decisions, ListName
from roleframe.schema.files import write_atomic


def load_decisions(path: str | os.PathLike[str] | None) -> Decisions:
    """Read a decisions file; a missing file (or ``None``) is an empty set of decisions."""
    if path is None or not Path(path).exists():
        return Decisions()
    return Decisions.model_validate_json(Path(path).read_bytes())


def save_decisions(decisions: Decisions, path: str | os.PathLike[str]) -> None:
    write_atomic(path, dumps(decisions))


def default_decisions_path(canon_path: str | os.PathLike[str] | None) -> Path:
    """Decisions live beside the registry: ``canon.json`` -> ``canon.decisions.json``.

    For the shipped default registry (no ``--canon``) they go in the working folder."""
    if canon_path is None:
        return Path("canon.decisions.json")
    canon = Path(canon_path)
    return canon.with_name(f"{canon.stem}.decisions.json")


class DecisionBook:
    """Decisions indexed by (list, light key); the latest decision for a key wins, and the
    negatives of every decision for the key accumulate ("X is not Y" stays said)."""

    def __init__(self, decisions: Decisions | None = None) -> None:
        self._last: dict[tuple[str, str], Decision] = {}
        self._not: dict[tuple[str, str], set[str]] = {}
        for decision in (decisions or Decisions()).decisions:
            slot = (decision.list, decision.key)
            self._last[slot] = decision
            self._not.setdefault(slot, set()).update(decision.not_ids)

    def __len__(self) -> int:
        return len(self._last)

    def get(self, list_name: str, name: str) -> Decision | None:
        return self._last.get((list_name, light_key(name)))

    def negatives(self, list_name: str, name: str) -> set[str]:
        """Ids this name has been ruled NOT to be (minus a later accept of the same id)."""
        slot = (list_name, light_key(name))
        ruled_out = set(self._not.get(slot, ()))
        last = self._last.get(slot)
        if last is not None and last.canonical_id:
            ruled_out.discard(last.canonical_id)
        return ruled_out


def make_decision(
    list_name: ListName,
    name: str,
    action: DecisionAction,
    who: str,
    when: str,
    canonical_id: str | None = None,
    not_ids: Iterable[str] = (),
    note: str | None = None,
) -> Decision:
    """One decision, keyed on the light normalisation of ``name``."""
    if action in (DecisionAction.ACCEPT, DecisionAction.PICK) and not canonical_id:
        raise ValueError(f"a {action.value} decision needs the id of the entry it points at")
    return Decision(
        list=list_name,
        key=light_key(name),
        name=name,
        action=action,
        canonical_id=canonical_id
        if action in (DecisionAction.ACCEPT, DecisionAction.PICK)
        else None,
        not_ids=sorted(set(not_ids) - {canonical_id} if canonical_id else set(not_ids)),
        who=who,
        when=when,
        note=note,
    )


def add_decisions(decisions: Decisions, new: Iterable[Decision]) -> Decisions:
    """Append decisions (the file is a log: nothing is overwritten, the latest wins)."""
    return Decisions(decisions=[*decisions.decisions, *new])
