"""What a document says, as rows for the database: the neutral shape between mapping and store.

The per-kind mapping functions (``ingest.dataset.mapping``) are the only code that reads the
document model's kind-specific fields; they turn a Document into :class:`Facts`. The store
writes Facts without knowing any kind. A schema field rename is therefore a one-line change
in one mapping function.

Every row has a natural key inside its document version (position, names): renditions of one
document produce the same keys, so their rows coincide and only provenance is added.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from roleframe.schema.base import Provenance

Value = str | int | float | None
Key = tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class Name:
    """A competency, factor or category name as written (a row of `competencies`)."""

    list: str
    name: str


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to another row of the same document version, by its table and natural key."""

    table: str
    key: Key


@dataclass(frozen=True, slots=True)
class Mention:
    """A role as the document writes it; the store recognises which role it is."""

    key: Key
    relation: str  # matrix_row, profile, je_post, je_comparator, progression_role
    title: str
    grade: str | None = None
    service: str | None = None
    team: str | None = None
    post_numbers: str | None = None
    where: tuple[tuple[str, Provenance], ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a versioned table. ``links`` fill id columns: a :class:`Ref` to a row of
    this version (a role mention, a JE factor, a band) or a :class:`Name`."""

    table: str
    key: Key
    values: dict[str, Value]
    links: dict[str, Ref | Name | None] = field(default_factory=dict)
    where: tuple[tuple[str, Provenance], ...] = ()


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything the store needs from one document."""

    series_title: str | None  # what names the document's series (with kind and organisation)
    mentions: list[Mention]
    rows: list[Row]


def at(where: Provenance | None, field_name: str = "") -> tuple[tuple[str, Provenance], ...]:
    """A provenance entry for a row (or one field of it), none when the place is unknown."""
    return ((field_name, where),) if where is not None else ()
