"""Read document JSON written by any earlier roleframe: older schema versions are upgraded.

Documents live on after the release that wrote them: in output folders, in the shared
dataset (``document_json``), as the sides of a diff. Every reader of document JSON goes
through :func:`read_document`, so a field renamed in a later schema is renamed here once,
as data, and nothing downstream needs to know which release wrote the file.

Each step upgrades one version to the next and is recorded in ``schema/CHANGELOG.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from roleframe.schema import SCHEMA_VERSION
from roleframe.schema.document import Document

CURRENT = SCHEMA_VERSION

Json = dict[str, Any]


class UnknownSchemaVersion(ValueError):
    """The JSON says it is a document of a schema version this release does not know."""


def _rename(obj: Json | None, old: str, new: str) -> None:
    if isinstance(obj, dict) and old in obj:
        obj[new] = obj.pop(old)


_GRADE_WORD = re.compile(r"([A-Za-z]+)\s*\d")


def _je_1_0(content: Json) -> None:
    post = content.get("post")
    _rename(post, "discrete_post_ref", "post_reference")
    _rename(post, "lmis_attached", "supporting_documents_attached")
    _rename(post, "notify_of_result", "result_recipients")
    _rename(content.get("comparator"), "discrete_post_ref", "post_reference")


def _role_profile_1_0(content: Json) -> None:
    _rename(content, "key_facts", "dimensions")
    keys = {"key_facts": "dimensions", "resourcing": "requirements"}
    sections = [
        content.get("dimensions"),
        content.get("purpose"),
        *content.get("other_sections", []),
    ]
    for name in ("nature_of_contacts", "procedural_context", "knowledge_skills_experience"):
        sections.append(content.get(name))
    sections.append(content.get("qualifications"))
    for section in sections:
        if isinstance(section, dict) and section.get("key") in keys:
            section["key"] = keys[section["key"]]


def _progression_1_0(content: Json) -> None:
    for role in content.get("roles", []):
        number = role.pop("range", None)
        if number is None:
            continue
        word = _GRADE_WORD.search(role.get("grade") or "")
        role["grade_number"] = {"label": word.group(1) if word else "Range", "number": number}


_KIND_STEPS_1_0: dict[str, Callable[[Json], None]] = {
    "je_form": _je_1_0,
    "role_profile": _role_profile_1_0,
    "progression_framework": _progression_1_0,
}


def _from_1_0(data: Json) -> Json:
    """1.0 -> 2.0: one form's labels renamed to generic slots (issue 14)."""
    content = data.get("content")
    step = _KIND_STEPS_1_0.get(str(data.get("kind")))
    if step is not None and isinstance(content, dict):
        step(content)
    data["schema_version"] = "2.0"
    return data


STEPS: dict[str, Callable[[Json], Json]] = {"1.0": _from_1_0}


def upgrade(data: Json) -> Json:
    """The document JSON ``data`` brought to the current schema version (in place)."""
    seen = set()
    while (found := data.get("schema_version")) != CURRENT:
        if found in seen or found not in STEPS:
            raise UnknownSchemaVersion(
                f"document schema version {found!r} is not one this roleframe reads "
                f"(it reads {', '.join(sorted(STEPS))} and {CURRENT}); a newer roleframe "
                "wrote it?"
            )
        seen.add(found)
        data = STEPS[found](data)
    return data


def read_document(text: str | bytes) -> Document:
    """A validated Document from document JSON of any known schema version."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("document JSON must be an object")
    if data.get("schema_version") == CURRENT:
        return Document.model_validate(data)
    return Document.model_validate(upgrade(data))
