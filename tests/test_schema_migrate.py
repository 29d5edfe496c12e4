"""Documents written by earlier releases still read: schema 1.0 JSON is upgraded on read.

The fixtures are the seed goldens as roleframe wrote them at schema 1.0 (before issue 14
renamed one form's labels to generic slots)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from roleframe.ingest.build import build_document
from roleframe.ingest.cli import main
from roleframe.schema import SCHEMA_VERSION
from roleframe.schema.document import Document
from roleframe.schema.je_form import JEForm
from roleframe.schema.migrate import UnknownSchemaVersion, read_document, upgrade
from roleframe.schema.progression_framework import ProgressionFramework
from roleframe.schema.role_profile import RoleProfile

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "tests" / "fixtures" / "schema_1_0"


def _old(name: str) -> dict:
    return json.loads((OLD / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _current(name: str) -> Document:
    return build_document((ROOT / "samples" / name).read_bytes(), name)


def test_je_form_slots_keep_their_values_under_the_new_names() -> None:
    old = _old("002_je13_factor_matching_form.docx")
    doc = read_document(json.dumps(old))
    assert doc.schema_version == SCHEMA_VERSION
    je = doc.content
    assert isinstance(je, JEForm)
    post = old["content"]["post"]
    assert je.post.post_reference is not None
    assert je.post.post_reference.value == post["discrete_post_ref"]["value"]
    assert je.post.supporting_documents_attached is not None
    assert je.post.supporting_documents_attached.label == post["lmis_attached"]["label"]
    assert (je.post.result_recipients is None) == (post["notify_of_result"] is None)
    now = _current("002_je13_factor_matching_form.docx").content
    assert isinstance(now, JEForm)
    assert je.post.post_reference == now.post.post_reference
    assert je.comparator is not None and now.comparator is not None
    assert je.comparator.post_reference == now.comparator.post_reference


def test_role_profile_key_facts_become_dimensions() -> None:
    old = _old("001_role_profile.docx")
    rp = read_document(json.dumps(old)).content
    assert isinstance(rp, RoleProfile)
    assert rp.dimensions is not None and rp.dimensions.key == "dimensions"
    assert [s.text for s in rp.dimensions.statements] == [
        s["text"] for s in old["content"]["key_facts"]["statements"]
    ]
    keys = {s.key for s in rp.other_sections}
    assert "resourcing" not in keys and "key_facts" not in keys
    now = _current("001_role_profile.docx").content
    assert isinstance(now, RoleProfile)
    assert rp.dimensions == now.dimensions


def test_progression_range_becomes_a_grade_number() -> None:
    old = _old("004_career_progression_framework.docx")
    pf = read_document(json.dumps(old)).content
    assert isinstance(pf, ProgressionFramework)
    ranged = [(r, o) for r, o in zip(pf.roles, old["content"]["roles"], strict=True) if o["range"]]
    assert ranged
    for role, before in ranged:
        assert role.grade_number is not None
        assert (role.grade_number.label, role.grade_number.number) == ("Range", before["range"])
    now = _current("004_career_progression_framework.docx").content
    assert isinstance(now, ProgressionFramework)
    by_title = {r.heading_raw: r.grade_number for r in now.roles}
    for role, _ in ranged:
        current = by_title[role.heading_raw]
        assert current is not None
        assert (current.label, current.number) == (
            role.grade_number.label,
            role.grade_number.number,
        )  # type: ignore[union-attr]


def test_unknown_versions_are_refused_not_guessed() -> None:
    data = _old("001_role_profile.docx")
    data["schema_version"] = "9.0"
    with pytest.raises(UnknownSchemaVersion, match=r"9\.0"):
        upgrade(data)


def test_old_documents_load_diff_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = OLD / "002_je13_factor_matching_form.docx.json"
    db = tmp_path / "r.db"
    assert main(["load", str(old), "--db", str(db), "-o", str(tmp_path / "o"), "-q"]) == 0
    # against the current reading of the same form: the same content, nothing substantive
    code = main(["diff", str(old), str(ROOT / "samples" / "002_je13_factor_matching_form.docx")])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    assert "## Renamed" not in out and "## Removed" not in out and "## Added" not in out
