"""Career progression framework -> roles, their duties, bands and band statements."""

from __future__ import annotations

from roleframe.ingest.dataset.facts import Facts, Mention, Name, Ref, Row, at
from roleframe.schema.document import Document
from roleframe.schema.progression_framework import ProgressionFramework, Role, Text


def facts(document: Document) -> Facts:
    framework = document.content
    assert isinstance(framework, ProgressionFramework)
    mentions: list[Mention] = []
    rows: list[Row] = []
    for r, role in enumerate(framework.roles):
        mentions.append(_mention(document, r, role))
        mention = Ref("role_mentions", ("progression_role", r))
        for i, (section, text) in enumerate(_duties(role)):
            rows.append(
                Row(
                    "profile_statements",
                    (r, i),
                    {
                        "section": section,
                        "heading": None,
                        "position": i,
                        "text": text.text,
                        "bulleted": 0,
                    },
                    {"role_mention_id": mention},
                    at(text.where),
                )
            )
        for b, band in enumerate(role.bands or []):
            band_key = (r, b)
            rows.append(
                Row(
                    "progression_bands",
                    band_key,
                    {
                        "position": b,
                        "key": band.key,
                        "label": band.label,
                        "name": band.name,
                        "grade": band.grade,
                        "preamble": band.requirements.text if band.requirements else None,
                    },
                    {"role_mention_id": mention},
                    at(band.where),
                )
            )
            position = 0
            for category in band.categories:
                name = Name("categories", category.label) if category.label else None
                for statement in category.statements:
                    rows.append(
                        Row(
                            "band_statements",
                            (r, b, position),
                            {
                                "category": category.category,
                                "position": position,
                                "text": statement.text,
                            },
                            {"band_id": Ref("progression_bands", band_key), "competency_id": name},
                            at(statement.where),
                        )
                    )
                    position += 1
    return Facts(series_title=document.title or framework.title, mentions=mentions, rows=rows)


def _mention(document: Document, index: int, role: Role) -> Mention:
    return Mention(
        key=("progression_role", index),
        relation="progression_role",
        title=role.title,
        grade=role.grade,
        service=document.service,
        team=role.section,
        post_numbers=role.post_number_raw,
        where=at(role.where),
    )


def _duties(role: Role) -> list[tuple[str, Text]]:
    """Main duties, notes and apprenticeship text, as (section, text) in source order."""
    found: list[tuple[str, Text]] = [("main_duties", t) for t in role.main_duties]
    found += [("notes", t) for t in role.notes]
    if role.apprenticeship is not None:
        found += [("apprenticeship", t) for t in role.apprenticeship.levels]
        found += [("apprenticeship", t) for t in role.apprenticeship.paragraphs]
    found += [("notes", t) for t in role.trailing]
    return found
