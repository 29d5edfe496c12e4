"""What a side of a diff can be: a source document in any supported format, or a document
JSON that ``roleframe ingest`` wrote."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from roleframe.ingest.build import DEFAULT_NAMING, Naming, build_document
from roleframe.schema import DocumentKind
from roleframe.schema.document import Document
from roleframe.schema.migrate import UnknownSchemaVersion, read_document


class SideError(ValueError):
    """A side could not be read; the message says why (with the reader's error code)."""


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip()[:1] == b"{"


def load_side(
    path: Path, kind: DocumentKind | None = None, naming: Naming = DEFAULT_NAMING
) -> Document:
    """Read one side: an output JSON document as is, anything else through the pipeline."""
    from roleframe.parsers.errors import ReadError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SideError(f"{path}: cannot read ({exc.strerror})") from exc
    if _looks_like_json(data):
        try:
            return read_document(data)
        except UnknownSchemaVersion as exc:
            raise SideError(f"{path}: {exc}") from exc
        except ValidationError as exc:
            raise SideError(
                f"{path}: JSON but not a roleframe document ({exc.error_count()} problems, "
                f"first: {exc.errors()[0]['msg']})"
            ) from exc
    try:
        return build_document(data, path.name, kind=kind, naming=naming)
    except ReadError as exc:
        raise SideError(f"{path}: [{exc.code.value}] {exc}") from exc
