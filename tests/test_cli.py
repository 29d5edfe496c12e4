"""The CLI through main([...]): exit codes, report rows, and docs that list every option."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from roleframe.ingest.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent


def test_ingest_reports_every_input_and_exits_1_on_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.docx").write_bytes(b"")
    (inputs / "old.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le")
    )
    out = tmp_path / "out"
    status = main(["ingest", str(inputs), "-o", str(out), "--json"])
    assert status == 1
    report = json.loads(capsys.readouterr().out)
    codes = {Path(row["path"]).name: row["code"] for row in report["rows"]}
    assert codes == {"empty.docx": "empty_file", "old.doc": "unsupported_format"}
    assert json.loads((out / "report.json").read_text())["rows"] == report["rows"]
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]  # nothing partial


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["ingest"]) == 2
    assert main(["ingest", str(tmp_path / "missing*.docx"), "-o", str(tmp_path)]) == 2
    assert main(["ingest", "x", "--kind", "novel"]) == 2


def test_schema_prints_the_envelope_and_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Document"
    assert main(["schema", "skills_matrix"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "SkillsMatrix"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


def test_every_command_and_option_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in _commands(cli):
        assert f"roleframe {name}" in readme, f"README does not document `roleframe {name}`"
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                longest = max(param.opts, key=len)
                assert re.search(rf"`[^`]*{re.escape(longest)}\b", readme), (
                    f"README does not document {longest} of `roleframe {name}`"
                )
