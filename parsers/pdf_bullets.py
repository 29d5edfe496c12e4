"""List bullets drawn as shapes: small filled dots or squares left of a line's text.

A browser prints an HTML list's bullets as painted paths, not characters (Chromium: a
filled circle for ``disc``, a filled square for ``square``), so the text layer holds the
items' words and no bullet: two list items in one cell read as one wrapped statement
(foreign ho7_pf03, ho7_cf02). A shape is a bullet of a line when it is about a bullet's
size for the line's text, filled, not elongated, centred on the text's x-height, and sits
left of the line's first glyph with a gap and nothing just before it. It then becomes a
``•`` glyph of that line, the way check boxes become text-less glyphs (``pdf._box_glyph``),
so lines, paragraphs and table cells treat it as a typed bullet.
"""

from __future__ import annotations

from collections import defaultdict

from roleframe.parsers.pdf_tables import unfilled
from roleframe.parsers.pdf_text import Glyph

_BUCKET = 4.0  # points per band of the glyph index down the page
_MIN_SIZE, _MAX_SIZE = 0.15, 0.6  # the shape's longer side, by the text's font size
_MAX_ASPECT = 1.5
_MIN_GAP, _MAX_GAP = 0.15, 3.0  # shape to text, by font size
_CLEAR_BEFORE = 1.0  # nothing of the line this close before the shape (by font size)


def find_drawn_bullets(shapes: list[dict], glyphs: list[Glyph]) -> list[tuple[dict, Glyph]]:
    """Each shape that is a bullet, with the ``•`` glyph it stands for."""
    small = [s for s in shapes if _candidate(s)]
    if not small:
        return []
    index: dict[int, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        if g.text.strip() and g.upright and g.rot == 0 and g.size > 0:
            for band in range(int(g.v0 // _BUCKET), int(g.v1 // _BUCKET) + 1):
                index[band].append(g)
    out = []
    for s in small:
        cy = (s["top"] + s["bottom"]) / 2
        line = [g for g in index.get(int(cy // _BUCKET), ()) if g.v0 <= cy <= g.v1]
        text = _text_after(s, cy, line)
        if text is not None:
            out.append((s, _bullet_glyph(s, text)))
    return out


def _candidate(s: dict) -> bool:
    w, h = s["width"], s["height"]
    if w <= 0 or h <= 0 or max(w, h) > _MAX_ASPECT * min(w, h):
        return False
    return bool(s.get("fill")) and not unfilled(s)


def _text_after(s: dict, cy: float, line: list[Glyph]) -> Glyph | None:
    """The first glyph of the text the shape marks, or None when the shape is no bullet."""
    right = [g for g in line if g.u0 >= s["x1"]]
    if not right:
        return None
    first = min(right, key=lambda g: g.u0)
    size = first.size
    side = max(s["width"], s["height"])
    if not _MIN_SIZE * size <= side <= _MAX_SIZE * size:
        return None
    gap = first.u0 - s["x1"]
    if not _MIN_GAP * size <= gap <= _MAX_GAP * size:
        return None
    # the x-height band: between the baseline (v1) and about a cap height above it
    if not first.v1 - 0.75 * size <= cy <= first.v1 - 0.05 * size:
        return None
    if any(g.u1 > s["x0"] - _CLEAR_BEFORE * size and g.u0 < s["x1"] for g in line):
        return None  # text just before (or under) the shape: a dot inside running text
    return first


def _bullet_glyph(s: dict, text: Glyph) -> Glyph:
    """A ``•`` in the marked text's line and size, at the shape's place along the line."""
    return Glyph(
        s["x0"],
        s["x1"],
        text.v0,
        text.v1,
        "•",
        text.size,
        False,
        False,
        True,
        (s["x0"] + s["x1"]) / 2,
        text.y,
    )
