"""Deterministic JSON, personal-data redaction and atomic writes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from pydantic import Field

from roleframe.ingest.export import to_json, write_atomic
from roleframe.schema import Model, Provenance


class _Signature(Model):
    name: str | None = Field(default=None, json_schema_extra={"personal": True}, description="x")
    date: str | None = Field(default=None, description="x")


class _Form(Model):
    title: str = Field(description="x")
    panel: list[str] = Field(
        default_factory=list, json_schema_extra={"personal": True}, description="x"
    )
    signatures: list[_Signature] = Field(default_factory=list, description="x")
    where: Provenance = Field(description="x")


FORM = _Form(
    title="JE13",
    panel=["A. Person", "B. Person"],
    signatures=[_Signature(name="C. Person", date="1 April")],
    where=Provenance(table=2, row=3),
)


def test_json_is_sorted_and_provenance_is_compact() -> None:
    text = to_json(FORM)
    assert text.endswith("\n")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["where"] == {"row": 3, "table": 2}  # unset coordinates are left out
    assert to_json(FORM) == text


def test_redaction_empties_every_personal_field_and_nothing_else() -> None:
    data = json.loads(to_json(FORM, redact_personal=True))
    assert data["panel"] == []
    assert data["signatures"] == [{"date": "1 April", "name": None}]
    assert data["title"] == "JE13"
    assert "Person" not in to_json(FORM, redact_personal=True)


def test_atomic_write_leaves_no_temp_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.json"
    write_atomic(target, "first\n")
    with pytest.raises(TypeError):  # the write fails half way: not a str
        write_atomic(target, 123)  # type: ignore[arg-type]
    assert target.read_text() == "first\n"
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_published_files_are_owner_only(tmp_path: Path, umask: int, mode: int) -> None:
    """Regression: mkstemp's 0600 leaked into every published file; a new output gets the
    permissions the umask gives any new file, and so does one written over an old one."""
    before = os.umask(umask)
    try:
        target = tmp_path / "doc.json"
        write_atomic(target, "first\n")
        assert stat.S_IMODE(target.stat().st_mode) == mode
        target.chmod(0o600)
        write_atomic(target, "second\n")
        assert stat.S_IMODE(target.stat().st_mode) == mode
    finally:
        os.umask(before)


def test_the_parent_directory_is_fsynced_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: without an fsync of the folder, the rename may be lost on a crash."""
    target = tmp_path / "doc.json"
    synced: list[tuple[bool, bool]] = []  # (is a folder, target already in place)
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append((stat.S_ISDIR(os.fstat(fd).st_mode), target.exists()))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    write_atomic(target, "text\n")
    assert synced == [(False, False), (True, True)]  # the data, then the folder after rename
