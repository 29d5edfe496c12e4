"""Entity lines as table rows: the columns of each entity type, named and documented once.

The CSV tables and the combined documentation (``docs/exports.md``) take their columns from
here, and here from the entity models (``schema/entities.py``), so a field added to a model
is a column everywhere, described by its own ``Field(description=...)``.

A row is flat: ``where`` becomes one column per coordinate (``where_page``, ``where_sheet``
...), and the few nested values (``where_of``, a name's ``candidates``, a warning's
``details``) are compact JSON text in their cell.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from roleframe.schema.base import Model, Provenance
from roleframe.schema.entities import ENTITY_TYPES

Cell = str | int | float | bool | None

LEADING = ("id", "document_id")
WHERE_COLUMNS = {f"where_{name}": name for name in Provenance.model_fields}
WHERE_OF = "where_of"


@cache
def columns(entity_type: str) -> tuple[str, ...]:
    """Column names of an entity type's table, in order: ids, its own fields, the fields
    its kind of line shares (registry match), then where it sits."""
    model = ENTITY_TYPES[entity_type]
    fields = list(model.model_fields)
    inherited = set(_parent(model).model_fields)
    own = [f for f in fields if f not in inherited and f not in (*LEADING, "type")]
    shared = [f for f in fields if f in inherited and f not in (*LEADING, "where", WHERE_OF)]
    placed = "where" in fields
    return (
        *(f for f in LEADING if f in fields),
        *own,
        *shared,
        *(WHERE_COLUMNS if placed else ()),
        *((WHERE_OF,) if WHERE_OF in fields else ()),
    )


def describe(entity_type: str) -> list[tuple[str, str]]:
    """(column, what it holds) for the documentation."""
    model = ENTITY_TYPES[entity_type]
    described: list[tuple[str, str]] = []
    for column in columns(entity_type):
        if column in WHERE_COLUMNS:
            field = Provenance.model_fields[WHERE_COLUMNS[column]]
            coordinate = field.description or ""
            text = f"Where it sits: {coordinate[:1].lower()}{coordinate[1:]}"
        else:
            text = model.model_fields[column].description or ""
            if column in NESTED:
                text += " (JSON text)"
        described.append((column, text))
    return described


NESTED = {WHERE_OF, "candidates", "details"}


def row(entity_type: str, data: dict[str, Any]) -> list[Cell]:
    """The cells of one entity line (its JSON data), in :func:`columns` order."""
    where = data.get("where") or {}
    cells: list[Cell] = []
    for column in columns(entity_type):
        if column in WHERE_COLUMNS:
            cells.append(where.get(WHERE_COLUMNS[column]))
            continue
        value = data.get(column)
        if isinstance(value, dict | list):
            value = json.dumps(value, sort_keys=True, ensure_ascii=False) if value else None
        cells.append(value)
    return cells


def _parent(model: type[Model]) -> type[Model]:
    for base in model.__mro__[1:]:
        if isinstance(base, type) and issubclass(base, Model):
            return base
    return Model
