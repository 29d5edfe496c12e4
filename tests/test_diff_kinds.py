"""The diff on progression frameworks and JE records: a seed document against a copy edited
in known ways (the edits are made on the model, so each expected change is stated here)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from roleframe.ingest.build import build_document
from roleframe.ingest.diff import diff_documents
from roleframe.schema.changeset import ChangeSet, ChangeType
from roleframe.schema.document import Document
from roleframe.schema.je_form import JEForm, LevelValue
from roleframe.schema.progression_framework import ProgressionFramework, Text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@cache
def _seed(name: str) -> Document:
    path = SAMPLES / name
    return build_document(path.read_bytes(), path.name)


def _edit(doc: Document, content: object) -> Document:
    return doc.model_copy(update={"content": content})


def _summary(cs: ChangeSet) -> list[tuple[str, str, list[str], str | None, str | None]]:
    return [(c.type.value, c.entity, c.path, c.old_value, c.new_value) for c in cs.changes]


def test_progression_grade_statement_section_and_order() -> None:
    old = _seed("004_career_progression_framework.docx")
    pf = old.content
    assert isinstance(pf, ProgressionFramework)
    roles = list(pf.roles)
    data, finance = roles[1], roles[2]
    band_b = data.bands[1]  # type: ignore[index]
    knowledge = next(c for c in band_b.categories if c.category == "knowledge")
    first = knowledge.statements[0]
    reworded = first.model_copy(update={"text": first.text.rstrip(".") + " and its audit trail"})
    knowledge_new = knowledge.model_copy(
        update={"statements": [reworded, *knowledge.statements[1:]]}
    )
    band_b_new = band_b.model_copy(
        update={"categories": [knowledge_new if c is knowledge else c for c in band_b.categories]}
    )
    other_section = next(r.section for r in roles if r.section != data.section)
    roles[1] = data.model_copy(
        update={
            "grade": "Range 4",
            "bands": [band_b_new if b is band_b else b for b in data.bands or []],
        }
    )
    roles[2] = finance.model_copy(update={"section": other_section})
    new = _edit(old, pf.model_copy(update={"roles": roles}))

    cs = diff_documents(old, new)
    summary = _summary(cs)
    assert ("value_changed", "role_grade", [data.title], "Range 3", "Range 4") in summary
    (text,) = [c for c in cs.changes if c.type == ChangeType.TEXT_CHANGED]
    assert text.entity == "band_statement"
    assert text.path[:2] == [data.title, "B"]
    assert [(w.op, w.text) for w in text.words if w.op != "equal"][-1][0] == "insert"
    (moved,) = [c for c in cs.changes if c.type == ChangeType.MOVED]
    assert (moved.entity, moved.new_name, moved.new_value) == (
        "role_section",
        finance.title,
        other_section,
    )
    assert len(cs.changes) == 3


def test_progression_role_removed_and_duty_added() -> None:
    old = _seed("004_career_progression_framework.docx")
    pf = old.content
    assert isinstance(pf, ProgressionFramework)
    roles = list(pf.roles)
    gone = roles.pop(3)
    duty = Text(text="Leads the annual tenant satisfaction survey.", where=roles[1].where)
    roles[1] = roles[1].model_copy(update={"main_duties": [*roles[1].main_duties, duty]})
    cs = diff_documents(old, _edit(old, pf.model_copy(update={"roles": roles})))
    assert _summary(cs) == [
        ("added", "duty", [roles[1].title], None, duty.text),
        ("removed", "role", [], None, None),
    ]
    assert cs.changes[1].old_name == gone.title


def _level(lv: LevelValue | None, value: int) -> LevelValue:
    assert lv is not None
    return lv.model_copy(update={"raw": str(value), "value": value})


def test_je_factor_levels_and_total() -> None:
    old = _seed("002_je13_factor_matching_form.docx")
    je = old.content
    assert isinstance(je, JEForm)
    factors = list(je.factors)
    first, second = factors[0], factors[1]
    assert first.proposed_level is not None and first.proposed_level.value is not None
    assert second.proposed_level is not None and second.proposed_level.value is not None
    up, down = first.proposed_level.value + 1, second.proposed_level.value - 1
    # the panel agrees one level higher on the first factor; the second is proposed lower
    factors[0] = first.model_copy(update={"agreed_level": _level(first.proposed_level, up)})
    factors[1] = second.model_copy(update={"proposed_level": _level(second.proposed_level, down)})
    total = je.total_score.model_copy(update={"value": "431"}) if je.total_score else None
    new = _edit(old, je.model_copy(update={"factors": factors, "total_score": total}))
    summary = _summary(diff_documents(old, new))
    assert summary == [
        ("raised", "factor_level", [first.name], str(up - 1), str(up)),
        ("lowered", "factor_level", [second.name], str(down + 1), str(down)),
        ("added", "total_score", [], None, "431"),
    ]


def test_je_letter_levels_and_agreed_points() -> None:
    """Schemes that grade by letters: a letter moving up the alphabet is a changed value
    (letters carry no order the diff may assume), and agreed points win over proposed."""
    old = _seed("002_je13_factor_matching_form.docx")
    je = old.content
    assert isinstance(je, JEForm)
    first = je.factors[0]
    assert first.proposed_level is not None
    lettered = first.proposed_level.model_copy(update={"raw": "C", "value": None, "code": "C"})
    points = first.proposed_level.model_copy(update={"raw": "40", "value": 40, "code": None})
    before = je.model_copy(
        update={"factors": [first.model_copy(update={"proposed_level": lettered}), *je.factors[1:]]}
    )
    after_factor = first.model_copy(
        update={
            "agreed_level": lettered.model_copy(update={"raw": "D", "code": "D"}),
            "agreed_score": points,
        }
    )
    after = je.model_copy(update={"factors": [after_factor, *je.factors[1:]]})
    summary = _summary(diff_documents(_edit(old, before), _edit(old, after)))
    assert ("value_changed", "factor_level", [first.name], "C", "D") in summary
    assert ("added", "factor_points", [first.name], None, "40") in summary


def test_progression_band_grade_and_guidance() -> None:
    """A band's grade (`Stage 2 – Practitioner (Grade 8)`) and its how-to-progress guidance
    are compared like the rest of the band (foreign corpus: bands as sections)."""
    path = SAMPLES.parent / "tests/fixtures/foreign/progression_framework/stages_as_sections.docx"
    old = build_document(path.read_bytes(), path.name)
    pf = old.content
    assert isinstance(pf, ProgressionFramework)
    roles = list(pf.roles)
    officer = roles[0]
    stage1 = officer.bands[0]  # type: ignore[index]
    first = stage1.guidance[0]
    advice = first.model_copy(update={"text": first.text.replace("twenty", "thirty")})
    stage1_new = stage1.model_copy(update={"grade": "Grade 6", "guidance": [advice]})
    roles[0] = officer.model_copy(update={"bands": [stage1_new, *officer.bands[1:]]})  # type: ignore[index]
    new = _edit(old, pf.model_copy(update={"roles": roles}))

    summary = _summary(diff_documents(old, new))
    assert ("value_changed", "band_grade", [officer.title, "1"], "Grade 7", "Grade 6") in summary
    assert [s[:2] for s in summary if s[1] != "band_grade"] == [("text_changed", "band_guidance")]
