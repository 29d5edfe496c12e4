"""JSON Schema for every published model, checked in under ``schema/json/``.

``tests/test_schema_published.py`` fails when the checked-in files drift from the models;
``roleframe schema --write schema/json`` regenerates them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from roleframe.schema.canon import Decisions, Registry
from roleframe.schema.changeset import ChangeSet, RenameDecisionsFile
from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.document import Document
from roleframe.schema.entities import Dataset, ExportLine
from roleframe.schema.enums import DocumentKind
from roleframe.schema.je_form import JEForm
from roleframe.schema.progression_framework import ProgressionFramework
from roleframe.schema.role_profile import RoleProfile
from roleframe.schema.skills_matrix import SkillsMatrix

SCHEMA_ID_BASE = "https://roleframe.example/schema/2.0/"

MODELS: dict[str, type[BaseModel]] = {
    "document": Document,
    DocumentKind.SKILLS_MATRIX.value: SkillsMatrix,
    DocumentKind.ROLE_PROFILE.value: RoleProfile,
    DocumentKind.JE_FORM.value: JEForm,
    DocumentKind.COMPETENCY_FRAMEWORK.value: CompetencyFramework,
    DocumentKind.PROGRESSION_FRAMEWORK.value: ProgressionFramework,
    "canon": Registry,  # the canonical registry file (normalise/data/canon.json)
    "decisions": Decisions,  # the review decisions file kept beside a registry
    "changeset": ChangeSet,  # what `roleframe diff --json` prints
    "rename_decisions": RenameDecisionsFile,  # `roleframe diff --decisions FILE`
    "export_line": ExportLine,  # one line of `roleframe export jsonl`
    "dataset": Dataset,  # `roleframe export json`
}


def register(name: str, model: type[BaseModel]) -> None:
    """Publish another model (registry, report …) under ``name``."""
    MODELS[name] = model


def json_schema(name: str) -> dict[str, Any]:
    schema = MODELS[name].model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_BASE}{name}.json",
        **schema,
    }


def render(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
