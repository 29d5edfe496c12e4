"""Competency framework -> its levels and every behaviour statement (no roles)."""

from __future__ import annotations

from roleframe.ingest.dataset.facts import Facts, Name, Row, at
from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.document import Document


def facts(document: Document) -> Facts:
    framework = document.content
    assert isinstance(framework, CompetencyFramework)
    rows = [
        Row(
            "framework_levels",
            (i,),
            {"level": level.level, "name": level.name, "audience": level.audience},
            where=at(level.where),
        )
        for i, level in enumerate(framework.levels)
    ]
    rows += [
        Row(
            "framework_statements",
            (i,),
            {
                "category": statement.category,
                "level": statement.level,
                "sub_area": statement.sub_area,
                "position": i,
                "text": statement.text,
            },
            {"competency_id": Name("competencies", statement.competency)},
            at(statement.where),
        )
        for i, statement in enumerate(framework.statements)
    ]
    return Facts(series_title=document.title or framework.title, mentions=[], rows=rows)
