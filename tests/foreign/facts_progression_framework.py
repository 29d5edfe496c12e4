"""Facts of a career progression framework.

- roles: (title, grade) — grade "" when none.
- bands: (role title, band label as written).
- statements: (role title, band label, category label as written (or its key when no label
  is printed), statement).
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.progression_framework import ProgressionFramework

FIELDS = ("roles", "bands", "statements")


def facts(pf: ProgressionFramework) -> Facts:
    bands = []
    statements = []
    for role in pf.roles:
        for band in role.bands or []:
            bands.append(t(role.title, band.label))
            for cat in band.categories:
                for s in cat.statements:
                    statements.append(t(role.title, band.label, cat.label or cat.category, s.text))
    return {
        "roles": [t(r.title, r.grade) for r in pf.roles],
        "bands": bands,
        "statements": statements,
    }
