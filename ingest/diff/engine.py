"""Two documents of one kind -> a ChangeSet: the library call behind ``roleframe diff``."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from roleframe.ingest.diff.competency import diff_competency_framework
from roleframe.ingest.diff.decisions import RenameDecisions
from roleframe.ingest.diff.je import diff_je_form
from roleframe.ingest.diff.matrix import diff_skills_matrix
from roleframe.ingest.diff.pairing import DEFAULT_THRESHOLDS
from roleframe.ingest.diff.progression import diff_progression_framework
from roleframe.ingest.diff.recorder import Recorder
from roleframe.schema import DocumentKind
from roleframe.schema.changeset import ChangeSet, ChangeType, DiffSide, Thresholds
from roleframe.schema.document import Document
from roleframe.schema.match import MatchStatus

KindDiffer = Callable[[Recorder, Any, Any, dict[str, str], dict[str, str]], None]

DIFFERS: dict[DocumentKind, KindDiffer] = {
    DocumentKind.COMPETENCY_FRAMEWORK: diff_competency_framework,
    DocumentKind.SKILLS_MATRIX: diff_skills_matrix,
    DocumentKind.PROGRESSION_FRAMEWORK: diff_progression_framework,
    DocumentKind.JE_FORM: diff_je_form,
}

_VERSION = re.compile(r"\b(v(?:ersion)?\.?\s*\d+(?:\.\d+)*|(?:19|20)\d\d(?:[/-]\d\d)?)\b", re.I)


class NotComparable(ValueError):
    """The two documents cannot be compared (different kinds, or a kind without versions)."""


def tool_version() -> str:
    try:
        return f"roleframe {version('roleframe')}"
    except PackageNotFoundError:  # running from a checkout without install
        return "roleframe (unknown version)"


def side(doc: Document, version_label: str | None = None) -> DiffSide:
    """One side's identity; the version is the given label, else one read from the title."""
    found = _VERSION.search(doc.title or "") if version_label is None else None
    return DiffSide(
        filename=doc.source.filename,
        sha256=doc.source.sha256,
        format=doc.source.format,
        document_id=doc.id,
        title=doc.title,
        version=version_label or (found.group(1) if found else None),
    )


def canonical_ids(doc: Document) -> dict[str, str]:
    """Name as written -> registry id, for the names the normaliser matched."""
    return {
        n.name: n.canonical_id
        for n in doc.names
        if n.status == MatchStatus.MATCHED and n.canonical_id
    }


def diff_documents(
    old: Document,
    new: Document,
    decisions: RenameDecisions | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    old_version: str | None = None,
    new_version: str | None = None,
) -> ChangeSet:
    """Compare two versions of one document; see ``ingest/diff/pairing.py`` for how items
    are paired and ``recorder.py`` for what each change records."""
    if old.kind != new.kind:
        raise NotComparable(
            f"cannot compare a {old.kind.value} with a {new.kind.value}: a diff compares two "
            "versions of one document"
        )
    differ = DIFFERS.get(old.kind)
    if differ is None:
        supported = ", ".join(k.value for k in DIFFERS)
        raise NotComparable(f"{old.kind.value} documents are not compared (only {supported})")
    rec = Recorder(thresholds, decisions)
    differ(rec, old.content, new.content, canonical_ids(old), canonical_ids(new))
    counts = {t.value: 0 for t in ChangeType}
    for change in rec.changes:
        counts[change.type.value] += 1
    return ChangeSet(
        tool=tool_version(),
        kind=old.kind,
        old=side(old, old_version),
        new=side(new, new_version),
        thresholds=thresholds,
        counts=counts,
        substantive=any(c.type != ChangeType.COSMETIC for c in rec.changes),
        changes=rec.changes,
    )
