"""Several loaders at once (processes, not threads), and a loader killed mid-document."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dataset_support import GOLDEN, SAMPLES, build_json, query

from roleframe.ingest.dataset import list_roles

CLI = "import sys; from roleframe.ingest.cli import main; sys.exit(main(sys.argv[1:]))"
NAMES = (
    "000_skills_matrix.xlsx",
    "000_skills_matrix.docx",
    "001_role_profile.docx",
    "002_je13_factor_matching_form.docx",
    "004_career_progression_framework.docx",
)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    seeds = build_json(tmp_path_factory.mktemp("seed-json"), NAMES)
    goldens = sorted(GOLDEN.glob("*_*.docx.json"))
    goldens = [g for g in goldens if not g.name.startswith(("000_", "001_", "002_", "003", "004"))]
    return list(seeds.values()) + goldens[:10]


def _consistent(db: Path) -> None:
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, "PRAGMA foreign_key_check") == []
    assert (
        query(
            db,
            "SELECT count(*) FROM versions v WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.version_id = v.id)",
        )[0][0]
        == 0
    )
    assert (
        query(
            db,
            "SELECT count(*) FROM role_mentions m WHERE NOT EXISTS "
            "(SELECT 1 FROM documents d WHERE d.version_id = m.version_id)",
        )[0][0]
        == 0
    )
    assert query(db, "SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1") == []


def test_four_loaders_on_overlapping_files_load_every_document_exactly_once(
    tmp_path: Path, documents: list[Path]
) -> None:
    db = tmp_path / "shared.db"
    rng = random.Random(10)
    sets = []
    for n in range(4):  # each loader takes two thirds of the files, in its own order
        chosen = [d for d in documents if rng.random() < 0.67] + [documents[n % len(documents)]]
        rng.shuffle(chosen)
        sets.append(list(dict.fromkeys(chosen)))
    source = str(SAMPLES / "000_skills_matrix.tsv")  # and one source file, for all four
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLI, "load", source, *map(str, chosen), "--db", str(db),
             "-o", str(tmp_path / f"out{n}"), "--json", "--who", f"loader{n}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for n, chosen in enumerate(sets)
    ]  # fmt: skip
    reports = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        reports.append(json.loads(out))
    wanted = {json.loads(p.read_text())["id"] for chosen in sets for p in chosen}
    ids = {row[0] for row in query(db, "SELECT id FROM documents")}
    assert len(ids) == len(wanted) + 1 and wanted < ids  # + the source file
    written: dict[str, int] = {}
    for report in reports:
        for row in report["rows"]:
            assert row["status"] in {"loaded", "rendition", "unchanged"}, row
            if row["status"] != "unchanged":
                written[row["document_id"]] = written.get(row["document_id"], 0) + 1
    assert written == dict.fromkeys(ids, 1)  # each document written by exactly one loader
    _consistent(db)
    loaders = {row[0] for row in query(db, "SELECT DISTINCT loaded_by FROM documents")}
    assert len(loaders) > 1


SLOW_LOADER = """
import sys, time
from pathlib import Path
from roleframe.ingest.dataset import LoadOptions, load, store

real = store._Writer._table

def slow(self, table, rows):
    real(self, table, rows)
    if self.document.kind.value == "progression_framework" and table == "progression_bands":
        Path(sys.argv[2]).write_text("inside")  # well inside the document's transaction
        time.sleep(120)

store._Writer._table = slow
load(sys.argv[3:], LoadOptions(db=Path(sys.argv[1])))
"""


def test_kill_9_mid_document_leaves_a_consistent_database(
    tmp_path: Path, documents: list[Path]
) -> None:
    db = tmp_path / "r.db"
    marker = tmp_path / "inside"
    matrix, progression = documents[0], documents[4]
    assert "004_career" in progression.name
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_LOADER, str(db), str(marker), str(matrix), str(progression)]
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert proc.poll() is None, "the loader ended before reaching the document"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # while the loader holds the write lock, readers still read, and see no partial rows
        assert len(list_roles(db)) == 11
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    _consistent(db)
    assert query(db, "SELECT kind FROM documents") == [("skills_matrix",)]
    assert query(db, "SELECT count(*) FROM series")[0][0] == 1
    assert query(db, "SELECT count(*) FROM progression_bands")[0][0] == 0
    # the next load finishes the job
    again = subprocess.run(
        [sys.executable, "-c", CLI, "load", str(matrix), str(progression), "--db", str(db),
         "--json"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    statuses = [row["status"] for row in json.loads(again.stdout)["rows"]]
    assert statuses == ["unchanged", "loaded"]
    _consistent(db)
