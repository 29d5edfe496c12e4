"""The checked-in JSON Schema must match the models, and describe every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleframe.schema import publish

JSON_DIR = Path(__file__).resolve().parent.parent / "schema" / "json"


@pytest.mark.parametrize("name", sorted(publish.MODELS))
def test_checked_in_schema_matches_models(name: str) -> None:
    path = JSON_DIR / f"{name}.json"
    assert path.exists(), (
        f"schema/json/{name}.json missing: run roleframe schema --write schema/json"
    )
    assert path.read_text(encoding="utf-8") == publish.render(name), (
        f"schema/json/{name}.json drifted from the models: run roleframe schema --write schema/json"
    )


def test_no_stray_schema_files() -> None:
    assert {p.stem for p in JSON_DIR.glob("*.json")} == set(publish.MODELS)


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = []
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            found.append((f"{definition.get('title')}.{name}", prop))
    return found


@pytest.mark.parametrize("name", sorted(publish.MODELS))
def test_every_field_is_described(name: str) -> None:
    undocumented = [
        field
        for field, prop in _properties(publish.json_schema(name))
        if "description" not in prop and field.split(".")[1] != "kind"
    ]
    assert not undocumented, f"fields without a description: {undocumented}"
