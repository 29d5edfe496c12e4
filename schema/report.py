"""The batch report: one row per input, flat enough for tests and spreadsheets to assert.

``report.json`` is rewritten atomically after every file, so it is always a complete,
parseable account of the run so far: an interrupted run says ``complete: false`` and lists
the inputs still ``pending``. The next run reads it to skip unchanged inputs.
"""

from enum import StrEnum

from pydantic import Field

from roleframe.schema.base import Model
from roleframe.schema.enums import DocumentKind, Format
from roleframe.schema.issues import Detail, IssueCode


class FileStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


class ReportRow(Model):
    path: str = Field(description="Input path, relative to the working folder or the argument.")
    status: FileStatus = Field(description="ok, failed, or skipped (unchanged since last run).")
    output: str | None = Field(
        default=None, description="Output file name in the output folder, when written or kept."
    )
    format: Format | None = Field(default=None, description="Detected format.")
    kind: DocumentKind | None = Field(default=None, description="Detected or forced kind.")
    sha256: str | None = Field(default=None, description="SHA-256 of the input bytes.")
    size: int | None = Field(default=None, ge=0, description="Input size in bytes.")
    code: IssueCode | None = Field(default=None, description="Error code when failed.")
    message: str | None = Field(
        default=None, description="Error message when failed; why, when skipped."
    )
    details: dict[str, Detail] = Field(
        default_factory=dict,
        description="Machine-readable particulars of the error (limit name, bound, check).",
    )
    warnings: int = Field(default=0, ge=0, description="Number of content warnings.")
    warning_codes: list[str] = Field(
        default_factory=list, description="Distinct warning codes, sorted."
    )
    names_matched: int = Field(default=0, ge=0, description="Names matched on the registry.")
    names_review: int = Field(default=0, ge=0, description="Names waiting for review.")
    names_unmatched: int = Field(default=0, ge=0, description="Names with no match.")
    seconds: float = Field(default=0, ge=0, description="Wall time spent on this input.")


class BatchReport(Model):
    rows: list[ReportRow] = Field(
        default_factory=list, description="One row per input done, sorted by path."
    )
    complete: bool = Field(
        default=True, description="False when the run was interrupted before every input."
    )
    pending: list[str] = Field(
        default_factory=list,
        description="Inputs not done yet (an interrupted run); a re-run picks them up.",
    )
    options: str | None = Field(
        default=None,
        description="Fingerprint of everything that shapes the output (options, limits, "
        "reader and extractor versions); an input is skipped only when it is unchanged.",
    )
    settings: dict[str, Detail] = Field(
        default_factory=dict, description="The options and versions behind the fingerprint."
    )

    def count(self, status: FileStatus) -> int:
        return sum(1 for row in self.rows if row.status == status)
