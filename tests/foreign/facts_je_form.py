"""Facts of a job-evaluation form.

- post: (slot, value) for the post's job_title, directorate, service, reports_to.
- factors: (factor name as written, final level) — the agreed level where there is one,
  else the proposed level; "" when neither is given.
- totals: ("total_score", value) and ("je_grade", value) where written.
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.je_form import Factor, JEForm

FIELDS = ("post", "factors", "totals")
_POST_SLOTS = ("job_title", "directorate", "service", "reports_to")


def final_level(f: Factor) -> int | None:
    for lv in (f.agreed_level, f.proposed_level):
        if lv is not None and lv.value is not None:
            return lv.value
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
        "totals": totals,
    }
