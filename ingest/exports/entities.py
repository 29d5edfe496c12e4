"""Document -> the flat entities every export writes, from the dataset's one flattening.

The kind-specific reading is the dataset's mapping layer (``ingest.dataset.mapping``:
Document -> neutral :class:`Facts` rows); nothing here reads a kind's fields, so a schema
rename stays a one-line change there. This module only turns the neutral rows into typed
lines: table -> entity type, links -> ids and readable labels, a name -> its registry match,
provenance -> ``where``. The envelope (names, warnings) is the same for every kind, and
personal values are found by walking the content for fields the schema marks personal.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from roleframe.ingest.dataset.facts import Facts, Key, Name, Ref, Row, Value
from roleframe.ingest.dataset.mapping import facts_of
from roleframe.ingest.export import is_personal
from roleframe.schema.base import Model, Provenance
from roleframe.schema.document import Document
from roleframe.schema.entities import (
    ENTITY_TYPES,
    DocumentLine,
    NameMatchLine,
    PersonalValueLine,
    RoleLine,
    WarningLine,
)
from roleframe.schema.ids import ROLEFRAME_NAMESPACE
from roleframe.schema.match import MatchStatus, NameMatch

# dataset table -> entity type (the role mentions are `role`)
TABLES: dict[str, str] = {
    "profile_fields": "role_field",
    "profile_statements": "role_statement",
    "person_spec": "person_spec",
    "requirements": "requirement",
    "descriptors": "descriptor",
    "framework_levels": "framework_level",
    "framework_statements": "statement",
    "progression_bands": "band",
    "band_statements": "band_statement",
    "je_factors": "factor",
    "je_levels": "factor_level",
}
MENTIONS = "role_mentions"

# link column -> field prefix: `<prefix>_id` gets the linked line's id, `<prefix>` its label
REF_FIELDS = {"role_mention_id": "role", "je_factor_id": "factor", "band_id": "band"}
# the field a name link is written to, where it is not `competency`
NAME_FIELDS = {"factor": "factor", "band_statement": "category_label"}
NAME_LINK = "competency_id"
EXPORT_NAMESPACE = uuid.uuid5(ROLEFRAME_NAMESPACE, "export")


def entity_id(document_id: str, *key: object) -> str:
    """uuid5 of the document id and the entity's exact key inside it (a table and natural
    key): stable across runs, distinct across documents."""
    return str(uuid.uuid5(EXPORT_NAMESPACE, json.dumps([document_id, *key], default=str)))


def entities(
    document: Document,
    missed: set[str] | None = None,
    dataset_roles: dict[int, str] | None = None,
) -> Iterator[Model]:
    """Every entity of one document, in a stable order: the document, its roles, the rows
    as the mapping lists them, its name matches, warnings and personal values.

    Values a mapping produces that no entity model has a field for are left out and, when
    ``missed`` is given, named there (``tests/test_export_entities.py`` keeps it empty, so a
    column added to the mapping cannot silently miss the exports). ``dataset_roles`` (an
    export from the shared dataset) gives each role line its dataset role by position.
    """
    facts = facts_of(document)
    yield document_line(document)
    links = _Links(document, facts)
    for position, mention in enumerate(facts.mentions):
        yield _build(
            RoleLine,
            {
                "id": links.id_of(MENTIONS, mention.key),
                "document_id": document.id,
                "position": position,
                "relation": mention.relation,
                "title": mention.title,
                "grade": mention.grade,
                "service": mention.service,
                "team": mention.team,
                "post_numbers": mention.post_numbers,
                "dataset_role_id": (dataset_roles or {}).get(position),
                **_where(mention.where),
            },
            missed,
        )
    for row in facts.rows:
        entity_type = TABLES.get(row.table)
        if entity_type is None:
            if missed is not None:
                missed.add(f"table {row.table}")
            continue
        data: dict[str, Any] = {
            "id": links.id_of(row.table, row.key),
            "document_id": document.id,
            **row.values,
            **links.fields(entity_type, row, missed),
            **_where(row.where),
        }
        yield _build(ENTITY_TYPES[entity_type], data, missed)
    for index, name in enumerate(document.names):
        yield name_line(document, index, name)
    for index, issue in enumerate(document.warnings):
        yield WarningLine(
            id=entity_id(document.id, "warning", index),
            document_id=document.id,
            code=issue.code,
            severity=issue.severity,
            message=issue.message,
            details=issue.details,
            where=issue.location,
        )
    yield from personal_values(document)


def document_line(document: Document) -> DocumentLine:
    statuses = [n.status for n in document.names]
    return DocumentLine(
        id=document.id,
        document_id=document.id,
        filename=document.source.filename,
        format=document.source.format,
        kind=document.kind,
        sha256=document.source.sha256,
        size=document.source.size,
        pages=document.source.pages,
        title=document.title,
        organisation=document.organisation,
        service=document.service,
        extractor=document.parser.extractor,
        parser_version=document.parser.version,
        schema_version=document.schema_version,
        warnings=len(document.warnings),
        names_matched=statuses.count(MatchStatus.MATCHED),
        names_review=statuses.count(MatchStatus.REVIEW),
        names_unmatched=statuses.count(MatchStatus.UNMATCHED),
    )


def name_line(document: Document, index: int, name: NameMatch) -> NameMatchLine:
    runner_up = name.runner_up
    return NameMatchLine(
        id=entity_id(document.id, "name", name.list, name.name, index),
        document_id=document.id,
        name=name.name,
        list=name.list,
        status=name.status.value,
        canonical_id=name.canonical_id,
        canonical_name=name.canonical_name,
        score=name.score,
        method=name.method,
        runner_up_id=runner_up.canonical_id if runner_up else None,
        runner_up_name=runner_up.canonical_name if runner_up else None,
        runner_up_score=runner_up.score if runner_up else None,
        candidates=name.candidates,
        resolved_name=name.resolved_name,
        reason=name.reason,
        where=name.where,
    )


def personal_values(document: Document) -> Iterator[PersonalValueLine]:
    """A line per value of a field the schema marks personal, wherever it sits: a personal
    field added to any kind later is found without a change here."""
    for path, value in _personal(document.content, ""):
        text = getattr(value, "value", value)
        if text is None or text == "":
            continue
        label = getattr(value, "label", None)
        where = getattr(value, "where", None)
        yield PersonalValueLine(
            id=entity_id(document.id, "personal", path),
            document_id=document.id,
            field=path,
            label=label if isinstance(label, str) else None,
            value=text if isinstance(text, str) else str(text),
            where=where if isinstance(where, Provenance) else None,
        )


def _personal(model: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(model, BaseModel):
        for name in _personal_paths(type(model)):
            value = getattr(model, name)
            here = f"{path}.{name}" if path else name
            if is_personal(type(model).model_fields[name]):
                if isinstance(value, list | tuple):
                    yield from ((f"{here}[{i}]", v) for i, v in enumerate(value))
                elif value is not None:
                    yield here, value
            else:
                yield from _personal(value, here)
    elif isinstance(model, list | tuple):
        for i, item in enumerate(model):
            yield from _personal(item, f"{path}[{i}]")
    elif isinstance(model, dict):
        for key, item in model.items():
            yield from _personal(item, f"{path}.{key}")


_VISITING: set[type[BaseModel]] = set()


@cache
def _personal_paths(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that are personal or whose type can hold a personal field
    (the walk skips the rest: a matrix's thousands of cells hold none)."""
    _VISITING.add(model)
    try:
        return tuple(
            name
            for name, field in model.model_fields.items()
            if is_personal(field)
            or any(m not in _VISITING and _personal_paths(m) for m in _models_in(field.annotation))
        )
    finally:
        _VISITING.discard(model)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes a field annotation can hold (inside Optional, lists, dicts, unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) is None and not isinstance(annotation, types.UnionType):
        return []
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


class _Links:
    """Ids and labels of the rows links point at, and the registry match of each name."""

    def __init__(self, document: Document, facts: Facts) -> None:
        self.document_id = document.id
        self._ids: dict[tuple[str, Key], str] = {}
        self.matches: dict[tuple[str, str], NameMatch] = {
            (n.list, n.name): n for n in reversed(document.names)
        }
        self.labels: dict[tuple[str, Key], str | None] = {}
        self.roles: dict[tuple[str, Key], tuple[str, str]] = {}
        for mention in facts.mentions:
            self.labels[(MENTIONS, mention.key)] = mention.title
        for row in facts.rows:
            self.labels[(row.table, row.key)] = _label(row)
        rows = {(row.table, row.key): row for row in facts.rows}
        for row in facts.rows:
            role = self._role_of(row, rows, depth=0)
            if role is not None:
                self.roles[(row.table, row.key)] = role

    def id_of(self, table: str, key: Key) -> str:
        found = self._ids.get((table, key))
        if found is None:
            found = self._ids[(table, key)] = entity_id(self.document_id, table, *key)
        return found

    def fields(self, entity_type: str, row: Row, missed: set[str] | None) -> dict[str, Value]:
        out: dict[str, Value] = {}
        for column, link in row.links.items():
            if column in REF_FIELDS:
                prefix = REF_FIELDS[column]
                ref = link if isinstance(link, Ref) else None
                out[f"{prefix}_id"] = self.id_of(ref.table, ref.key) if ref else None
                out[prefix] = self.labels.get((ref.table, ref.key)) if ref else None
            elif column == NAME_LINK:
                field = NAME_FIELDS.get(entity_type, "competency")
                out.update(self._name(field, link if isinstance(link, Name) else None))
            elif missed is not None:
                missed.add(f"{entity_type}.{column}")
        role = self.roles.get((row.table, row.key))
        if role is not None and "role_id" not in out:
            out["role_id"], out["role"] = role
        return out

    def _name(self, field: str, name: Name | None) -> dict[str, Value]:
        match = self.matches.get((name.list, name.name)) if name is not None else None
        return {
            field: name.name if name is not None else None,
            "canonical_id": match.canonical_id if match else None,
            "canonical_name": match.canonical_name if match else None,
            "match_status": match.status.value if match else None,
        }

    def _role_of(
        self, row: Row, rows: dict[tuple[str, Key], Row], depth: int
    ) -> tuple[str, str] | None:
        """The role a row belongs to: its own role link, else its parent row's."""
        for column, link in row.links.items():
            if not isinstance(link, Ref):
                continue
            if column == "role_mention_id":
                title = self.labels.get((link.table, link.key)) or ""
                return self.id_of(link.table, link.key), title
            parent = rows.get((link.table, link.key))
            if parent is not None and depth < 4:
                found = self._role_of(parent, rows, depth + 1)
                if found is not None:
                    return found
        return None


def _label(row: Row) -> str | None:
    """What a linked row is called: the name it links to, else its `label` value."""
    for link in row.links.values():
        if isinstance(link, Name):
            return link.name
    label = row.values.get("label")
    return label if isinstance(label, str) else None


def _where(where: tuple[tuple[str, Provenance], ...]) -> dict[str, Any]:
    places = dict(where)
    return {"where": places.pop("", None), "where_of": places}


def _build(model: type[Model], data: dict[str, Any], missed: set[str] | None) -> Model:
    fields = model.model_fields
    unknown = [key for key in data if key not in fields]
    if unknown and missed is not None:
        kind = fields["type"].default
        missed.update(f"{kind}.{key}" for key in unknown)
    return model.model_validate({k: v for k, v in data.items() if k in fields})
