"""The batch report: one row per input, flat enough for tests and spreadsheets to assert."""

from enum import StrEnum

from pydantic import Field

from roleframe.schema.base import Model
from roleframe.schema.enums import DocumentKind, Format
from roleframe.schema.issues import IssueCode


class FileStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


class ReportRow(Model):
    path: str = Field(description="Input path as given or found (relative where possible).")
    status: FileStatus = Field(description="ok, failed, or skipped (unchanged since last run).")
    output: str | None = Field(default=None, description="Output file name, when written.")
    format: Format | None = Field(default=None, description="Detected format.")
    kind: DocumentKind | None = Field(default=None, description="Detected or forced kind.")
    sha256: str | None = Field(default=None, description="SHA-256 of the input bytes.")
    code: IssueCode | None = Field(default=None, description="Error code when failed.")
    message: str | None = Field(default=None, description="Error message when failed.")
    warnings: int = Field(default=0, ge=0, description="Number of content warnings.")
    warning_codes: list[str] = Field(
        default_factory=list, description="Distinct warning codes, sorted."
    )
    names_matched: int = Field(default=0, ge=0, description="Names matched on the registry.")
    names_review: int = Field(default=0, ge=0, description="Names waiting for review.")
    names_unmatched: int = Field(default=0, ge=0, description="Names with no match.")
    seconds: float = Field(default=0, ge=0, description="Wall time spent on this input.")


class BatchReport(Model):
    rows: list[ReportRow] = Field(default_factory=list, description="One row per input.")
    complete: bool = Field(
        default=True, description="False when the run was interrupted before every input."
    )

    def count(self, status: FileStatus) -> int:
        return sum(1 for row in self.rows if row.status == status)
