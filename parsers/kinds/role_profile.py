"""role profile extractor (not built yet: scores 0 so detection never picks it)."""

from roleframe.parsers.kinds.base import Extraction, Extractor
from roleframe.parsers.layout import Layout
from roleframe.schema import DocumentKind


def score(layout: Layout) -> float:
    return 0.0


def extract(layout: Layout) -> Extraction:
    raise NotImplementedError("role_profile extraction is not built yet")


EXTRACTOR = Extractor(DocumentKind.ROLE_PROFILE, "role_profile", "0", score, extract)
