"""What exports read (folders, one file, the database), bad input, redaction, atomic writes
and the command line."""

from __future__ import annotations

import json
import sqlite3
import types
import typing
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from export_support import GOLDEN, all_bytes, jsonl_lines, output_folder, run
from pydantic import BaseModel

from roleframe.ingest.cli import main
from roleframe.ingest.dataset import LoadOptions, load
from roleframe.ingest.export import is_personal, to_json
from roleframe.ingest.exports import sources
from roleframe.ingest.exports.entities import entities
from roleframe.ingest.exports.run import ExportOptions, export
from roleframe.ingest.exports.sources import Failed, Loaded, read_database, read_path
from roleframe.schema import Provenance
from roleframe.schema.document import Document
from roleframe.schema.issues import IssueCode

FORMATS = {
    "jsonl": "x.jsonl",
    "csv": "tables",
    "zip": "tables.zip",
    "xlsx": "x.xlsx",
    "json": "x.json",
}


def _export_all(source: Path, out: Path, **options: bool) -> dict[str, Path]:
    paths = {}
    for name, target in FORMATS.items():
        path = out / target
        run("csv" if name == "zip" else name, source, path, **options)
        paths[name] = path
    return paths


# -- bad input -------------------------------------------------------------------------------


def _hostile_folder(folder: Path) -> Path:
    output_folder(folder, ("000_skills_matrix.xlsx.json", "001_role_profile.docx.json"))
    (folder / "foreign.json").write_text('{"name": "another tool", "rows": []}', "utf-8")
    (folder / "list.json").write_text("[1, 2, 3]", "utf-8")
    good = (GOLDEN / "003_competency_framework.docx.json").read_text("utf-8")
    (folder / "truncated.json").write_text(good[: len(good) // 2], "utf-8")
    (folder / "latin1.json").write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    edited = json.loads(good)
    edited["content"]["levels"][0]["level"] = "one"  # edited by hand
    (folder / "sub").mkdir()
    (folder / "sub" / "edited.json").write_text(json.dumps(edited), "utf-8")
    (folder / ".hidden.json").write_text("not even json", "utf-8")
    (folder / "export.json").write_text('{"format": "roleframe.dataset", "role": []}', "utf-8")
    return folder


def test_foreign_and_damaged_files_get_a_code_each_and_the_rest_exports(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path / "output")
    items = list(read_path(folder))
    failed = {item.path: item.code for item in items if isinstance(item, Failed)}
    assert failed == {
        "export.json": IssueCode.NOT_A_DOCUMENT,
        "foreign.json": IssueCode.NOT_A_DOCUMENT,
        "latin1.json": IssueCode.CORRUPT_FILE,
        "list.json": IssueCode.NOT_A_DOCUMENT,
        "sub/edited.json": IssueCode.INVALID_DOCUMENT,
        "truncated.json": IssueCode.CORRUPT_FILE,
    }
    loaded = [item.path for item in items if isinstance(item, Loaded)]
    assert loaded == ["000_skills_matrix.xlsx.json", "001_role_profile.docx.json"]
    messages = {item.path: item.message for item in items if isinstance(item, Failed)}
    assert "levels.0.level" in messages["sub/edited.json"]
    assert "line" in messages["truncated.json"]
    assert "roleframe export" in messages["export.json"]
    # every format: the documents exported, the failures listed
    paths = _export_all(folder, tmp_path / "out")
    lines = jsonl_lines(paths["jsonl"])
    assert sum(d["type"] == "document" for d in lines) == 2
    errors = {d["path"]: d["code"] for d in lines if d["type"] == "error"}
    assert errors == {path: code.value for path, code in failed.items()}
    assert b"not_a_document" in all_bytes(paths["xlsx"])  # on the Sources sheet


def test_a_file_too_large_for_a_document_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = output_folder(tmp_path / "output", ("000_skills_matrix.xlsx.json",))
    (folder / "huge.json").write_text("[" + "0," * 4000 + "0]", "utf-8")
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 4096)
    assert {item.path: getattr(item, "code", None) for item in read_path(folder)} == {
        "000_skills_matrix.xlsx.json": IssueCode.TOO_LARGE,  # 165 kB: over a 4 kB bound
        "huge.json": IssueCode.TOO_LARGE,
    }


def test_cli_prints_each_failure_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _hostile_folder(tmp_path / "output")
    out = tmp_path / "x.jsonl"
    assert main(["export", "jsonl", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "error: foreign.json: [not_a_document]" in err
    assert "error: truncated.json: [corrupt_file]" in err
    assert "exported 2 documents" in err
    assert out.exists()


# -- redaction -------------------------------------------------------------------------------

SENTINEL = "Zebedee Quillfeather"


def _fake(annotation: Any) -> Any:
    """A value of the annotated type holding the sentinel in every text field."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return _fake(args[0])
    if origin is list:
        return [_fake(args[0]), _fake(args[0])]
    if annotation is str:
        return SENTINEL
    if annotation is Provenance:
        return Provenance(table=0, row=0)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.model_validate(
            {
                name: _fake(field.annotation)
                for name, field in annotation.model_fields.items()
                if field.is_required() or _has_text(field.annotation)
            }
        )
    raise AssertionError(f"a personal field of type {annotation!r}: teach _fake about it")


def _has_text(annotation: Any) -> bool:
    return annotation is str or str in typing.get_args(annotation)


def _fill_personal(model: Any) -> Any:
    """Every field the schema marks personal, anywhere in the model, set to the sentinel."""
    if isinstance(model, list):
        return [_fill_personal(item) for item in model]
    if not isinstance(model, BaseModel):
        return model
    updates = {}
    for name, field in type(model).model_fields.items():
        if is_personal(field):
            updates[name] = _fake(field.annotation)
        else:
            updates[name] = _fill_personal(getattr(model, name))
    return model.model_copy(update=updates)


def test_redaction_removes_every_personal_field_from_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    folder.mkdir()
    for name in ("je_filled_form.docx.json", "002_je13_factor_matching_form.docx.json"):
        document = Document.model_validate_json((GOLDEN / name).read_bytes())
        filled = _fill_personal(document)
        text = to_json(filled)
        assert Document.model_validate_json(text) == filled  # still a valid document
        assert text.count(SENTINEL) >= 6
        (folder / name).write_text(text, "utf-8")
    plain = _export_all(folder, tmp_path / "plain")
    redacted = _export_all(folder, tmp_path / "redacted", redact_personal=True)
    for name in ("jsonl", "csv", "zip", "json"):
        assert SENTINEL.encode() in all_bytes(plain[name]), f"{name} exports personal values"
    for name, path in redacted.items():
        assert SENTINEL.encode() not in all_bytes(path), f"{name} leaks a personal value"
    lines = jsonl_lines(redacted["jsonl"])
    personal = [d for d in lines if d["type"] == "personal_value"]
    assert personal and all(d["value"] is None and d["label"] is None for d in personal)


def test_cli_redacts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = output_folder(tmp_path / "output", ("je_filled_form.docx.json",))
    assert main(["export", "jsonl", str(folder), "-q"]) == 0
    plain = capsys.readouterr().out
    assert main(["export", "jsonl", str(folder), "--redact-personal"]) == 0
    redacted = capsys.readouterr().out
    values = [json.loads(x)["value"] for x in plain.splitlines() if '"personal_value"' in x]
    assert values and all(values)
    assert all(value not in redacted for value in values)


# -- atomic writes ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FORMATS))
def test_an_interrupted_export_leaves_the_previous_file(tmp_path: Path, name: str) -> None:
    folder = output_folder(tmp_path / "output", ("000_skills_matrix.xlsx.json",))
    out = tmp_path / "out"
    target = out / FORMATS[name]
    fmt = "csv" if name == "zip" else name
    run(fmt, folder, target)
    before = all_bytes(target)

    def items() -> Any:
        yield from read_path(folder)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(fmt, items(), target, ExportOptions())
    assert all_bytes(target) == before
    assert sorted(p.name for p in out.iterdir()) == [target.name], "no temporary files"


# -- the database ----------------------------------------------------------------------------


def test_export_from_the_database_equals_export_from_the_documents(tmp_path: Path) -> None:
    names = (
        "000_skills_matrix.xlsx.json",
        "001_role_profile.docx.json",
        "je_filled_form.docx.json",
    )
    folder = output_folder(tmp_path / "output", names)
    db = tmp_path / "roleframe.db"
    load([str(folder / name) for name in names], LoadOptions(db=db, who="test"))
    from_db = [item for item in read_database(db)]
    assert all(isinstance(item, Loaded) for item in from_db)
    run("jsonl", folder, tmp_path / "folder.jsonl")
    report = export("jsonl", iter(from_db), tmp_path / "db.jsonl", ExportOptions())
    assert report.documents == 3
    db_lines = jsonl_lines(tmp_path / "db.jsonl")
    # the same lines, except that a role line from the dataset names its dataset role
    role_ids = {
        line["id"]: line.pop("dataset_role_id") for line in db_lines if line["type"] == "role"
    }
    folder_lines = jsonl_lines(tmp_path / "folder.jsonl")
    for line in folder_lines:
        if line["type"] == "role":
            assert line.pop("dataset_role_id") is None  # files know no dataset
    assert sorted(db_lines, key=json.dumps) == sorted(folder_lines, key=json.dumps)
    with closing(sqlite3.connect(db)) as conn:
        mentions = {
            (title, position): role_id
            for title, position, role_id in conn.execute(
                "SELECT title, position, role_id FROM role_mentions"
            )
        }
    roles = [line for line in db_lines if line["type"] == "role"]
    assert len(roles) == len(mentions) > 10
    for line in roles:
        assert role_ids[line["id"]] == mentions[(line["title"], line["position"])]
    # --as-of before anything was loaded: nothing valid yet
    assert list(read_database(db, "2000-01-01")) == []


def test_cli_exports_the_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = output_folder(tmp_path / "output", ("000_skills_matrix.xlsx.json",))
    db = tmp_path / "roleframe.db"
    load([str(folder / "000_skills_matrix.xlsx.json")], LoadOptions(db=db, who="test"))
    assert main(["export", "json", "--db", str(db), "-o", str(tmp_path / "x.json")]) == 0
    data = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert len(data["document"]) == 1 and len(data["requirement"]) == 253
    early = tmp_path / "early.json"
    assert main(["export", "json", "--db", str(db), "--as-of", "2001-01-01", "-o", str(early)]) == 0
    assert json.loads(early.read_text("utf-8"))["document"] == []
    not_ours = tmp_path / "other.db"
    not_ours.write_bytes(b"not a database at all")
    assert main(["export", "jsonl", "--db", str(not_ours)]) == 1
    assert "error:" in capsys.readouterr().err


# -- command line ----------------------------------------------------------------------------


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    folder = output_folder(tmp_path / "output", ("000_skills_matrix.xlsx.json",))
    assert main(["export", "jsonl"]) == 2  # no source
    assert main(["export", "jsonl", str(folder), "--db", str(tmp_path / "x.db")]) == 2
    assert main(["export", "csv", str(folder)]) == 2  # csv needs -o
    assert main(["export", "xlsx", str(folder)]) == 2
    assert main(["export", "jsonl", str(folder), "--as-of", "2025-01-01"]) == 2
    assert main(["export", "jsonl", "--db", str(tmp_path / "x.db"), "--as-of", "soon"]) == 2
    assert main(["export", "xlsx", str(folder), "-o", str(folder)]) == 2  # a folder
    assert main(["export", "parquet", str(folder)]) == 2
    assert main(["export", "jsonl", str(tmp_path / "missing")]) == 2


def test_one_document_json_is_a_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = GOLDEN / "003_competency_framework.docx.json"
    out = tmp_path / "tables.zip"
    assert main(["export", "csv", str(path), "-o", str(out), "--bom"]) == 0
    assert "exported 1 documents" in capsys.readouterr().err
    assert out.read_bytes()[:2] == b"PK"


def test_export_from_the_database_follows_role_merges(tmp_path: Path) -> None:
    """A person ruled two roles the same (roles.merged_into): the merged role's lines carry
    the role it was merged into."""
    folder = output_folder(tmp_path / "output", ("000_skills_matrix.xlsx.json",))
    db = tmp_path / "roleframe.db"
    load([str(folder / "000_skills_matrix.xlsx.json")], LoadOptions(db=db, who="test"))
    with closing(sqlite3.connect(db)) as conn:
        (kept, title_kept), (merged, title_merged) = conn.execute(
            "SELECT id, title FROM roles ORDER BY title LIMIT 2"
        ).fetchall()
        conn.execute("UPDATE roles SET merged_into = ? WHERE id = ?", (kept, merged))
        conn.commit()
    (item,) = read_database(db)
    assert isinstance(item, Loaded) and item.dataset_roles is not None
    lines = {
        e.title: e
        for e in entities(item.document, dataset_roles=item.dataset_roles)
        if e.type == "role"
    }
    assert lines[title_merged].dataset_role_id == kept == lines[title_kept].dataset_role_id
