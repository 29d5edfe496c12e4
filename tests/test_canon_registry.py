"""Registry: the shipped default, build from documents' content, refresh keeping ids."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from conftest import EXPECTED, SAMPLES, needs_shared
from expected_registry import truth_registry

from roleframe.ingest.default_canon import build_default
from roleframe.normalise import load_registry, match_names
from roleframe.normalise.build import build_registry, proposals_from_document, refresh_registry
from roleframe.normalise.decisions import make_decision
from roleframe.normalise.registry import default_path, dumps, mint_id
from roleframe.schema.canon import ChangeAction, DecisionAction, Decisions, EntryStatus
from roleframe.schema.match import MatchStatus

FRAMEWORK = {  # the shape of a competency framework's content (003), cut down
    "kind": "competency_framework",
    "levels": [{"level": 1, "name": "One", "audience": "All staff"}],
    "competencies": [
        {"name": "Managing Risk", "category": "core", "description": "acting upon risks",
         "levels": [{"level": 1, "label": "Level 1", "intro": [],
                     "sub_areas": [{"name": None,
                                    "statements": [{"text": "Identifies risks"}]}]}]},
        {"name": "Managing & Leading People", "title_raw": "Managing & Leading People – all "
         "managers", "category": "professional", "levels": []},
        {"name": "Finance and Treasury Management", "category": "professional", "levels": []},
        {"name": "Stock Investment and Asset Management", "category": "professional",
         "levels": []},
        {"name": "Corporate Services", "category": "professional", "levels": []},
    ],
}  # fmt: skip


def _doc(content: dict, filename: str) -> dict:
    return {"kind": content["kind"], "source": {"filename": filename}, "content": content}


def test_default_registry_holds_the_seed_lists() -> None:
    reg = load_registry()
    names = {e.name for e in reg.competencies}
    assert {"Housing law", "Financial management", "Customer focus", "Health and safety",
            "Our Core Commitments", "Managing & Leading People",
            "Neighbourhood Management"} <= names  # fmt: skip
    assert "Financial n" not in names  # the cut header is resolved, kept only as its source
    assert len(reg.factors) == 11
    assert {c.name for c in reg.categories} == {"Qualifications", "Knowledge", "Experience",
                                                "Skills"}  # fmt: skip
    housing_law = next(e for e in reg.competencies if e.name == "Housing law")
    assert [d.level for d in housing_law.levels] == [1, 2, 3]
    assert housing_law.levels[0].text.startswith("Basic understanding of Part VI")
    assert housing_law.sources[0].file == "000_skills_matrix.tsv"
    fin = next(e for e in reg.competencies if e.name == "Financial management")
    assert "Financial n" in [s.name for s in fin.sources]
    # the matrix and the framework both have Health and safety: one entry, two sources
    hs = next(e for e in reg.competencies if e.name == "Health and safety")
    assert len(hs.sources) == 2 and hs.category == "core"
    assert len({e.id for e in reg.competencies}) == len(reg.competencies)
    assert all(e.id == mint_id(reg, "competencies", e.name) for e in reg.competencies)


def test_default_registry_rebuilds_byte_identical_from_the_seed_documents() -> None:
    """Issue 14: the shipped registry was the seeds' ground truth, so every seed name matched
    exactly by construction. It is now what `roleframe canon build` makes of the seed
    documents; when the extractors change what they give, this fails until it is rebuilt
    (`python -m roleframe.ingest.default_canon samples normalise/data/canon.json`)."""
    assert dumps(build_default(SAMPLES)) == default_path().read_text(encoding="utf-8")
    for entry in load_registry().competencies:  # sources are the documents, with `where`
        assert all(not s.file.endswith(".json") for s in entry.sources)
        assert entry.sources[0].where is not None, entry.name


@needs_shared
def test_default_registry_built_from_documents_agrees_with_the_ground_truth() -> None:
    """What the extractors give the registry equals what a perfect parser would: same
    entries, ids, aliases, categories, scales and level texts (provenance aside)."""
    truth, shipped = truth_registry(EXPECTED), load_registry()

    def view(registry):  # everything but where the sources sit and the kind labels
        return [
            e.model_dump(mode="json", exclude={"sources"}) | {"from": [s.name for s in e.sources]}
            for list_name in ("competencies", "factors", "categories")
            for e in getattr(registry, list_name)
        ]

    assert view(shipped) == view(truth)


def test_build_is_deterministic_and_merges_variants() -> None:
    matrix = {"kind": "skills_matrix", "competencies": [{"name": "Health & Safety"}],
              "descriptors": []}  # fmt: skip
    docs = [_doc(FRAMEWORK, "f.docx"), _doc(matrix, "m.xlsx")]
    one = build_registry([p for d in docs for p in proposals_from_document(d)], "t")
    two = build_registry([p for d in docs for p in proposals_from_document(d)], "t")
    assert dumps(one) == dumps(two)
    mlp = next(e for e in one.competencies if e.name == "Managing & Leading People")
    assert mlp.aliases == ["Managing & Leading People – all managers"]
    risk = next(e for e in one.competencies if e.name == "Managing Risk")
    assert risk.levels[0].statements[0].text == "Identifies risks"
    assert risk.scale is not None and risk.scale.levels[0].meaning == "All staff"


def test_refresh_keeps_ids_across_renames_and_never_deletes() -> None:
    old = build_registry(proposals_from_document(_doc(FRAMEWORK, "v1.docx")), "t")
    ids = {e.name: e.id for e in old.competencies}
    revised = copy.deepcopy(FRAMEWORK)
    comps = revised["competencies"]
    comps[1]["name"] = "Leading and Managing People"  # reordered words: fuzzy match
    comps[1].pop("title_raw")
    comps[2]["name"] = "Treasury & Finance Mgmt"  # editorial rename
    comps[3]["name"] = "Asset Investment"  # meaning-level rename: needs a person's decision
    comps[0]["description"] = "Understanding and acting upon risks"
    del comps[4]  # Corporate Services dropped
    comps.append({"name": "Digital Skills", "category": "professional", "levels": []})
    decisions = Decisions(
        decisions=[
            make_decision("competencies", "Asset Investment", DecisionAction.PICK, "lead",
                          "2026-11-22T10:00:00Z", ids["Stock Investment and Asset Management"])
        ]
    )  # fmt: skip
    proposals = proposals_from_document(_doc(revised, "v2.docx"))
    new, summary = refresh_registry(old, proposals, "v2.docx", "2026-11-22", decisions)
    by_id = {e.id: e for e in new.competencies}
    assert new.version == 2 and summary.to_version == 2
    assert by_id[ids["Managing & Leading People"]].name == "Leading and Managing People"
    assert "Managing & Leading People" in by_id[ids["Managing & Leading People"]].aliases
    assert by_id[ids["Finance and Treasury Management"]].name == "Treasury & Finance Mgmt"
    stock = by_id[ids["Stock Investment and Asset Management"]]
    assert stock.name == "Asset Investment"
    assert stock.aliases == ["Stock Investment and Asset Management"]
    assert by_id[ids["Managing Risk"]].description == "Understanding and acting upon risks"
    actions = {c.name: c.action for c in summary.changes}
    assert actions["Leading and Managing People"] == ChangeAction.RENAMED
    assert actions["Managing Risk"] == ChangeAction.UPDATED
    assert actions["Digital Skills"] == ChangeAction.ADDED
    assert actions["Corporate Services"] == ChangeAction.PROPOSED_RETIREMENT
    assert len(new.competencies) == 6  # nothing deleted, one added
    assert by_id[ids["Corporate Services"]].status == EntryStatus.ACTIVE
    assert next(e for e in new.competencies if e.name == "Digital Skills").added_in == 2
    # the old names still find the renamed entries
    old_names = ["Managing & Leading People", "Stock Investment and Asset Management"]
    results = match_names([(n, "competencies") for n in old_names], new)
    assert [r.canonical_id for r in results] == [
        ids["Managing & Leading People"],
        ids["Stock Investment and Asset Management"],
    ]
    retired, summary = refresh_registry(old, proposals, "v2.docx", "2026-11-22", decisions, True)
    gone = next(e for e in retired.competencies if e.id == ids["Corporate Services"])
    assert (gone.status, gone.end_date) == (EntryStatus.RETIRED, "2026-11-22")
    assert summary.count(ChangeAction.RETIRED) == 1
    # refreshing again with the same framework changes nothing but the version
    again, summary = refresh_registry(new, proposals, "v2.docx", "2026-11-23", decisions)
    assert [e.id for e in again.competencies] == [e.id for e in new.competencies]
    assert {c.action for c in summary.changes} <= {ChangeAction.KEPT,
                                                   ChangeAction.PROPOSED_RETIREMENT}  # fmt: skip


def test_refresh_lists_uncertain_matches_without_applying_them() -> None:
    old = build_registry(proposals_from_document(_doc(FRAMEWORK, "v1.docx")), "t")
    revised = copy.deepcopy(FRAMEWORK)
    revised["competencies"][4]["name"] = "Corporate"
    new, summary = refresh_registry(
        old, proposals_from_document(_doc(revised, "v2.docx")), "v2.docx", "2026-11-22"
    )
    [change] = [c for c in summary.changes if c.action == ChangeAction.NEEDS_REVIEW]
    assert change.name == "Corporate" and change.candidates[0].canonical_name == (
        "Corporate Services"
    )
    assert len(new.competencies) == len(old.competencies)


def test_unknown_document_shape_falls_back_to_names() -> None:
    doc = {"kind": "role_profile", "source": {"filename": "r.docx"}, "content": {},
           "names": [{"name": "Resilience", "list": "competencies"}]}  # fmt: skip
    [p] = proposals_from_document(doc)
    assert (p.name, p.list_name, p.source.file) == ("Resilience", "competencies", "r.docx")


def test_matching_is_byte_identical_across_runs(tmp_path: Path) -> None:
    reg = load_registry()
    names = [(n, "competencies") for n in ["Housng law", "Planning", "Financial n", "Leadership"]]
    decisions = Decisions(
        decisions=[make_decision("competencies", "Leadership", DecisionAction.NEW, "a", "t")]
    )
    runs = [
        json.dumps([m.model_dump(mode="json") for m in match_names(names, reg, decisions)])
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0])[3]["method"] == "decision"
    reloaded = load_registry(default_path())
    third = match_names(names, reloaded, decisions)
    assert json.dumps([m.model_dump(mode="json") for m in third]) == runs[0]
    assert [m.status for m in third][:2] == [MatchStatus.MATCHED, MatchStatus.REVIEW]


def test_shipped_registry_validates_against_the_published_schema() -> None:
    import jsonschema

    from roleframe.schema import publish

    data = json.loads(default_path().read_text(encoding="utf-8"))
    jsonschema.validate(data, publish.json_schema("canon"))


def test_every_registry_name_and_alias_finds_its_own_entry() -> None:
    """An invariant for any registry: its own names are exact hits on their own entries."""
    reg = load_registry()
    for list_name in ("competencies", "factors", "categories"):
        entries = list(getattr(reg, list_name))
        names = [(n, e.id) for e in entries for n in [e.name, *e.aliases]]
        results = match_names([(n, list_name) for n, _ in names], reg)
        for (name, entry_id), result in zip(names, results, strict=True):
            assert (result.status, result.canonical_id) == (MatchStatus.MATCHED, entry_id), name
            assert result.method in {"exact", "alias"}, (name, result.method)
