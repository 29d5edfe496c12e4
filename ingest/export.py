"""Deterministic JSON export and atomic writes (a file appears complete or not at all)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from roleframe.schema.files import write_atomic

__all__ = ["dump", "is_personal", "to_json", "write_atomic"]


def to_json(model: BaseModel | dict[str, Any] | list[Any], redact_personal: bool = False) -> str:
    """Sorted keys, two-space indent, UTF-8 text, trailing newline: byte-identical across runs.

    With ``redact_personal``, every field the schema marks ``personal`` (staff names in JE
    forms and the like) is emptied: null, or [] for lists.
    """
    data: dict[str, Any] | list[Any] = (
        dump(model, redact_personal) if isinstance(model, BaseModel) else model
    )
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def dump(model: BaseModel, redact_personal: bool = False) -> dict[str, Any]:
    """The model as JSON-ready data; with ``redact_personal``, personal fields emptied."""
    data = model.model_dump(mode="json")
    return _redact(model, data) if redact_personal else data


def is_personal(field: Any) -> bool:
    extra = field.json_schema_extra
    return isinstance(extra, dict) and bool(extra.get("personal"))


def _redact(model: Any, data: Any) -> Any:
    """Walk the model beside its dumped data and empty the fields marked personal."""
    if isinstance(model, BaseModel) and isinstance(data, dict):
        for name, field in type(model).model_fields.items():
            key = field.serialization_alias or name
            if key not in data:
                continue
            if is_personal(field):
                data[key] = [] if isinstance(data[key], list) else None
            else:
                data[key] = _redact(getattr(model, name), data[key])
    elif isinstance(model, (list, tuple)) and isinstance(data, list):
        return [_redact(m, d) for m, d in zip(model, data, strict=False)]
    elif isinstance(model, dict) and isinstance(data, dict):
        return {k: _redact(model.get(k), v) for k, v in data.items()}
    return data
