"""Skills matrix: roles x competencies with required levels, plus level descriptors."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance


class MatrixRole(Model):
    id: str = Field(description="Stable id of the role within this document.")
    title: str = Field(description="Role (job) title as written.")
    grade: str | None = Field(
        default=None,
        description="Grade as written (`1`, `8-7`); text even where Excel held a number.",
    )
    where: Provenance = Field(description="Where the role's title sits.")


class CompetencyColumn(Model):
    id: str = Field(description="Stable id of the competency as written in this document.")
    name: str = Field(description="Competency header exactly as written (`Financial n`).")
    index: int = Field(ge=0, description="0-based position in `header_row` (or `header_column`).")
    resolved_name: str | None = Field(
        default=None,
        description="Full name found elsewhere in the same document when the header is "
        "truncated (`Financial n` -> `Financial management` from the descriptor table).",
    )
    where: Provenance = Field(description="Where the header cell sits.")


class Requirement(Model):
    """One cell of the matrix: the level a role needs in a competency."""

    role_id: str = Field(description="Id of the role (see `roles`).")
    role: str = Field(description="Role title, repeated for readability.")
    competency_id: str = Field(description="Id of the competency column.")
    competency: str = Field(description="Competency header as written, repeated for readability.")
    raw: str = Field(description="Cell text as written (`` empty, `S`, `2`).")
    level: int | None = Field(
        default=None, description="Level as a number; null when the cell is empty or not a number."
    )
    where: Provenance = Field(description="Where the cell sits.")


class Descriptor(Model):
    competency: str = Field(description="Competency name as written in the descriptor table.")
    level: int = Field(ge=0, description="The level this text describes.")
    text: str = Field(description="Descriptor text; empty where the source cell is empty.")
    where: Provenance = Field(description="Where the descriptor cell sits.")


class Note(Model):
    text: str = Field(description="Footnote or note text as written.")
    where: Provenance = Field(description="Where the note sits.")


class SkillsMatrix(Model):
    kind: Literal["skills_matrix"] = "skills_matrix"
    title: str | None = Field(default=None, description="Heading above the matrix.")
    service: str | None = Field(default=None, description="Service the matrix belongs to.")
    intro: str | None = Field(default=None, description="Introductory sentence above the matrix.")
    orientation: Literal["roles_in_rows", "roles_in_columns"] = Field(
        description="roles_in_rows: one row per role; roles_in_columns: a transposed matrix."
    )
    header_row: list[str] = Field(
        description="The header cells as written, in order (role headers then competencies)."
    )
    role_columns: dict[str, str] = Field(
        description="Which headers hold role attributes: `title`, `grade` -> header text."
    )
    roles: list[MatrixRole] = Field(description="Roles in source order.")
    competencies: list[CompetencyColumn] = Field(description="Competencies in source order.")
    requirements: list[Requirement] = Field(
        description="Every role x competency cell, role-major in source order."
    )
    footnotes: list[Note] = Field(default_factory=list, description="Footnotes under the matrix.")
    descriptors_title: str | None = Field(default=None, description="Heading of the descriptors.")
    descriptors_intro: str | None = Field(default=None, description="Sentence under that heading.")
    descriptor_columns: list[str] = Field(
        default_factory=list, description="Descriptor table header cells as written (non-empty)."
    )
    descriptors: list[Descriptor] = Field(
        default_factory=list, description="Level descriptors, competency-major in source order."
    )
