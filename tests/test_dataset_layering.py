"""Only the per-kind mapping functions read kind-specific fields of the document model.

The schema's kind modules are being reshaped while the dataset is built on them (renamed JE,
role profile and progression fields): keeping every read in ``ingest/dataset/mapping/``
makes each rename a one-line change there.
"""

from __future__ import annotations

import ast
from pathlib import Path

DATASET = Path(__file__).resolve().parent.parent / "ingest" / "dataset"
KIND_MODULES = {
    "roleframe.schema.skills_matrix",
    "roleframe.schema.role_profile",
    "roleframe.schema.je_form",
    "roleframe.schema.competency_framework",
    "roleframe.schema.progression_framework",
}


def test_only_mapping_modules_import_the_kind_models() -> None:
    offenders = []
    for path in DATASET.rglob("*.py"):
        if "mapping" in path.relative_to(DATASET).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in KIND_MODULES:
                offenders.append(f"{path.relative_to(DATASET)} imports {node.module}")
    assert offenders == []


def test_every_kind_has_a_mapping() -> None:
    from roleframe.ingest.dataset.mapping import MAPPERS
    from roleframe.schema import DocumentKind

    assert set(MAPPERS) == set(DocumentKind)
