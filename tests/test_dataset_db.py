"""The database file: created and migrated by roleframe, refused untouched when not ours."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from roleframe.ingest.dataset import db as dbmod
from roleframe.ingest.dataset import migrations
from roleframe.ingest.dataset.db import APPLICATION_ID, DatabaseRefused, connect
from roleframe.ingest.dataset.migrations import LATEST, Migration


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_database_is_created_marked_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "roleframe.db"
    with closing(connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
        applied = conn.execute("SELECT version, name FROM schema_migrations").fetchall()
        expected = [(m.version, m.name) for m in migrations.MIGRATIONS]
        assert [tuple(row) for row in applied] == expected
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "roles", "requirements", "provenance", "je_levels"} <= tables
    with closing(connect(path)) as conn:  # opening again migrates nothing
        assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == LATEST


def test_an_older_database_is_migrated_forward_and_keeps_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roleframe.db"
    with closing(connect(path)) as conn:
        conn.execute(
            "INSERT INTO series (id, kind, key, title) VALUES ('s', 'role_profile', 'k', 'T')"
        )
    # the next release adds a column: the file made by this one opens there
    following = Migration(LATEST + 1, "series notes", "ALTER TABLE series ADD COLUMN note TEXT;")
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*migrations.MIGRATIONS, following))
    monkeypatch.setattr(dbmod, "LATEST", LATEST + 1)
    with closing(connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1
        assert conn.execute("SELECT title, note FROM series").fetchall()[0][:] == ("T", None)
        names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY 1")]
    assert "series notes" in names


def test_a_failed_migration_leaves_the_file_at_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roleframe.db"
    connect(path).close()
    broken = Migration(LATEST + 1, "broken", "CREATE TABLE x (a);\nALTER TABLE nope ADD b;")
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(dbmod, "LATEST", LATEST + 1)
    with pytest.raises(DatabaseRefused):
        connect(path)
    monkeypatch.undo()
    with closing(connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        found = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'x'")
        assert found.fetchone()[0] == 0


def _foreign_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('Ada')")
        conn.commit()


def _newer(path: Path) -> None:
    connect(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 5}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _corrupt(path: Path) -> None:
    with closing(connect(path)) as conn:
        conn.execute("BEGIN")
        for i in range(3000):
            conn.execute(
                "INSERT INTO competencies (id, list, name) VALUES (?, 'competencies', ?)",
                (f"id{i}", f"competency number {i} " * 4),
            )
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 7):  # scribble over some pages
        data[offset : offset + 200] = b"\xa5" * 200
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"name,grade\nOfficer,5\n" * 20), "foreign"),
        (_foreign_sqlite, "foreign"),
        (_newer, "newer"),
        (_corrupt, "corrupt"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"junk" * 300), "corrupt"),
    ],
    ids=["csv", "other-program", "newer-roleframe", "damaged", "bad-header"],
)
def test_files_that_are_not_ours_are_refused_and_never_modified(
    tmp_path: Path, make, reason: str
) -> None:
    path = tmp_path / "roleframe.db"
    make(path)
    for leftover in tmp_path.glob("roleframe.db-*"):
        leftover.unlink()
    before = _digest(path)
    with pytest.raises(DatabaseRefused) as caught:
        connect(path)
    assert caught.value.reason == reason
    assert str(path) in str(caught.value)
    assert _digest(path) == before
    wal = tmp_path / "roleframe.db-wal"  # a WAL-mode reader may open an empty one, no more
    assert not wal.exists() or wal.stat().st_size == 0


def test_read_commands_do_not_create_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused) as caught:
        connect(tmp_path / "none.db", create=False)
    assert caught.value.reason == "missing"
    assert not (tmp_path / "none.db").exists()


def test_statements_split_on_real_ends_not_on_semicolons_in_comments() -> None:
    script = "CREATE TABLE a ( -- one; two\n  x TEXT -- y; z\n);\nCREATE INDEX b ON a(x);\n"
    assert list(dbmod.statements(script)) == [
        "CREATE TABLE a ( -- one; two\n  x TEXT -- y; z\n);",
        "CREATE INDEX b ON a(x);",
    ]
