"""Facts of a career progression framework.

- roles: (title, grade) — grade "" when none; a heading's grade range (`Grades 5–7`) is
  the grade.
- bands: (role title, band label as written) — a label printed on two lines (`Entry` /
  `(Grade 8)`) is joined with a space.
- band_grades: (role title, band label, band grade as written) — only bands that print a
  grade (`Stage 2 – Practitioner (Grade 8)` -> `Grade 8`).
- statements: (role title, band label, category label as written (or its key when no label
  is printed), statement).
- guidance: (role title, band label, guidance paragraph) — how-to-progress text printed with
  a band, which is not a requirement.
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.progression_framework import ProgressionFramework

FIELDS = ("roles", "bands", "band_grades", "statements", "guidance")


def facts(pf: ProgressionFramework) -> Facts:
    bands = []
    band_grades = []
    statements = []
    guidance = []
    for role in pf.roles:
        for band in role.bands or []:
            bands.append(t(role.title, band.label))
            if band.grade:
                band_grades.append(t(role.title, band.label, band.grade))
            for cat in band.categories:
                for s in cat.statements:
                    statements.append(t(role.title, band.label, cat.label or cat.category, s.text))
            guidance.extend(t(role.title, band.label, g.text) for g in band.guidance)
    return {
        "roles": [t(r.title, r.grade) for r in pf.roles],
        "bands": bands,
        "band_grades": band_grades,
        "statements": statements,
        "guidance": guidance,
    }
