"""`roleframe review`: pending names from an output folder, export/apply, interactive."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from roleframe.ingest.cli import cli
from roleframe.normalise import load_decisions, load_registry, match_names
from roleframe.normalise.registry import default_path
from roleframe.schema.canon import DecisionAction
from roleframe.schema.match import MatchStatus

WHO = ["--who", "tester", "--when", "2026-11-22T10:00:00Z"]


def _output_folder(tmp_path: Path) -> Path:
    """Two document JSONs as `roleframe ingest` writes them, with names already matched."""
    reg = load_registry()
    out = tmp_path / "output"
    out.mkdir()
    docs = {
        "a.json": ["Planning", "Housing law", "Team working", "Lone Worker"],
        "b.json": ["planning", "Lone Worker", "Leadership"],
    }
    for filename, names in docs.items():
        matches = match_names([(n, "competencies") for n in names], reg)
        doc = {"kind": "skills_matrix", "names": [m.model_dump(mode="json") for m in matches]}
        (out / filename).write_text(json.dumps(doc), encoding="utf-8")
    (out / "report.json").write_text(json.dumps({"files": []}), encoding="utf-8")
    return out


def test_export_groups_and_deduplicates(tmp_path: Path) -> None:
    out = _output_folder(tmp_path)
    pending = tmp_path / "pending.csv"
    canon = ["--canon", str(tmp_path / "canon.json")]
    (tmp_path / "canon.json").write_bytes(default_path().read_bytes())
    result = CliRunner().invoke(cli, ["review", str(out), "--export", str(pending), *canon])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(pending.read_text(encoding="utf-8"))))
    assert [(r["name"], r["occurrences"]) for r in rows] == [
        ("Lone Worker", "2"), ("Planning", "2"), ("Team working", "1")
    ]  # fmt: skip
    assert rows[0]["files"] == "a.json; b.json"
    assert rows[1]["candidate_1_name"] == "Planning law"
    with_unmatched = CliRunner().invoke(
        cli, ["review", str(out), "--export", str(pending), "--include-unmatched", *canon]
    )
    assert "4 pending" in with_unmatched.output  # Leadership too
    listed = CliRunner().invoke(cli, ["review", str(out), "--list", *canon])
    assert listed.exit_code == 0, listed.output
    assert "competencies: 'Planning'  (2x in 2 files: a.json, b.json)" in listed.output
    assert "1. Planning law  (80)" in listed.output and "3 pending names" in listed.output


def test_apply_round_trip(tmp_path: Path) -> None:
    out = _output_folder(tmp_path)
    canon = tmp_path / "canon.json"
    canon.write_bytes(default_path().read_bytes())
    pending = tmp_path / "pending.csv"
    CliRunner().invoke(cli, ["review", str(out), "--export", str(pending), "--canon", str(canon)])
    rows = list(csv.DictReader(io.StringIO(pending.read_text(encoding="utf-8"))))
    actions = {
        "Lone Worker": ("accept", ""),
        "Planning": ("pick", "Planning policy and procedures"),  # by name
        "Team working": ("new", ""),
    }
    for row in rows:
        row["action"], row["canonical_id"] = actions[row["name"]]
    edited = io.StringIO()
    writer = csv.DictWriter(edited, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    decisions_csv = tmp_path / "decisions.csv"
    decisions_csv.write_text(edited.getvalue(), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["review", str(out), "--apply", str(decisions_csv), "--canon", str(canon), *WHO]
    )
    assert result.exit_code == 0, result.output
    assert "applied 3 decisions" in result.output
    decisions = load_decisions(tmp_path / "canon.decisions.json")
    by_name = {d.name: d for d in decisions.decisions}
    reg = load_registry(canon)
    planning_policy = next(e.id for e in reg.competencies if e.name.startswith("Planning policy"))
    planning_law = next(e.id for e in reg.competencies if e.name == "Planning law")
    assert by_name["Planning"].action == DecisionAction.PICK
    assert by_name["Planning"].canonical_id == planning_policy
    assert by_name["Planning"].not_ids == [planning_law]  # "Planning is not Planning law"
    assert (by_name["Lone Worker"].who, by_name["Lone Worker"].when) == (
        "tester", "2026-11-22T10:00:00Z"
    )  # fmt: skip
    # decisions now win on every run, and nothing is pending any more
    again = CliRunner().invoke(cli, ["review", str(out), "--canon", str(canon)])
    assert "nothing to review" in again.output
    results = match_names(
        [("PLANNING", "competencies"), ("Lone Worker", "competencies"),
         ("Team working", "competencies")], reg, decisions,
    )  # fmt: skip
    assert [(r.status, r.method) for r in results] == [
        (MatchStatus.MATCHED, "decision"), (MatchStatus.MATCHED, "decision"),
        (MatchStatus.UNMATCHED, "decision"),
    ]  # fmt: skip
    assert results[0].canonical_id == planning_policy


def test_apply_rejects_bad_rows(tmp_path: Path) -> None:
    out = _output_folder(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("list,name,action,canonical_id\ncompetencies,Planning,pick,Nowhere\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["review", str(out), "--apply", str(bad), "--decisions", str(tmp_path / "d.json")]
    )
    assert result.exit_code == 1 and "line 2" in result.output
    assert not (tmp_path / "d.json").exists()


def test_interactive_review(tmp_path: Path) -> None:
    out = _output_folder(tmp_path)
    decisions = tmp_path / "d.json"
    # Lone Worker: accept; Planning: pick 2nd candidate; Team working: reject
    result = CliRunner().invoke(
        cli, ["review", str(out), "--decisions", str(decisions), *WHO], input="a\n2\nr\n"
    )
    assert result.exit_code == 0, result.output
    assert "Lone Worker" in result.output and "1. Lone Working" in result.output
    taken = load_decisions(decisions).decisions
    assert [(d.name, d.action) for d in taken] == [
        ("Lone Worker", DecisionAction.ACCEPT), ("Planning", DecisionAction.PICK),
        ("Team working", DecisionAction.REJECT),
    ]  # fmt: skip
    assert taken[2].not_ids  # the rejected candidates are recorded as negatives
    quit_early = CliRunner().invoke(
        cli, ["review", str(out), "--decisions", str(tmp_path / "e.json"), *WHO], input="q\n"
    )
    assert "0 decisions saved" in quit_early.output
