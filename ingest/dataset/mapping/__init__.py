"""Document -> Facts, one module per document kind (the only code that reads kind fields).

A field renamed in ``schema/`` is a one-line change in the one function that reads it.
"""

from __future__ import annotations

from collections.abc import Callable

from roleframe.ingest.dataset.facts import Facts
from roleframe.ingest.dataset.mapping import (
    competency_framework,
    je_form,
    progression_framework,
    role_profile,
    skills_matrix,
)
from roleframe.schema import DocumentKind
from roleframe.schema.document import Document

MAPPERS: dict[DocumentKind, Callable[[Document], Facts]] = {
    DocumentKind.SKILLS_MATRIX: skills_matrix.facts,
    DocumentKind.ROLE_PROFILE: role_profile.facts,
    DocumentKind.JE_FORM: je_form.facts,
    DocumentKind.COMPETENCY_FRAMEWORK: competency_framework.facts,
    DocumentKind.PROGRESSION_FRAMEWORK: progression_framework.facts,
}


def facts_of(document: Document) -> Facts:
    """The facts one document states, whatever its kind."""
    return MAPPERS[document.kind](document)
