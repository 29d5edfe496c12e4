"""Facts of a job-evaluation form.

- post: (slot, value) for the post's job_title, directorate, service, reports_to.
- factors: (factor name as written, final level) — the agreed level where there is one,
  else the proposed level; "" when neither is given. A level is its number when it has
  one, else the cell as written (`F` on a scheme that grades by letters).
- points: (factor name as written, final points) — the points of the agreed level where
  the form gives them, else those of the proposed level; only factors whose form gives
  points for the post (a comparator's points are not the post's).
- totals: ("total_score", value) and ("je_grade", value) where written.
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.je_form import Factor, JEForm, LevelValue

FIELDS = ("post", "factors", "points", "totals")
_POST_SLOTS = ("job_title", "directorate", "service", "reports_to")


def _given(level: LevelValue | None) -> str | None:
    if level is None:
        return None
    if level.value is not None:
        return str(level.value)
    return level.code


def final_level(f: Factor) -> str | None:
    for lv in (f.agreed_level, f.proposed_level):
        if (given := _given(lv)) is not None:
            return given
    return None


def final_points(f: Factor) -> str | None:
    for pts in (f.agreed_score, f.proposed_score):
        if pts is not None and pts.value is not None:
            return str(pts.value)
    return None


def facts(je: JEForm) -> Facts:
    post = []
    for slot in _POST_SLOTS:
        value = getattr(je.post, slot)
        if value is not None and value.value:
            post.append(t(slot, value.value))
    totals = [
        t(slot, value.value)
        for slot, value in (("total_score", je.total_score), ("je_grade", je.je_grade))
        if value is not None and value.value
    ]
    return {
        "post": post,
        "factors": [t(f.name, final_level(f)) for f in je.factors],
        "points": [t(f.name, p) for f in je.factors if (p := final_points(f)) is not None],
        "totals": totals,
    }
