"""The review loop: collect names left to review, export them, apply people's decisions.

Pending names are grouped on their light key (the decision key), so one decision settles
every document that wrote the name that way. They are re-matched against the current
registry and decisions first: a name decided since the documents were written is not pending.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from roleframe.normalise.decisions import DecisionBook, make_decision
from roleframe.normalise.match import Matcher
from roleframe.normalise.registry import LISTS
from roleframe.normalise.text import key, light_key
from roleframe.parsers.delimited import sniff_delimiter
from roleframe.schema.canon import Decision, DecisionAction, Decisions, ListName, Registry
from roleframe.schema.match import MatchStatus, NameMatch

EXPORT_CANDIDATES = 3
EXPORT_COLUMNS = [
    "list", "name", "key", "occurrences", "files", "status", "reason",
    *[f"candidate_{i}_{part}" for i in range(1, EXPORT_CANDIDATES + 1)
      for part in ("id", "name", "score")],
    "action", "canonical_id", "note",
]  # fmt: skip
ACTIONS = {
    "a": DecisionAction.ACCEPT,
    "accept": DecisionAction.ACCEPT,
    "p": DecisionAction.PICK,
    "pick": DecisionAction.PICK,
    "n": DecisionAction.NEW,
    "new": DecisionAction.NEW,
    "r": DecisionAction.REJECT,
    "reject": DecisionAction.REJECT,
}


class ReviewError(ValueError):
    """A decisions CSV row that cannot be applied (the message names the line)."""


@dataclass(slots=True)
class Pending:
    """One name (as a light key) awaiting a person, with where it was seen."""

    list_name: ListName
    name: str
    key: str
    resolved: str | None = None
    files: set[str] = field(default_factory=set)
    occurrences: int = 0
    match: NameMatch | None = None


def collect_pending(
    folder: Path,
    registry: Registry,
    decisions: Decisions | None = None,
    include_unmatched: bool = False,
) -> list[Pending]:
    """Pending names from every document JSON under ``folder`` (other JSON files are
    skipped), re-matched now, grouped and deduplicated, most frequent first."""
    groups: dict[tuple[str, str], Pending] = {}
    wanted = {MatchStatus.REVIEW.value} | (
        {MatchStatus.UNMATCHED.value} if include_unmatched else set()
    )
    for path in sorted(folder.rglob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("names"), list):
            continue
        for item in doc["names"]:
            if not isinstance(item, dict) or item.get("status") not in wanted:
                continue
            if item.get("list") not in LISTS or not item.get("name"):
                continue
            slot = (item["list"], light_key(item["name"]))
            group = groups.setdefault(
                slot, Pending(item["list"], item["name"], slot[1], item.get("resolved_name"))
            )
            group.files.add(str(path.relative_to(folder)))
            group.occurrences += 1
    matcher = Matcher(registry)
    book = DecisionBook(decisions)
    pending: list[Pending] = []
    for group in groups.values():
        context = [group.resolved] if group.resolved else None
        [now] = matcher.match([(group.name, group.list_name)], book, context)
        if now.status.value in wanted and now.method != "decision":
            group.match = now
            pending.append(group)
    pending.sort(key=lambda g: (LISTS.index(g.list_name), -g.occurrences, g.key))
    return pending


def export_csv(pending: Sequence[Pending]) -> str:
    """The pending names as a CSV to fill in: `action` (accept, pick, new, reject) and, for
    pick, `canonical_id` (an id or a registry name)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for group in pending:
        match = group.match
        row = {
            "list": group.list_name,
            "name": group.name,
            "key": group.key,
            "occurrences": group.occurrences,
            "files": "; ".join(sorted(group.files)),
            "status": match.status.value if match else "",
            "reason": match.reason or "" if match else "",
            "action": "",
            "canonical_id": "",
            "note": "",
        }
        for i, cand in enumerate(_candidates(match)[:EXPORT_CANDIDATES], start=1):
            row |= {
                f"candidate_{i}_id": cand[0],
                f"candidate_{i}_name": cand[1],
                f"candidate_{i}_score": f"{cand[2]:g}",
            }
        writer.writerow(row)
    return out.getvalue()


def _candidates(match: NameMatch | None) -> list[tuple[str, str, float]]:
    if match is None:
        return []
    cands = list(match.candidates)
    if not cands and match.runner_up is not None:
        cands = [match.runner_up]  # an unmatched name shows its nearest entry
    return [(c.canonical_id, c.canonical_name, c.score) for c in cands]


def decisions_from_csv(text: str, registry: Registry, who: str, when: str) -> list[Decision]:
    """Decisions from a filled-in export; rows with an empty action are skipped. Excel may
    save it back with semicolons (a European list separator): the shared sniffer decides."""
    out: list[Decision] = []
    reader = csv.DictReader(io.StringIO(text), delimiter=sniff_delimiter(text))
    for line, row in enumerate(reader, start=2):
        raw_action = (row.get("action") or "").strip().casefold()
        if not raw_action:
            continue
        action = ACTIONS.get(raw_action)
        if action is None:
            raise ReviewError(
                f"line {line}: unknown action {raw_action!r} (accept, pick, new, reject)"
            )
        list_name = row.get("list") or ""
        if list_name not in LISTS:
            raise ReviewError(f"line {line}: unknown list {list_name!r}")
        candidates = [row.get(f"candidate_{i}_id") or "" for i in range(1, EXPORT_CANDIDATES + 1)]
        candidates = [c for c in candidates if c]
        target: str | None = None
        if action == DecisionAction.ACCEPT:
            target = (row.get("canonical_id") or "").strip() or (
                candidates[0] if candidates else None
            )
        elif action == DecisionAction.PICK:
            target = (row.get("canonical_id") or "").strip() or None
        if action in (DecisionAction.ACCEPT, DecisionAction.PICK):
            if not target:
                raise ReviewError(f"line {line}: {action.value} needs canonical_id")
            target = resolve_target(registry, list_name, target)
            if target is None:
                raise ReviewError(
                    f"line {line}: {row.get('canonical_id')!r} is no id or name in the registry"
                )
        not_ids: Iterable[str] = ()
        if action == DecisionAction.REJECT:
            not_ids = candidates
        elif action == DecisionAction.PICK and candidates:
            not_ids = [candidates[0]]  # picking another says the proposal was wrong
        out.append(
            make_decision(
                cast(ListName, list_name), row.get("name") or "", action, who, when, target,
                not_ids,
                note=(row.get("note") or "").strip() or None,
            )
        )  # fmt: skip
    return out


def resolve_target(registry: Registry, list_name: str, text: str) -> str | None:
    """An entry id from an id or a name (preferred or alias) in ``list_name``."""
    entries = list(getattr(registry, list_name))
    for entry in entries:
        if entry.id == text:
            return entry.id
    wanted = key(text)
    hits = [e.id for e in entries if wanted in {key(n) for n in [e.name, *e.aliases]}]
    return hits[0] if len(hits) == 1 else None
