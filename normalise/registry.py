"""Load, save and mint ids for a canonical registry; the shipped default lives in ``data/``."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from roleframe.normalise.text import key
from roleframe.schema.canon import (
    Category,
    Competency,
    Entry,
    EntryStatus,
    Factor,
    ListName,
    Registry,
)
from roleframe.schema.files import write_atomic
from roleframe.schema.ids import ROLEFRAME_NAMESPACE, natural_key, stable_id

LISTS: tuple[ListName, ...] = ("competencies", "factors", "categories")
ENTRY_TYPES: dict[ListName, type[Entry]] = {
    "competencies": Competency,
    "factors": Factor,
    "categories": Category,
}
DEFAULT_NAME = "roleframe-default"


def registry_namespace(name: str) -> str:
    """The uuid namespace a registry mints ids in: uuid5 of its name."""
    return str(uuid.uuid5(ROLEFRAME_NAMESPACE, natural_key("registry", name)))


def mint_id(registry: Registry, list_name: ListName, name: str) -> str:
    """First-mint id: uuid5(registry namespace, list + normalised name). After minting the
    registry is the authority; renames keep the id they were minted with."""
    return stable_id(
        list_name, key(name) or natural_key(name), namespace=uuid.UUID(registry.namespace)
    )


def empty_registry(name: str = DEFAULT_NAME, description: str | None = None) -> Registry:
    return Registry(name=name, namespace=registry_namespace(name), description=description)


def entries(registry: Registry, list_name: ListName) -> list[Entry]:
    return list(getattr(registry, list_name))


def iter_all(registry: Registry) -> Iterator[tuple[ListName, Entry]]:
    for list_name in LISTS:
        for entry in getattr(registry, list_name):
            yield list_name, entry


def find(registry: Registry, entry_id: str) -> tuple[ListName, Entry] | None:
    for list_name, entry in iter_all(registry):
        if entry.id == entry_id:
            return list_name, entry
    return None


def resolve(registry: Registry, list_name: ListName, entry_id: str) -> Entry | None:
    """Follow ``replaced_by`` from a (possibly retired) entry to the entry in force now."""
    by_id = {e.id: e for e in getattr(registry, list_name)}
    seen: set[str] = set()
    entry = by_id.get(entry_id)
    while entry is not None and entry.status == EntryStatus.RETIRED and entry.replaced_by:
        if entry.id in seen:  # a replacement cycle: stop at the last one seen
            break
        seen.add(entry.id)
        entry = by_id.get(entry.replaced_by, entry)
    return entry


def default_path() -> Path:
    return Path(str(resources.files("roleframe.normalise") / "data" / "canon.json"))


def load_registry(path: str | os.PathLike[str] | None = None) -> Registry:
    """Read a registry JSON file; ``None`` reads the default shipped with roleframe."""
    source = default_path() if path is None else Path(path)
    return Registry.model_validate_json(source.read_bytes())


def dumps(model: BaseModel) -> str:
    """Deterministic JSON for registries, decisions and summaries (stable order, UTF-8)."""
    data = model.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_registry(registry: Registry, path: str | os.PathLike[str]) -> None:
    write_atomic(path, dumps(registry))
