"""Kind extractors: one module per document kind, all reading the layout model.

Adding a kind (or a second layout family of a kind) is one module and one line here.
"""

from roleframe.parsers.kinds import (
    competency_framework,
    je_form,
    progression_framework,
    role_profile,
    skills_matrix,
)
from roleframe.parsers.kinds.base import Extraction, Extractor, SurfaceName
from roleframe.schema import DocumentKind

EXTRACTORS: dict[DocumentKind, Extractor] = {
    DocumentKind.SKILLS_MATRIX: skills_matrix.EXTRACTOR,
    DocumentKind.ROLE_PROFILE: role_profile.EXTRACTOR,
    DocumentKind.JE_FORM: je_form.EXTRACTOR,
    DocumentKind.COMPETENCY_FRAMEWORK: competency_framework.EXTRACTOR,
    DocumentKind.PROGRESSION_FRAMEWORK: progression_framework.EXTRACTOR,
}

__all__ = ["EXTRACTORS", "Extraction", "Extractor", "SurfaceName"]
