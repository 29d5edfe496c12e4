"""Career progression framework: roles, each with bands of requirements per category.

A progression framework lists roles under section (team) headings. Each role has a heading
line (title, post numbers, grade or grade range, sometimes a job-family note), its main
duties, and its bands (`Level A (Developing)`, `Band 1/2/3`, `Stage 2 – Practitioner
(Grade 8)`, `Trainee`…) — as table columns or rows, or as a section per band — stating, per
category (qualifications, knowledge, experience, skills…), what a post holder needs at that
band, sometimes with how-to-progress guidance. A band may be paid at its own grade.
Apprentice posts carry apprenticeship levels instead of bands and are represented as such.
"""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance

LabelStyle = Literal["paragraph", "inline", "underlined", "missing", "header"]


class Text(Model):
    """A piece of text as written, with where it was found."""

    text: str = Field(description="The text, whitespace-normalised, otherwise as written.")
    where: Provenance = Field(description="Where the text sits in the source.")


class CategoryRequirements(Model):
    """The statements of one category (e.g. Knowledge) at one band."""

    category: str = Field(
        description="Category key: the label lower-cased with words joined by `_` "
        "(`Qualifications` -> `qualifications`)."
    )
    label: str | None = Field(
        description="The category label as written; null when the cell printed none and the "
        "category came from the row/column position."
    )
    label_style: LabelStyle = Field(
        description="How the label was printed: its own paragraph, a bold run `inline` before "
        "the first statement, an `underlined` paragraph, `missing` (taken from position), or "
        "a `header` row/column of the table."
    )
    statements: list[Text] = Field(default_factory=list, description="Statements, in order.")
    where: Provenance = Field(description="Where the cell sits.")


class GradeNumber(Model):
    """A grade's number and the word it is numbered by, as written: `Range 3`, `Grades 5–7`."""

    label: str = Field(
        description="The word printed before the number, as written (`Range`, `Grade`, "
        "`Grades`, `Scale`, `Band`)."
    )
    number: int = Field(description="The grade number (the lower one of a range).")
    upper: int | None = Field(
        default=None,
        description="The upper number of a grade range (`Grades 5–7` -> 7); null for one grade.",
    )


class Band(Model):
    """One band (progression step) of a role."""

    key: str = Field(description="Short band key from the label (`Level A (Developing)` -> `A`).")
    label: str = Field(description="Band label as written.")
    name: str | None = Field(
        default=None, description="Descriptive band name where given (`Developing`)."
    )
    grade: str | None = Field(
        default=None,
        description="The grade the band is paid at, as written with its label (`Grade 8` from "
        "`Entry (Grade 8)` or a second label line `(Grade 8)`); null when none is printed.",
    )
    grade_number: GradeNumber | None = Field(
        default=None, description="The band grade's number, where it has one."
    )
    requirements: Text | None = Field(
        default=None,
        description="The band's preamble line (`Requirements at this level in addition to 3A:`).",
    )
    categories: list[CategoryRequirements] = Field(
        default_factory=list, description="Requirements per category, in table order."
    )
    guidance: list[Text] = Field(
        default_factory=list,
        description="How-to-progress guidance printed with the band (`Move to Stage 2 when …`): "
        "advice on moving on, not requirements.",
    )
    where: Provenance = Field(description="Where the band label sits.")


class Apprenticeship(Model):
    """An apprentice post's apprenticeship levels and the standard text that follows them."""

    levels: list[Text] = Field(description="Apprenticeship levels as written, in order.")
    paragraphs: list[Text] = Field(
        default_factory=list, description="Paragraphs describing the apprenticeship."
    )


class Role(Model):
    """One role (post) of the framework."""

    section: str | None = Field(default=None, description="Section/team heading the role is in.")
    heading_raw: str = Field(description="The role heading line as written.")
    title: str = Field(description="Role title (heading without post numbers, grade, note).")
    post_number_raw: str | None = Field(
        default=None, description="Post number text as written (`11144 & 11144A`, `TBC`)."
    )
    post_numbers: list[str] = Field(
        default_factory=list, description="Post numbers; empty when none or `TBC`."
    )
    grade: str | None = Field(
        default=None,
        description="Grade as written (`Range 3`, `Apprentice Grade`, `Grades 5–7`, "
        "`Scale 4 to SO1`).",
    )
    grade_number: GradeNumber | None = Field(
        default=None,
        description="The grade's number with the word it is numbered by (`Range 3` -> "
        "label `Range`, number 3), where the grade has one.",
    )
    job_family_note: str | None = Field(
        default=None,
        description="Job-family note from the heading's trailing brackets or a separate line.",
    )
    notes: list[Text] = Field(
        default_factory=list,
        description="Lead-in lines that are not duties (`See Job Profile for full duties.`).",
    )
    main_duties: list[Text] = Field(default_factory=list, description="Main duties paragraphs.")
    apprenticeship: Apprenticeship | None = Field(
        default=None, description="Apprenticeship levels (apprentice posts only)."
    )
    bands: list[Band] | None = Field(
        default=None, description="Bands in order; null for apprentice posts without bands."
    )
    trailing: list[Text] = Field(
        default_factory=list,
        description="Paragraphs after the role's table that are not apprenticeship text.",
    )
    where: Provenance = Field(description="Where the role heading sits.")


class ProgressionFramework(Model):
    """A career progression framework: sections, roles, bands, categories, statements."""

    kind: Literal["progression_framework"] = "progression_framework"
    title: str | None = Field(default=None, description="Framework title.")
    organisation: str | None = Field(default=None, description="Organisation, where named.")
    sections: list[Text] = Field(
        default_factory=list, description="Section/team headings, in order."
    )
    band_labels: list[str] = Field(
        default_factory=list, description="Distinct band labels seen, in first-seen order."
    )
    categories: list[str] = Field(
        default_factory=list, description="Distinct category labels seen, in first-seen order."
    )
    roles: list[Role] = Field(default_factory=list, description="Roles in document order.")
