"""Enumerations shared by every layer."""

from enum import StrEnum


class Format(StrEnum):
    """A file format, detected from the bytes (never from the extension)."""

    DOCX = "docx"
    XLSX = "xlsx"
    PDF = "pdf"
    CSV = "csv"
    TSV = "tsv"


class DocumentKind(StrEnum):
    """The five kinds of HR document roleframe understands."""

    SKILLS_MATRIX = "skills_matrix"
    ROLE_PROFILE = "role_profile"
    JE_FORM = "je_form"
    COMPETENCY_FRAMEWORK = "competency_framework"
    PROGRESSION_FRAMEWORK = "progression_framework"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
