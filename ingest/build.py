"""One file's bytes to one Document: the library call behind ``roleframe ingest``.

Each step is one call with one typed value crossing it; exceptions from readers surface as
``ReadError`` with a stable code and are turned into report rows by the batch runner.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from roleframe.normalise import context_names, load_decisions, load_registry, match_names
from roleframe.normalise.decisions import default_decisions_path
from roleframe.normalise.scoring import apply_scoring, factor_key, load_scoring_table
from roleframe.parsers.detect import check_extension, detect_format
from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds import EXTRACTORS, Extractor
from roleframe.parsers.kinds.base import Extraction
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.parsers.readers import READERS
from roleframe.parsers.safety import Deadline, check_container, start_deadline
from roleframe.schema import DocumentKind, Issue, IssueCode
from roleframe.schema.canon import Decisions, ListName, Registry
from roleframe.schema.document import Content, Document, ParserInfo, Source
from roleframe.schema.ids import stable_id
from roleframe.schema.je_form import JEForm
from roleframe.schema.match import NameMatch

# A layout must show its kind's cues at least this strongly to be recognised.
MIN_KIND_SCORE = 0.3


@dataclass(frozen=True, slots=True)
class KindGuess:
    kind: DocumentKind
    score: float
    scores: dict[DocumentKind, float]


def read_layout(
    data: bytes,
    limits: Limits = DEFAULT_LIMITS,
    *,
    filename: str | None = None,
    deadline: Deadline | None = None,
) -> Layout:
    """Detect the format from the bytes and read the layout with that format's reader,
    within ``deadline`` (default: ``limits.timeout_seconds`` from now).

    With ``filename``, content of another supported format than its extension says is
    refused (``format_mismatch``); without one, the content alone decides."""
    if len(data) > limits.max_file_bytes:
        raise ReadError(
            IssueCode.TOO_LARGE,
            f"The file is {len(data):,} bytes; the limit is {limits.max_file_bytes:,}.",
            limit="max_file_bytes",
            value=len(data),
            bound=limits.max_file_bytes,
        )
    deadline = start_deadline(limits, deadline)
    detected = detect_format(data)
    if filename is not None:
        check_extension(detected.format, filename)
    # bombs, DTDs, odd names: refused early
    check_container(detected.format, data, limits, deadline)
    return READERS[detected.format](data, limits, deadline)


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


@dataclass(frozen=True, slots=True)
class Naming:
    """Where names are matched: the canonical registry, the review decisions, and an
    optional JE scoring table. Paths, not objects, so the settings cross process
    boundaries as text; loads are cached per process."""

    canon: str | None = None  # None: the registry shipped with roleframe
    decisions: str | None = None  # None: beside the registry (see default_decisions_path)
    je_scores: str | None = None  # a user's JE points table (JSON/CSV); none shipped

    def decisions_path(self) -> str:
        """The decisions file actually used: the one given, or the default beside the registry
        (where `roleframe review` writes). Matching and the resume fingerprint both read it."""
        return str(self.decisions or default_decisions_path(self.canon))


DEFAULT_NAMING = Naming()


def build_document(
    data: bytes,
    filename: str,
    kind: DocumentKind | None = None,
    limits: Limits = DEFAULT_LIMITS,
    naming: Naming = DEFAULT_NAMING,
    trust_content: bool = False,
) -> Document:
    """Read one file's bytes into a validated Document (raises ReadError on failure).

    A file whose content is another supported format than its name says (an .xlsx renamed
    .docx) is refused as ``format_mismatch`` unless ``trust_content``: then it is read by
    its content, as the bytes say. ``limits.timeout_seconds`` bounds the call: the reader
    checks it as it goes, and it is checked again between the steps after reading (a
    library caller has no worker to kill a file that takes too long)."""
    deadline = Deadline(limits.timeout_seconds)
    layout = read_layout(
        data, limits, filename=None if trust_content else filename, deadline=deadline
    )
    extractor: Extractor = EXTRACTORS[kind or detect_kind(layout).kind]
    deadline.check("kind detection")
    extraction = extractor.extract(layout)
    deadline.check("extraction")
    names = normalise_names(extraction, naming)
    content, scoring_warnings = _score(extraction, names, naming)
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
        warnings=[
            *layout.warnings,
            *extraction.warnings,
            *scoring_warnings,
        ],
        names=names,
        content=content,
    )


@lru_cache(maxsize=8)
def _registry(path: str | None, mtime: float) -> Registry:
    return load_registry(path)


@lru_cache(maxsize=8)
def _decisions(path: str, mtime: float) -> Decisions:
    return load_decisions(path)


def _mtime(path: str | None) -> float:
    try:
        return os.stat(path).st_mtime if path else 0.0
    except OSError:
        return -1.0


def _sources(naming: Naming) -> tuple[Registry, Decisions]:
    """The registry and decisions to match against (cached per process, reloaded on change)."""
    decisions_path = naming.decisions_path()
    return (
        _registry(naming.canon, _mtime(naming.canon)),
        _decisions(decisions_path, _mtime(decisions_path)),
    )


def normalise_names(extraction: Extraction, naming: Naming) -> list[NameMatch]:
    """Match every distinct (name, list) the extractor found; decisions win over scores.

    The document's own names are the context for completing a truncated one (000: the
    matrix header `Financial n` and the descriptor row `Financial management`).
    """
    seen = dict.fromkeys((n.name, n.list) for n in extraction.names)
    if not seen:
        return []
    registry, decisions = _sources(naming)
    # + the full names written elsewhere in it (a matrix's descriptor table)
    context = [name for name, _ in seen] + context_names(extraction.content)
    return match_names(list(seen), registry, decisions, context)


def _score(
    extraction: Extraction, names: list[NameMatch], naming: Naming
) -> tuple[Content, list[Issue]]:
    """Price a JE form with the user's scoring table, factors resolved through the registry."""
    content = extraction.content
    if naming.je_scores is None or not isinstance(content, JEForm):
        return content, []
    table = load_scoring_table(Path(naming.je_scores))
    canonical = {m.name: m.canonical_id for m in names if m.list == "factors" and m.canonical_id}
    registry, decisions = _sources(naming)
    table_names: list[tuple[str, ListName]] = [(p.factor, "factors") for p in table.points]
    for match in match_names(table_names, registry, decisions):
        if match.canonical_id:
            canonical.setdefault(match.name, match.canonical_id)

    def resolve(name: str) -> str:
        return canonical.get(name) or factor_key(name)

    form, issues = apply_scoring(content, table, resolve)
    return form, issues
