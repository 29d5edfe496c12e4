"""Pairing rules of the diff, on hand-built frameworks: what counts as a rename, what stays a
removal plus an addition, what a reviewer's decision changes, and what counts as a move."""

from __future__ import annotations

from pathlib import Path

import pytest

from roleframe.ingest.diff import DEFAULT_THRESHOLDS, RenameDecisions, diff_documents
from roleframe.ingest.diff.pairing import Item, moved, pair_items, pair_texts
from roleframe.ingest.diff.similarity import content_tokens, cosmetic_key, word_diff
from roleframe.schema import DocumentKind, Format, Provenance
from roleframe.schema.changeset import ChangeSet, ChangeType, RenameDecision
from roleframe.schema.competency_framework import (
    Competency,
    CompetencyFramework,
    CompetencyLevel,
    SubArea,
    Text,
)
from roleframe.schema.document import Document, ParserInfo, Source

W = Provenance(table=0, row=0, column=0)
Spec = list[tuple[str, list[list[str]]]]  # (name, statements per level)


def framework(spec: Spec, name: str = "f.docx") -> Document:
    competencies = [
        Competency(
            name=title,
            title_raw=title,
            where=W.with_(row=r),
            levels=[
                CompetencyLevel(
                    level=n,
                    sub_areas=[SubArea(name=None, statements=[Text(text=s, where=W) for s in lv])],
                    where=W,
                )
                for n, lv in enumerate(levels, start=1)
            ],
        )
        for r, (title, levels) in enumerate(spec)
    ]
    content = CompetencyFramework(competencies=competencies)
    return Document(
        id=name,
        kind=DocumentKind.COMPETENCY_FRAMEWORK,
        source=Source(filename=name, format=Format.DOCX, sha256="0" * 64, size=1),
        parser=ParserInfo(reader="docx", extractor="test", version="1"),
        content=content,
    )


def _types(cs: ChangeSet, entity: str = "competency") -> list[tuple[str, str | None, str | None]]:
    return [(c.type.value, c.old_name, c.new_name) for c in cs.changes if c.entity == entity]


BUDGET = [["Keeps to the budget."], ["Monitors spending monthly."]]
DIGITAL = [["Uses online systems."], ["Helps others go digital."]]
PEOPLE = [["Listens to colleagues."], ["Coaches the team."]]


def test_position_is_not_evidence() -> None:
    old = framework([("Teamwork", PEOPLE), ("Managing budgets", BUDGET)])
    new = framework([("Teamwork", PEOPLE), ("Digital working", DIGITAL)])
    cs = diff_documents(old, new)
    assert _types(cs) == [
        ("removed", "Managing budgets", None),
        ("added", None, "Digital working"),
    ]
    assert not any(c.needs_review for c in cs.changes)


def test_same_content_under_a_new_name_is_a_rename() -> None:
    old = framework([("Managing budgets", BUDGET)])
    new = framework([("Financial control", BUDGET)])
    (change,) = diff_documents(old, new).changes
    assert (change.type, change.old_name, change.new_name) == (
        ChangeType.RENAMED,
        "Managing budgets",
        "Financial control",
    )
    assert change.pairing is not None and change.pairing.content_score == 1.0


def test_an_uncertain_pairing_is_a_removal_and_an_addition_with_a_hint() -> None:
    # similar names, half the content rewritten: neither rule is sure enough
    old = framework([("Managing budgets", [["Keeps to the budget."], ["Monitors spending."]])])
    new = framework(
        [("Managing finance", [["Keeps to the budget."], ["Negotiates contracts with suppliers."]])]
    )
    cs = diff_documents(old, new)
    assert _types(cs) == [
        ("removed", "Managing budgets", None),
        ("added", None, "Managing finance"),
    ]
    removed, added = cs.changes
    assert removed.needs_review and added.needs_review
    assert (
        removed.possible_rename is not None and removed.possible_rename.name == "Managing finance"
    )
    assert added.possible_rename is not None and added.possible_rename.name == "Managing budgets"
    assert 0.45 <= removed.possible_rename.score < DEFAULT_THRESHOLDS.rename


def test_a_confirmed_rename_pairs_on_the_next_diff(tmp_path: Path) -> None:
    old = framework([("Managing budgets", [["Keeps to the budget."], ["Monitors spending."]])])
    new = framework(
        [("Managing finance", [["Keeps to the budget."], ["Negotiates contracts with suppliers."]])]
    )
    decisions = RenameDecisions.load(tmp_path / "d.json")
    decisions.record(
        RenameDecision(entity="competency", old_name="Managing budgets",
                       new_name="Managing finance", same=True)
    )  # fmt: skip
    decisions.save()
    cs = diff_documents(old, new, RenameDecisions.load(tmp_path / "d.json"))
    renamed = [c for c in cs.changes if c.type == ChangeType.RENAMED]
    assert [(c.old_name, c.new_name, c.pairing.method) for c in renamed if c.pairing] == [
        ("Managing budgets", "Managing finance", "decision")
    ]
    # the statements inside are now compared: one kept, one replaced
    statements = [
        (c.type.value, c.old_value, c.new_value) for c in cs.changes if c.entity == "statement"
    ]
    assert statements == [
        ("removed", "Monitors spending.", None),
        ("added", None, "Negotiates contracts with suppliers."),
    ]


def test_a_rejected_rename_is_never_paired_by_score(tmp_path: Path) -> None:
    old = framework([("Managing budgets", BUDGET)])
    new = framework([("Financial control", BUDGET)])
    decisions = RenameDecisions(tmp_path / "d.json")
    decisions.record(
        RenameDecision(entity="competency", old_name="managing  budgets",
                       new_name="FINANCIAL CONTROL", same=False)
    )  # fmt: skip
    assert _types(diff_documents(old, new, decisions)) == [
        ("removed", "Managing budgets", None),
        ("added", None, "Financial control"),
    ]


def test_a_spelling_change_is_a_rename_even_with_edited_content() -> None:
    old = framework([("Organisational awareness", [["Knows the structure."], ["Knows members."]])])
    new = framework(
        [("Organizational awareness", [["Knows the structure well."], ["Knows members."]])]
    )
    cs = diff_documents(old, new)
    assert _types(cs)[0] == ("renamed", "Organisational awareness", "Organizational awareness")
    assert [c.type for c in cs.changes if c.entity == "statement"] == [ChangeType.TEXT_CHANGED]


def test_case_and_spacing_in_a_name_are_the_same_name() -> None:
    old = framework([("Customer focus", PEOPLE)])
    new = framework([("Customer  Focus", PEOPLE)])
    cs = diff_documents(old, new)
    # paired as the same name; the way it is written changed, cosmetically
    assert [(c.type, c.pairing.method if c.pairing else None) for c in cs.changes] == [
        (ChangeType.COSMETIC, "name")
    ]


def test_registry_ids_pair_before_names() -> None:
    old = [Item(name="H&S", ids=frozenset({"c1"})), Item(name="Budgets", ids=frozenset({"c2"}))]
    new = [Item(name="Health and safety", ids=frozenset({"c1"}))]
    result = pair_items(old, new, "competency", DEFAULT_THRESHOLDS)
    assert [(p.old, p.new, p.pairing.method) for p in result.pairs] == [(0, 0, "id")]
    assert result.removed == [1]


def test_an_id_shared_by_two_items_on_one_side_pairs_nothing() -> None:
    old = [Item(name="A", ids=frozenset({"c1"})), Item(name="B", ids=frozenset({"c1"}))]
    new = [Item(name="C", ids=frozenset({"c1"}))]
    result = pair_items(old, new, "competency", DEFAULT_THRESHOLDS)
    assert all(p.pairing.method != "id" for p in result.pairs)


@pytest.mark.parametrize(
    "new_order,expected_moves",
    [
        ([0, 1, 2, 3], 0),
        ([1, 0, 2, 3], 1),  # a swap moves one
        ([3, 0, 1, 2], 1),  # the last to the front moves one
        ([3, 2, 1, 0], 3),  # reversed: all but one
    ],
)
def test_moves_are_the_fewest_that_explain_the_new_order(
    new_order: list[int], expected_moves: int
) -> None:
    names = ["alpha one", "bravo two", "charlie three", "delta four"]
    old = [Item(name=n) for n in names]
    new = [Item(name=names[k]) for k in new_order]
    result = pair_items(old, new, "competency", DEFAULT_THRESHOLDS)
    assert len(moved(result.pairs)) == expected_moves


def test_statements_pair_by_content_not_index() -> None:
    old = ["Listens to residents.", "Keeps promises.", "Explains decisions clearly."]
    new = ["Explains decisions clearly and kindly.", "Listens to residents.", "Answers letters."]
    result = pair_texts(old, new, DEFAULT_THRESHOLDS)
    assert sorted((p.old, p.new, p.pairing.method) for p in result.pairs) == [
        (0, 1, "text"),
        (2, 0, "similar_text"),
    ]
    assert result.removed == [1] and result.added == [2]


def test_cosmetic_key_drops_only_looks() -> None:
    assert cosmetic_key("• Treats  residents, with ‘courtesy’.") == "treats residents with courtesy"
    assert cosmetic_key("Treats residents with courtesy") != cosmetic_key(
        "Treats tenants with courtesy"
    )


def test_word_diff_marks_replacements_as_delete_then_insert() -> None:
    ops = [
        (w.op, w.text) for w in word_diff("Keeps the budget.", "Keeps to the budget at all times.")
    ]
    assert ops == [
        ("equal", "Keeps"),
        ("insert", "to"),
        ("equal", "the"),
        ("delete", "budget."),
        ("insert", "budget at all times."),
    ]


def test_content_tokens_are_a_multiset_of_word_pairs() -> None:
    bag = content_tokens(["The team, the council.", "The team leads.", "Residents"])
    assert bag["the team"] == 2 and bag["team the"] == 1 and bag["residents"] == 1
