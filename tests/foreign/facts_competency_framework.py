"""Facts of a competency framework.

- levels: (number, name) of every level the framework defines.
- competencies: (name,).
- definitions: (competency, definition) where the framework gives one.
- clusters: (competency, section/cluster heading) where there is one.
- statements: (competency, level number, statement).
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.competency_framework import CompetencyFramework

FIELDS = ("levels", "competencies", "definitions", "clusters", "statements")


def facts(cf: CompetencyFramework) -> Facts:
    return {
        "levels": [t(lv.level, lv.name) for lv in cf.levels],
        "competencies": [t(c.name) for c in cf.competencies],
        "definitions": [t(c.name, c.description) for c in cf.competencies if c.description],
        "clusters": [t(c.name, c.section) for c in cf.competencies if c.section],
        "statements": [t(s.competency, s.level, s.text) for s in cf.statements],
    }
