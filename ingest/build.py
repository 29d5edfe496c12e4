"""One file's bytes to one Document: the library call behind ``roleframe ingest``.

Each step is one call with one typed value crossing it; exceptions from readers surface as
``ReadError`` with a stable code and are turned into report rows by the batch runner.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from roleframe.parsers.detect import detect_format
from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds import EXTRACTORS, Extractor
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.readers import READERS
from roleframe.parsers.safety import check_container
from roleframe.schema import DocumentKind, IssueCode
from roleframe.schema.document import Document, ParserInfo, Source
from roleframe.schema.ids import stable_id

# A layout must show its kind's cues at least this strongly to be recognised.
MIN_KIND_SCORE = 0.3


@dataclass(frozen=True, slots=True)
class KindGuess:
    kind: DocumentKind
    score: float
    scores: dict[DocumentKind, float]


def read_layout(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Layout:
    """Detect the format from the bytes and read the layout with that format's reader."""
    if len(data) > limits.max_file_bytes:
        raise ReadError(
            IssueCode.TOO_LARGE,
            f"The file is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}.",
            limit="max_file_bytes",
            value=len(data),
        )
    detected = detect_format(data)
    check_container(detected.format, data, limits)  # bombs, DTDs, odd names: refused early
    return READERS[detected.format](data, limits)


def detect_kind(layout: Layout) -> KindGuess:
    """Score the layout with every extractor; the best score wins if it clears the bar."""
    scores = {kind: extractor.score(layout) for kind, extractor in EXTRACTORS.items()}
    kind = max(scores, key=lambda k: scores[k])
    if scores[kind] < MIN_KIND_SCORE:
        best = ", ".join(f"{k.value} {v:.2f}" for k, v in sorted(scores.items()))
        raise ReadError(
            IssueCode.UNRECOGNISED_KIND,
            "The file is readable but does not look like any of the five document kinds "
            f"(cue scores: {best}).",
        )
    return KindGuess(kind, scores[kind], scores)


def build_document(
    data: bytes,
    filename: str,
    kind: DocumentKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read one file's bytes into a validated Document (raises ReadError on failure)."""
    layout = read_layout(data, limits)
    extractor: Extractor = EXTRACTORS[kind or detect_kind(layout).kind]
    extraction = extractor.extract(layout)
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        id=stable_id("document", sha),
        kind=extractor.kind,
        source=Source(
            filename=filename,
            format=layout.format,
            sha256=sha,
            size=len(data),
            pages=layout.page_count,
            sheets=layout.sheet_names,
        ),
        parser=ParserInfo(
            reader=layout.format.value, extractor=extractor.name, version=extractor.version
        ),
        title=extraction.title,
        organisation=extraction.organisation,
        service=extraction.service,
        warnings=[*layout.warnings, *extraction.warnings],
        content=extraction.content,
    )
