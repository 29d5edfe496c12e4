"""The seeds' ground truth (``../shared/seed-docs/expected/*.json``) as roleframe Documents.

The expected files are written in the test format, not roleframe's schema. This reader turns
one into the JSON shape of a ``Document`` so ``normalise.build`` can propose registry entries
from it; the tests then compare that truth registry with the shipped one, which
``roleframe canon build`` makes from the seed *documents*. Tests only: roleframe itself never
reads the test format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from roleframe.ingest.default_canon import DESCRIPTION, SEED_FILES
from roleframe.normalise.build import build_registry, proposals_from_document
from roleframe.normalise.registry import DEFAULT_NAME
from roleframe.schema.canon import Registry

KINDS = {  # test-format doc_type -> roleframe DocumentKind value
    "skills_matrix": "skills_matrix",
    "competency_framework": "competency_framework",
    "je_factor_matching_form": "je_form",
    "career_progression_framework": "progression_framework",
}


def _texts(items: list[Any]) -> list[dict[str, str]]:
    return [{"text": t} for t in items if isinstance(t, str)]


def as_document(expected: dict[str, Any]) -> dict[str, Any]:
    """The parts of a Document that registry building reads, from a test-format file."""
    kind = KINDS[expected["doc_type"]]
    content: dict[str, Any] = {"kind": kind}
    if kind == "skills_matrix":
        content["competencies"] = [{"name": h} for h in expected["competency_headers"]]
        content["descriptors"] = expected["descriptors"]
        content["requirements"] = [{"level": c["level"]} for c in expected["cells"]]
    elif kind == "competency_framework":
        content["levels"] = [
            {"level": lv["level"], "name": lv["name"], "audience": lv.get("staff")}
            for lv in expected["levels"]
        ]
        content["competencies"] = [
            {
                **{k: c.get(k) for k in ("name", "title_raw", "description", "category")},
                "levels": [
                    {
                        "level": lv["level"],
                        "label": lv.get("label"),
                        "intro": _texts(lv.get("intro") or []),
                        "sub_areas": [
                            {"name": sub.get("name"), "statements": _texts(sub["statements"])}
                            for sub in lv.get("sub_areas") or []
                        ],
                    }
                    for lv in c.get("levels") or []
                ],
            }
            for c in expected["competencies"]
        ]
    elif kind == "je_form":
        content["factors"] = [{"name": f["factor"]} for f in expected["factors"]]
    elif kind == "progression_framework":
        content["categories"] = expected["row_labels"]
    return {"kind": kind, "source": {"filename": expected["source_file"]}, "content": content}


def truth_registry(expected_dir: Path) -> Registry:
    """The registry the seed files' ground truth gives (what a perfect parser would)."""
    docs = [
        as_document(json.loads((expected_dir / f"{name}.json").read_text(encoding="utf-8")))
        for name in SEED_FILES
    ]
    proposals = [p for doc in docs for p in proposals_from_document(doc)]
    return build_registry(proposals, DEFAULT_NAME, DESCRIPTION, files=list(SEED_FILES))
