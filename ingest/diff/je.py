"""JE records: factor levels and scores, the total and the grade."""

from __future__ import annotations

from roleframe.ingest.diff.pairing import Item
from roleframe.ingest.diff.recorder import Recorder
from roleframe.ingest.diff.similarity import content_tokens
from roleframe.schema.je_form import Factor, JEForm, LevelValue


def _value(lv: LevelValue | None) -> int | str | None:
    """A level as compared: its number, else its letter code (`F` on letter schemes)."""
    if lv is None:
        return None
    return lv.value if lv.value is not None else lv.code


def _final(f: Factor) -> LevelValue | None:
    """The level that stands: the agreed one where given, else the proposed one."""
    if f.agreed_level is not None and _value(f.agreed_level) is not None:
        return f.agreed_level
    return f.proposed_level


def _points(f: Factor) -> LevelValue | None:
    """The points that stand: the agreed level's where given, else the proposed level's."""
    if f.agreed_score is not None and f.agreed_score.value is not None:
        return f.agreed_score
    return f.proposed_score


def diff_je_form(
    rec: Recorder, old: JEForm, new: JEForm, old_ids: dict[str, str], new_ids: dict[str, str]
) -> None:
    def item(f: Factor, ids: dict[str, str]) -> Item:
        canonical = ids.get(f.name)
        return Item(
            name=f.name,
            payload=f,
            ids=frozenset([canonical]) if canonical else frozenset(),
            content=content_tokens([s.text for s in f.evidence]),
            where=f.where,
        )

    def on_factor(a: Item, b: Item, path: list[str]) -> None:
        x: Factor = a.payload
        y: Factor = b.payload
        la, lb = _final(x), _final(y)
        rec.value(
            "factor_level", path, _value(la), _value(lb),
            la.where if la else None, lb.where if lb else None,
        )  # fmt: skip
        pa, pb = _points(x), _points(y)
        rec.value(
            "factor_points", path, _value(pa), _value(pb),
            pa.where if pa else None, pb.where if pb else None,
        )  # fmt: skip
        ca, cb = x.comparator_score, y.comparator_score
        rec.value(
            "factor_comparator_score", path, _value(ca), _value(cb),
            ca.where if ca else None, cb.where if cb else None,
        )  # fmt: skip

    rec.items(
        "factor",
        [],
        [item(f, old_ids) for f in old.factors],
        [item(f, new_ids) for f in new.factors],
        on_factor,
    )
    for slot in ("total_score", "je_grade"):
        a, b = getattr(old, slot), getattr(new, slot)
        rec.value(
            slot, [], a.value if a else None, b.value if b else None,
            a.where if a else None, b.where if b else None,
        )  # fmt: skip
