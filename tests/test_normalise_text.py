"""Normalisation rules, one behaviour per test (the matcher's accuracy rests on these)."""

from __future__ import annotations

import pytest

from roleframe.normalise.text import (
    british,
    key,
    light_key,
    plain_tokens,
    same_word,
    singular,
    sorted_key,
    stem,
    stem_key,
    strip_qualifier,
    tokens,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Customer focus", "Customer-Focus"),  # 003 writes both
        ("Health and safety", "Health & Safety"),
        ("Health and safety", "H&S"),
        ("Health and safety", "HEALTH\u00a0AND  SAFETY"),
        ("Information technology", "IT"),
        ("IT Skills", "I.T. skills"),
        ("Organisational development", "Organizational Development"),
        ("Neighbourhood management", "Neighborhood mgmt"),
        ("Housing policies", "Housing policy"),
        ("Business processes", "Business process"),
        ("Communication skills", "Communication"),
        ("Communication skills", "Communication skils"),
        ("Supervision/ management of people", "Supervision & management of people"),
        ("Council's procedures", "Councils procedure"),
        ("Working with Elected Members", "Working w/ elected members"),
        ("Qualifications*", "Qualifications"),  # footnote mark in the 000 header
        ("Ｈｏｕｓｉｎｇ law", "Housing law"),  # NFKC folds full-width letters
    ],
)
def test_variants_share_a_key(a: str, b: str) -> None:
    assert key(a) == key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Knowledge & skills", "Knowledge"),  # `skills` after `and` is not a generic tail
        ("Decisions – discretion", "Decisions – consequences"),
        ("Housing law", "Housing strategy"),
        ("Planning law", "Planning policy and procedures"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert key(a) != key(b)


def test_sorted_key_ignores_order_and_stopwords() -> None:
    assert sorted_key("Finance and Treasury Management") == sorted_key("Treasury & finance mgmt")


def test_light_key_keeps_words_decisions_are_not_fingerprints() -> None:
    assert light_key("IT Skills") != light_key("IT")
    assert light_key("Customer\u2013Focus ") == light_key("customer-focus")
    assert light_key("Job Specific - Minimum Qualifications*") == (
        "job specific - minimum qualifications"
    )


def test_plain_tokens_keep_words_as_written() -> None:
    assert plain_tokens("Financial n") == ("financial", "n")
    assert plain_tokens("Landlord & Tenant Law") == ("landlord", "and", "tenant", "law")


def test_strip_qualifier() -> None:
    assert strip_qualifier("Managing & Leading People – all managers") == (
        "Managing & Leading People"
    )
    assert strip_qualifier("Office Management (admin, support & facilities)") == (
        "Office Management"
    )
    assert strip_qualifier("Customer-Focus") is None  # an unspaced hyphen joins, not qualifies


@pytest.mark.parametrize(
    ("word", "expected"),
    [("organization", "organisation"), ("analyze", "analyse"), ("size", "size"),
     ("behavior", "behaviour"), ("prioritizing", "prioritising"), ("citizen", "citizen")],
)  # fmt: skip
def test_british(word: str, expected: str) -> None:
    assert british(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("policies", "policy"), ("systems", "system"), ("business", "business"),
     ("analysis", "analysis"), ("status", "status"), ("law", "law"), ("approaches", "approach"),
     ("series", "series"), ("species", "species")],
)  # fmt: skip
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


# -- issue 14: the hand-written stemmer (regressions) -----------------------------------


def test_stemmer_joins_communication_and_communicating() -> None:
    """The old suffix list stripped `ing` but not `ion`, so the two never met."""
    assert stem("communication") == stem("communicating") == stem("communications")
    assert stem_key("Communicating and influencing") == stem_key("Communication & influence")


def test_stemmer_does_not_turn_series_into_sery() -> None:
    assert "series" in tokens("Time series analysis")
    assert key("Time series analysis") == "time series analysis"


def test_it_inside_making_it_happen_is_not_information_technology() -> None:
    """`it` is the abbreviation only where it stands as one; elsewhere it is a pronoun."""
    assert "information" not in tokens("Making it happen")
    assert "information" not in tokens("MAKING IT HAPPEN")
    assert key("Making it happen") == "making happen"
    for written in ("IT Skills", "I.T. skills", "it skills", "IT", "Using IT"):
        assert "information" in tokens(written), written


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("managing", "management", True), ("communication", "communicating", True),
     ("planning", "plan", True), ("changing", "change", True), ("deliver", "delivering", True),
     ("manager", "management", False), ("systemic", "system", False),
     ("personal", "person", False), ("operational", "operation", False)],
)  # fmt: skip
def test_same_word_joins_forms_of_an_act_not_roles_or_adjectives(
    a: str, b: str, same: bool
) -> None:
    assert same_word(a, b) is same
