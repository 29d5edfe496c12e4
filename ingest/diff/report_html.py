"""A change set as one self-contained HTML page: no network, inline CSS and JS.

Counts at the top double as filters (one check box per change type), each change shows old
and new side by side with deleted and inserted words marked, and every pairing that awaits
review is flagged. ``#types=renamed,added`` in the address preselects a filter, so a link can
point a colleague at just the renames.
"""

from __future__ import annotations

from html import escape

from roleframe.ingest.diff.report_md import where_text
from roleframe.schema.changeset import Change, ChangeSet, ChangeType

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Arial,sans-serif;margin:1.5rem;color:#1d1d1f}
h1{font-size:1.4rem;margin:0 0 .8rem}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f6}
.sides td:first-child{font-weight:600;width:8rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.filters label{border:1px solid #ccc;border-radius:1rem;padding:.2rem .7rem;cursor:pointer}
.filters label.empty{opacity:.45}
.badge{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.8rem;color:#fff;
  background:#666}
.t-added{background:#1a7f37}.t-removed{background:#cf222e}.t-renamed{background:#8250df}
.t-moved{background:#0969da}.t-text_changed{background:#9a6700}.t-cosmetic{background:#8c959f}
.t-raised{background:#116329}.t-lowered{background:#a40e26}.t-value_changed{background:#bc4c00}
del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;text-decoration:none}
.review{color:#9a6700;font-weight:600}.where{color:#57606a;font-size:.8rem;white-space:nowrap}
.path{color:#57606a;font-size:.85rem}.hidden{display:none}
"""

_JS = """
(function(){
  var boxes=[].slice.call(document.querySelectorAll('.filters input[data-type]'));
  var reviewOnly=document.getElementById('review-only');
  var rows=[].slice.call(document.querySelectorAll('tr.change'));
  function apply(){
    var on={};boxes.forEach(function(b){on[b.dataset.type]=b.checked;});
    var shown=0;
    rows.forEach(function(r){
      var show=on[r.dataset.type]&&(!reviewOnly.checked||r.dataset.review==='1');
      r.classList.toggle('hidden',!show);if(show)shown++;
    });
    document.getElementById('shown').textContent=shown;
  }
  function fromHash(){
    var m=/types=([^&]*)/.exec(location.hash);
    if(m){var want=decodeURIComponent(m[1]).split(',');
      boxes.forEach(function(b){b.checked=want.indexOf(b.dataset.type)>=0;});}
    apply();
  }
  boxes.concat([reviewOnly]).forEach(function(b){b.addEventListener('change',apply);});
  window.addEventListener('hashchange',fromHash);
  fromHash();
})();
"""


LABELS = {
    ChangeType.ADDED: "Added",
    ChangeType.REMOVED: "Removed",
    ChangeType.RENAMED: "Renamed",
    ChangeType.MOVED: "Moved",
    ChangeType.TEXT_CHANGED: "Text changed",
    ChangeType.COSMETIC: "Cosmetic",
    ChangeType.RAISED: "Raised",
    ChangeType.LOWERED: "Lowered",
    ChangeType.VALUE_CHANGED: "Value changed",
}


def _words(c: Change, side: str) -> str:
    """One side of a word diff: kept words plus that side's deleted or inserted ones."""
    keep = "delete" if side == "old" else "insert"
    tag = "del" if side == "old" else "ins"
    out = []
    for op in c.words:
        if op.op == "equal":
            out.append(escape(op.text))
        elif op.op == keep:
            out.append(f"<{tag}>{escape(op.text)}</{tag}>")
    return " ".join(out)


def _cell(c: Change, side: str) -> str:
    name = c.old_name if side == "old" else c.new_name
    value = c.old_value if side == "old" else c.new_value
    parts = []
    if name is not None:
        parts.append(f"<b>{escape(name)}</b>")
    if c.words:
        parts.append(_words(c, side))
    elif value is not None:
        parts.append(escape(value).replace("\n", "<br>"))
    where = where_text(c.old_where if side == "old" else c.new_where)
    if where:
        parts.append(f'<div class="where">{escape(where)}</div>')
    return "<br>".join(parts)


def _pairing(c: Change) -> str:
    notes = []
    if c.pairing is not None:
        scores = ", ".join(
            f"{k} {v:.2f}"
            for k, v in (
                ("name", c.pairing.name_score),
                ("content", c.pairing.content_score),
                ("score", c.pairing.score),
            )
            if v is not None
        )
        notes.append(escape(c.pairing.method + (f" ({scores})" if scores else "")))
    if c.possible_rename is not None:
        h = c.possible_rename
        notes.append(
            f'<span class="review">⚠ review: possible rename “{escape(h.name)}” '
            f"(score {h.score:.2f})</span>"
        )
    return "<br>".join(notes)


def _row(c: Change) -> str:
    path = " › ".join(escape(p) for p in c.path)
    return (
        f'<tr class="change" data-type="{c.type.value}" data-review="{int(c.needs_review)}">'
        f'<td><span class="badge t-{c.type.value}">{LABELS[c.type]}'
        f'</span></td><td>{escape(c.entity)}<div class="path">{path}</div></td>'
        f"<td>{_cell(c, 'old')}</td><td>{_cell(c, 'new')}</td><td>{_pairing(c)}</td></tr>"
    )


def render_html(cs: ChangeSet) -> str:
    title = f"Changes in {cs.kind.value.replace('_', ' ')}: {cs.old.filename} → {cs.new.filename}"
    sides = "".join(
        f"<tr><td>{label}</td><td>{escape(a or '')}</td><td>{escape(b or '')}</td></tr>"
        for label, a, b in (
            ("file", cs.old.filename, cs.new.filename),
            ("title", cs.old.title, cs.new.title),
            ("version", cs.old.version, cs.new.version),
            ("sha256", cs.old.sha256[:16], cs.new.sha256[:16]),
        )
    )
    filters = "".join(
        f'<label class="{"empty" if not cs.counts[t.value] else ""}"><input type="checkbox" '
        f'data-type="{t.value}" checked> {LABELS[t]} '
        f'<span class="count" data-type="{t.value}">{cs.counts[t.value]}</span></label>'
        for t in ChangeType
    )
    review = sum(1 for c in cs.changes if c.needs_review)
    rows = "".join(_row(c) for c in cs.changes)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head>
<body>
<h1>{escape(title)}</h1>
<table class="sides"><tr><th></th><th>old</th><th>new</th></tr>{sides}</table>
<div class="filters">{filters}
<label><input type="checkbox" id="review-only"> only awaiting review
<span class="count" id="review-count">{review}</span></label></div>
<p><span id="shown">{len(cs.changes)}</span> of <span id="total">{len(cs.changes)}</span>
changes shown.</p>
<table class="changes"><thead><tr><th>change</th><th>item</th><th>old</th><th>new</th>
<th>paired by</th></tr></thead><tbody>{rows}</tbody></table>
<p class="path">{escape(cs.tool)}</p>
<script>{_JS}</script>
</body></html>
"""
