"""Build a registry from documents' content, and refresh one with a revised framework.

Content arrives as the JSON of a roleframe ``Document`` (``Document.model_dump(mode="json")``
or a file ``roleframe ingest`` wrote), so this layer reads the documents without depending on
how each extractor's model grows: it looks for the shapes (a matrix's competency columns and
descriptors, a framework's competencies with levels, a form's factors, a progression
framework's categories) and falls back to the document's matched ``names``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from roleframe.normalise.match import Matcher, complete_truncated
from roleframe.normalise.registry import ENTRY_TYPES, LISTS, empty_registry, mint_id
from roleframe.normalise.text import key, light_key
from roleframe.schema.canon import (
    Change,
    ChangeAction,
    Competency,
    Decisions,
    Entry,
    EntrySource,
    EntryStatus,
    LevelDescriptor,
    LevelScale,
    ListName,
    RefreshSummary,
    Registry,
    Revision,
    ScaleLevel,
    Statement,
)
from roleframe.schema.match import MatchStatus

_FOOTNOTE_TAIL = re.compile(r"[\s*\u2020\u2021]+$")


@dataclass(slots=True)
class Proposal:
    """One entry as a source states it, before it is merged into a registry."""

    list_name: ListName
    name: str
    source: EntrySource
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    category: str | None = None
    scale: LevelScale | None = None
    levels: list[LevelDescriptor] = field(default_factory=list)
    entry_id: str | None = None  # a list that already carries ids keeps them (authority)


def clean_name(name: str) -> str:
    """A preferred name: whitespace folded, footnote marks dropped (`Qualifications*`)."""
    return _FOOTNOTE_TAIL.sub("", " ".join(name.split()))


def proposals_from_document(doc: Mapping[str, Any], filename: str | None = None) -> list[Proposal]:
    """Proposals from one roleframe ``Document`` as JSON, whatever its kind."""
    content: Mapping[str, Any] = doc.get("content") or {}
    file = filename or _filename(doc)
    kind = str(doc.get("kind") or content.get("kind") or "") or None
    out: list[Proposal] = []
    if "descriptors" in content:
        out += _from_matrix(content, file, kind)
    elif _looks_like_framework(content.get("competencies")):
        out += _from_framework(content, file, kind)
    if isinstance(content.get("factors"), list):
        out += _from_factors(content, file, kind)
    if kind == "progression_framework" and isinstance(content.get("categories"), list):
        for label in content["categories"]:
            if isinstance(label, str) and label.strip():
                src = EntrySource(file=file, kind=kind, name=label)
                out.append(Proposal("categories", clean_name(label), src))
    if not out:  # unknown shape: the names the extractor listed for the normaliser
        for item in doc.get("names") or []:
            if isinstance(item, Mapping) and item.get("name") and item.get("list") in LISTS:
                src = EntrySource(file=file, kind=kind, name=item["name"], where=item.get("where"))
                out.append(Proposal(item["list"], clean_name(item["name"]), src))
    return out


def _filename(doc: Mapping[str, Any]) -> str:
    source = doc.get("source")
    if isinstance(source, Mapping) and source.get("filename"):
        return str(source["filename"])
    return "unknown"


def _texts(items: object) -> list[str]:
    """The texts of a list of `{text, where}` values."""
    if not isinstance(items, list):
        return []
    return [i["text"] for i in items if isinstance(i, Mapping) and isinstance(i.get("text"), str)]


def _level_label(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    return name if name.casefold().startswith("level") else f"Level {name}"


def _looks_like_framework(items: object) -> bool:
    return isinstance(items, list) and any(isinstance(i, Mapping) and "levels" in i for i in items)


def _from_matrix(content: Mapping[str, Any], file: str, kind: str | None) -> list[Proposal]:
    """Skills matrix: each competency column; its full name from `resolved_name` or from the
    descriptor table (a truncated `Financial n` header), and the descriptors as levels."""
    headers: list[tuple[str, str | None, Any]] = []
    for item in content.get("competencies") or []:
        if isinstance(item, Mapping) and item.get("name"):
            headers.append((item["name"], item.get("resolved_name"), item.get("where")))
    by_name: dict[str, list[LevelDescriptor]] = {}
    described: list[str] = []
    for d in content.get("descriptors") or []:
        name = d.get("competency")
        if not name:
            continue
        if name not in by_name:
            by_name[name] = []
            described.append(name)
        by_name[name].append(LevelDescriptor(level=int(d["level"]), text=d.get("text") or ""))
    levels_seen = {int(d.level) for ds in by_name.values() for d in ds}
    for cell in content.get("requirements") or []:
        if isinstance(cell.get("level"), int):
            levels_seen.add(cell["level"])
    scale = LevelScale(levels=[ScaleLevel(value=v) for v in sorted(levels_seen)])
    out: list[Proposal] = []
    used: set[str] = set()
    for written, resolved, where in headers:
        full = resolved or complete_truncated(written, described) or written
        levels = by_name.get(full) or by_name.get(written) or []
        used.add(full)
        src = EntrySource(file=file, kind=kind, name=written, where=where)
        # a cut header (`Financial n`) is no alias: its source row keeps it as written
        out.append(
            Proposal("competencies", clean_name(full), src, levels=levels,
                     scale=scale if levels_seen else None)
        )  # fmt: skip
    for name in described:  # descriptor rows with no matrix column still name a competency
        if name not in used:
            src = EntrySource(file=file, kind=kind, name=name)
            out.append(Proposal("competencies", clean_name(name), src, levels=by_name[name]))
    return out


def _from_framework(content: Mapping[str, Any], file: str, kind: str | None) -> list[Proposal]:
    """Competency framework: each competency with its description, category and per-level
    statements (intro lines and sub-area statements)."""
    scale_levels = [
        ScaleLevel(
            value=int(lv["level"]), label=_level_label(lv.get("name")), meaning=lv.get("audience")
        )
        for lv in content.get("levels") or []
        if isinstance(lv, Mapping) and isinstance(lv.get("level"), int)
    ]
    scale = LevelScale(levels=scale_levels) if scale_levels else None
    out: list[Proposal] = []
    for item in content.get("competencies") or []:
        name = item.get("name")
        if not name:
            continue
        raw = item.get("title_raw") or name
        levels: list[LevelDescriptor] = []
        for lv in item.get("levels") or []:
            if not isinstance(lv.get("level"), int):
                continue  # a level the extractor could not number says nothing to keep
            statements = [Statement(text=t) for t in _texts(lv.get("intro"))]
            for sub in lv.get("sub_areas") or []:
                statements += [
                    Statement(sub_area=sub.get("name"), text=t)
                    for t in _texts(sub.get("statements"))
                ]
            levels.append(
                LevelDescriptor(
                    level=int(lv["level"]), label=lv.get("label"), statements=statements
                )
            )
        src = EntrySource(file=file, kind=kind, name=raw, where=item.get("where"))
        aliases = [raw] if light_key(raw) != light_key(name) else []
        out.append(
            Proposal("competencies", clean_name(name), src, aliases,
                     description=item.get("description") or None,
                     category=item.get("category"), scale=scale, levels=levels)
        )  # fmt: skip
    return out


def _from_factors(content: Mapping[str, Any], file: str, kind: str | None) -> list[Proposal]:
    out: list[Proposal] = []
    for item in content.get("factors") or []:
        name = item.get("name") if isinstance(item, Mapping) else None
        if isinstance(name, str) and name.strip():
            src = EntrySource(file=file, kind=kind, name=name, where=item.get("where"))
            out.append(Proposal("factors", clean_name(name), src))
    return out


# -- build -------------------------------------------------------------------------------


def build_registry(
    proposals: Iterable[Proposal],
    name: str,
    description: str | None = None,
    date: str | None = None,
    files: Sequence[str] = (),
) -> Registry:
    """A version-1 registry: proposals with the same normalised name merge (first wins the
    preferred name, later spellings become aliases, sources accumulate)."""
    registry = empty_registry(name, description)
    lists: dict[ListName, list[Entry]] = {n: [] for n in LISTS}
    keys: dict[ListName, dict[str, int]] = {n: {} for n in LISTS}
    for p in proposals:
        bucket, seen = lists[p.list_name], keys[p.list_name]
        names = [p.name, *p.aliases]
        hit = next((seen[key(n)] for n in names if key(n) in seen), None)
        if hit is None and p.entry_id:
            hit = next((i for i, e in enumerate(bucket) if e.id == p.entry_id), None)
        if hit is None:
            entry = _new_entry(registry, p, 1, p.entry_id)
            seen_index = len(bucket)
            bucket.append(entry)
        else:
            entry = _merge(bucket[hit], p)
            bucket[hit] = entry
            seen_index = hit
        for n in [entry.name, *entry.aliases]:
            seen.setdefault(key(n), seen_index)
    summary = [f"built from {', '.join(files)}"] if files else []
    summary += [f"{len(lists[n])} {n}" for n in LISTS]
    return registry.model_copy(
        update={
            **{n: lists[n] for n in LISTS},
            "history": [Revision(version=1, date=date, summary=summary)],
        }
    )


def _new_entry(registry: Registry, p: Proposal, version: int, entry_id: str | None = None) -> Entry:
    fields: dict[str, Any] = {
        "id": entry_id or mint_id(registry, p.list_name, p.name),
        "name": p.name,
        "aliases": _dedupe_aliases(p.name, p.aliases),
        "description": p.description,
        "added_in": version,
        "sources": [p.source],
    }
    if p.list_name == "competencies":
        fields |= {"category": p.category, "scale": p.scale, "levels": p.levels}
    return ENTRY_TYPES[p.list_name](**fields)


def _dedupe_aliases(name: str, aliases: Iterable[str]) -> list[str]:
    seen = {light_key(name)}
    out: list[str] = []
    for alias in aliases:
        if light_key(alias) not in seen:
            seen.add(light_key(alias))
            out.append(alias)
    return out


def _merge(entry: Entry, p: Proposal) -> Entry:
    update: dict[str, Any] = {
        "aliases": _dedupe_aliases(entry.name, [*entry.aliases, p.name, *p.aliases]),
        "sources": [*entry.sources, p.source] if p.source not in entry.sources else entry.sources,
    }
    if not entry.description and p.description:
        update["description"] = p.description
    if isinstance(entry, Competency):
        if entry.category is None and p.category:
            update["category"] = p.category
        if entry.scale is None and p.scale is not None:
            update["scale"] = p.scale
        update["levels"] = _merge_levels(entry.levels, p.levels)
    return entry.model_copy(update=update)


def _merge_levels(old: list[LevelDescriptor], new: list[LevelDescriptor]) -> list[LevelDescriptor]:
    """Per level: keep what is there, fill what is empty (matrix text + framework statements)."""
    by_level = {d.level: d for d in old}
    for d in new:
        have = by_level.get(d.level)
        if have is None:
            by_level[d.level] = d
        else:
            by_level[d.level] = have.model_copy(
                update={
                    "text": have.text or d.text,
                    "label": have.label or d.label,
                    "statements": have.statements or d.statements,
                }
            )
    return [by_level[level] for level in sorted(by_level)]


# -- refresh -----------------------------------------------------------------------------


def refresh_registry(
    registry: Registry,
    proposals: Sequence[Proposal],
    source: str,
    date: str,
    decisions: Decisions | None = None,
    retire_missing: bool = False,
) -> tuple[Registry, RefreshSummary]:
    """The next version of ``registry`` given a revised framework's entries.

    Matched entries keep their ids (a changed name becomes the preferred name and the old
    one an alias); unmatched ones are minted; uncertain ones are listed, not applied (decide
    them and refresh again); entries the new source no longer has are proposed for
    retirement and retired only with ``retire_missing``. Nothing is ever deleted.
    """
    version = registry.version + 1
    matcher = Matcher(registry)
    results = matcher.match([(p.name, p.list_name) for p in proposals], decisions)
    lists: dict[ListName, list[Entry]] = {n: list(getattr(registry, n)) for n in LISTS}
    position = {e.id: (n, i) for n in LISTS for i, e in enumerate(lists[n])}
    changes: list[Change] = []
    claimed: set[str] = set()
    undecided: set[str] = set()
    for p, result in zip(proposals, results, strict=True):
        target = result.canonical_id
        if result.status == MatchStatus.MATCHED and target and target not in claimed:
            claimed.add(target)
            n, i = position[target]
            old = lists[n][i]
            lists[n][i], change = _apply(old, p, result.method, result.score)
            changes.append(change)
        elif result.status == MatchStatus.REVIEW or (target and target in claimed):
            if result.candidates:  # may be that entry: not proposed for retirement meanwhile
                undecided.add(result.candidates[0].canonical_id)
            changes.append(
                Change(
                    action=ChangeAction.NEEDS_REVIEW, list=p.list_name, name=p.name,
                    candidates=result.candidates or [], note=result.reason
                    or "Two names in the new source matched the same entry.",
                )
            )  # fmt: skip
        else:
            entry_id = _fresh_id(registry, p, set(position))
            entry = _new_entry(registry, p, version, entry_id)
            position[entry.id] = (p.list_name, len(lists[p.list_name]))
            lists[p.list_name].append(entry)
            claimed.add(entry.id)
            changes.append(
                Change(action=ChangeAction.ADDED, list=p.list_name, id=entry.id, name=p.name)
            )
    covered_lists = {p.list_name for p in proposals}
    for n in LISTS:
        if n not in covered_lists:
            continue
        for i, entry in enumerate(lists[n]):
            if entry.id in claimed | undecided or entry.status == EntryStatus.RETIRED:
                continue
            if retire_missing:
                lists[n][i] = entry.model_copy(
                    update={"status": EntryStatus.RETIRED, "end_date": date}
                )
            action = ChangeAction.RETIRED if retire_missing else ChangeAction.PROPOSED_RETIREMENT
            changes.append(Change(action=action, list=n, id=entry.id, name=entry.name))
    summary = RefreshSummary(
        registry=registry.name,
        from_version=registry.version,
        to_version=version,
        source=source,
        changes=changes,
    )
    lines = [f"refreshed from {source}"] + [
        f"{summary.count(a)} {a.value}" for a in ChangeAction if summary.count(a)
    ]
    new = registry.model_copy(
        update={
            **{str(n): entries for n, entries in lists.items()},
            "version": version,
            "history": [*registry.history, Revision(version=version, date=date, summary=lines)],
        }
    )
    return new, summary


def _fresh_id(registry: Registry, p: Proposal, taken: set[str]) -> str:
    """First-mint id; if a retired entry already holds it, salt the key (ids never repeat)."""
    entry_id = mint_id(registry, p.list_name, p.name)
    salt = 2
    while entry_id in taken:
        entry_id = mint_id(registry, p.list_name, f"{p.name}\x1f{salt}")
        salt += 1
    return entry_id


def _apply(old: Entry, p: Proposal, method: str, score: float) -> tuple[Entry, Change]:
    """Fold a matched proposal into its entry: id kept, old name kept as an alias."""
    update: dict[str, Any] = {}
    what: list[str] = []
    # an editorial variant (`&` for and, case, dashes) is an alias; other wording renames
    renamed = key(old.name) != key(p.name)
    if renamed:
        update["name"] = p.name
        update["aliases"] = _dedupe_aliases(p.name, [old.name, *old.aliases, *p.aliases])
    else:
        update["aliases"] = _dedupe_aliases(old.name, [*old.aliases, p.name, *p.aliases])
    if p.source not in old.sources:
        update["sources"] = [*old.sources, p.source]
    if p.description and p.description != old.description:
        update["description"] = p.description
        what.append("description")
    if isinstance(old, Competency):
        if p.category and p.category != old.category:
            update["category"] = p.category
            what.append("category")
        if p.levels and p.levels != old.levels:
            update["levels"] = p.levels
            what.append("levels")
    new = old.model_copy(update=update)
    action = (
        ChangeAction.RENAMED if renamed else ChangeAction.UPDATED if what else ChangeAction.KEPT
    )
    note = f"{method} {score:g}" + (f"; changed {', '.join(what)}" if what else "")
    return new, Change(
        action=action, list=p.list_name, id=old.id, name=p.name,
        old_name=old.name if renamed else None, note=note,
    )  # fmt: skip
