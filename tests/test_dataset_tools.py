"""The database for people and their tools: the schema page, Datasette and sqlite-utils."""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from dataset_support import ROOT, build_json

from roleframe.ingest.dataset import LoadOptions, load
from roleframe.ingest.dataset.schema_doc import DATABASE, LABEL_COLUMNS, live_schema, render

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tools")
    names = ("000_skills_matrix.tsv", "002_je13_factor_matching_form.docx")
    seeds = build_json(folder / "json", names)
    db = folder / f"{DATABASE}.db"
    load([str(p) for p in seeds.values()], LoadOptions(db=db))
    return db


def test_the_schema_page_and_datasette_metadata_are_generated_from_the_live_schema() -> None:
    for name, text in render().items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, (
            f"docs/{name} is stale: python -m roleframe.ingest.dataset.schema_doc --write docs"
        )


def test_every_table_and_column_is_described() -> None:
    for table in live_schema():
        assert table.description, f"{table.name} has no description"
        for column in table.columns:
            assert column.description, f"{table.name}.{column.name} has no description"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/database.md" in readme and "Explore it in Datasette" in readme


def test_sqlite_utils_reads_tables_and_foreign_keys(loaded: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    database = sqlite_utils.Database(loaded)
    assert database["roles"].count == 13  # 11 matrix rows + the JE post and its comparator
    links = {(fk.column, fk.other_table) for fk in database["requirements"].foreign_keys}
    assert links == {
        ("version_id", "versions"),
        ("role_mention_id", "role_mentions"),
        ("competency_id", "competencies"),
    }
    rows = list(database.query("SELECT title FROM roles WHERE title LIKE 'Senior Housing%'"))
    assert {"title": "Senior Housing Officer"} in rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None and shutil.which("datasette") is None,
    reason="datasette is not installed (pip install -e '.[dev]')",
)
def test_datasette_serves_tables_with_labels_and_the_canned_queries(loaded: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(loaded), "-m",
         str(DOCS / "datasette-metadata.json"), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/{DATABASE}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                roles = _get(f"{base}/roles.json?_shape=array&_sort=title")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        assert isinstance(roles, list) and len(roles) == 13
        # foreign keys come out as links with the label column (a title, not a uuid)
        cells = _get(f"{base}/requirements.json?_shape=array&_labels=on&_size=5&_sort=position")
        assert isinstance(cells, list)
        mention = cells[0]["role_mention_id"]
        assert set(mention) == {"value", "label"}
        assert mention["label"] == "Housing Needs and Enabling Manager"
        competency = cells[0]["competency_id"]["label"]
        assert competency == "Job Specific - Minimum Qualifications*"
        # metadata: descriptions and the canned query for "what did a role require on a day"
        metadata = _get(f"http://127.0.0.1:{port}/-/metadata.json")
        assert isinstance(metadata, dict)
        tables = metadata["databases"][DATABASE]["tables"]
        assert set(LABEL_COLUMNS) <= set(tables)
        answer = _get(
            f"{base}/requirements_on_date.json?_shape=array&title=Senior+Housing+Officer"
            "&day=2100-01-01"
        )
        assert isinstance(answer, list)
        assert {row["subject"] for row in answer} >= {"Knowledge & skills", "Resources"}
    finally:
        server.terminate()
        server.wait(timeout=30)
