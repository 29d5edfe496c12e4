"""List bullets painted as shapes (parsers/pdf_bullets.py): Chromium prints an HTML list's
bullets as small filled circles (curves) or squares (rects) left of each item (foreign
ho7_pf03, ho7_cf02). Hand-placed glyphs and shapes."""

from __future__ import annotations

import pytest

from roleframe.parsers.pdf_bullets import find_drawn_bullets
from roleframe.parsers.pdf_text import Glyph, build_lines, group_paragraphs, typical_pitch

SIZE = 10.0
ADVANCE = 5.5


def glyphs(text: str, x: float, top: float) -> list[Glyph]:
    out = []
    for ch in text:
        g = Glyph(x, x + ADVANCE, top, top + SIZE, ch, SIZE, False, False, True, x, top + 5)
        out.append(g)
        x += ADVANCE
    return out


def shape(
    x0: float,
    top: float,
    side: float = 3.0,
    *,
    kind: str = "curve",
    fill: bool = True,
    colour: tuple[float, ...] = (0.13, 0.13, 0.13),
    height: float | None = None,
) -> dict:
    h = side if height is None else height
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x0 + side,
        "top": top,
        "bottom": top + h,
        "width": side,
        "height": h,
        "fill": fill,
        "stroke": not fill,
        "non_stroking_color": colour,
    }


# a 10pt line whose baseline is at 110: its x-height is centred about 107.5
BULLET_TOP = 106.0


@pytest.mark.parametrize("kind", ["curve", "rect"])
def test_a_small_filled_dot_before_a_line_is_its_bullet(kind: str) -> None:
    text = glyphs("Managing a caseload", 60.0, 100.0)
    dot = shape(50.0, BULLET_TOP, kind=kind)
    ((found, bullet),) = find_drawn_bullets([dot], text)
    assert found is dot
    assert (bullet.text, bullet.u0, bullet.v0, bullet.v1, bullet.size) == (
        "•",
        50.0,
        100.0,
        110.0,
        SIZE,
    )


@pytest.mark.parametrize(
    ("dot", "why"),
    [
        (shape(50.0, BULLET_TOP, fill=False), "an outline, not a filled dot"),
        (shape(50.0, BULLET_TOP, colour=(1.0, 1.0, 1.0)), "painted white"),
        (shape(47.0, 103.0, side=8.0), "as big as a letter: an icon or a box"),
        (shape(50.0, BULLET_TOP, side=1.0), "a speck"),
        (shape(50.0, 107.0, height=0.6), "a dash or a rule, not a dot"),
        (shape(50.0, 111.0), "below the baseline"),
        (shape(50.0, 98.0), "above the line's x-height"),
        (shape(58.5, BULLET_TOP), "touching the text"),
        (shape(20.0, BULLET_TOP), "far from the text"),
    ],
)
def test_shapes_that_are_no_bullet(dot: dict, why: str) -> None:
    assert find_drawn_bullets([dot], glyphs("Managing a caseload", 60.0, 100.0)) == [], why


def test_a_dot_inside_running_text_is_no_bullet() -> None:
    """A dot with words just before it is a separator (`Home · News`), not a bullet."""
    text = glyphs("Home", 20.0, 100.0) + glyphs("News", 60.0, 100.0)
    assert find_drawn_bullets([shape(48.0, BULLET_TOP)], text) == []


def test_drawn_bullets_split_one_cell_into_list_items() -> None:
    """ho7_pf03: two list items in one cell read as one statement until their bullets are
    glyphs of their lines."""
    text = glyphs("Managing a caseload.", 60.0, 100.0) + glyphs("Prescribing.", 60.0, 111.5)
    dots = [shape(50.0, BULLET_TOP), shape(50.0, BULLET_TOP + 11.5)]
    drawn = [bullet for _, bullet in find_drawn_bullets(dots, text)]
    assert len(drawn) == 2
    lines = build_lines(text + drawn, 1)
    assert [ln.bullet for ln in lines] == ["•", "•"]
    assert [ln.body_u0 for ln in lines] == [60.0, 60.0]
    right = max(ln.u1 for ln in lines)
    paras = group_paragraphs(lines, right, typical_pitch(lines))
    assert len(paras) == 2
    # without the bullets the two lines are one paragraph
    bare = build_lines(text, 1)
    assert len(group_paragraphs(bare, right, typical_pitch(bare))) == 1
