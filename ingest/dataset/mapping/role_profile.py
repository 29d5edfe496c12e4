"""Role profile -> the role, its labelled fields, its text and its person specification."""

from __future__ import annotations

from collections.abc import Iterator

from roleframe.ingest.dataset.facts import Facts, Mention, Name, Ref, Row, at
from roleframe.schema.base import Provenance
from roleframe.schema.document import Document
from roleframe.schema.role_profile import LabelledValue, RoleProfile, Statement, TextSection

ROLE = Ref("role_mentions", ("profile", 0))
POST_NUMBER_CUES = ("post no", "post number", "position no", "position number")


def facts(document: Document) -> Facts:
    profile = document.content
    assert isinstance(profile, RoleProfile)
    title = _value(profile.title) or document.title
    if not title:
        return Facts(series_title=None, mentions=[], rows=[])
    mention = Mention(
        key=("profile", 0),
        relation="profile",
        title=title,
        grade=_value(profile.pay_scale),
        service=document.service,
        post_numbers=_post_numbers(profile.fields),
        where=at(profile.title.where if profile.title else None)
        + at(profile.pay_scale.where if profile.pay_scale else None, "grade"),
    )
    rows = [
        Row(
            "profile_fields",
            (i,),
            {"position": i, "label": field.label, "value": field.value},
            {"role_mention_id": ROLE},
            at(field.where),
        )
        for i, field in enumerate(profile.fields)
    ]
    rows += [
        Row(
            "profile_statements",
            (i,),
            {
                "section": section,
                "heading": heading,
                "position": i,
                "text": text,
                "bulleted": int(bulleted),
            },
            {"role_mention_id": ROLE},
            at(where),
        )
        for i, (section, heading, text, bulleted, where) in enumerate(_statements(profile))
    ]
    rows += [
        Row(
            "person_spec",
            (i,),
            {
                "position": i,
                "section": item.section,
                "text": item.text,
                "requirement": item.requirement,
                "assessed_by": ", ".join(item.assessed_by) or None,
            },
            {"role_mention_id": ROLE},
            at(item.where),
        )
        for i, item in enumerate(profile.person_specification)
    ]
    rows += [
        Row(
            "requirements",
            ("profile", i),
            {"position": i, "level": required.level, "raw": required.level_raw or ""},
            {"role_mention_id": ROLE, "competency_id": Name("competencies", required.name)},
            at(required.where) + at(required.level_where, "level"),
        )
        for i, required in enumerate(profile.competencies)
    ]
    return Facts(series_title=title, mentions=[mention], rows=rows)


def _value(field: LabelledValue | None) -> str | None:
    return field.value if field is not None else None


def _post_numbers(fields: list[LabelledValue]) -> str | None:
    for field in fields:
        if field.value and any(cue in field.label.casefold() for cue in POST_NUMBER_CUES):
            return field.value
    return None


def text_sections(profile: RoleProfile) -> list[TextSection]:
    """Every labelled text block the profile has, known kinds first."""
    known = [
        profile.purpose,
        profile.nature_of_contacts,
        profile.procedural_context,
        profile.dimensions,
        profile.knowledge_skills_experience,
        profile.qualifications,
    ]
    return [s for s in known if s is not None] + list(profile.other_sections)


# (section, heading, text, bulleted, where) of one paragraph about the role
Paragraph = tuple[str, str | None, str, bool, Provenance]


def _statements(profile: RoleProfile) -> Iterator[Paragraph]:
    """Every paragraph about the role, in a stable order."""
    for stage in profile.progression_stages:
        yield "progression_stage", stage.stage, stage.description, False, stage.where
    for section in text_sections(profile):
        yield from _paragraphs(section.key, section.label, section.statements)
    for group in profile.accountability_sections:
        for item in group.items:
            yield from _paragraphs("accountability", group.heading, item.accountability)
            yield from _paragraphs("outcome", group.outcomes_heading, item.outcomes)
    yield from _paragraphs("notes", None, profile.notes)


def _paragraphs(
    section: str, heading: str | None, statements: list[Statement]
) -> Iterator[Paragraph]:
    for statement in statements:
        yield section, heading, statement.text, statement.bulleted, statement.where
