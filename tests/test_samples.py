"""Every sample: detected as the right kind, valid against the published JSON Schema, and
byte-identical when built twice (stable ids, sorted keys, no run timestamps)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from roleframe.ingest.build import build_document, detect_kind, read_layout
from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix != ".md")
KIND_BY_SEED = {
    "000": DocumentKind.SKILLS_MATRIX,
    "001": DocumentKind.ROLE_PROFILE,
    "002": DocumentKind.JE_FORM,
    "003": DocumentKind.COMPETENCY_FRAMEWORK,
    "004": DocumentKind.PROGRESSION_FRAMEWORK,
}


@cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schema" / "json" / "document.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_sample_kind_schema_and_determinism(path: Path) -> None:
    data = path.read_bytes()
    guess = detect_kind(read_layout(data))
    assert guess.kind == KIND_BY_SEED[path.name[:3]], guess.scores
    runner_up = max(v for k, v in guess.scores.items() if k != guess.kind)
    assert guess.score - runner_up >= 0.2, f"kind detection is not decisive: {guess.scores}"

    first = to_json(build_document(data, path.name))
    errors = sorted(_validator().iter_errors(json.loads(first)), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    assert to_json(build_document(data, path.name)) == first
    assert str(ROOT) not in first, "absolute paths must not leak into documents"
