"""Competency framework: levels, competencies and level-by-level behaviour statements.

A framework states a few levels (One/Two/Three, each for an audience such as all staff,
managers, directors), then per competency and level the behaviours expected, often grouped
into named sub-areas. Everything keeps its provenance, and the statements are also published
flat (one row per statement) because that is what analysts load into a spreadsheet.
"""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance

CompetencyCategory = Literal["core", "professional"]


class Text(Model):
    """A piece of text as written, with where it was found."""

    text: str = Field(description="The text, whitespace-normalised, otherwise as written.")
    where: Provenance = Field(description="Where the text sits in the source.")
    code: str | None = Field(
        default=None,
        description="Reference printed with the text (an indicator code such as `LC2.1` "
        "before a statement, a long-format sheet's row reference), kept out of `text`.",
    )


class TocEntry(Model):
    """One line of the table of contents (kept apart from the body it points into)."""

    text: str = Field(description="Entry text without the page number or dot leaders.")
    level: int = Field(ge=1, description="Nesting level, 1 = top (from TOC style or heading).")
    page: int | None = Field(default=None, description="Page number printed in the entry.")
    where: Provenance = Field(description="Where the entry sits in the source.")


class IntroItem(Model):
    """A paragraph (or top-level bullet) of the introduction, with its own sub-bullets."""

    text: str = Field(description="The paragraph text.")
    where: Provenance = Field(description="Where the paragraph sits in the source.")
    sub_items: list[Text] = Field(
        default_factory=list, description="Nested bullets under this paragraph, in order."
    )


class LevelDefinition(Model):
    """A level of the framework as the framework defines it (e.g. `Two` for `Managers`)."""

    level: int = Field(ge=0, description="Level number (One -> 1, `Level 2` -> 2).")
    name: str = Field(description="The level's name as written (`One`, `Level 2`).")
    audience: str | None = Field(
        default=None, description="Who the level applies to, as written (`All staff`)."
    )
    description: str | None = Field(
        default=None,
        description="What the level means, as a levels table, intro list or meanings sheet "
        "says (`Works independently and is the person others turn to.`).",
    )
    where: Provenance = Field(description="Where the level is defined.")


class SubArea(Model):
    """A named group of statements inside one competency level (`Collaboration`, `Lettings`)."""

    name: str | None = Field(
        description="Sub-area name as written; null for statements before any named sub-area."
    )
    where: Provenance | None = Field(
        default=None, description="Where the sub-area name sits (null when unnamed)."
    )
    negative: bool = Field(
        default=False,
        description="True when the group lists ineffective / negative indicators (what the "
        "behaviour does not look like), e.g. under an `Ineffective behaviours` column.",
    )
    statements: list[Text] = Field(
        default_factory=list, description="Behaviour statements, in order."
    )


class CompetencyLevel(Model):
    """What one competency expects at one level."""

    level: int | None = Field(description="Level number; null when it cannot be determined.")
    label: str | None = Field(
        default=None, description="The level label as written beside the content (`Level 1`)."
    )
    intro: list[Text] = Field(
        default_factory=list,
        description="Scope lines before the statements (e.g. `Line Manages one or more teams`).",
    )
    sub_areas: list[SubArea] = Field(
        default_factory=list, description="Statement groups; one unnamed group when none named."
    )
    where: Provenance = Field(description="Where the level's content cell sits.")


class Competency(Model):
    """One competency across every level where the framework describes it."""

    name: str = Field(
        description="Competency name (title without numbering, qualifier or definition)."
    )
    reference: str | None = Field(
        default=None, description="Number or code printed before the name (`3.2`), where given."
    )
    title_raw: str = Field(
        description="The title as written, qualifier included, definition line left out."
    )
    qualifier: str | None = Field(
        default=None,
        description="Who the competency is for, from the title (`all managers`).",
    )
    description: str | None = Field(
        default=None, description="Definition line from the title, where given."
    )
    category: CompetencyCategory | None = Field(
        default=None,
        description="core (behavioural, everyone) or professional (technical, role-specific), "
        "from the section heading; null when no section says.",
    )
    section: str | None = Field(
        default=None, description="Heading of the section the competency sits in, as written."
    )
    where: Provenance = Field(description="Where the title was first found.")
    levels: list[CompetencyLevel] = Field(
        default_factory=list, description="Content per level, in level order."
    )


class FlatStatement(Model):
    """One behaviour statement with its full context (a row of the flat export)."""

    competency: str = Field(description="Competency name.")
    category: CompetencyCategory | None = Field(description="Competency category.")
    level: int | None = Field(description="Level number.")
    sub_area: str | None = Field(description="Sub-area name; null when unnamed.")
    negative: bool = Field(
        default=False,
        description="True for an ineffective / negative indicator (what the behaviour does "
        "not look like); false for the behaviours expected.",
    )
    text: str = Field(description="The statement (without an indicator code).")
    code: str | None = Field(
        default=None, description="Indicator code or row reference, where given (`LC2.1`)."
    )
    where: Provenance = Field(description="Where the statement sits in the source.")


class CompetencyFramework(Model):
    """A competency framework: levels, competencies, statements."""

    kind: Literal["competency_framework"] = "competency_framework"
    title: str | None = Field(default=None, description="Framework title.")
    organisation: str | None = Field(default=None, description="Organisation, where named.")
    running_header: str | None = Field(
        default=None, description="Running page header text, where the file has one."
    )
    toc: list[TocEntry] = Field(
        default_factory=list, description="Table of contents entries (not body content)."
    )
    introduction: list[IntroItem] = Field(
        default_factory=list, description="Introductory paragraphs before the levels."
    )
    levels: list[LevelDefinition] = Field(
        default_factory=list, description="The levels the framework defines, in order."
    )
    cumulative_rule: Text | None = Field(
        default=None,
        description="The sentence stating that levels build on each other, where stated.",
    )
    competencies: list[Competency] = Field(
        default_factory=list, description="Competencies in first-appearance order."
    )
    statements: list[FlatStatement] = Field(
        default_factory=list,
        description="Every statement flattened: by competency, then level, then sub-area.",
    )
