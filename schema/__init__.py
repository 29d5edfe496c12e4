"""The canonical roleframe model (pydantic v2), published as JSON Schema in ``schema/json/``.

This package imports nothing else from the project: every other layer depends on it.
"""

from roleframe.schema.base import Model, Provenance
from roleframe.schema.enums import DocumentKind, Format, Severity
from roleframe.schema.issues import Issue, IssueCode

SCHEMA_VERSION = "2.0"

__all__ = [
    "SCHEMA_VERSION",
    "DocumentKind",
    "Format",
    "Issue",
    "IssueCode",
    "Model",
    "Provenance",
    "Severity",
]
