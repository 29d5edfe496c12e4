"""A change set as Markdown: the sides, the counts, then one section per change type."""

from __future__ import annotations

from roleframe.schema.base import Provenance
from roleframe.schema.changeset import Change, ChangeSet, ChangeType, WordOp

TITLES = {
    ChangeType.ADDED: "Added",
    ChangeType.REMOVED: "Removed",
    ChangeType.RENAMED: "Renamed",
    ChangeType.MOVED: "Moved",
    ChangeType.TEXT_CHANGED: "Text changed",
    ChangeType.COSMETIC: "Cosmetic changes (case, spacing, punctuation only)",
    ChangeType.RAISED: "Raised",
    ChangeType.LOWERED: "Lowered",
    ChangeType.VALUE_CHANGED: "Values changed",
}


def where_text(where: Provenance | None) -> str:
    """`p3 t1 r4 c2` / `Sheet!B7` / `para 12`: compact provenance for a report line."""
    if where is None:
        return ""
    parts = []
    if where.sheet is not None:
        parts.append(f"{where.sheet}!{where.cell}" if where.cell else where.sheet)
    if where.page is not None:
        parts.append(f"p{where.page}")
    if where.line is not None:
        parts.append(f"line {where.line}")
    if where.table is not None:
        parts.append(f"t{where.table}")
    if where.row is not None:
        parts.append(f"r{where.row}")
    if where.column is not None:
        parts.append(f"c{where.column}")
    if where.paragraph is not None:
        parts.append(f"¶{where.paragraph}")
    return " ".join(parts)


def words_markdown(words: list[WordOp]) -> str:
    out = []
    for op in words:
        if op.op == "equal":
            out.append(_escape(op.text))
        elif op.op == "delete":
            out.append(f"~~{_escape(op.text)}~~")
        else:
            out.append(f"**{_escape(op.text)}**")
    return " ".join(out)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("~", "\\~").replace("\n", " / ")


def _label(c: Change) -> str:
    path = " › ".join(_escape(p) for p in c.path)
    return f"{c.entity}" + (f" in {path}" if path else "")


def change_line(c: Change) -> str:
    """One bullet: what, where in the framework, old -> new, how paired, where in the files."""
    name_old, name_new = c.old_name, c.new_name
    if c.type == ChangeType.RENAMED or (c.type == ChangeType.MOVED and name_old != name_new):
        what = f"{_escape(name_old or '')} → {_escape(name_new or '')}"
    else:
        what = _escape(name_new or name_old or "")
    text = f"- **{_label(c)}**" + (f": {what}" if what else "")
    if c.words and c.type in (ChangeType.TEXT_CHANGED, ChangeType.COSMETIC):
        text += f" — {words_markdown(c.words)}"
    elif c.type == ChangeType.ADDED and c.new_value is not None:
        text += f" — {_escape(c.new_value)}"
    elif c.type == ChangeType.REMOVED and c.old_value is not None:
        text += f" — {_escape(c.old_value)}"
    elif c.old_value is not None or c.new_value is not None:
        old = _escape(c.old_value) if c.old_value is not None else "∅"
        new = _escape(c.new_value) if c.new_value is not None else "∅"
        text += f" — {old} → {new}"
    if c.pairing is not None and c.pairing.method not in ("name", "text"):
        scores = ", ".join(
            f"{k} {v:.2f}"
            for k, v in (
                ("name", c.pairing.name_score),
                ("content", c.pairing.content_score),
                ("score", c.pairing.score),
            )
            if v is not None
        )
        text += f" _(paired by {c.pairing.method}{': ' + scores if scores else ''})_"
    if c.possible_rename is not None:
        h = c.possible_rename
        text += f" ⚠ **review: possible rename of/to “{_escape(h.name)}”** (score {h.score:.2f})"
    places = " → ".join(w for w in (where_text(c.old_where), where_text(c.new_where)) if w)
    if places:
        text += f" `{places}`"
    return text


def render_markdown(cs: ChangeSet) -> str:
    lines = [
        f"# Changes in {cs.kind.value.replace('_', ' ')}",
        "",
        "| | old | new |",
        "|---|---|---|",
        f"| file | {_escape(cs.old.filename)} | {_escape(cs.new.filename)} |",
        f"| title | {_escape(cs.old.title or '')} | {_escape(cs.new.title or '')} |",
        f"| version | {_escape(cs.old.version or '')} | {_escape(cs.new.version or '')} |",
        f"| sha256 | `{cs.old.sha256[:12]}` | `{cs.new.sha256[:12]}` |",
        "",
        "| change | count |",
        "|---|---:|",
        *(f"| {TITLES[t]} | {cs.counts[t.value]} |" for t in ChangeType),
        "",
    ]
    review = sum(1 for c in cs.changes if c.needs_review)
    if not cs.changes:
        lines.append("No changes.")
    elif review:
        lines.append(f"⚠ {review} lines await review (possible renames).")
        lines.append("")
    for t in ChangeType:
        of_type = [c for c in cs.changes if c.type == t]
        if of_type:
            lines += [f"## {TITLES[t]} ({len(of_type)})", "", *map(change_line, of_type), ""]
    lines.append(f"_{cs.tool}; thresholds: " + ", ".join(
        f"{k} {v}" for k, v in cs.thresholds.model_dump().items()
    ) + "_")  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"
