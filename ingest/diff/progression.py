"""Progression frameworks: sections, roles (grade, duties), bands, statements per category."""

from __future__ import annotations

from collections import Counter

from roleframe.ingest.diff.pairing import Item
from roleframe.ingest.diff.recorder import Recorder
from roleframe.ingest.diff.similarity import content_tokens, name_key
from roleframe.schema.changeset import ChangeType
from roleframe.schema.progression_framework import Band, ProgressionFramework, Role


def _role_texts(r: Role) -> list[str]:
    texts = [t.text for t in r.main_duties]
    for band in r.bands or []:
        texts += [s.text for c in band.categories for s in c.statements]
    return texts


def _band_key(b: Band) -> str:
    return b.key or b.label


def diff_progression_framework(
    rec: Recorder,
    old: ProgressionFramework,
    new: ProgressionFramework,
    old_ids: dict[str, str],
    new_ids: dict[str, str],
) -> None:
    def sections(pf: ProgressionFramework) -> list[Item]:
        members: dict[str, Counter[str]] = {}
        for r in pf.roles:
            if r.section:
                members.setdefault(r.section, Counter())[name_key(r.title)] += 1
        return [
            Item(name=s.text, content=members.get(s.text, Counter()), where=s.where)
            for s in pf.sections
        ]

    old_sections, new_sections = sections(old), sections(new)
    section_pairs = rec.items("section", [], old_sections, new_sections, track_moves=False)
    same_section = {old_sections[p.old].name: new_sections[p.new].name for p in section_pairs.pairs}

    def changed_section(a: Item, b: Item) -> bool:
        x, y = a.payload.section, b.payload.section
        return x != y and same_section.get(x or "") != y

    def on_band(a: Item, b: Item, path: list[str]) -> None:
        x: Band = a.payload
        y: Band = b.payload
        if x.label != y.label and a.name == b.name:
            rec.add(
                ChangeType.RENAMED, "band_label", path, old_name=x.label, new_name=y.label,
                old_where=x.where, new_where=y.where,
            )  # fmt: skip
        rec.text("band_name", path, x.name, y.name, x.where, y.where)
        rec.value("band_grade", path, x.grade, y.grade, x.where, y.where)
        rec.statements("band_guidance", path, x.guidance, y.guidance)
        old_cats = {c.category: c for c in x.categories}
        new_cats = {c.category: c for c in y.categories}
        order = [c.category for c in y.categories] + [
            c.category for c in x.categories if c.category not in new_cats
        ]
        for key in order:
            ca, cb = old_cats.get(key), new_cats.get(key)
            cat_path = [*path, (cb or ca).label or key]  # type: ignore[union-attr]
            rec.statements(
                "band_statement", cat_path, ca.statements if ca else [], cb.statements if cb else []
            )

    def on_role(a: Item, b: Item, path: list[str]) -> None:
        x: Role = a.payload
        y: Role = b.payload
        if changed_section(a, b):
            rec.add(
                ChangeType.MOVED, "role_section", path[:-1], old_name=x.title, new_name=y.title,
                old_value=x.section, new_value=y.section, old_where=x.where, new_where=y.where,
            )  # fmt: skip
        rec.value("role_grade", path, x.grade, y.grade, x.where, y.where)
        rec.value(
            "post_numbers", path, ", ".join(x.post_numbers), ", ".join(y.post_numbers),
            x.where, y.where,
        )  # fmt: skip
        rec.statements("duty", path, x.main_duties, y.main_duties)
        rec.items(
            "band",
            path,
            [Item(name=_band_key(bd), payload=bd, where=bd.where) for bd in x.bands or []],
            [Item(name=_band_key(bd), payload=bd, where=bd.where) for bd in y.bands or []],
            on_band,
        )

    def role_item(r: Role, ids: dict[str, str]) -> Item:
        canonical = ids.get(r.title)
        return Item(
            name=r.title,
            payload=r,
            ids=frozenset([canonical]) if canonical else frozenset(),
            content=content_tokens(_role_texts(r)),
            where=r.where,
        )

    rec.items(
        "role",
        [],
        [role_item(r, old_ids) for r in old.roles],
        [role_item(r, new_ids) for r in new.roles],
        on_role,
        move_is_elsewhere=changed_section,
    )
