"""JE forms end to end: a user's scoring table priced through the registry, and personal
names dropped with --redact-personal."""

from __future__ import annotations

import json
from pathlib import Path

from roleframe.ingest.cli import main

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / "samples" / "002_je13_factor_matching_form.docx"

# The seed's proposed levels, factor by factor (read off the form by eye).
PROPOSED = [3, 4, 5, 3, 3, 1, 3, 1, 1, 2, 5]
# A made-up points table (no real scheme's) whose factor names are spelled the way another
# year's form might spell them: they must line up through the registry, not by string.
TABLE_NAMES = [
    "Supervision and Management of People",
    "Creativity and innovation",
    "Contacts and relationships",
    "Decisions – discretion",
    "Decisions: consequences",
    "Resources",
    "Work Environment - Work Demands",
    "Work environment - physical demands",
    "Work environment – working conditions",
    "Work environment – work context",
    "Knowledge and skills",
]


def _table(path: Path) -> Path:
    factors = {
        name: {str(level): 10 * level + i for level in range(1, 7)}
        for i, name in enumerate(TABLE_NAMES)
    }
    bands = [
        {"grade": "9", "min_points": 0, "max_points": 299},
        {"grade": "10", "min_points": 300, "max_points": 399},
        {"grade": "11", "min_points": 400, "max_points": 999},
    ]
    path.write_text(json.dumps({"name": "made-up", "factors": factors, "bands": bands}))
    return path


def _document(out: Path) -> dict:
    (row,) = json.loads((out / "report.json").read_text())["rows"]
    return json.loads((out / row["output"]).read_text())


def test_scoring_table_prices_every_factor_through_the_registry(tmp_path: Path) -> None:
    table = _table(tmp_path / "points.json")
    out = tmp_path / "out"
    assert main(["ingest", str(FORM), "-o", str(out), "-q", "--je-scores", str(table)]) == 0
    computed = _document(out)["content"]["computed"]
    expected_total = sum(10 * level + i for i, level in enumerate(PROPOSED))
    assert [f["points"] for f in computed["factors"]] == [
        10 * level + i for i, level in enumerate(PROPOSED)
    ]
    assert computed["total"] == expected_total == 365
    assert computed["grade"] == "10"


def test_redact_personal_drops_staff_names_only(tmp_path: Path) -> None:
    plain, redacted = tmp_path / "plain", tmp_path / "redacted"
    assert main(["ingest", str(FORM), "-o", str(plain), "-q"]) == 0
    assert main(["ingest", str(FORM), "-o", str(redacted), "-q", "--redact-personal"]) == 0
    name = "Nilima Ali"
    assert name in json.dumps(_document(plain), ensure_ascii=False)
    kept = json.dumps(_document(redacted), ensure_ascii=False)
    assert name not in kept
    assert "Senior Housing Officer" in kept and "BC613" in kept
