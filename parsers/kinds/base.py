"""The contract of a kind extractor: score a layout for its kind, and extract the content."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from roleframe.parsers.layout import Layout
from roleframe.schema import DocumentKind, Issue, Provenance
from roleframe.schema.document import Content


@dataclass(frozen=True, slots=True)
class SurfaceName:
    """A competency / factor / category name as written, to be matched on the registry."""

    name: str
    list: Literal["competencies", "factors", "categories"]
    where: Provenance | None = None


@dataclass(slots=True)
class Extraction:
    content: Content
    title: str | None = None
    organisation: str | None = None
    service: str | None = None
    warnings: list[Issue] = field(default_factory=list)
    names: list[SurfaceName] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Extractor:
    kind: DocumentKind
    name: str
    version: str
    # 0..1: how strongly the layout shows this kind's cues (structure first, words second)
    score: Callable[[Layout], float]
    extract: Callable[[Layout], Extraction]
