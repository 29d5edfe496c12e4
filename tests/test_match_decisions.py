"""Decisions win over scores; negatives stay said; the file is a log keyed on light keys."""

from __future__ import annotations

from pathlib import Path

from roleframe.normalise import load_decisions, load_registry, match_names, save_decisions
from roleframe.normalise.decisions import (
    DecisionBook,
    add_decisions,
    default_decisions_path,
    make_decision,
)
from roleframe.schema.canon import DecisionAction, Decisions
from roleframe.schema.match import MatchStatus

WHEN = "2026-11-22T10:00:00Z"


def _id(name: str) -> str:
    return next(e.id for e in load_registry().competencies if e.name == name)


def test_pick_wins_over_an_exact_score() -> None:
    target = _id("Customer Access and Response")
    d = Decisions(decisions=[make_decision("competencies", "Customer focus", DecisionAction.PICK,
                                           "hr", WHEN, target)])  # fmt: skip
    [r] = match_names([("Customer  Focus", "competencies")], load_registry(), d)
    assert (r.status, r.method, r.canonical_id) == (MatchStatus.MATCHED, "decision", target)


def test_decision_key_is_light_not_a_fingerprint() -> None:
    d = Decisions(decisions=[make_decision("competencies", "IT Skills", DecisionAction.NEW,
                                           "hr", WHEN)])  # fmt: skip
    r1, r2 = match_names([("IT skills", "competencies"), ("IT", "competencies")],
                         load_registry(), d)  # fmt: skip
    assert (r1.status, r1.method) == (MatchStatus.UNMATCHED, "decision")
    assert r2.method != "decision"


def test_reject_records_negatives_and_caps_at_review() -> None:
    law = _id("Housing law")
    d = Decisions(decisions=[make_decision("competencies", "Housng law", DecisionAction.REJECT,
                                           "hr", WHEN, not_ids=[law])])  # fmt: skip
    [r] = match_names([("Housng law", "competencies")], load_registry(), d)
    assert r.status != MatchStatus.MATCHED
    assert law not in {c.canonical_id for c in r.candidates}
    assert DecisionBook(d).negatives("competencies", "HOUSNG LAW") == {law}


def test_latest_decision_wins_and_negatives_accumulate() -> None:
    law, strategy = _id("Housing law"), _id("Housing strategy")
    d = Decisions(
        decisions=[
            make_decision("competencies", "Housing", DecisionAction.PICK, "a", WHEN, law,
                          not_ids=[strategy]),
            make_decision("competencies", "housing", DecisionAction.NEW, "b", WHEN),
        ]
    )  # fmt: skip
    book = DecisionBook(d)
    assert book.get("competencies", "Housing").who == "b"
    assert book.negatives("competencies", "Housing") == {strategy}


def test_decision_pointing_outside_the_registry_is_ignored() -> None:
    d = Decisions(decisions=[make_decision("competencies", "Housng law", DecisionAction.ACCEPT,
                                           "hr", WHEN, "not-an-id")])  # fmt: skip
    [r] = match_names([("Housng law", "competencies")], load_registry(), d)
    assert (r.status, r.method) == (MatchStatus.MATCHED, "fuzzy")


def test_decisions_file_round_trip(tmp_path: Path) -> None:
    path = default_decisions_path(tmp_path / "canon.json")
    assert path.name == "canon.decisions.json"
    assert load_decisions(path) == Decisions()
    d = add_decisions(Decisions(), [make_decision("factors", "Knowledge", DecisionAction.NEW,
                                                  "hr", WHEN, note="NJC")])  # fmt: skip
    save_decisions(d, path)
    assert load_decisions(path) == d
