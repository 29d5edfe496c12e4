"""`roleframe canon build|import|refresh` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLES
from openpyxl import Workbook

from roleframe.ingest.cli import cli
from roleframe.normalise import load_registry
from roleframe.normalise.registry import dumps


def test_build_from_the_seed_files_gives_the_default_registry(tmp_path: Path) -> None:
    out = tmp_path / "canon.json"
    files = [
        "000_skills_matrix.tsv",
        "003_competency_framework.docx",
        "002_je13_factor_matching_form.docx",
        "004_career_progression_framework.docx",
    ]
    result = CliRunner().invoke(
        cli,
        [
            "canon",
            "build",
            *[str(SAMPLES / f) for f in files],
            "-o",
            str(out),
            "--name",
            "roleframe-default",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "33 competencies, 11 factors, 4 categories" in result.output
    built, shipped = load_registry(out), load_registry()
    for list_name in ("competencies", "factors", "categories"):
        assert [(e.id, e.name, e.aliases) for e in getattr(built, list_name)] == [
            (e.id, e.name, e.aliases) for e in getattr(shipped, list_name)
        ]
    # same inputs, same bytes
    again = tmp_path / "again.json"
    CliRunner().invoke(cli, ["canon", "build", *[str(SAMPLES / f) for f in files], "-o",
                             str(again), "--name", "roleframe-default"])  # fmt: skip
    assert again.read_bytes() == out.read_bytes()


def test_build_reports_unreadable_input(tmp_path: Path) -> None:
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a document")
    result = CliRunner().invoke(cli, ["canon", "build", str(junk), "-o", str(tmp_path / "x")])
    assert result.exit_code == 1 and "junk.docx" in result.output


def test_import_csv_finds_columns_by_header(tmp_path: Path) -> None:
    src = tmp_path / "list.csv"
    src.write_text(
        "Competency framework export,,,\n"
        ",,,\n"
        "Competency Name,Category,Also known as,Definition\n"
        "Customer focus,Core,Customer care; Customer service,Puts customers first\n"
        "Health & Safety,Core,H&S,\n"
        "Health and safety,Core,,duplicate spelling merges\n",
        encoding="utf-8",
    )
    out = tmp_path / "canon.json"
    result = CliRunner().invoke(cli, ["canon", "import", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    reg = load_registry(out)
    assert [e.name for e in reg.competencies] == ["Customer focus", "Health & Safety"]
    first = reg.competencies[0]
    assert first.aliases == ["Customer care", "Customer service"]
    assert (first.category, first.description) == ("Core", "Puts customers first")
    assert first.sources[0].where is not None and first.sources[0].where.line == 4


def test_import_xlsx_with_list_and_id_columns(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "list"])
    sheet.append(["kept-id-1", "Resources", "factor"])
    sheet.append([None, "Knowledge", "category"])
    book.save(tmp_path / "list.xlsx")
    out = tmp_path / "canon.json"
    result = CliRunner().invoke(cli, ["canon", "import", str(tmp_path / "list.xlsx"), "-o",
                                      str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    reg = load_registry(out)
    assert [(e.id, e.name) for e in reg.factors] == [("kept-id-1", "Resources")]
    assert [e.name for e in reg.categories] == ["Knowledge"]


def test_import_without_a_name_header_fails_cleanly(tmp_path: Path) -> None:
    src = tmp_path / "list.csv"
    src.write_text("foo,bar\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["canon", "import", str(src), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no header row" in result.output


def test_refresh_writes_next_version_and_summary(tmp_path: Path) -> None:
    canon = tmp_path / "canon.json"
    canon.write_text(dumps(load_registry()), encoding="utf-8")
    framework = {
        "kind": "competency_framework",
        "source": {"filename": "v2.docx"},
        "content": {
            "competencies": [
                {"name": "Treasury and Finance Management", "levels": []},  # words reordered
                {"name": "Risk Management", "levels": []},  # Managing Risk: same word stems
                {"name": "Corporate", "levels": []},  # part of Corporate Services: uncertain
                {"name": "Health & Safety", "levels": []},
                {"name": "Digital Skills", "levels": []},
            ]
        },
    }
    new_file = tmp_path / "v2.json"
    new_file.write_text(json.dumps(framework), encoding="utf-8")
    old_ids = {e.name: e.id for e in load_registry().competencies}
    result = CliRunner().invoke(
        cli, ["canon", "refresh", str(canon), str(new_file), "--date", "2026-11-22"]
    )
    assert result.exit_code == 0, result.output
    assert "renamed: 2" in result.output and "added: 1" in result.output
    assert "needs_review: 1" in result.output and "Corporate ~ Corporate Services" in result.output
    assert "proposed_retirement: 29" in result.output
    reg = load_registry(canon)
    assert reg.version == 2
    fin = next(e for e in reg.competencies if e.id == old_ids["Finance and Treasury Management"])
    assert fin.name == "Treasury and Finance Management"
    assert fin.aliases == ["Finance and Treasury Management"]
    risk = next(e for e in reg.competencies if e.id == old_ids["Managing Risk"])
    assert risk.name == "Risk Management" and risk.aliases == ["Managing Risk"]
    hs = next(e for e in reg.competencies if e.id == old_ids["Health and safety"])
    assert hs.name == "Health and safety" and "Health & Safety" in hs.aliases
    summary = json.loads((tmp_path / "canon.v2.changes.json").read_text(encoding="utf-8"))
    assert summary["from_version"] == 1 and summary["to_version"] == 2
    assert len(reg.competencies) == len(load_registry().competencies) + 1


# -- issue 14: `canon import` misread common UK list files (regressions) -----------------


def _import(tmp_path: Path, src: Path) -> tuple[int, str, Path]:
    out = tmp_path / "canon.json"
    result = CliRunner().invoke(cli, ["canon", "import", str(src), "-o", str(out)])
    return result.exit_code, result.output, out


def test_import_reads_a_semicolon_separated_list(tmp_path: Path) -> None:
    """Excel in a European-locale Windows saves `CSV` with semicolons; it failed with
    `no header row` because the importer only knew tabs and commas."""
    src = tmp_path / "list.csv"
    src.write_text(
        "Competency;Category;Aliases\nEquality, diversity and inclusion;Core;EDI\n"
        "Lone working;Safety;\n",
        encoding="utf-8",
    )
    code, output, out = _import(tmp_path, src)
    assert code == 0, output
    reg = load_registry(out)
    assert [(e.name, e.category, e.aliases) for e in reg.competencies] == [
        ("Equality, diversity and inclusion", "Core", ["EDI"]),
        ("Lone working", "Safety", []),
    ]


def test_import_reads_cp1252_text_without_garbling(tmp_path: Path) -> None:
    """A list saved by Excel on Windows is cp1252: `–` and `’` came out as U+FFFD."""
    src = tmp_path / "list.csv"
    src.write_bytes("Name,Category\nWorking with councillors – members’ casework,Core\n"
                    .encode("cp1252"))  # fmt: skip
    code, output, out = _import(tmp_path, src)
    assert code == 0, output
    [entry] = load_registry(out).competencies
    assert entry.name == "Working with councillors – members’ casework"


def test_import_workbook_with_a_wrong_dimension_keeps_every_row(tmp_path: Path) -> None:
    """Read-only openpyxl trusts `<dimension ref="A1"/>`: the list came back as one cell."""
    import re
    import zipfile

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Category"])
    for name in ("Housing law", "Planning law", "Lone working"):
        sheet.append([name, "Knowledge"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    src = tmp_path / "list.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(src, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert n == 1
            zout.writestr(item, data)
    code, output, out = _import(tmp_path, src)
    assert code == 0, output
    assert [e.name for e in load_registry(out).competencies] == [
        "Housing law", "Planning law", "Lone working"
    ]  # fmt: skip
