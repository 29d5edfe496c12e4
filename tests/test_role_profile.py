"""Role profile: seed acceptance against ../shared expected output, and the golden file."""

from __future__ import annotations

import json

import pytest
from conftest import EXPECTED, GOLDEN, SAMPLES, needs_shared
from expected_view_word import diff, role_profile_view
from golden import check_golden

from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json
from roleframe.schema import DocumentKind
from roleframe.schema.role_profile import RoleProfile

SEED = "001_role_profile"


def _doc(path):
    return build_document(path.read_bytes(), path.name)


@needs_shared
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_matches_expected(fmt: str) -> None:
    path = EXPECTED.parent / f"{SEED}.{fmt}"
    doc = _doc(path)
    assert doc.kind == DocumentKind.ROLE_PROFILE
    assert isinstance(doc.content, RoleProfile)
    expected = json.loads((EXPECTED / f"{SEED}.{fmt}.json").read_text(encoding="utf-8"))
    problems = diff(role_profile_view(doc.content), expected)
    assert not problems, "\n".join(problems)


def test_seed_golden(update_golden: bool) -> None:
    doc = _doc(SAMPLES / f"{SEED}.docx")
    assert doc.content.layout == "label_tables"
    assert not doc.warnings
    check_golden(GOLDEN / f"{SEED}.docx.json", to_json(doc), update_golden)
