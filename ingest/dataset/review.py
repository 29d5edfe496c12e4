"""The review loop for roles: titles near another role's wait for a person, like names do.

A role created in ``review`` keeps its own id and rows until someone rules: ``accept`` (the
first candidate) or ``pick`` (another role) folds it into that role (``merged_into``; its
mentions move, nothing is deleted); ``new`` and ``reject`` keep it as a role of its own.
Every ruling is a row of ``role_decisions``. The CSV has the same columns as the name review
(``normalise.review``), with ``list`` = ``roles`` and role ids in the id columns.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from roleframe.ingest.dataset.db import DEFAULT_DB, connect, now, write
from roleframe.normalise.review import ACTIONS, EXPORT_CANDIDATES, EXPORT_COLUMNS, ReviewError
from roleframe.schema.canon import DecisionAction

ROLES_LIST = "roles"


@dataclass(slots=True)
class RoleCandidate:
    role_id: str
    title: str
    score: float


@dataclass(slots=True)
class PendingRole:
    """A role waiting for a ruling, with the roles it may be and the files naming it."""

    role_id: str
    title: str
    organisation: str | None
    reason: str
    candidates: list[RoleCandidate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def pending_roles(db: str | Path = DEFAULT_DB) -> list[PendingRole]:
    with closing(connect(db, create=False)) as conn:
        return _pending(conn)


def _pending(conn: sqlite3.Connection) -> list[PendingRole]:
    out: list[PendingRole] = []
    roles = conn.execute(
        "SELECT id, title, organisation FROM roles WHERE status = 'review' "
        "AND merged_into IS NULL ORDER BY title COLLATE NOCASE, id"
    ).fetchall()
    for role in roles:
        mention = conn.execute(
            "SELECT match_method, candidates FROM role_mentions WHERE role_id = ? "
            "AND candidates IS NOT NULL ORDER BY version_id, position LIMIT 1",
            (role["id"],),
        ).fetchone()
        files = conn.execute(
            "SELECT DISTINCT d.filename FROM role_mentions m "
            "JOIN documents d ON d.version_id = m.version_id WHERE m.role_id = ? "
            "ORDER BY d.filename",
            (role["id"],),
        ).fetchall()
        candidates = [
            RoleCandidate(c["role_id"], c["title"], c["score"])
            for c in json.loads(mention["candidates"] if mention else "[]")
        ]
        out.append(
            PendingRole(
                role_id=role["id"],
                title=role["title"],
                organisation=role["organisation"],
                reason=_reason(mention["match_method"] if mention else "none"),
                candidates=candidates,
                files=[f["filename"] for f in files],
            )
        )
    return out


def _reason(method: str) -> str:
    return {
        "exact": "Same title, but the organisation is unknown on one side.",
        "near": "Every word of one title is in the other.",
        "qualifier": "The same title but for a qualifier (team, grade note, bracket).",
    }.get(method, "Similar titles; not close enough to be sure.")


def decide_role(
    db: str | Path,
    role_id: str,
    action: DecisionAction,
    target_role_id: str | None = None,
    who: str = "unknown",
    when: str | None = None,
    note: str | None = None,
) -> None:
    """Record one ruling and apply it (one transaction)."""
    with closing(connect(db, create=False)) as conn, write(conn):
        apply_decision(conn, role_id, action, target_role_id, who, when or now(), note)


def apply_decision(
    conn: sqlite3.Connection,
    role_id: str,
    action: DecisionAction,
    target_role_id: str | None,
    who: str,
    when: str,
    note: str | None,
) -> None:
    if conn.execute("SELECT 1 FROM roles WHERE id = ?", (role_id,)).fetchone() is None:
        raise ReviewError(f"no role has the id {role_id!r}")
    merging = action in (DecisionAction.ACCEPT, DecisionAction.PICK)
    target = _follow(conn, target_role_id) if merging and target_role_id else None
    if merging and (target is None or target == role_id):
        raise ReviewError(f"{action.value} needs another role's id")
    conn.execute(
        "INSERT INTO role_decisions (role_id, action, target_role_id, who, decided_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (role_id, action.value, target, who, when, note),
    )
    if merging:
        conn.execute(
            "UPDATE roles SET merged_into = ?, status = 'decided' WHERE id = ? OR merged_into = ?",
            (target, role_id, role_id),
        )
        conn.execute(
            "UPDATE role_mentions SET role_id = ?, match_status = 'decided', "
            "match_method = 'decision' WHERE role_id = ?",
            (target, role_id),
        )
    else:
        conn.execute("UPDATE roles SET status = 'decided' WHERE id = ?", (role_id,))
        conn.execute(
            "UPDATE role_mentions SET match_status = 'decided', match_method = 'decision' "
            "WHERE role_id = ? AND match_status = 'review'",
            (role_id,),
        )


def _follow(conn: sqlite3.Connection, role_id: str) -> str | None:
    seen: set[str] = set()
    current: str | None = role_id
    while current is not None and current not in seen:
        seen.add(current)
        row = conn.execute("SELECT merged_into FROM roles WHERE id = ?", (current,)).fetchone()
        if row is None:
            return None
        if row["merged_into"] is None:
            return current
        current = row["merged_into"]
    return current


def export_csv(pending: Sequence[PendingRole]) -> str:
    """Pending roles as the name review's CSV (list = roles) to fill in."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for role in pending:
        row: dict[str, object] = {
            "list": ROLES_LIST,
            "name": role.title,
            "key": role.role_id,
            "occurrences": len(role.files),
            "files": "; ".join(role.files),
            "status": "review",
            "reason": role.reason,
            "action": "",
            "canonical_id": "",
            "note": "",
        }
        for i, cand in enumerate(role.candidates[:EXPORT_CANDIDATES], start=1):
            row |= {
                f"candidate_{i}_id": cand.role_id,
                f"candidate_{i}_name": cand.title,
                f"candidate_{i}_score": f"{cand.score:g}",
            }
        writer.writerow(row)
    return out.getvalue()


def apply_csv(db: str | Path, text: str, who: str, when: str | None = None) -> int:
    """Apply a filled-in export (rows of list `roles`; an empty action is skipped), all in
    one transaction; returns how many rulings were applied."""
    applied = 0
    with closing(connect(db, create=False)) as conn, write(conn):
        for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            raw_action = (row.get("action") or "").strip().casefold()
            if not raw_action or row.get("list") != ROLES_LIST:
                continue
            action = ACTIONS.get(raw_action)
            if action is None:
                raise ReviewError(f"line {line}: unknown action {raw_action!r}")
            target = (row.get("canonical_id") or "").strip() or None
            if action == DecisionAction.ACCEPT and target is None:
                target = row.get("candidate_1_id") or None
            try:
                apply_decision(
                    conn,
                    row.get("key") or "",
                    action,
                    target,
                    who,
                    when or now(),
                    (row.get("note") or "").strip() or None,
                )
            except ReviewError as exc:
                raise ReviewError(f"line {line}: {exc}") from exc
            applied += 1
    return applied
