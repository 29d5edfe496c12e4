"""The load report: one row per input, flat like the ingest report, plus what the load did."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from roleframe.schema.base import Model
from roleframe.schema.enums import DocumentKind
from roleframe.schema.issues import IssueCode


class LoadStatus(StrEnum):
    LOADED = "loaded"  # a new version of its series (the first, or one superseding another)
    RENDITION = "rendition"  # the same facts as a loaded version (its PDF, its .xlsx ...)
    UNCHANGED = "unchanged"  # these bytes were loaded before: nothing written
    FAILED = "failed"  # not readable, or not loadable: nothing written


class LoadRow(Model):
    path: str = Field(description="Input path as given (relative), or the output JSON loaded.")
    status: LoadStatus = Field(description="What the load did with this input.")
    ingest: str = Field(
        description="ok / skipped / failed as `roleframe ingest` reports it; `json` for a "
        "document JSON given as input."
    )
    code: IssueCode | None = Field(default=None, description="Error code when failed.")
    message: str | None = Field(default=None, description="Why it failed, or what it did.")
    kind: DocumentKind | None = Field(default=None, description="Document kind.")
    document_id: str | None = Field(default=None, description="Id of the document row.")
    version: int | None = Field(default=None, description="Version number in its series.")
    superseded: int | None = Field(
        default=None, description="The version number this one superseded, if any."
    )
    roles: dict[str, int] = Field(
        default_factory=dict,
        description="Role mentions by how they were recognised: new, matched, review.",
    )


class LoadReport(Model):
    database: str = Field(description="The database file loaded into.")
    rows: list[LoadRow] = Field(default_factory=list, description="One row per input.")

    def count(self, status: LoadStatus) -> int:
        return sum(1 for row in self.rows if row.status == status)
