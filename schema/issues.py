"""Errors are data: every problem has a stable code, a severity and a message.

The catalogue lives here, in one place, so codes never drift between layers. Codes are
snake_case slugs and are never renamed once published; new ones may be added.
"""

from enum import StrEnum

from pydantic import Field

from roleframe.schema.base import Model, Provenance
from roleframe.schema.enums import Severity


class IssueCode(StrEnum):
    # per-file failures (the file produced no document)
    EMPTY_FILE = "empty_file"
    UNSUPPORTED_FORMAT = "unsupported_format"
    FORMAT_MISMATCH = "format_mismatch"  # content is another supported format than the name says
    CORRUPT_FILE = "corrupt_file"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"
    TOO_LARGE = "too_large"
    LIMIT_EXCEEDED = "limit_exceeded"
    UNRECOGNISED_KIND = "unrecognised_kind"
    TIMEOUT = "timeout"
    UNREADABLE_PATH = "unreadable_path"
    INTERNAL_ERROR = "internal_error"
    # per-file failures of `roleframe export` (a JSON file that is no document to export)
    NOT_A_DOCUMENT = "not_a_document"  # valid JSON, but not a roleframe document (foreign)
    INVALID_DOCUMENT = "invalid_document"  # a roleframe document that does not validate
    # warnings about content (the document is produced, flagged)
    NON_NUMERIC_LEVEL = "non_numeric_level"
    EMPTY_DESCRIPTOR = "empty_descriptor"
    MISSING_DESCRIPTOR = "missing_descriptor"
    TRUNCATED_HEADER = "truncated_header"
    EMPTY_FIELD = "empty_field"
    UNKNOWN_FACTOR = "unknown_factor"
    SCORE_MISMATCH = "score_mismatch"
    MISSING_SECTION = "missing_section"
    AMBIGUOUS_LAYOUT = "ambiguous_layout"
    UNMATCHED_NAME = "unmatched_name"
    REVIEW_NAME = "review_name"


class Issue(Model):
    """One problem found while reading a file; validation returns these, it does not raise."""

    code: IssueCode = Field(description="Stable machine-readable code (see the catalogue).")
    severity: Severity = Field(description="error: no document; warning: document flagged.")
    message: str = Field(description="What a person needs to know, in one sentence.")
    location: Provenance | None = Field(
        default=None, description="Where in the source the problem is, when it has a place."
    )
    details: dict[str, "Detail"] = Field(
        default_factory=dict, description="Machine-readable particulars (limit name, value, …)."
    )


Detail = str | int | float | bool | None


def warning(
    code: IssueCode, message: str, location: Provenance | None = None, **details: Detail
) -> Issue:
    """Shorthand used by extractors for content warnings."""
    return Issue(
        code=code, severity=Severity.WARNING, message=message, location=location, details=details
    )
