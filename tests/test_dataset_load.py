"""Loading: idempotent, transactional per document, versioned, roles joined across documents."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl
import pytest
from dataset_support import GOLDEN, SAMPLES, build_json, dump, query

from roleframe.ingest.batch import IngestOptions
from roleframe.ingest.cli import main
from roleframe.ingest.dataset import (
    LoadOptions,
    RoleNotFound,
    decide_role,
    list_roles,
    load,
    pending_roles,
    role_card,
    role_history,
)
from roleframe.ingest.dataset import store as store_module
from roleframe.ingest.dataset.report import LoadStatus
from roleframe.ingest.dataset.schema_doc import QUERIES
from roleframe.schema.canon import DecisionAction


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_json(tmp_path_factory.mktemp("seed-json"))


def _load(db: Path, paths: list[Path], **options: object) -> list:
    report = load([str(p) for p in paths], LoadOptions(db=db, who="tester", **options))
    return report.rows


def test_loading_the_same_bytes_again_changes_nothing_and_says_so(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    first = _load(db, list(seeds.values()))
    assert {row.status for row in first} <= {LoadStatus.LOADED, LoadStatus.RENDITION}
    before = dump(db)
    again = _load(db, list(seeds.values()))
    assert [row.status for row in again] == [LoadStatus.UNCHANGED] * len(seeds)
    for row in again:
        assert "nothing changed" in (row.message or "") and "tester" in (row.message or "")
    assert dump(db) == before
    assert query(db, "SELECT count(*) FROM documents")[0][0] == len(seeds)


def test_renditions_share_a_version_and_each_value_names_every_file(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    names = ["000_skills_matrix.xlsx", "000_skills_matrix.tsv", "000_skills_matrix.docx"]
    rows = _load(db, [seeds[n] for n in names])
    loaded, rendition = LoadStatus.LOADED, LoadStatus.RENDITION
    assert [r.status for r in rows] == [loaded, rendition, rendition]
    assert query(db, "SELECT count(*) FROM versions")[0][0] == 1
    assert query(db, "SELECT count(*) FROM requirements")[0][0] == 11 * 23
    [(row_id,)] = query(
        db,
        "SELECT q.id FROM requirements q JOIN role_mentions m ON m.id = q.role_mention_id "
        "JOIN competencies c ON c.id = q.competency_id "
        "WHERE m.title = 'Housing Options Officer' AND c.name = 'Housing law'",
    )
    _, _, sql = QUERIES["value_sources"]
    with closing(sqlite3.connect(db)) as conn:
        sources = conn.execute(sql, {"row_table": "requirements", "row_id": row_id}).fetchall()
    by_file = {s[0]: s for s in sources}
    assert sorted(by_file) == sorted(names)
    assert by_file["000_skills_matrix.xlsx"][7:9] == ("1. Skills needs", "D12")  # sheet, cell
    assert by_file["000_skills_matrix.tsv"][9] is not None  # line
    assert by_file["000_skills_matrix.docx"][10:13] == (0, 5, 3)  # table, row, column


def _revised_matrix(tmp_path: Path) -> Path:
    """Next year's matrix: the Housing Options Officer now needs Housing law at level 2."""
    book = openpyxl.load_workbook(SAMPLES / "000_skills_matrix.xlsx")
    sheet = book["1. Skills needs"]
    header = [c.value for c in sheet[7]]
    column = header.index("Housing law") + 1
    for row in sheet.iter_rows(min_row=8):
        if row[0].value == "Housing Options Officer":
            assert row[column - 1].value == 3
            row[column - 1].value = 2
    out = tmp_path / "000_skills_matrix_2026.xlsx"
    book.save(out)
    return out


def test_a_new_version_supersedes_the_old_which_stays_queryable(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    [old] = _load(db, [seeds["000_skills_matrix.xlsx"]], valid_from="2025-01-01")
    revised = _revised_matrix(tmp_path)
    ingest = IngestOptions(output=tmp_path / "out")
    [new] = _load(db, [revised], valid_from="2025-06-01", ingest=ingest)
    assert (old.version, new.version, new.superseded) == (1, 2, 1)
    assert new.ingest == "ok" and new.status == LoadStatus.LOADED
    versions = query(db, "SELECT number, valid_from, valid_to FROM versions ORDER BY number")
    assert versions == [
        (1, "2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"),
        (2, "2025-06-01T00:00:00Z", None),
    ]

    def housing_law(card) -> str | None:
        return next(line.value for line in card.lines if line.label == "Housing law")

    assert housing_law(role_card("Housing Options Officer", db)) == "2"
    assert housing_law(role_card("Housing Options Officer", db, as_of="2025-03-01")) == "3"
    # the documented query answers "what did it require on 1 March?"
    _, _, sql = QUERIES["requirements_on_date"]
    with closing(sqlite3.connect(db)) as conn:
        march = conn.execute(sql, {"title": "Housing Options Officer", "day": "2025-03-01"})
        levels = {row[2]: row[3] for row in march}
        july = conn.execute(sql, {"title": "Housing Options Officer", "day": "2025-07-01"})
        later = {row[2]: row[3] for row in july}
    assert (levels["Housing law"], later["Housing law"]) == (3, 2)
    assert levels["Planning law"] == later["Planning law"] == 1

    history = role_history("Housing Options Officer", db)
    [first, second] = history.entries
    assert (first.version, second.version) == (1, 2)
    assert [(b.value, a.value) for b, a in second.changed] == [("3", "2")]
    assert second.changed[0][1].label == "Housing law"
    assert not second.added and not second.removed
    # loading the old file again is a no-op, not a revert
    [again] = _load(db, [seeds["000_skills_matrix.xlsx"]])
    assert again.status == LoadStatus.UNCHANGED


def test_a_failure_mid_document_leaves_the_database_as_it_was_and_the_batch_goes_on(
    tmp_path: Path, seeds: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.xlsx"]])
    before = dump(db)
    real_table = store_module._Writer._table

    def failing_table(self, table, rows):  # type: ignore[no-untyped-def]
        if self.document.kind.value == "role_profile" and table == "profile_statements":
            raise OSError("disk full")  # the role, its mention and its fields are in by now
        return real_table(self, table, rows)

    monkeypatch.setattr(store_module._Writer, "_table", failing_table)
    rows = _load(db, [seeds["001_role_profile.docx"], seeds["002_je13_factor_matching_form.docx"]])
    assert [r.status for r in rows] == [LoadStatus.FAILED, LoadStatus.LOADED]
    assert rows[0].code == "internal_error" and "disk full" in (rows[0].message or "")
    monkeypatch.undo()
    # nothing of the profile is there; the JE form is
    profile_id = json.loads(seeds["001_role_profile.docx"].read_text())["id"]
    assert query(db, "SELECT count(*) FROM documents WHERE id = ?", profile_id)[0][0] == 0
    assert query(db, "SELECT count(*) FROM provenance WHERE document_id = ?", profile_id)[0][0] == 0
    assert query(db, "SELECT count(*) FROM documents")[0][0] == 2
    # every table holds exactly what loading only the other two documents gives
    fresh = tmp_path / "fresh.db"
    _load(fresh, [seeds["000_skills_matrix.xlsx"], seeds["002_je13_factor_matching_form.docx"]])
    assert _counts(db) == _counts(fresh)
    assert len(dump(db)) > len(before)
    [again] = _load(db, [seeds["001_role_profile.docx"]])
    assert again.status == LoadStatus.LOADED


def _counts(db: Path) -> dict[str, int]:
    tables = [r[0] for r in query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: query(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def test_the_role_card_joins_matrix_profile_and_je_form(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    names = [
        "000_skills_matrix.xlsx",
        "000_skills_matrix.tsv",
        "001_role_profile.docx",
        "001_role_profile.pdf",
        "002_je13_factor_matching_form.docx",
    ]
    rows = _load(db, [seeds[n] for n in names])
    assert rows[2].roles == {"review": 1}
    # the profile's title is the matrix's plus words: a person rules, nothing is merged
    [pending] = pending_roles(db)
    assert pending.title == "Housing Options & Assessment Officer (career grade)"
    assert [c.title for c in pending.candidates] == ["Housing Options Officer"]
    assert sorted(pending.files) == ["001_role_profile.docx", "001_role_profile.pdf"]
    card = role_card("Housing Options Officer", db)
    assert {line.kind for line in card.lines} == {"skills_matrix"}

    decide_role(db, pending.role_id, DecisionAction.ACCEPT, pending.candidates[0].role_id, "hr")
    card = role_card("Housing Options Officer", db)
    assert card.also_written == ["Housing Options & Assessment Officer (career grade)"]
    kinds = {line.kind for line in card.lines}
    assert kinds == {"skills_matrix", "role_profile"}
    fields = {line.label: line for line in card.lines if line.section == "field"}
    assert fields["Job Family"].value == "Resident Services"
    assert fields["Job Family"].documents == ["001_role_profile.docx", "001_role_profile.pdf"]
    law = next(line for line in card.lines if line.label == "Housing law")
    assert (law.value, law.level) == ("3", 3)
    assert law.note and law.note.startswith("In depth")  # the matrix's level-3 descriptor
    assert law.documents == ["000_skills_matrix.tsv", "000_skills_matrix.xlsx"]
    grades = {line.value for line in card.lines if line.section == "role"}
    assert grades == {
        "Housing Options Officer - grade 8-7",
        "Housing Options & Assessment Officer (career grade) - grade Scale 6/P01 Career Grade",
    }
    # the same title, typed by a person, reaches the merged role
    assert role_card("Housing Options & Assessment Officer (career grade)", db).id == card.id

    # the JE form: the post evaluated and its comparator are two roles of Dorset Council
    comparator = role_card("senior housing officer", db)
    assert comparator.organisation == "Dorset Council"
    levels = {x.label: x.level for x in comparator.lines if x.section == "je_factor"}
    assert levels["Knowledge & skills"] == 5 and len(levels) == 11
    role_line = next(line for line in comparator.lines if line.section == "role")
    assert role_line.value == "Senior Housing Officer - grade 11 - post BC613"
    post = role_card("Senior Housing Officer (x2) – Temporary Accommodation", db)
    assert post.id != comparator.id
    proposed = [x.value for x in post.lines if x.section == "je_factor"]
    assert len(proposed) == 11 and all(v.startswith("proposed level") for v in proposed)


def test_titles_one_document_lists_apart_stay_apart_and_exact_titles_join(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.xlsx"]])
    titles = [r.title for r in list_roles(db)]
    assert "Housing Options Officer" in titles and "Housing Options Officer (POAL)" in titles
    assert len(titles) == 11
    # a progression framework (no organisation named, like the matrix) with the same title
    [row] = _load(db, [GOLDEN / "variant_progression_bold_role_lines.docx.json"])
    assert row.roles == {"matched": 1, "review": 1}
    card = role_card("Housing Options Officer", db)
    assert {line.kind for line in card.lines} == {"skills_matrix", "progression_framework"}
    # `Senior Housing Options Officer` holds all of `Housing Options Officer`'s words: review
    [pending] = pending_roles(db)
    assert pending.title == "Senior Housing Options Officer"


def test_an_organisation_given_at_load_separates_councils(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.xlsx"]], organisation="Dorset Council")
    progression = GOLDEN / "variant_progression_bold_role_lines.docx.json"
    [row] = _load(db, [progression], organisation="Medway Council")
    assert row.roles == {"new": 2}
    with pytest.raises(RoleNotFound) as caught:
        role_card("Housing Options Officer", db)
    assert "2 roles are called" in str(caught.value)
    card = role_card("Housing Options Officer", db, organisation="Medway Council")
    assert card.organisation == "Medway Council"


def test_a_near_miss_title_suggests_and_never_guesses(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.tsv"]])
    with pytest.raises(RoleNotFound) as caught:
        role_card("Housing Opions Oficer", db)
    assert "Housing Options Officer" in caught.value.suggestions


def test_load_cli_ingests_sources_with_the_same_codes_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLES / "000_skills_matrix.tsv", inputs)
    (inputs / "empty.docx").write_bytes(b"")
    db, out = tmp_path / "r.db", tmp_path / "out"
    status = main(["load", str(inputs), "--db", str(db), "-o", str(out), "--json"])
    assert status == 1
    report = json.loads(capsys.readouterr().out)
    by_name = {Path(r["path"]).name: r for r in report["rows"]}
    assert by_name["empty.docx"]["status"] == "failed"
    assert by_name["empty.docx"]["code"] == "empty_file"
    assert by_name["000_skills_matrix.tsv"]["status"] == "loaded"
    ingest_report = json.loads((out / "report.json").read_text())
    assert {r["code"] for r in ingest_report["rows"]} == {None, "empty_file"}
    # the output JSON it wrote loads again as "unchanged", and the ingest report stays
    status = main(["load", str(out), "--db", str(db), "-o", str(out), "--json"])
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert status == 0 and [r["status"] for r in rows] == ["unchanged"]
    assert json.loads((out / "report.json").read_text()) == ingest_report
    assert main(["roles", "--db", str(db)]) == 0
    assert "Housing Options Officer\t-\t8-7" in capsys.readouterr().out
    assert main(["role", "Housing Options Officer", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    assert "Housing law: 3 — In depth" in text and "[000_skills_matrix.tsv]" in text
    assert main(["role", "Housing Opions Officer", "--db", str(db)]) == 1
    assert "Did you mean: Housing Options Officer" in capsys.readouterr().err
    assert main(["history", "Housing Options Officer", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"][0]["version"] == 1
    assert main(["roles", "--db", str(tmp_path / "missing.db")]) == 1
    assert "roleframe load` creates one" in capsys.readouterr().err


def test_load_cli_refuses_a_foreign_database_before_reading_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes\n" * 50)
    out = tmp_path / "out"
    source = str(SAMPLES / "000_skills_matrix.tsv")
    assert main(["load", source, "--db", str(db), "-o", str(out)]) == 1
    assert "is not a SQLite database" in capsys.readouterr().err
    assert db.read_text() == "my notes\n" * 50
    assert not out.exists()


def test_bad_json_inputs_are_report_rows(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "other.json").write_text('{"rows": []}')
    rows = _load(tmp_path / "r.db", [tmp_path / "broken.json", tmp_path / "other.json"])
    assert [(r.status, r.code) for r in rows] == [
        (LoadStatus.FAILED, "corrupt_file"),
        (LoadStatus.FAILED, "unsupported_format"),
    ]
    assert query(tmp_path / "r.db", "SELECT count(*) FROM documents")[0][0] == 0


def test_review_db_export_and_apply_merge_roles(
    tmp_path: Path, seeds: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.tsv"], seeds["001_role_profile.docx"]])
    sheet = tmp_path / "roles.csv"
    assert main(["review", "--db", str(db), "--export", str(sheet)]) == 0
    text = sheet.read_text()
    assert "roles,Housing Options & Assessment Officer (career grade)" in text
    filled = text.replace(",,,\n", ",accept,,same post\n")  # action, canonical_id, note
    sheet.write_text(filled)
    assert main(["review", "--db", str(db), "--apply", str(sheet), "--who", "hr"]) == 0
    assert "applied 1 role decisions" in capsys.readouterr().out
    assert pending_roles(db) == []
    decided = query(db, "SELECT action, who, note FROM role_decisions")
    assert decided == [("accept", "hr", "same post")]
    assert role_card("Housing Options Officer", db).also_written
    # the provisional role is kept, folded into the one it was ruled to be
    assert query(db, "SELECT count(*) FROM roles WHERE merged_into IS NOT NULL")[0][0] == 1


def test_review_db_in_the_terminal_and_its_library_twin(
    tmp_path: Path, seeds: dict[str, Path]
) -> None:
    from click.testing import CliRunner

    from roleframe.ingest.cli import cli

    db = tmp_path / "r.db"
    _load(db, [seeds["000_skills_matrix.tsv"], seeds["001_role_profile.docx"]])
    runner = CliRunner()
    listed = runner.invoke(cli, ["review", "--db", str(db), "--list"])
    assert listed.exit_code == 0 and "1. Housing Options Officer  (64.7)" in listed.output
    kept = runner.invoke(cli, ["review", "--db", str(db), "--who", "hr"], input="n\n")
    assert kept.exit_code == 0, kept.output
    assert pending_roles(db) == []
    assert query(db, "SELECT action, target_role_id FROM role_decisions") == [("new", None)]
    card = role_card("Housing Options & Assessment Officer (career grade)", db)
    assert card.status == "decided" and not card.also_written
    assert runner.invoke(cli, ["review"]).exit_code == 2  # neither OUTPUT_DIR nor --db
