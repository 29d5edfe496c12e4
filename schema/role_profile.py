"""Role profile (job description / person specification).

Two layout families share this model: label/value tables (label cell beside its content,
accountability tables with an outcomes column) and heading-led documents (headings followed
by numbered lists, plus a person specification table with Essential/Desirable columns).
Every statement keeps its provenance; nothing is reworded.
"""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance

Requirement = Literal["essential", "desirable"]
SectionKey = Literal[
    "purpose",
    "nature_of_contacts",
    "procedural_context",
    "dimensions",
    "knowledge_skills_experience",
    "qualifications",
    "requirements",
    "other",
]


class Statement(Model):
    """One paragraph of content: a bullet, a numbered item or a plain sentence."""

    text: str = Field(description="Paragraph text, cleaned; bullet glyph or number removed.")
    bulleted: bool = Field(
        default=False,
        description="True for a list item (bullet glyph, Word list numbering or list style).",
    )
    list_level: int | None = Field(
        default=None, description="0-based list nesting level for list items, else null."
    )
    where: Provenance = Field(description="Where the paragraph sits.")


class LabelledValue(Model):
    """A label and its value (`Job Family` | `Resident Services`; `Reports to; …`)."""

    label: str = Field(description="The label as printed (trailing colon/semicolon removed).")
    value: str | None = Field(description="The value as written; null when not given.")
    raw: str | None = Field(
        default=None,
        description="Label and value as one text where they share a paragraph (`Reports to; X`).",
    )
    where: Provenance = Field(description="Where the value sits.")
    label_where: Provenance | None = Field(
        default=None, description="Where the label sits (null when label and value share it)."
    )


class ProgressionStage(Model):
    """One career-grade step: the stage label and what moving through it requires."""

    stage: str = Field(description="Stage label as written (`SO1 – progress at 6 months`).")
    description: str = Field(description="The condition/description, paragraphs joined by space.")
    where: Provenance = Field(description="Where the description sits.")
    stage_where: Provenance = Field(description="Where the stage label sits.")


class TextSection(Model):
    """A labelled block of statements (Purpose, Nature of Contacts, Key Facts …)."""

    key: SectionKey = Field(
        description="What the section is, from its label's cue words; `other` when not known. "
        "`dimensions`: facts and figures about the role (reporting line, staff, budget; "
        "`Key Facts and Figures`, `Job dimensions`); `requirements`: a heading over what the "
        "post holder needs (`Resourcing`, `Requirements of the post`)."
    )
    label: str = Field(description="The section label or heading as printed.")
    statements: list[Statement] = Field(description="Its paragraphs in order.")
    where: Provenance = Field(description="Where the label sits.")


class Accountability(Model):
    """One accountability (duty) and the end results/outcomes that show it is met."""

    accountability: list[Statement] = Field(description="The accountability's paragraphs.")
    outcomes: list[Statement] = Field(
        default_factory=list,
        description="End results/outcomes paragraphs (an intro line plus bullets is kept as is).",
    )
    where: Provenance = Field(description="Where the accountability sits (row or paragraph).")


class AccountabilitySection(Model):
    """A group of accountabilities under one heading (generic, training period, …)."""

    heading: str = Field(description="Section heading as written.")
    outcomes_heading: str | None = Field(
        default=None, description="Heading of the outcomes column, where there is one."
    )
    intro: list[Statement] = Field(
        default_factory=list,
        description="Lead-in lines over the list (`The post holder will:`), not duties.",
    )
    items: list[Accountability] = Field(description="Accountabilities in source order.")
    where: Provenance = Field(description="Where the heading sits.")


class RequiredCompetency(Model):
    """A competency or behaviour the role requires, with the level it asks for
    (`Customer focus | Advanced`; a tick under the `Practitioner` column)."""

    name: str = Field(description="The competency or behaviour name as written.")
    level_raw: str | None = Field(
        description="The required level as written (`Working`, `3`, `Level 2`), or the "
        "header of the column ticked for it; null when the table gives none."
    )
    level: int | None = Field(
        default=None,
        description="The level as a number where the document gives one: a digit, `Level 3`, "
        "or a word the document's own key numbers (`1 = Foundation`); null otherwise.",
    )
    description: list[Statement] = Field(
        default_factory=list,
        description="What the competency means in this role, where a column says so.",
    )
    group: str | None = Field(
        default=None,
        description="The heading or header the table sits under (`Behaviours`, "
        "`Technical competencies`), as written; null when none.",
    )
    where: Provenance = Field(description="Where the name sits.")
    level_where: Provenance | None = Field(
        default=None, description="Where the level (or the tick) sits."
    )


class PersonSpecItem(Model):
    """One person-specification requirement, with its section and essential/desirable flag."""

    section: str | None = Field(
        description="The criteria group as written (`Knowledge`, `Experience`); null if none."
    )
    text: str = Field(description="The requirement as written.")
    requirement: Requirement | None = Field(
        description="From the column or marker it sits under; null when the source does not say."
    )
    assessed_by: list[str] = Field(
        default_factory=list,
        description="Assessment methods, lower-cased, split from the source text "
        "(`application`, `interview`, `test` …); codes like `A/I` are expanded when the "
        "document defines them.",
    )
    assessed_by_raw: str | None = Field(
        default=None, description="The assessment cell text as written."
    )
    where: Provenance = Field(description="Where the requirement sits.")


class RoleProfile(Model):
    kind: Literal["role_profile"] = "role_profile"
    layout: Literal["label_tables", "headings"] = Field(
        description="label_tables: label cells beside content; headings: heading paragraphs "
        "followed by lists (often with a person specification table)."
    )
    title: LabelledValue | None = Field(default=None, description="Role (job) title.")
    job_family: LabelledValue | None = Field(default=None, description="Job family.")
    competency_level: LabelledValue | None = Field(default=None, description="Competency level.")
    pay_scale: LabelledValue | None = Field(
        default=None, description="Pay scale, band or grade as written."
    )
    reports_to: LabelledValue | None = Field(default=None, description="Who the role reports to.")
    responsible_for: LabelledValue | None = Field(
        default=None, description="Who or what the role is responsible for (direct reports)."
    )
    fields: list[LabelledValue] = Field(
        default_factory=list,
        description="Every label/value pair found (including the named ones above and any "
        "other, e.g. `Directorate`, `Location`), in source order.",
    )
    progression_stages: list[ProgressionStage] = Field(
        default_factory=list, description="Career-grade stages with their conditions."
    )
    purpose: TextSection | None = Field(default=None, description="Purpose of the role.")
    accountability_sections: list[AccountabilitySection] = Field(
        default_factory=list,
        description="Accountabilities/duties grouped by section, in source order.",
    )
    nature_of_contacts: TextSection | None = Field(default=None, description="Nature of contacts.")
    procedural_context: TextSection | None = Field(default=None, description="Procedural context.")
    dimensions: TextSection | None = Field(
        default=None,
        description="Facts and figures about the role (reporting line, staff, budget), with "
        "the label as printed (`Key Facts and Figures`, `Job dimensions`).",
    )
    knowledge_skills_experience: TextSection | None = Field(
        default=None, description="Knowledge, skills and experience statements."
    )
    qualifications: TextSection | None = Field(
        default=None, description="Indicative/required qualifications."
    )
    person_specification: list[PersonSpecItem] = Field(
        default_factory=list,
        description="Person specification criteria (Essential/Desirable table layouts).",
    )
    competencies: list[RequiredCompetency] = Field(
        default_factory=list,
        description="Competencies or behaviours the role requires, with their levels "
        "(a `name | level` table, or levels as columns with a tick), in source order.",
    )
    other_sections: list[TextSection] = Field(
        default_factory=list,
        description="Labelled sections whose label is not one of the known kinds, kept as is.",
    )
    notes: list[Statement] = Field(
        default_factory=list, description="Closing disclaimer and other notes, as written."
    )
