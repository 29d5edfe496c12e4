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


def test_ingest_completes_a_cut_header_from_the_descriptor_table(tmp_path) -> None:
    """With two `Financial …` entries the prefix alone is ambiguous; the matrix's own
    descriptor table says which one `Financial n` is."""
    from roleframe.ingest.build import Naming, build_document
    from roleframe.normalise.build import Proposal, build_registry
    from roleframe.normalise.registry import save_registry
    from roleframe.schema.canon import EntrySource

    src = EntrySource(file="t", name="t")
    names = ["Financial management", "Financial reporting", "Housing law"]
    canon = tmp_path / "canon.json"
    save_registry(build_registry([Proposal("competencies", n, src) for n in names], "t"), canon)
    data = (SAMPLES / "000_skills_matrix.tsv").read_bytes()
    doc = build_document(data, "m.tsv", naming=Naming(canon=str(canon)))
    [fin] = [n for n in doc.names if n.name == "Financial n"]
    assert (fin.status, fin.method, fin.canonical_name, fin.resolved_name) == (
        MatchStatus.MATCHED, "context", "Financial management", "Financial management"
    )  # fmt: skip
