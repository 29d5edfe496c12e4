"""Scoring a JE form with a user table: totals, grades and mismatches (made-up tables)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SAMPLES

from roleframe.ingest.build import build_document
from roleframe.normalise.scoring import (
    ScoringTableError,
    apply_scoring,
    factor_key,
    load_scoring_table,
)
from roleframe.schema import IssueCode
from roleframe.schema.je_form import JEForm

TABLES = FIXTURES / "scoring"


def _form(path) -> JEForm:
    content = build_document(path.read_bytes(), path.name).content
    assert isinstance(content, JEForm)
    return content


def test_factor_key_folds_spelling_variants() -> None:
    assert factor_key("Supervision/ management of people") == factor_key(
        "Supervision / Management of People"
    )
    assert factor_key("Knowledge & skills") == factor_key("Knowledge and Skills")
    assert factor_key("Decisions – discretion") == factor_key("Decisions - discretion")


def test_json_and_csv_tables_load() -> None:
    js = load_scoring_table(TABLES / "madeup_table.json")
    assert len(js.points) == 6 + 5 + 4 + 3 and [b.grade for b in js.bands] == ["6", "7", "8"]
    cs = load_scoring_table(TABLES / "madeup_table.csv")
    assert len(cs.points) == 11 * 6 and len(cs.bands) == 4
    assert cs.name == "madeup_table.csv"


def test_bad_table_is_reported(tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("factor,level,points\nResources,two,10\n", encoding="utf-8")
    with pytest.raises(ScoringTableError, match="line 2"):
        load_scoring_table(bad)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,value\n", encoding="utf-8")
    with pytest.raises(ScoringTableError, match="factor, level, points"):
        load_scoring_table(wrong)


def test_filled_form_total_and_grade_mismatch() -> None:
    form = _form(FIXTURES / "word" / "je_filled_form.docx")
    scored, issues = apply_scoring(form, load_scoring_table(TABLES / "madeup_table.json"))
    computed = scored.computed
    assert computed is not None
    # agreed levels 5, 4, (none -> proposed 3), 2 -> 120 + 80 + 60 + 20
    assert [(s.level, s.basis, s.points) for s in computed.factors] == [
        (5, "agreed", 120),
        (4, "agreed", 80),
        (3, "proposed", 60),
        (2, "agreed", 20),
    ]
    assert computed.total == 280 and computed.grade == "7"
    mismatches = [i for i in issues if i.code == IssueCode.SCORE_MISMATCH]
    assert [(i.details["written"], i.details["computed"]) for i in mismatches] == [
        (412.0, 280.0),
        ("8", "7"),
    ]
    assert all(i.code != IssueCode.UNKNOWN_FACTOR for i in issues)


def test_unknown_factor_leaves_total_empty() -> None:
    form = _form(FIXTURES / "word" / "je_filled_form.docx")
    table = load_scoring_table(TABLES / "madeup_table.json")
    smaller = table.model_copy(
        update={"points": [p for p in table.points if not p.factor.startswith("Initiative")]}
    )
    scored, issues = apply_scoring(form, smaller)
    assert scored.computed is not None and scored.computed.total is None
    unknown = [i for i in issues if i.code == IssueCode.UNKNOWN_FACTOR]
    assert [i.details["factor"] for i in unknown] == ["Initiative and independence"]
    assert not [i for i in issues if i.code == IssueCode.SCORE_MISMATCH]


def test_comparator_score_checked_against_table() -> None:
    form = _form(FIXTURES / "word" / "je_filled_form.docx")
    first = form.factors[0]
    assert first.comparator_score is not None
    wrong = first.comparator_score.model_copy(update={"value": 999, "raw": "999"})
    form = form.model_copy(
        update={
            "factors": [first.model_copy(update={"comparator_score": wrong}), *form.factors[1:]]
        }
    )
    _, issues = apply_scoring(form, load_scoring_table(TABLES / "madeup_table.json"))
    messages = [i.message for i in issues if i.code == IssueCode.SCORE_MISMATCH]
    assert any("Comparator score for 'Knowledge and skills' (999)" in m for m in messages)


def test_seed_form_scored_without_written_total() -> None:
    form = _form(SAMPLES / "002_je13_factor_matching_form.docx")
    scored, issues = apply_scoring(form, load_scoring_table(TABLES / "madeup_table.csv"))
    assert scored.computed is not None
    # no agreed levels on the seed: proposed 3,4,5,3,3,1,3,1,1,2,5 priced 10*level + 5*i
    assert all(s.basis == "proposed" for s in scored.computed.factors)
    assert scored.computed.total == 10 * 31 + 5 * 66
    assert scored.computed.grade == "12"
    assert issues == []  # the total is blank on the form: nothing to contradict
