"""JE factor form: seed acceptance, golden output and rules on hand-built layouts."""

from __future__ import annotations

import json

import pytest
from conftest import EXPECTED, GOLDEN, SAMPLES, needs_shared
from expected_view_word import diff, je_form_view
from golden import check_golden

from roleframe.ingest.build import build_document, read_layout
from roleframe.ingest.export import to_json
from roleframe.parsers.kinds import je_form
from roleframe.schema import DocumentKind
from roleframe.schema.je_form import JEForm

SEED = "002_je13_factor_matching_form"


def _doc(path):
    return build_document(path.read_bytes(), path.name)


@needs_shared
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_matches_expected(fmt: str) -> None:
    path = EXPECTED.parent / f"{SEED}.{fmt}"
    doc = _doc(path)
    assert doc.kind == DocumentKind.JE_FORM
    assert isinstance(doc.content, JEForm)
    expected = json.loads((EXPECTED / f"{SEED}.{fmt}.json").read_text(encoding="utf-8"))
    problems = diff(je_form_view(doc.content), expected)
    assert not problems, "\n".join(problems)


def test_seed_golden(update_golden: bool) -> None:
    path = SAMPLES / f"{SEED}.docx"
    check_golden(GOLDEN / f"{SEED}.docx.json", to_json(_doc(path)), update_golden)


def test_seed_is_detected_as_je_form_only() -> None:
    layout = read_layout((SAMPLES / f"{SEED}.docx").read_bytes())
    assert je_form.score(layout) >= 0.6
    from roleframe.parsers.kinds import role_profile

    assert role_profile.score(layout) < je_form.score(layout)
