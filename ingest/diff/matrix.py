"""Skills matrices: roles, competency columns, each role's required level, descriptors."""

from __future__ import annotations

from collections import Counter, defaultdict

from roleframe.ingest.diff.pairing import Item
from roleframe.ingest.diff.recorder import Recorder
from roleframe.ingest.diff.similarity import content_tokens, name_key
from roleframe.schema.changeset import ChangeType
from roleframe.schema.skills_matrix import Descriptor, Requirement, SkillsMatrix


def _column_name(m: SkillsMatrix, competency_id: str) -> str:
    for c in m.competencies:
        if c.id == competency_id:
            return c.resolved_name or c.name
    return ""


def _cells(m: SkillsMatrix) -> dict[tuple[str, str], Requirement]:
    return {(q.role_id, q.competency_id): q for q in m.requirements}


def _level(q: Requirement | None) -> str:
    if q is None or not q.raw.strip():
        return ""
    return str(q.level) if q.level is not None else q.raw.strip()


def _role_items(m: SkillsMatrix) -> list[Item]:
    by_role: dict[str, Counter[str]] = defaultdict(Counter)
    for q in m.requirements:
        if q.raw.strip():
            by_role[q.role_id][f"{name_key(_column_name(m, q.competency_id))}={_level(q)}"] += 1
    return [
        Item(name=r.title, payload=r, content=by_role[r.id], id=r.id, where=r.where)
        for r in m.roles
    ]


def _descriptors(m: SkillsMatrix) -> dict[str, list[Descriptor]]:
    """Descriptors by the column they describe (by id, else by name)."""
    found: dict[str, list[Descriptor]] = defaultdict(list)
    by_name = {name_key(c.resolved_name or c.name): c.id for c in m.competencies}
    for d in m.descriptors:
        column = d.competency_id or by_name.get(name_key(d.competency))
        found[column or f"name:{name_key(d.competency)}"].append(d)
    return found


def _column_items(m: SkillsMatrix, ids: dict[str, str]) -> list[Item]:
    descriptors = _descriptors(m)
    roles = {r.id: r.title for r in m.roles}
    cells: dict[str, Counter[str]] = defaultdict(Counter)
    for q in m.requirements:
        if q.raw.strip():
            cells[q.competency_id][f"{name_key(roles.get(q.role_id, ''))}={_level(q)}"] += 1
    items = []
    for c in m.competencies:
        content = content_tokens([d.text for d in descriptors.get(c.id, [])]) + cells[c.id]
        canonical = ids.get(c.name) or ids.get(c.resolved_name or "")
        items.append(
            Item(
                name=c.resolved_name or c.name,
                payload=c,
                ids=frozenset([canonical]) if canonical else frozenset(),
                content=content,
                id=c.id,
                where=c.where,
            )
        )
    return items


def diff_skills_matrix(
    rec: Recorder,
    old: SkillsMatrix,
    new: SkillsMatrix,
    old_ids: dict[str, str],
    new_ids: dict[str, str],
) -> None:
    old_cols, new_cols = _column_items(old, old_ids), _column_items(new, new_ids)
    old_desc, new_desc = _descriptors(old), _descriptors(new)

    def on_column(a: Item, b: Item, path: list[str]) -> None:
        da = {d.level: d for d in old_desc.get(a.payload.id, [])}
        db = {d.level: d for d in new_desc.get(b.payload.id, [])}
        for n in sorted(da.keys() | db.keys()):
            x, y = da.get(n), db.get(n)
            rec.text(
                "descriptor", [*path, f"level {n}"], x.text if x else None, y.text if y else None,
                x.where if x else None, y.where if y else None,
            )  # fmt: skip

    columns = rec.items("column", [], old_cols, new_cols, on_column)
    column_pairs = [(old_cols[p.old].payload.id, new_cols[p.new]) for p in columns.pairs]

    old_cells, new_cells = _cells(old), _cells(new)

    def on_role(a: Item, b: Item, path: list[str]) -> None:
        rec.value("role_grade", path, a.payload.grade, b.payload.grade, a.where, b.where)
        for old_col, new_col in column_pairs:
            x = old_cells.get((a.payload.id, old_col))
            y = new_cells.get((b.payload.id, new_col.payload.id))
            lx, ly = _level(x), _level(y)
            if lx == ly:
                continue
            cell_path = [*path, new_col.name]
            where = {"old_where": x.where if x else None, "new_where": y.where if y else None}
            values = {"old_value": lx or None, "new_value": ly or None}
            if not lx:
                rec.add(ChangeType.ADDED, "requirement", cell_path, **values, **where)
            elif not ly:
                rec.add(ChangeType.REMOVED, "requirement", cell_path, **values, **where)
            elif x is not None and y is not None and x.level is not None and y.level is not None:
                kind = ChangeType.RAISED if y.level > x.level else ChangeType.LOWERED
                rec.add(kind, "requirement", cell_path, **values, **where)
            else:
                rec.add(ChangeType.VALUE_CHANGED, "requirement", cell_path, **values, **where)

    rec.items("role", [], _role_items(old), _role_items(new), on_role)

    for word in sorted(old.level_scale.keys() | new.level_scale.keys()):
        old_n, new_n = old.level_scale.get(word), new.level_scale.get(word)
        rec.value(
            "level_scale",
            [word],
            None if old_n is None else str(old_n),
            None if new_n is None else str(new_n),
        )
