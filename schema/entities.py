"""The flat entities `roleframe export` publishes: one model per entity type.

A document is many small things - roles, the levels a matrix requires, level descriptors,
framework statements, progression bands, JE factors, name matches. The exports (JSON Lines,
CSV tables, the HR workbook, the combined dataset file) all write these same lines, so their
columns are documented once, here, and published as JSON Schema (``export_line.json`` for one
line of ``roleframe export jsonl``, ``dataset.json`` for ``roleframe export json``).

Every line carries the id of the document it came from and ``where`` it sits in that
document's source file. Fields holding personal data are marked
``json_schema_extra={"personal": True}`` like the document model's, and
``--redact-personal`` empties them in every format.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, RootModel
from pydantic.json_schema import JsonDict

from roleframe.schema.base import Model, Provenance
from roleframe.schema.enums import DocumentKind, Format, Severity
from roleframe.schema.issues import Detail, IssueCode
from roleframe.schema.match import Candidates

PERSONAL: JsonDict = {"personal": True}
LINE_FORMAT_VERSION = "1.0"

_TYPE = "The line's entity type."
_ID = "Stable id (uuid5 of the document id and the entity's place in it; a document's own id)."
_DOCUMENT = "Id of the document it came from (see the `document` lines)."
_WHERE = "Where it sits in the source file (page, sheet and cell, table, row, paragraph)."
_WHERE_OF = "Where other parts of it sit, by field (`grade`, `score`), when apart."
_ROLE_ID = "Id of the `role` line it belongs to."
_ROLE = "That role's title as written, repeated for readability."
_POSITION = "Order within the document (0-based)."
_CANONICAL_ID = "Registry entry the name matched; null when unmatched or waiting for review."
_CANONICAL_NAME = "That entry's preferred name."
_MATCH_STATUS = "How the name landed on the registry: matched, review or unmatched."


class _Line(Model):
    id: str = Field(description=_ID)
    document_id: str = Field(description=_DOCUMENT)


class _Placed(_Line):
    where: Provenance | None = Field(default=None, description=_WHERE)
    where_of: dict[str, Provenance] = Field(default_factory=dict, description=_WHERE_OF)


class _Named(_Placed):
    """A line that names a competency, factor or category: the registry match comes along."""

    canonical_id: str | None = Field(default=None, description=_CANONICAL_ID)
    canonical_name: str | None = Field(default=None, description=_CANONICAL_NAME)
    match_status: str | None = Field(default=None, description=_MATCH_STATUS)


class DocumentLine(_Line):
    """One document exported: what file it was read from and what read it (the Sources)."""

    type: Literal["document"] = Field(default="document", description=_TYPE)
    filename: str = Field(description="Source file name (no folders).")
    format: Format = Field(description="Format detected from the bytes.")
    kind: DocumentKind = Field(description="Document kind.")
    sha256: str = Field(description="SHA-256 of the source file's bytes.")
    size: int = Field(ge=0, description="Source file size in bytes.")
    pages: int | None = Field(default=None, description="Page count (PDF).")
    title: str | None = Field(default=None, description="Document title where found.")
    organisation: str | None = Field(default=None, description="Organisation where named.")
    service: str | None = Field(default=None, description="Service or team where named.")
    extractor: str = Field(description="Kind extractor that read it.")
    parser_version: str = Field(description="That extractor's version.")
    schema_version: str = Field(description="Version of the document JSON schema.")
    warnings: int = Field(ge=0, description="Content warnings raised (see `warning` lines).")
    names_matched: int = Field(ge=0, description="Names matched on the registry.")
    names_review: int = Field(ge=0, description="Names waiting for review.")
    names_unmatched: int = Field(ge=0, description="Names with no match.")


class RoleLine(_Placed):
    """A role (post) as the document writes it."""

    type: Literal["role"] = Field(default="role", description=_TYPE)
    relation: str = Field(
        description="How the document speaks of it: matrix_row, profile, je_post (the post "
        "evaluated), je_comparator, progression_role."
    )
    position: int = Field(ge=0, description=_POSITION)
    title: str = Field(description="Title exactly as written.")
    grade: str | None = Field(default=None, description="Grade, pay scale or range as written.")
    service: str | None = Field(default=None, description="Service where named.")
    team: str | None = Field(
        default=None, description="Row group, section or team heading the role sits under."
    )
    post_numbers: str | None = Field(default=None, description="Post numbers as written.")
    dataset_role_id: str | None = Field(
        default=None,
        description="The role as one thing across documents and versions: its id in the shared "
        "dataset's `roles` table (merges followed). Set by `export --db`; null from files.",
    )


class RoleFieldLine(_Placed):
    """A labelled value about a role: a profile's field, a JE form's post details."""

    type: Literal["role_field"] = Field(default="role_field", description=_TYPE)
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    position: int = Field(ge=0, description=_POSITION)
    label: str = Field(description="Label as printed.")
    value: str | None = Field(default=None, description="Value as written; null when not given.")


class RoleStatementLine(_Placed):
    """A paragraph about a role: purpose, accountability, outcome, duty, notes."""

    type: Literal["role_statement"] = Field(default="role_statement", description=_TYPE)
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    section: str = Field(
        description="What the text is: purpose, accountability, outcome, progression_stage, "
        "main_duties, notes, apprenticeship ... or another section's key."
    )
    heading: str | None = Field(default=None, description="Section heading as printed.")
    position: int = Field(ge=0, description=_POSITION)
    text: str = Field(description="The paragraph as written.")
    bulleted: bool = Field(description="True for a list item.")


class PersonSpecLine(_Placed):
    """A person specification criterion of a role."""

    type: Literal["person_spec"] = Field(default="person_spec", description=_TYPE)
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    position: int = Field(ge=0, description=_POSITION)
    section: str | None = Field(default=None, description="Criteria group (Knowledge ...).")
    text: str = Field(description="The criterion as written.")
    requirement: str | None = Field(
        default=None, description="essential, desirable, or null when the source does not say."
    )
    assessed_by: str | None = Field(
        default=None, description="Assessment methods, comma-separated."
    )


class RequirementLine(_Named):
    """A skills matrix cell: the level a role needs in a competency."""

    type: Literal["requirement"] = Field(default="requirement", description=_TYPE)
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    competency: str = Field(description="Competency header as written (`Financial n`).")
    position: int = Field(ge=0, description="Order in the matrix (role-major).")
    level: int | None = Field(
        default=None, description="Level as a number; null for an empty cell, a tick or text."
    )
    raw: str = Field(description="The cell as written ('' when empty, `S`, `2`, `Good`).")


class DescriptorLine(_Named):
    """What a level of a competency means (a matrix's descriptor table)."""

    type: Literal["descriptor"] = Field(default="descriptor", description=_TYPE)
    competency: str = Field(description="Competency as the descriptor table names it.")
    position: int = Field(ge=0, description=_POSITION)
    level: int = Field(description="The level described.")
    text: str = Field(description="The description ('' where the source cell is empty).")


class FrameworkLevelLine(_Placed):
    """A level a competency framework defines, and who it is for."""

    type: Literal["framework_level"] = Field(default="framework_level", description=_TYPE)
    level: int = Field(description="Level number.")
    name: str = Field(description="Level name as written.")
    audience: str | None = Field(default=None, description="Who the level applies to.")


class StatementLine(_Named):
    """A competency framework behaviour statement: competency x level x sub-area."""

    type: Literal["statement"] = Field(default="statement", description=_TYPE)
    competency: str = Field(description="Competency name as written.")
    category: str | None = Field(default=None, description="core or professional.")
    level: int | None = Field(default=None, description="Level number.")
    sub_area: str | None = Field(default=None, description="Named group of statements, if any.")
    position: int = Field(ge=0, description=_POSITION)
    text: str = Field(description="The statement as written.")


class BandLine(_Placed):
    """A career progression band of a role (Level A (Developing) ...)."""

    type: Literal["band"] = Field(default="band", description=_TYPE)
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    position: int = Field(ge=0, description="Order of the band within the role.")
    key: str = Field(description="Short band key (A, B, C).")
    label: str = Field(description="Band label as written.")
    name: str | None = Field(default=None, description="Descriptive name (Developing).")
    grade: str | None = Field(
        default=None, description="The band's grade as written (`Grade 8`), where given."
    )
    preamble: str | None = Field(default=None, description="The band's lead-in line.")


class BandStatementLine(_Named):
    """What a post holder needs at a band, in one category."""

    type: Literal["band_statement"] = Field(default="band_statement", description=_TYPE)
    band_id: str | None = Field(default=None, description="Id of the `band` line.")
    band: str | None = Field(default=None, description="That band's label, for readability.")
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    category: str = Field(description="Category key (qualifications, knowledge ...).")
    category_label: str | None = Field(
        default=None, description="Category label as written; null when the source printed none."
    )
    position: int = Field(ge=0, description="Order within the band.")
    text: str = Field(description="The statement as written.")


class FactorLine(_Named):
    """A job evaluation factor row of a form."""

    type: Literal["factor"] = Field(default="factor", description=_TYPE)
    factor: str = Field(description="Factor name as written.")
    position: int = Field(ge=0, description="Order on the form.")
    evidence: str | None = Field(
        default=None, description="Commentary and evidence, paragraphs joined by newlines."
    )


class FactorLevelLine(_Placed):
    """A JE factor level of one post: the comparator's, the proposed or the agreed level."""

    type: Literal["factor_level"] = Field(default="factor_level", description=_TYPE)
    factor_id: str | None = Field(default=None, description="Id of the `factor` line.")
    factor: str | None = Field(default=None, description="That factor's name, for readability.")
    role_id: str | None = Field(default=None, description=_ROLE_ID)
    role: str | None = Field(default=None, description=_ROLE)
    basis: str = Field(description="comparator, proposed or agreed.")
    level: int | None = Field(default=None, description="The level as a number.")
    raw: str = Field(description="The level cell as written.")
    score: str | None = Field(default=None, description="The score cell as written.")


class NameMatchLine(_Placed):
    """How one name as written landed on the registry (the name review)."""

    type: Literal["name_match"] = Field(default="name_match", description=_TYPE)
    name: str = Field(description="The name exactly as written.")
    list: Literal["competencies", "factors", "categories"] = Field(
        description="Registry list it was matched against."
    )
    status: str = Field(description="matched, review or unmatched.")
    canonical_id: str | None = Field(default=None, description="Matched entry id.")
    canonical_name: str | None = Field(default=None, description="Matched entry's name.")
    score: float = Field(description="Score of the best candidate, 0-100.")
    method: str = Field(description="How it was reached (exact, alias, fuzzy, decision ...).")
    runner_up_id: str | None = Field(default=None, description="Second-best entry's id.")
    runner_up_name: str | None = Field(default=None, description="Second-best entry's name.")
    runner_up_score: float | None = Field(default=None, description="Its score.")
    candidates: Candidates = Field(
        default_factory=Candidates, description="For names left to review: the best candidates."
    )
    resolved_name: str | None = Field(
        default=None, description="Full name a truncated name was read as."
    )
    reason: str | None = Field(default=None, description="Why it was not matched automatically.")


class WarningLine(_Placed):
    """A content warning the pipeline raised on the document."""

    type: Literal["warning"] = Field(default="warning", description=_TYPE)
    code: IssueCode = Field(description="Stable warning code.")
    severity: Severity = Field(description="Severity (warning, info).")
    message: str = Field(description="What a person needs to know.")
    details: dict[str, Detail] = Field(
        default_factory=dict, description="Machine-readable particulars."
    )


class PersonalValueLine(_Placed):
    """A value of a field the document schema marks personal (a postholder's name)."""

    type: Literal["personal_value"] = Field(default="personal_value", description=_TYPE)
    field: str = Field(description="Path of the field in the document content (`post.name`).")
    label: str | None = Field(
        default=None,
        description="Label as printed, where there is one; emptied by --redact-personal.",
        json_schema_extra=PERSONAL,
    )
    value: str | None = Field(
        default=None,
        description="The value as written; emptied by --redact-personal.",
        json_schema_extra=PERSONAL,
    )


class ErrorLine(Model):
    """A source file that could not be exported (the others still are)."""

    type: Literal["error"] = Field(default="error", description=_TYPE)
    id: str = Field(description="Stable id (uuid5 of the path).")
    path: str = Field(description="The file, relative to the source folder (or the database).")
    code: IssueCode = Field(description="Stable error code.")
    message: str = Field(description="What went wrong, in one sentence.")


Entity = (
    DocumentLine
    | RoleLine
    | RoleFieldLine
    | RoleStatementLine
    | PersonSpecLine
    | RequirementLine
    | DescriptorLine
    | FrameworkLevelLine
    | StatementLine
    | BandLine
    | BandStatementLine
    | FactorLine
    | FactorLevelLine
    | NameMatchLine
    | WarningLine
    | PersonalValueLine
    | ErrorLine
)

# entity type -> model, in the order the exports write them (tables, sheets, dataset keys)
ENTITY_TYPES: dict[str, type[Model]] = {
    model.model_fields["type"].default: model
    for model in (
        DocumentLine,
        RoleLine,
        RoleFieldLine,
        RoleStatementLine,
        PersonSpecLine,
        RequirementLine,
        DescriptorLine,
        FrameworkLevelLine,
        StatementLine,
        BandLine,
        BandStatementLine,
        FactorLine,
        FactorLevelLine,
        NameMatchLine,
        WarningLine,
        PersonalValueLine,
        ErrorLine,
    )
}


class ExportLine(RootModel[Annotated[Entity, Field(discriminator="type")]]):
    """One line of `roleframe export jsonl`: an entity, typed by its `type` field."""

    model_config = {"frozen": True}


class Dataset(Model):
    """`roleframe export json`: every entity of the documents exported, grouped by type."""

    format: Literal["roleframe.dataset"] = Field(
        default="roleframe.dataset", description="Marks the file as a roleframe dataset."
    )
    format_version: str = Field(
        default=LINE_FORMAT_VERSION, description="Version of the line and dataset schema."
    )
    document: list[DocumentLine] = Field(default_factory=list, description="The documents.")
    role: list[RoleLine] = Field(default_factory=list, description="Roles as written.")
    role_field: list[RoleFieldLine] = Field(default_factory=list, description="Role fields.")
    role_statement: list[RoleStatementLine] = Field(
        default_factory=list, description="Paragraphs about roles."
    )
    person_spec: list[PersonSpecLine] = Field(
        default_factory=list, description="Person specification criteria."
    )
    requirement: list[RequirementLine] = Field(
        default_factory=list, description="Skills matrix requirements."
    )
    descriptor: list[DescriptorLine] = Field(default_factory=list, description="Level descriptors.")
    framework_level: list[FrameworkLevelLine] = Field(
        default_factory=list, description="Competency framework levels."
    )
    statement: list[StatementLine] = Field(
        default_factory=list, description="Competency framework statements."
    )
    band: list[BandLine] = Field(default_factory=list, description="Progression bands.")
    band_statement: list[BandStatementLine] = Field(
        default_factory=list, description="Progression band statements."
    )
    factor: list[FactorLine] = Field(default_factory=list, description="JE factors.")
    factor_level: list[FactorLevelLine] = Field(
        default_factory=list, description="JE factor levels."
    )
    name_match: list[NameMatchLine] = Field(
        default_factory=list, description="Name matches on the registry."
    )
    warning: list[WarningLine] = Field(default_factory=list, description="Content warnings.")
    personal_value: list[PersonalValueLine] = Field(
        default_factory=list, description="Values of fields marked personal."
    )
    error: list[ErrorLine] = Field(
        default_factory=list, description="Source files that could not be exported."
    )
