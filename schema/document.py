"""The document envelope: one per ingested file, whatever its kind."""

from typing import Annotated, Literal

from pydantic import Field

from roleframe.schema.base import Model
from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.enums import DocumentKind, Format
from roleframe.schema.issues import Issue
from roleframe.schema.je_form import JEForm
from roleframe.schema.match import NameMatch
from roleframe.schema.progression_framework import ProgressionFramework
from roleframe.schema.role_profile import RoleProfile
from roleframe.schema.skills_matrix import SkillsMatrix

Content = Annotated[
    SkillsMatrix | RoleProfile | JEForm | CompetencyFramework | ProgressionFramework,
    Field(discriminator="kind"),
]


class Source(Model):
    filename: str = Field(description="File name only (no folders: output must not leak paths).")
    format: Format = Field(description="Format detected from the bytes.")
    sha256: str = Field(description="SHA-256 of the file's bytes, hex.")
    size: int = Field(ge=0, description="Size in bytes.")
    pages: int | None = Field(default=None, description="Page count (PDF).")
    sheets: list[str] = Field(default_factory=list, description="Worksheet names (Excel).")


class ParserInfo(Model):
    reader: str = Field(description="Format reader that built the layout (e.g. `docx`).")
    extractor: str = Field(description="Kind extractor that read the layout.")
    version: str = Field(description="Extractor version; bumps when its output changes meaning.")


class Document(Model):
    schema_version: Literal["2.0"] = Field(
        default="2.0",
        description="Version of this schema (older documents are read through "
        "`roleframe.schema.migrate.read_document`).",
    )
    id: str = Field(description="Stable id: uuid5 of the file's sha256.")
    kind: DocumentKind = Field(description="Document kind (detected or forced with --kind).")
    source: Source = Field(description="The file this document was read from.")
    parser: ParserInfo = Field(description="What read it.")
    title: str | None = Field(default=None, description="Document title where found.")
    organisation: str | None = Field(default=None, description="Organisation where named.")
    service: str | None = Field(default=None, description="Service or team where named.")
    warnings: list[Issue] = Field(
        default_factory=list, description="Content problems found (the document is still valid)."
    )
    names: list[NameMatch] = Field(
        default_factory=list,
        description="Every competency/factor name as written, with its match on the registry.",
    )
    content: Content = Field(description="The kind-specific content.")
