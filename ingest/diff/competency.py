"""Competency frameworks: levels, clusters, competencies (definitions, level statements)."""

from __future__ import annotations

from collections import Counter

from roleframe.ingest.diff.pairing import Item
from roleframe.ingest.diff.recorder import Recorder
from roleframe.ingest.diff.similarity import content_tokens, name_key
from roleframe.schema.changeset import ChangeType
from roleframe.schema.competency_framework import Competency, CompetencyFramework, Text


def _statements(level_content: object) -> list[Text]:
    return [s for sa in level_content.sub_areas for s in sa.statements]  # type: ignore[attr-defined]


def _competency_item(c: Competency, ids: dict[str, str]) -> Item:
    texts = [c.description or ""] + [s.text for lv in c.levels for s in _statements(lv)]
    canonical = ids.get(c.name) or ids.get(c.title_raw)
    return Item(
        name=c.name,
        payload=c,
        ids=frozenset([canonical]) if canonical else frozenset(),
        content=content_tokens(texts),
        where=c.where,
    )


def _cluster_items(fw: CompetencyFramework) -> list[Item]:
    members: dict[str, Counter[str]] = {}
    first: dict[str, Competency] = {}
    for c in fw.competencies:
        if c.section:
            members.setdefault(c.section, Counter())[name_key(c.name)] += 1
            first.setdefault(c.section, c)
    return [Item(name=s, content=members[s], where=first[s].where) for s in members]


def diff_competency_framework(
    rec: Recorder,
    old: CompetencyFramework,
    new: CompetencyFramework,
    old_ids: dict[str, str],
    new_ids: dict[str, str],
) -> None:
    # the levels the framework defines, paired by number
    old_levels = {lv.level: lv for lv in old.levels}
    new_levels = {lv.level: lv for lv in new.levels}
    for n in sorted(old_levels.keys() | new_levels.keys()):
        a, b = old_levels.get(n), new_levels.get(n)
        if a is None and b is not None:
            rec.add(
                ChangeType.ADDED, "level", [], new_name=b.name, new_value=b.audience,
                new_where=b.where,
            )  # fmt: skip
        elif b is None and a is not None:
            rec.add(
                ChangeType.REMOVED, "level", [], old_name=a.name, old_value=a.audience,
                old_where=a.where,
            )  # fmt: skip
        elif a is not None and b is not None:
            if a.name != b.name:
                rec.add(
                    ChangeType.RENAMED, "level", [], old_name=a.name, new_name=b.name,
                    old_where=a.where, new_where=b.where,
                )  # fmt: skip
            rec.text("level_audience", [b.name], a.audience, b.audience, a.where, b.where)

    # clusters: paired by name, then by the competencies they hold
    old_clusters, new_clusters = _cluster_items(old), _cluster_items(new)
    cluster_pairs = rec.items("cluster", [], old_clusters, new_clusters, track_moves=False)
    same_cluster = {old_clusters[p.old].name: new_clusters[p.new].name for p in cluster_pairs.pairs}

    def changed_cluster(a: Item, b: Item) -> bool:
        x, y = a.payload.section, b.payload.section
        return x != y and same_cluster.get(x or "") != y

    def on_pair(a: Item, b: Item, path: list[str]) -> None:
        x: Competency = a.payload
        y: Competency = b.payload
        if changed_cluster(a, b):
            rec.add(
                ChangeType.MOVED, "competency_cluster", path[:-1], old_name=x.name,
                new_name=y.name, old_value=x.section, new_value=y.section,
                old_where=x.where, new_where=y.where,
            )  # fmt: skip
        rec.text("definition", path, x.description, y.description, x.where, y.where)
        old_by_level = {lv.level: lv for lv in x.levels}
        new_by_level = {lv.level: lv for lv in y.levels}
        for n in sorted(
            old_by_level.keys() | new_by_level.keys(), key=lambda v: (v is None, v or 0)
        ):
            la, lb = old_by_level.get(n), new_by_level.get(n)
            level_path = [*path, f"level {n}" if n is not None else "level ?"]
            if la is None and lb is not None:
                rec.add(
                    ChangeType.ADDED, "competency_level", level_path, new_name=lb.label,
                    new_value="\n".join(s.text for s in _statements(lb)), new_where=lb.where,
                )  # fmt: skip
            elif lb is None and la is not None:
                rec.add(
                    ChangeType.REMOVED, "competency_level", level_path, old_name=la.label,
                    old_value="\n".join(s.text for s in _statements(la)), old_where=la.where,
                )  # fmt: skip
            elif la is not None and lb is not None:
                rec.statements("statement", level_path, _statements(la), _statements(lb))

    rec.items(
        "competency",
        [],
        [_competency_item(c, old_ids) for c in old.competencies],
        [_competency_item(c, new_ids) for c in new.competencies],
        on_pair,
        move_is_elsewhere=changed_cluster,
    )
