"""Skills matrix: roles x competencies with required levels, plus level descriptors."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance


class MatrixRole(Model):
    id: str = Field(description="Stable id of the role (title, grade and repeat count).")
    title: str = Field(description="Role (job) title as written.")
    grade: str | None = Field(
        default=None,
        description="Grade as written (`1`, `8-7`, `SO1`); text even where Excel held a number.",
    )
    group: str | None = Field(
        default=None,
        description="Heading of the group of rows the role sits under (a full-width row), if any.",
    )
    attributes: dict[str, str] = Field(
        default_factory=dict,
        description="Other role attribute columns (header as written -> value), e.g. post no.",
    )
    where: Provenance = Field(description="Where the role's title sits.")
    grade_where: Provenance | None = Field(
        default=None, description="Where the grade sits, when the matrix has a grade column."
    )


class CompetencyColumn(Model):
    id: str = Field(description="Stable id of the competency as written (name and repeat count).")
    name: str = Field(description="Competency header exactly as written (`Financial n`).")
    index: int = Field(ge=0, description="0-based position in `header_row`.")
    resolved_name: str | None = Field(
        default=None,
        description="Full name found elsewhere in the same document when the header is "
        "truncated (`Financial n` -> `Financial management` from the descriptor table); or "
        "the header without the words every competency header opens with (`Competency "
        "Framework Level Required - Customer Focus` -> `Customer Focus`); or the name a code "
        "header stands for in the document's code table (`HO1` -> `Homelessness "
        "prevention`).",
    )
    group: str | None = Field(
        default=None, description="Group heading spanning this column above the header, if any."
    )
    note: str | None = Field(
        default=None,
        description="Footnote whose marker the header ends with (`…Qualifications*` -> `* …`).",
    )
    where: Provenance = Field(description="Where the header cell sits.")


class Requirement(Model):
    """One cell of the matrix: the level a role needs in a competency."""

    role_id: str = Field(description="Id of the role (see `roles`).")
    role: str = Field(description="Role title, repeated for readability.")
    competency_id: str = Field(description="Id of the competency column.")
    competency: str = Field(description="Competency header as written, repeated for readability.")
    raw: str = Field(description="Cell text as written (`` empty, `S`, `2`, `Good`, `✓`).")
    level: int | None = Field(
        default=None,
        description="Level as a number: the digit written, or a level word's place on the "
        "scale in `level_scale`; null when the cell is empty, a tick or anything else.",
    )
    where: Provenance = Field(description="Where the cell sits.")


class CurrentLevel(Model):
    """The Current (actual, assessed) half of a competency's `Required | Current` pair."""

    role_id: str = Field(description="Id of the role (see `roles`).")
    role: str = Field(description="Role title, repeated for readability.")
    competency_id: str = Field(description="Id of the competency column.")
    competency: str = Field(description="Competency header as written, repeated for readability.")
    raw: str = Field(description="Cell text as written (`` when not assessed).")
    level: int | None = Field(
        default=None, description="Level as a number, read as `Requirement.level` is; or null."
    )
    where: Provenance = Field(description="Where the Current cell sits.")


class Descriptor(Model):
    competency: str = Field(description="Competency name as written in the descriptor table.")
    competency_id: str | None = Field(
        default=None,
        description="Id of the matrix competency this describes (exact name, or the unique "
        "full name a truncated header resolves to); null when the matrix has no such column.",
    )
    level: int = Field(ge=0, description="The level this text describes.")
    text: str = Field(description="Descriptor text; empty where the source cell is empty.")
    where: Provenance = Field(description="Where the descriptor cell sits.")


class Note(Model):
    text: str = Field(description="Footnote or note text as written.")
    marker: str | None = Field(
        default=None, description="Leading footnote marker (`*`, `†`, `1`), if the note has one."
    )
    where: Provenance = Field(description="Where the note sits.")


class SkillsMatrix(Model):
    kind: Literal["skills_matrix"] = "skills_matrix"
    title: str | None = Field(default=None, description="Heading above the matrix.")
    service: str | None = Field(default=None, description="Service the matrix belongs to.")
    intro: str | None = Field(default=None, description="Introductory text above the matrix.")
    orientation: Literal["roles_in_rows", "roles_in_columns"] = Field(
        description="roles_in_rows: one row per role; roles_in_columns: a transposed matrix."
    )
    header_row: list[str] = Field(
        description="The header cells as written, in order (role headers then competencies); "
        "in a transposed matrix, the header column read top to bottom."
    )
    role_columns: dict[str, str] = Field(
        description="Which headers hold role attributes: `title`, `grade` -> header text."
    )
    roles: list[MatrixRole] = Field(description="Roles in source order.")
    competencies: list[CompetencyColumn] = Field(description="Competencies in source order.")
    requirements: list[Requirement] = Field(
        description="Every role x competency cell, role-major in source order."
    )
    current_levels: list[CurrentLevel] = Field(
        default_factory=list,
        description="Where each competency is merged over a `Required | Current` pair of "
        "columns: the Current cells, role-major (the requirement is always the Required "
        "level); empty for a matrix of requirements only.",
    )
    level_scale: dict[str, int] = Field(
        default_factory=dict,
        description="Level labels -> level number, lower case: every word and code the "
        "document's legend defines (`f`, `foundation`; kept for digit matrices too), or, "
        "without a legend, the scale words the cells use; empty when there is neither.",
    )
    level_scale_source: Literal["legend", "word_order"] | None = Field(
        default=None,
        description="legend: a key in the document says `1 = Basic` or `F = Foundation; I = "
        "…` (numbered in its order); word_order: the words were ranked on roleframe's "
        "documented vocabulary (`parsers/kinds/matrix_scale.py`: Aware < Working < "
        "Practitioner < Expert, None < Basic < Good < Expert…).",
    )
    footnotes: list[Note] = Field(default_factory=list, description="Footnotes under the matrix.")
    descriptors_title: str | None = Field(default=None, description="Heading of the descriptors.")
    descriptors_intro: str | None = Field(default=None, description="Text under that heading.")
    descriptor_columns: list[str] = Field(
        default_factory=list, description="Descriptor table header cells as written (non-empty)."
    )
    descriptors: list[Descriptor] = Field(
        default_factory=list, description="Level descriptors, competency-major in source order."
    )
    where: dict[str, Provenance] = Field(
        default_factory=dict,
        description="Where the document-level texts sit: `title`, `service`, `intro`, "
        "`matrix` (the table), `descriptors_title`, `descriptors_intro`.",
    )
