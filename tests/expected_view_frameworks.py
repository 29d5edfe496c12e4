"""Map our framework content onto the shape of ``../shared/seed-docs/expected/*.json``.

The expected files use the seed-docs naming (`staff`, `sub_bullets`, bands as a dict keyed
A/B/C with one list per category); our model keeps provenance and lists. These views drop
provenance and rename, so a test can compare field by field. Informational keys of the
expected files (`counts`, `layout_hints`, `notes`) are not produced.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from roleframe.ingest.build import build_document
from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.document import Document
from roleframe.schema.progression_framework import ProgressionFramework, Role

INFORMATIONAL = {"counts", "layout_hints", "notes", "form_fields"}


def competency_view(cf: CompetencyFramework) -> dict[str, Any]:
    """Our competency framework in the expected JSON's shape."""
    return {
        "organisation": cf.organisation,
        "title": cf.title,
        "running_header": cf.running_header,
        "toc": [{"text": e.text, "level": e.level, "page": e.page} for e in cf.toc],
        "introduction": [
            {"text": i.text, "sub_bullets": [s.text for s in i.sub_items]} for i in cf.introduction
        ],
        "levels": [{"level": lv.level, "name": lv.name, "staff": lv.audience} for lv in cf.levels],
        "competencies": [
            {
                "title_raw": c.title_raw,
                "name": c.name,
                "qualifier": c.qualifier,
                "description": c.description,
                "category": c.category,
                "section": c.section,
                "levels": [
                    {
                        "level": lv.level,
                        "label": lv.label,
                        "intro": [t.text for t in lv.intro],
                        "sub_areas": [
                            {"name": s.name, "statements": [t.text for t in s.statements]}
                            for s in lv.sub_areas
                        ],
                    }
                    for lv in c.levels
                ],
            }
            for c in cf.competencies
        ],
        "statements": [
            {
                "competency": s.competency,
                "category": s.category,
                "level": s.level,
                "sub_area": s.sub_area,
                "text": s.text,
            }
            for s in cf.statements
        ],
    }


def _role_view(role: Role) -> dict[str, Any]:
    bands = None
    if role.bands is not None:
        bands = {}
        for band in role.bands:
            entry: dict[str, Any] = {
                "label": band.label,
                "requirements": band.requirements.text if band.requirements else None,
            }
            for cat in band.categories:
                entry.setdefault(cat.category, []).extend(t.text for t in cat.statements)
            bands[band.key] = entry
    apprenticeship = None
    if role.apprenticeship is not None:
        apprenticeship = {
            "levels": [t.text for t in role.apprenticeship.levels],
            "paragraphs": [t.text for t in role.apprenticeship.paragraphs],
        }
    return {
        "section": role.section,
        "heading_raw": role.heading_raw,
        "title": role.title,
        "post_number_raw": role.post_number_raw,
        "post_numbers": role.post_numbers,
        "grade": role.grade,
        # The seed's `range` is its `Range N` grade's number (issue 14: `grade_number` now).
        "range": role.grade_number.number if role.grade_number else None,
        "job_family_note": role.job_family_note,
        "main_duties": [t.text for t in role.main_duties],
        "apprenticeship": apprenticeship,
        "bands": bands,
    }


def progression_view(pf: ProgressionFramework) -> dict[str, Any]:
    """Our progression framework in the expected JSON's shape."""
    return {
        "organisation": pf.organisation,
        "title": pf.title,
        "sections": [s.text for s in pf.sections],
        "band_columns": pf.band_labels,
        "row_labels": pf.categories,
        "roles": [_role_view(r) for r in pf.roles],
    }


def expected_subset(expected: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {k: expected[k] for k in keys}


def strip_informational(value: Any) -> Any:
    """The expected JSON without its informational keys (recursively)."""
    if isinstance(value, dict):
        return {k: strip_informational(v) for k, v in value.items() if k not in INFORMATIONAL}
    if isinstance(value, list):
        return [strip_informational(v) for v in value]
    return value


@functools.cache
def built(path: Path) -> Document:
    """One parse per file per test session: PDF reading dominates these tests' time."""
    return build_document(path.read_bytes(), path.name)
