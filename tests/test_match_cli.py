"""`roleframe match` through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from roleframe.ingest.cli import cli


def _tsv(output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(output), delimiter="\t"))


def test_match_plain_list_from_stdin_as_tsv() -> None:
    result = CliRunner().invoke(
        cli, ["match", "-"], input="Customer-Focus\nHousng law\nPlanning\nLeadership\n"
    )
    assert result.exit_code == 0, result.output
    rows = _tsv(result.output)
    assert [r["status"] for r in rows] == ["matched", "matched", "review", "unmatched"]
    assert rows[0]["canonical_name"] == "Customer focus" and rows[0]["method"] == "exact"
    assert rows[1]["runner_up_name"] == "Housing strategy"
    assert rows[3]["reason"].startswith("No registry entry")
    assert list(rows[0]) == ["name", "list", "status", "canonical_id", "canonical_name",
                             "score", "method", "runner_up_id", "runner_up_name",
                             "runner_up_score", "reason"]  # fmt: skip


def test_match_csv_column_as_json(tmp_path: Path) -> None:
    names = tmp_path / "names.csv"
    names.write_text("id,Factor,notes\n1,Knowledge & Skill,x\n2,Mental Skills,y\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["match", str(names), "--column", "factor", "--list", "factors", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(d["name"], d["status"]) for d in data] == [
        ("Knowledge & Skill", "matched"), ("Mental Skills", "unmatched")
    ]  # fmt: skip
    assert data[0]["canonical_name"] == "Knowledge & skills"


def test_match_uses_canon_and_decisions_beside_it(tmp_path: Path) -> None:
    canon = tmp_path / "mine.json"
    built = CliRunner().invoke(cli, ["canon", "import", "-", "-o", str(canon)])
    assert built.exit_code != 0  # import needs a real file
    src = tmp_path / "list.tsv"
    src.write_text("Name\tAliases\nDigital skills\tIT literacy\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["canon", "import", str(src), "-o", str(canon)]).exit_code == 0
    result = CliRunner().invoke(cli, ["match", "-", "--canon", str(canon)], input="IT literacy\n")
    assert _tsv(result.output)[0]["method"] == "alias"
    decisions = tmp_path / "mine.decisions.json"
    decisions.write_text(json.dumps({"decisions": [{
        "list": "competencies", "key": "computer skills", "name": "Computer skills",
        "action": "accept", "canonical_id": _tsv(result.output)[0]["canonical_id"],
        "who": "t", "when": "2026-11-22T00:00:00Z"}]}), encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(cli, ["match", "-", "--canon", str(canon)],
                                input="Computer Skills\n")  # fmt: skip
    row = _tsv(result.output)[0]
    assert (row["status"], row["method"], row["canonical_name"]) == (
        "matched",
        "decision",
        "Digital skills",
    )


def test_match_is_byte_identical_across_runs_and_threads() -> None:
    names = "\n".join(["Housng law", "H&S", "Financial n", "Planning", "Team working"] * 3)
    one = CliRunner().invoke(cli, ["match", "-", "--json"], input=names).output
    two = CliRunner().invoke(cli, ["match", "-", "--json", "--workers", "-1"], input=names).output
    assert one == two


def test_bad_canon_path_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["match", "-", "--canon", str(tmp_path / "none.json")],
                                input="x\n")  # fmt: skip
    assert result.exit_code == 1 and "cannot read the registry" in result.output


def test_one_column_csv_header_is_not_a_name() -> None:
    result = CliRunner().invoke(cli, ["match", "-"], input="Name\nH&S\nLaw, housing\n")
    assert [r["name"] for r in _tsv(result.output)] == ["H&S", "Law, housing"]


# -- issue 14: `match` used a third delimiter guess and no decoder (regressions) ---------


def test_match_reads_a_semicolon_names_file_with_the_shared_sniffer(tmp_path: Path) -> None:
    """The header `Name;Notes` was taken for a name: `match` only knew tabs and commas."""
    names = tmp_path / "names.csv"
    names.write_text("Ref;Name;Notes\n1;Housng law;typo\n2;H&S;abbreviation\n", "utf-8")
    result = CliRunner().invoke(cli, ["match", str(names)])
    assert result.exit_code == 0, result.output
    rows = _tsv(result.output)
    assert [(r["name"], r["canonical_name"]) for r in rows] == [
        ("Housng law", "Housing law"), ("H&S", "Health and safety")
    ]  # fmt: skip


def test_match_reads_a_cp1252_names_file(tmp_path: Path) -> None:
    """A cp1252 file crashed the UTF-8 reader (or came out garbled)."""
    names = tmp_path / "names.txt"
    names.write_bytes("Name\nHealth – and safety\nCustomer focus’\n".encode("cp1252"))
    result = CliRunner().invoke(cli, ["match", str(names)])
    assert result.exit_code == 0, result.output
    assert [r["name"] for r in _tsv(result.output)] == ["Health – and safety", "Customer focus’"]
