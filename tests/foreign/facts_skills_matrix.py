"""Facts of a skills matrix.

- roles: (title, grade) — grade "" when the matrix has none.
- competencies: (name as written,) — a truncated header that resolves counts by its
  resolved name.
- requirements: (role, competency, level) for every non-empty cell; level is the number,
  or the cell as written when it has none (a tick).
- level_scale: (label lower-cased, number) for every label the document defines or uses.
- descriptors: (competency, level, text) for every non-empty descriptor.
- current: (role, competency, level) for every non-empty cell of `current_levels`: a matrix
  that pairs each competency's Required column with a Current (actual) one; the level as
  in requirements (the requirement itself is the Required level).
"""

from __future__ import annotations

from foreign.facts_common import Facts, level_text, t
from roleframe.schema.skills_matrix import SkillsMatrix

FIELDS = ("roles", "competencies", "requirements", "level_scale", "descriptors", "current")


def facts(m: SkillsMatrix) -> Facts:
    names = {c.id: c.resolved_name or c.name for c in m.competencies}
    return {
        "roles": [t(r.title, r.grade) for r in m.roles],
        "competencies": [t(c.resolved_name or c.name) for c in m.competencies],
        "requirements": [
            t(q.role, names.get(q.competency_id, q.competency), level_text(q.level, q.raw))
            for q in m.requirements
            if q.raw.strip()
        ],
        "level_scale": [t(k.casefold(), v) for k, v in m.level_scale.items()],
        "descriptors": [t(d.competency, d.level, d.text) for d in m.descriptors if d.text.strip()],
        "current": [
            t(c.role, names.get(c.competency_id, c.competency), level_text(c.level, c.raw))
            for c in m.current_levels
            if c.raw.strip()
        ],
    }
