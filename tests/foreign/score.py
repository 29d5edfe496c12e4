"""Score roleframe on the foreign-layouts corpus: precision, recall, F1 per kind x field.

Facts are compared as multisets (a statement written twice counts twice). A document given
the wrong kind, or refused, scores every expected fact as missed. Used by
``tests/test_foreign_layouts.py`` and printed by ``benchmarks/bench_foreign.py``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foreign import (
    facts_competency_framework,
    facts_je_form,
    facts_progression_framework,
    facts_role_profile,
    facts_skills_matrix,
)
from foreign.facts_common import Fact, Facts
from roleframe.ingest.build import build_document
from roleframe.parsers.errors import ReadError
from roleframe.schema import DocumentKind

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "foreign"
EXTENSIONS = (".docx", ".pdf", ".xlsx", ".csv", ".tsv")

FACTS: dict[DocumentKind, tuple[tuple[str, ...], Callable[[Any], Facts]]] = {
    DocumentKind.SKILLS_MATRIX: (facts_skills_matrix.FIELDS, facts_skills_matrix.facts),
    DocumentKind.ROLE_PROFILE: (facts_role_profile.FIELDS, facts_role_profile.facts),
    DocumentKind.JE_FORM: (facts_je_form.FIELDS, facts_je_form.facts),
    DocumentKind.COMPETENCY_FRAMEWORK: (
        facts_competency_framework.FIELDS,
        facts_competency_framework.facts,
    ),
    DocumentKind.PROGRESSION_FRAMEWORK: (
        facts_progression_framework.FIELDS,
        facts_progression_framework.facts,
    ),
}


@dataclass(frozen=True)
class Case:
    """One file of the corpus and the expected facts of its stem."""

    path: Path
    kind: DocumentKind
    expected: dict[str, list[Fact]] = field(compare=False)  # hashed by path (cached runs)

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"


def load_expected(path: Path) -> tuple[DocumentKind, dict[str, list[Fact]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    kind = DocumentKind(data["kind"])
    fields, _ = FACTS[kind]
    facts = data["facts"]
    unknown = set(facts) - set(fields)
    missing = set(fields) - set(facts)
    if unknown or missing:
        raise ValueError(
            f"{path.name}: facts must list exactly the fields {fields} "
            f"(unknown {sorted(unknown)}, missing {sorted(missing)})"
        )
    return kind, {f: [tuple(str(p) for p in fact) for fact in facts[f]] for f in fields}


def cases(root: Path = CORPUS) -> list[Case]:
    """Every document of the corpus with the expected facts of its stem."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in EXTENSIONS:
            continue
        expected = path.with_name(path.stem + ".expected.json")
        if not expected.exists():
            raise FileNotFoundError(f"{path} has no {expected.name} beside it")
        kind, facts = load_expected(expected)
        found.append(Case(path, kind, facts))
    return found


@dataclass
class Outcome:
    """What roleframe made of one case."""

    case: Case
    kind: DocumentKind | None
    error: str | None
    predicted: dict[str, list[Fact]]


def run(case: Case) -> Outcome:
    try:
        doc = build_document(case.path.read_bytes(), case.path.name)
    except ReadError as exc:
        return Outcome(case, None, f"{exc.code.value}: {exc}", {})
    if doc.kind != case.kind:
        return Outcome(case, doc.kind, None, {})
    _, extract = FACTS[case.kind]
    return Outcome(case, doc.kind, None, extract(doc.content))


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: Iterable[Fact], expected: Iterable[Fact]) -> None:
        p, e = Counter(predicted), Counter(expected)
        hit = sum((p & e).values())
        self.tp += hit
        self.fp += sum(p.values()) - hit
        self.fn += sum(e.values()) - hit

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    by_field: dict[tuple[DocumentKind, str], Tally] = field(default_factory=dict)
    by_kind: dict[DocumentKind, Tally] = field(default_factory=dict)
    overall: Tally = field(default_factory=Tally)

    def add(self, outcome: Outcome) -> None:
        kind = outcome.case.kind
        for name, expected in outcome.case.expected.items():
            predicted = outcome.predicted.get(name, [])
            for tally in (
                self.by_field.setdefault((kind, name), Tally()),
                self.by_kind.setdefault(kind, Tally()),
                self.overall,
            ):
                tally.add(predicted, expected)


def score(outcomes: Iterable[Outcome]) -> Scores:
    scores = Scores()
    for outcome in outcomes:
        scores.add(outcome)
    return scores


def table(scores: Scores) -> str:
    """The per kind x field table, then per kind, then overall."""
    lines = [f"{'kind':<24}{'field':<18}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>7}{'R':>7}{'F1':>7}"]

    def row(kind: str, name: str, tl: Tally) -> str:
        return (
            f"{kind:<24}{name:<18}{tl.tp:>6}{tl.fp:>6}{tl.fn:>6}"
            f"{tl.precision:>7.3f}{tl.recall:>7.3f}{tl.f1:>7.3f}"
        )

    for (kind, name), tl in sorted(
        scores.by_field.items(), key=lambda kv: (kv[0][0].value, kv[0][1])
    ):
        lines.append(row(kind.value, name, tl))
    lines.append("")
    for kind, tl in sorted(scores.by_kind.items(), key=lambda kv: kv[0].value):
        lines.append(row(kind.value, "(all)", tl))
    lines.append(row("overall", "", scores.overall))
    return "\n".join(lines)


def misses(outcome: Outcome, limit: int = 5) -> list[str]:
    """A few missed and spurious facts per field, for reading a failure."""
    out = []
    if outcome.error or outcome.kind != outcome.case.kind:
        return [f"kind {outcome.kind} error {outcome.error}"]
    for name, expected in outcome.case.expected.items():
        p, e = Counter(outcome.predicted.get(name, [])), Counter(expected)
        for fact in list((e - p).elements())[:limit]:
            out.append(f"{name}: missed {fact}")
        for fact in list((p - e).elements())[:limit]:
            out.append(f"{name}: spurious {fact}")
    return out
