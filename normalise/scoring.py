"""Price a JE form with a user-supplied scoring table: total score, grade, mismatches.

Job evaluation schemes' points tables are proprietary, so roleframe ships none: the user
passes one (``--je-scores FILE``), JSON or CSV:

JSON::

    {"name": "my scheme",
     "factors": {"Knowledge & skills": {"1": 20, "2": 40}, ...},
     "bands": [{"grade": "7", "min_points": 0, "max_points": 299}, ...]}

CSV (one file, two kinds of rows; the band columns are optional)::

    factor,level,points,grade,min_points,max_points
    Knowledge & skills,1,20,,,
    ,,,7,0,299

Factor names on the form and in the table are compared on a folded key (case, `&`/`and`,
spacing and punctuation ignored), or through ``resolve`` when the caller has a canonical
matcher (the normaliser's factor registry); nothing here hard-maps factor names.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from roleframe.parsers.delimited import decode_text, sniff_delimiter
from roleframe.schema import IssueCode
from roleframe.schema.issues import Issue, warning
from roleframe.schema.je_form import (
    ComputedScore,
    Factor,
    FactorPoints,
    FactorScore,
    GradeBand,
    JEForm,
    ScoringTable,
)


class ScoringTableError(ValueError):
    """The scoring file cannot be read as a scoring table (message says where)."""


def factor_key(name: str) -> str:
    """Fold a factor name for comparison: `Supervision/ management of people` and
    `Supervision / Management of People` give the same key; `&` equals `and`."""
    low = name.casefold().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "", low)


def load_scoring_table(path: Path | str) -> ScoringTable:
    """Read a JSON or CSV scoring table (by content, not extension)."""
    path = Path(path)
    text, _encoding = decode_text(path.read_bytes())
    try:
        if text.lstrip().startswith("{"):
            return _from_json(json.loads(text), path.name)
        return _from_csv(text, path.name)
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, ScoringTableError):
            raise
        raise ScoringTableError(f"{path.name}: not a scoring table ({exc})") from exc


def _from_json(data: dict, name: str) -> ScoringTable:
    points = [
        FactorPoints(factor=factor, level=int(level), points=float(value))
        for factor, levels in data["factors"].items()
        for level, value in levels.items()
    ]
    bands = [
        GradeBand(
            grade=str(b["grade"]),
            min_points=float(b["min_points"]),
            max_points=float(b["max_points"]),
        )
        for b in data.get("bands", [])
    ]
    return ScoringTable(name=str(data.get("name") or name), points=points, bands=bands)


def _from_csv(text: str, name: str) -> ScoringTable:
    reader = csv.DictReader(io.StringIO(text), delimiter=sniff_delimiter(text))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"factor", "level", "points"} <= fields:
        raise ScoringTableError(f"{name}: CSV needs columns factor, level, points")
    points: list[FactorPoints] = []
    bands: list[GradeBand] = []
    for line, row in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        try:
            if row.get("factor"):
                points.append(
                    FactorPoints(
                        factor=row["factor"], level=int(row["level"]), points=float(row["points"])
                    )
                )
            elif row.get("grade"):
                bands.append(
                    GradeBand(
                        grade=row["grade"],
                        min_points=float(row["min_points"]),
                        max_points=float(row["max_points"]),
                    )
                )
        except (KeyError, ValueError) as exc:
            raise ScoringTableError(f"{name} line {line}: {exc}") from exc
    return ScoringTable(name=name, points=points, bands=bands)


def _number(text: str | None) -> float | None:
    if not text:
        return None
    m = re.search(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return float(m.group()) if m else None


def _grade_of(total: float, bands: list[GradeBand]) -> str | None:
    return next((b.grade for b in bands if b.min_points <= total <= b.max_points), None)


def _same_grade(written: str, computed: str) -> bool:
    """`Grade 11` on the form equals band `11`; otherwise compare folded text."""
    w, c = _number(written), _number(computed)
    if w is not None and c is not None:
        return w == c
    return factor_key(written) == factor_key(computed)


def apply_scoring(
    form: JEForm, table: ScoringTable, resolve: Callable[[str], str] | None = None
) -> tuple[JEForm, list[Issue]]:
    """Price every factor at its agreed level (else the proposed one); total, band, compare.

    Returns the form with ``computed`` set and the warnings: `unknown_factor` for a factor
    or level the table does not price, `score_mismatch` where the form's written total,
    grade or comparator scores disagree with the table.
    """
    key = resolve or factor_key
    lookup = {(key(p.factor), p.level): p.points for p in table.points}
    known = {key(p.factor) for p in table.points}
    issues: list[Issue] = []
    scores: list[FactorScore] = []
    for f in form.factors:
        agreed = f.agreed_level.value if f.agreed_level else None
        proposed = f.proposed_level.value if f.proposed_level else None
        basis: Literal["agreed", "proposed", "none"]
        if agreed is not None:
            level, basis = agreed, "agreed"
        elif proposed is not None:
            level, basis = proposed, "proposed"
        else:
            level, basis = None, "none"
        k = key(f.name)
        points = lookup.get((k, level)) if level is not None else None
        if k not in known:
            issues.append(
                warning(
                    IssueCode.UNKNOWN_FACTOR,
                    f"Factor {f.name!r} is not in scoring table {table.name!r}.",
                    f.where,
                    factor=f.name,
                )
            )
        elif level is not None and points is None:
            issues.append(
                warning(
                    IssueCode.UNKNOWN_FACTOR,
                    f"Scoring table {table.name!r} has no points for {f.name!r} level {level}.",
                    f.where,
                    factor=f.name,
                    level=level,
                )
            )
        scores.append(FactorScore(factor=f.name, level=level, basis=basis, points=points))
        _check_written_scores(f, key, lookup, table, issues)

    priced = [s.points for s in scores]
    total = sum(p for p in priced if p is not None) if priced and None not in priced else None
    grade = _grade_of(total, table.bands) if total is not None else None
    if total is not None and form.total_score is not None:
        written = _number(form.total_score.value)
        if written is not None and written != total:
            issues.append(
                warning(
                    IssueCode.SCORE_MISMATCH,
                    f"Total score written on the form ({form.total_score.value}) differs from "
                    f"the total computed with {table.name!r} ({total:g}).",
                    form.total_score.where,
                    written=written,
                    computed=total,
                )
            )
    written_grade = form.je_grade.value if form.je_grade is not None else None
    if grade is not None and written_grade and not _same_grade(written_grade, grade):
        issues.append(
            warning(
                IssueCode.SCORE_MISMATCH,
                f"JE grade written on the form ({written_grade}) differs from the "
                f"grade computed with {table.name!r} ({grade}).",
                form.je_grade.where if form.je_grade else None,
                written=written_grade,
                computed=grade,
            )
        )
    computed = ComputedScore(table=table.name, factors=scores, total=total, grade=grade)
    return form.model_copy(update={"computed": computed}), issues


def _check_written_scores(
    f: Factor,
    key: Callable[[str], str],
    lookup: dict[tuple[str, int], float],
    table: ScoringTable,
    issues: list[Issue],
) -> None:
    """Scores written on the form (comparator's, proposal's) should be the table's points
    for the level beside them."""
    for who, level_v, score_v in (
        ("Comparator", f.comparator_level, f.comparator_score),
        ("Proposed", f.proposed_level, f.proposed_score),
    ):
        if level_v is None or score_v is None or level_v.value is None or score_v.value is None:
            continue
        points = lookup.get((key(f.name), level_v.value))
        if points is not None and points != score_v.value:
            issues.append(
                warning(
                    IssueCode.SCORE_MISMATCH,
                    f"{who} score for {f.name!r} ({score_v.value}) differs from "
                    f"{table.name!r} points for level {level_v.value} ({points:g}).",
                    score_v.where,
                    written=score_v.value,
                    computed=points,
                )
            )
