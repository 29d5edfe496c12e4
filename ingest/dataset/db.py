"""Open, create and migrate the database file; refuse files that are not ours, untouched.

The file is marked as roleframe's with SQLite's own header fields: ``application_id`` (the
bytes ``RFDB``) and ``user_version`` (the schema version). Before anything can write to an
existing file it is inspected through a read-only connection: not SQLite, made by another
program, made by a newer roleframe, or damaged -> :class:`DatabaseRefused`, and the file is
left exactly as it was (journal mode, header and all).

Every connection runs in WAL mode (readers never wait for a loader), with foreign keys on
and a busy timeout, and manages its own transactions (``isolation_level=None``): a load
takes the write lock with ``BEGIN IMMEDIATE`` so concurrent loaders queue instead of
deadlocking, and a killed loader's transaction simply never happened.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

from roleframe.ingest.dataset.migrations import LATEST, MIGRATIONS

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: SQLite's own busy handler alone
    fcntl = None

DEFAULT_DB = Path("output") / "roleframe.db"
APPLICATION_ID = int.from_bytes(b"RFDB", "big")
BUSY_TIMEOUT_SECONDS = 120.0  # a loader waits this long for another one's write to finish
SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseRefused(Exception):
    """The file cannot be used; ``reason`` is one of missing, foreign, newer, corrupt."""

    def __init__(self, path: Path, reason: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = reason


def connect(
    path: str | os.PathLike[str] = DEFAULT_DB, *, create: bool = True
) -> sqlite3.Connection:
    """A connection to a roleframe database, created and migrated to the latest schema.

    ``create=False`` (the read commands) refuses a missing file instead of making one.
    """
    target = Path(path)
    if target.exists():
        inspect_file(target)
    elif not create:
        raise DatabaseRefused(target, "missing", "no database here; `roleframe load` creates one.")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        migrate(conn, target)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DatabaseRefused(target, "corrupt", f"the database cannot be read ({exc}).") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def inspect_file(path: Path) -> None:
    """Raise DatabaseRefused unless ``path`` is empty, an empty SQLite file, or ours and not
    newer than this release. Reads only: a refused file is never modified."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(path, "missing", f"cannot be read ({exc.strerror}).") from exc
    if not header:
        return  # an empty file: SQLite makes a new database in it
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(
            path, "foreign", "is not a SQLite database, so not a roleframe one; left untouched."
        )
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)) as probe:
            app_id = probe.execute("PRAGMA application_id").fetchone()[0]
            schema = probe.execute("PRAGMA user_version").fetchone()[0]
            objects = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            check = [row[0] for row in probe.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            path, "corrupt", f"is damaged and cannot be read ({exc}); left untouched."
        ) from exc
    if app_id != APPLICATION_ID and not (app_id == 0 and objects == 0):
        raise DatabaseRefused(
            path,
            "foreign",
            f"is a SQLite database made by another program (application_id {app_id}, "
            f"{objects} schema objects); roleframe leaves it untouched.",
        )
    if app_id == APPLICATION_ID and schema > LATEST:
        raise DatabaseRefused(
            path,
            "newer",
            f"was made by a newer roleframe (schema version {schema}; this roleframe knows up "
            f"to {LATEST}). Upgrade roleframe to use it; the file is left untouched.",
        )
    if check != ["ok"]:
        raise DatabaseRefused(
            path,
            "corrupt",
            "is damaged (integrity check: " + "; ".join(check) + "); left untouched.",
        )


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Apply every migration newer than the file, in one write transaction; returns the
    version. Concurrent openers queue on the write lock and find the work done."""
    if _user_version(conn) == LATEST and _app_id(conn) == APPLICATION_ID:
        return LATEST
    with write(conn):
        current = _user_version(conn)
        app_id = _app_id(conn)
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and not (app_id == 0 and objects == 0):
            raise DatabaseRefused(path, "foreign", "is not a roleframe database.")
        if current > LATEST:
            raise DatabaseRefused(path, "newer", f"schema version {current} > {LATEST}.")
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            for statement in statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at, roleframe_version) "
                "VALUES (?, ?, ?, ?)",
                (migration.version, migration.name, now(), roleframe_version()),
            )
            conn.execute(f"PRAGMA user_version = {migration.version}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return LATEST


def statements(script: str) -> Iterator[str]:
    """Split a script into statements (``executescript`` would commit the transaction)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer.strip()[:80]}")


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it commits, or none of it (an exception, or a killed
    process, rolls it back). ``BEGIN IMMEDIATE`` queues behind other writers."""
    with _writer_queue(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@contextmanager
def _writer_queue(conn: sqlite3.Connection) -> Iterator[None]:
    """Wait for other writers on an OS file lock beside the database (``NAME.db.lock``).

    SQLite's busy handler polls with sleeps of up to 100 ms, so with several loaders the
    lock sat free while waiters slept; a kernel lock wakes the next writer at once. The OS
    drops the lock of a killed process. Only an optimisation: ``BEGIN IMMEDIATE`` and the
    busy timeout still guarantee correctness where there is no ``fcntl`` (Windows).
    """
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if fcntl is None or not path:
        yield
        return
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _app_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA application_id").fetchone()[0])


def now() -> str:
    """UTC now, ISO 8601 to the second (`2025-03-01T09:30:00Z`)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def roleframe_version() -> str:
    try:
        return version("roleframe")
    except PackageNotFoundError:
        return "unknown"
