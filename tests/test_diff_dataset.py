"""`roleframe diff --db`: sides taken from the shared dataset by id, title, version or date."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleframe.ingest.cli import main
from roleframe.schema.changeset import ChangeSet

DIFF = Path(__file__).resolve().parent / "fixtures" / "diff"
TITLE = "Behaviours Framework"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1 (valid from 2024), then version 2 (from 2025) in its .docx and its PDF."""
    root = tmp_path_factory.mktemp("dataset")
    path = root / "roleframe.db"
    v1 = ["load", str(DIFF / "framework_v1.docx"), "--db", str(path), "-o", str(root / "o1")]
    assert main([*v1, "-q", "--valid-from", "2024-01-01"]) == 0
    v2 = [str(DIFF / "framework_v2.pdf"), str(DIFF / "framework_v2.docx")]
    args = ["load", *v2, "--db", str(path), "-o", str(root / "o2"), "-q"]
    assert main([*args, "--valid-from", "2025-01-01"]) == 0
    return path


def _diff(tmp_path: Path, *args: str) -> tuple[int, ChangeSet | None]:
    out = tmp_path / "c.json"
    code = main(["diff", *args, "--json", "-o", str(out)])
    return code, ChangeSet.model_validate_json(out.read_bytes()) if out.exists() else None


def _portable(cs: ChangeSet) -> list[dict]:
    return [c.model_dump(exclude={"old_where", "new_where"}) for c in cs.changes]


def test_versions_by_number_give_the_change_set_of_the_files(db: Path, tmp_path: Path) -> None:
    code, from_db = _diff(tmp_path, "--db", str(db), f"{TITLE}@1", f"{TITLE}@2")
    assert code == 1 and from_db is not None
    _, from_files = _diff(
        tmp_path, str(DIFF / "framework_v1.docx"), str(DIFF / "framework_v2.docx")
    )
    assert from_files is not None
    assert _portable(from_db) == _portable(from_files)
    assert from_db.old.version == "version 1 (from 2024-01-01T00:00:00Z)"
    assert from_db.new.filename == "framework_v2.docx"  # the non-PDF rendition of version 2


def test_a_date_picks_the_version_valid_then_and_no_suffix_the_current(
    db: Path, tmp_path: Path
) -> None:
    _, by_date = _diff(tmp_path, "--db", str(db), f"{TITLE}@2024-06-30", TITLE)
    assert by_date is not None
    assert (by_date.old.version or "").startswith("version 1")
    assert (by_date.new.version or "").startswith("version 2")
    code, same = _diff(tmp_path, "--db", str(db), f"{TITLE}@2025-02-01", TITLE)
    assert code == 0 and same is not None and same.changes == []


def test_a_document_id_and_a_file_mix(db: Path, tmp_path: Path) -> None:
    _, first = _diff(tmp_path, "--db", str(db), f"{TITLE}@1", f"{TITLE}@2")
    assert first is not None
    code, mixed = _diff(
        tmp_path, "--db", str(db), first.old.document_id, str(DIFF / "framework_v2.pdf")
    )
    assert code == 1 and mixed is not None
    assert _portable(mixed) == _portable(first)


def test_unknown_titles_suggest_and_missing_versions_are_errors(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--db", str(db), "Behavours Framwork", TITLE]) == 2
    assert "did you mean: Behaviours Framework" in capsys.readouterr().err
    assert main(["diff", "--db", str(db), f"{TITLE}@7", TITLE]) == 2
    assert "no version 7" in capsys.readouterr().err
    assert main(["diff", "--db", str(db.parent / "nope.db"), "a", "b"]) == 2
