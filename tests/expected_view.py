"""Map our ``Document`` onto the shape of ``../shared/seed-docs/expected/*.json``.

One function per document kind (``<kind>_view``), each returning only the keys the expected
file has for that kind, so seed acceptance tests can compare field by field. The expected
files' `notes`, `counts`, `layout_hints` and `form_fields` are informational and not mapped.
"""

from __future__ import annotations

from typing import Any

from roleframe.schema.document import Document
from roleframe.schema.skills_matrix import SkillsMatrix


def skills_matrix_view(doc: Document) -> dict[str, Any]:
    """Skills matrix (seed 000): roles x competencies, cells, footnote and descriptors."""
    m = doc.content
    assert isinstance(m, SkillsMatrix)
    role_index = {r.id: i for i, r in enumerate(m.roles)}
    col_of = {c.id: c.index for c in m.competencies}
    return {
        "title": m.title,
        "service": m.service,
        "intro": m.intro,
        "header_row": m.header_row,
        "role_columns": m.role_columns,
        "competency_headers": [c.name for c in m.competencies],
        "roles": [{"title": r.title, "grade": r.grade} for r in m.roles],
        "cells": [
            {
                "role": q.role,
                "competency": q.competency,
                "raw": q.raw,
                "level": q.level,
                "row": role_index[q.role_id],
                "col": col_of[q.competency_id],
            }
            for q in m.requirements
        ],
        "footnote": "\n".join(n.text for n in m.footnotes) or None,
        "descriptors_title": m.descriptors_title,
        "descriptors_intro": m.descriptors_intro,
        "descriptor_columns": m.descriptor_columns,
        "descriptors": [
            {"competency": d.competency, "level": d.level, "text": d.text} for d in m.descriptors
        ],
    }


# Expected-file `doc_type` -> the view function for that kind.
VIEWS = {
    "skills_matrix": skills_matrix_view,
}
