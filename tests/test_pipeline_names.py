"""Names through the whole pipeline: match results in the document, counts in the report,
decisions that win over scores, and a re-run that notices a changed decision file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from roleframe.ingest.cli import main
from roleframe.normalise import load_registry, save_decisions
from roleframe.normalise.decisions import make_decision
from roleframe.normalise.registry import default_path
from roleframe.schema.canon import DecisionAction, Decisions

HEADER = [
    "Job Title",
    "Grade",
    "Customer-Focus",
    "Health & Safety",
    "Financial n",
    "Widget polishing",
]
ROWS = [
    ["Housing Officer", "5", "2", "1", "1", "3"],
    ["Senior Housing Officer", "4", "3", "2", "2", "2"],
    ["Housing Manager", "2", "3", "3", "3", "1"],
]


def _matrix(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "matrix.tsv"
    lines = ["Skills matrix", "", "\t".join(HEADER), *("\t".join(r) for r in ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(src: Path, out: Path, *extra: str) -> dict:
    assert main(["ingest", str(src), "-o", str(out), "-q", *extra]) == 0
    return json.loads((out / "report.json").read_text())


def test_names_are_matched_counted_and_decided(tmp_path: Path) -> None:
    src = _matrix(tmp_path / "in")
    out = tmp_path / "out"
    report = _ingest(src, out)
    (row,) = report["rows"]
    document = json.loads((out / row["output"]).read_text())
    by_name = {n["name"]: n for n in document["names"]}
    assert by_name["Customer-Focus"]["canonical_name"] == "Customer focus"
    assert by_name["Health & Safety"]["canonical_name"] == "Health and safety"
    assert by_name["Financial n"]["canonical_name"] == "Financial management"
    assert by_name["Widget polishing"]["status"] == "unmatched"
    assert (row["names_matched"], row["names_review"], row["names_unmatched"]) == (3, 0, 1)

    # A reviewer decides that "Widget polishing" is Contract management: the decision wins
    # over scores, and the unchanged input is re-parsed because the decisions changed.
    registry = load_registry(None)
    target = next(e for e in registry.competencies if e.name == "Contract management")
    decision = make_decision(
        "competencies",
        "Widget polishing",
        DecisionAction.PICK,
        "tester",
        "2025-04-01T00:00:00Z",
        canonical_id=target.id,
    )
    decisions_file = tmp_path / "canon.decisions.json"
    save_decisions(Decisions(decisions=[decision]), decisions_file)
    report = _ingest(src, out, "--decisions", str(decisions_file))
    (row,) = report["rows"]
    assert row["status"] == "ok" and row["names_matched"] == 4
    document = json.loads((out / row["output"]).read_text())
    widget = next(n for n in document["names"] if n["name"] == "Widget polishing")
    assert (widget["canonical_id"], widget["method"]) == (target.id, "decision")

    # the same inputs, registry and decisions again: skipped, output untouched
    before = (out / row["output"]).read_bytes()
    report = _ingest(src, out, "--decisions", str(decisions_file))
    assert report["rows"][0]["status"] == "skipped"
    assert (out / row["output"]).read_bytes() == before


@pytest.mark.parametrize("shipped_registry", [False, True], ids=["--canon", "shipped"])
def test_review_decisions_ignored_on_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_registry: bool
) -> None:
    """ingest → review --apply → ingest, without --force and without --decisions: the decision
    `roleframe review` wrote to the default file (beside the registry) is applied, because the
    resume fingerprint hashes the decisions file matching actually reads."""
    monkeypatch.chdir(tmp_path)  # the shipped registry's decisions live in the working folder
    src = _matrix(tmp_path / "in")
    out = tmp_path / "out"
    canon: list[str] = []
    if not shipped_registry:
        (tmp_path / "reg").mkdir()
        (tmp_path / "reg" / "canon.json").write_bytes(default_path().read_bytes())
        canon = ["--canon", str(tmp_path / "reg" / "canon.json")]
    (row,) = _ingest(src, out, *canon)["rows"]
    assert row["names_unmatched"] == 1

    pending = tmp_path / "pending.csv"
    review = ["review", str(out), "--include-unmatched", *canon]
    assert main([*review, "--export", str(pending)]) == 0
    rows = list(csv.DictReader(io.StringIO(pending.read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == ["Widget polishing"]
    rows[0]["action"], rows[0]["canonical_id"] = "pick", "Contract management"
    with pending.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    when = ["--who", "t", "--when", "2026-01-01T00:00:00Z"]
    assert main([*review, "--apply", str(pending), *when]) == 0
    beside = tmp_path if shipped_registry else tmp_path / "reg"
    assert (beside / "canon.decisions.json").is_file()

    (row,) = _ingest(src, out, *canon)["rows"]
    assert row["status"] == "ok" and row["names_matched"] == 4  # re-read, not skipped
    document = json.loads((out / row["output"]).read_text())
    widget = next(n for n in document["names"] if n["name"] == "Widget polishing")
    assert (widget["canonical_name"], widget["method"]) == ("Contract management", "decision")
    assert _ingest(src, out, *canon)["rows"][0]["status"] == "skipped"
