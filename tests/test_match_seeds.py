"""Every name the seed documents' extractors hand to the normaliser lands on the default
registry: the pipeline's path (extraction names + document context), end to end."""

from __future__ import annotations

import pytest
from conftest import SAMPLES

from roleframe.ingest.build import detect_kind, read_layout
from roleframe.normalise import context_names, load_registry, match_surface_names
from roleframe.parsers.kinds import EXTRACTORS
from roleframe.schema.match import MatchStatus

SEEDS = [
    "000_skills_matrix.tsv",
    "000_skills_matrix.xlsx",
    "000_skills_matrix.docx",
    "002_je13_factor_matching_form.docx",
    "003_competency_framework.docx",
    "004_career_progression_framework.docx",
]


@pytest.mark.parametrize("filename", SEEDS)
def test_seed_names_all_match_the_default_registry(filename: str) -> None:
    layout = read_layout((SAMPLES / filename).read_bytes())
    extraction = EXTRACTORS[detect_kind(layout).kind].extract(layout)
    assert extraction.names, "the extractor hands no names to the normaliser"
    results = match_surface_names(
        extraction.names, load_registry(), context=context_names(extraction.content)
    )
    assert all(r.where is not None for r in results)  # provenance carried through
    unmatched = [(r.name, r.status.value) for r in results if r.status != MatchStatus.MATCHED]
    assert not unmatched
    by_name = {r.name: r for r in results}
    if "Financial n" in by_name:  # the cut matrix header, completed by the descriptor table
        fin = by_name["Financial n"]
        assert (fin.canonical_name, fin.method) == ("Financial management", "context")
