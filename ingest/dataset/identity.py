"""How a role, and a document's series, is recognised as the same thing across documents.

A role is its title and organisation, normalised with the normaliser's keys (case, `&`/and,
punctuation, spelling, abbreviations) after dropping a post count (`(x2)`). Near-identical
titles go through the normaliser's matcher against the roles already known:

* the same key, or a typo-level fuzzy match, in the same organisation -> the same role;
* a title that is another's plus or minus a qualifier (`Senior Housing Officer (x2) –
  Temporary Accommodation` vs `Senior Housing Officer`), shares all of another's words
  (`Housing Options & Assessment Officer` vs `Housing Options Officer`), scores in the
  matcher's review band, or matches a role whose organisation is unknown on one side ->
  a role of its own, marked ``review`` with its candidates, for a person to rule on
  (``roleframe review --db``). Nothing is merged silently.
* Titles one document lists separately are different roles, however alike
  (`Housing Options Officer` and `Housing Options Officer (POAL)` in the 000 matrix).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from roleframe.normalise.match import Matcher, covered
from roleframe.normalise.text import content_words, key, light_key, strip_qualifier, tokens
from roleframe.schema.canon import Category, Registry
from roleframe.schema.ids import ROLEFRAME_NAMESPACE, stable_id
from roleframe.schema.match import MatchStatus

# `Senior Housing Officer (x2) – …` (002): a count of posts, not part of the title.
_POST_COUNT = re.compile(r"\(\s*x\s*\d+\s*\)|\bx\s*\d+\s*posts?\b", re.IGNORECASE)
# Dates in framework titles (`… April 2025`): next year's edition is the same series.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+)?(?:19|20)\d\d(?:\s*[-/–]\s*(?:19|20)?\d\d)?\b"
    r"|\bv(?:ersion)?\s*\d+(?:\.\d+)*\b",
    re.IGNORECASE,
)
AUTO_METHODS = frozenset({"exact", "alias", "stem", "fuzzy"})
REVIEW_SCORE = 80.0  # a fuzzy candidate this close goes to review
NEAR_SCORE = 60.0  # an unmatched title this close to a role, sharing all its words: review


def clean_title(title: str) -> str:
    return _POST_COUNT.sub(" ", title).strip()


def title_key(title: str) -> str:
    cleaned = clean_title(title)
    return key(cleaned) or light_key(cleaned) or light_key(title)


def organisation_key(organisation: str | None) -> str:
    return key(organisation) if organisation else ""


def series_key(kind: str, organisation: str | None, title: str | None, filename: str) -> str:
    """kind | organisation | title without dates or version numbers (else the file stem)."""
    text = _DATE.sub(" ", title) if title else ""
    words = key(text) if text else ""
    if not words:
        stem = re.sub(r"\.[A-Za-z0-9]+$", "", filename)
        words = key(_DATE.sub(" ", stem.replace("_", " "))) or light_key(stem)
    return "|".join((kind, organisation_key(organisation), words))


@dataclass(frozen=True, slots=True)
class Candidate:
    role_id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Recognition:
    """Which role a mention is: an existing one (matched) or a new one (new / review)."""

    role_id: str | None  # None: create a role
    status: str  # new, matched, review
    method: str
    score: float | None
    candidates: tuple[Candidate, ...] = ()


@dataclass(slots=True)
class _Known:
    role_id: str
    title: str
    organisation_key: str
    keys: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)


class RoleIndex:
    """The roles known when a document starts loading, ready to recognise its mentions.

    Built inside the document's write transaction, so concurrent loaders see each other's
    roles. Roles the document creates are not candidates for its own other mentions.
    """

    def __init__(self, conn: sqlite3.Connection, organisation: str | None) -> None:
        self.org = organisation_key(organisation)
        self.known: dict[str, _Known] = {}
        rows = conn.execute(
            "SELECT r.id, r.title, r.organisation_key, m.title AS mention "
            "FROM roles r LEFT JOIN role_mentions m ON m.role_id = r.id "
            "WHERE r.merged_into IS NULL AND (r.organisation_key = ? OR r.organisation_key = ''"
            " OR ? = '')",
            (self.org, self.org),
        )
        for row in rows:
            known = self.known.setdefault(
                row["id"], _Known(row["id"], row["title"], row["organisation_key"])
            )
            for title in (row["title"], row["mention"]):
                if title and title not in known.titles:
                    known.titles.append(title)
                    known.keys.add(title_key(title))
        self.by_key: dict[str, list[str]] = {}
        for known in self.known.values():
            for k in known.keys:
                self.by_key.setdefault(k, []).append(known.role_id)
        self._matcher: Matcher | None = None

    def same_scope(self, role_id: str) -> bool:
        """Same organisation (both unknown counts): may be matched without a person."""
        return self.known[role_id].organisation_key == self.org

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            entries = [
                Category(id=k.role_id, name=k.titles[0], aliases=k.titles[1:])
                for k in self.known.values()
            ]
            registry = Registry(
                name="roles", namespace=str(ROLEFRAME_NAMESPACE), categories=entries
            )
            self._matcher = Matcher(registry)
        return self._matcher

    def recognise(self, title: str, claimed: set[str]) -> Recognition:
        """Recognise one title; ``claimed`` are roles this document already placed."""
        wanted = title_key(title)
        exact = [r for r in self.by_key.get(wanted, []) if r not in claimed]
        if exact:
            best = sorted(exact, key=lambda r: (not self.same_scope(r), r))[0]
            if self.same_scope(best):
                return Recognition(best, MatchStatus.MATCHED.value, "exact", 100.0)
            return self._review("exact", 100.0, [Candidate(best, self.known[best].title, 100.0)])
        if not self.known:
            return Recognition(None, "new", "none", None)
        [result] = self.matcher.match([(clean_title(title), "categories")])
        if result.status == MatchStatus.MATCHED and result.canonical_id:
            target = result.canonical_id
            candidate = Candidate(target, self.known[target].title, result.score)
            if target in claimed:  # the document lists them apart: different roles
                return Recognition(None, "new", "none", result.score)
            if result.method in AUTO_METHODS and self.same_scope(target):
                return Recognition(target, MatchStatus.MATCHED.value, result.method, result.score)
            return self._review(result.method, result.score, [candidate])
        pool = list(result.candidates) or ([result.runner_up] if result.runner_up else [])
        candidates = [
            Candidate(c.canonical_id, self.known[c.canonical_id].title, c.score)
            for c in pool
            if c.canonical_id not in claimed
        ]
        # the matcher's review band is tuned for competency names; a role title must be
        # closer, or share all its words, to be worth a person's time
        close = [
            c
            for c in candidates
            if c.score >= REVIEW_SCORE or (c.score >= NEAR_SCORE and _nested(title, c.title))
        ]
        if result.status == MatchStatus.REVIEW and close:
            return self._review(result.method, result.score, close)
        near = [c for c in close if _nested(title, c.title)]
        if near:
            return self._review("near", near[0].score, near)
        return Recognition(None, "new", "none", result.score if candidates else None)

    @staticmethod
    def _review(method: str, score: float, candidates: list[Candidate]) -> Recognition:
        return Recognition(None, MatchStatus.REVIEW.value, method, score, tuple(candidates))


def _nested(a: str, b: str) -> bool:
    """Every meaningful word of one title is in the other (qualifiers dropped first):
    `Housing Options & Assessment Officer (career grade)` ⊃ `Housing Options Officer`."""
    wa = tokens(strip_qualifier(clean_title(a)) or clean_title(a))
    wb = tokens(strip_qualifier(clean_title(b)) or clean_title(b))
    if not content_words(wa) or not content_words(wb):
        return False
    return covered(wa, wb) or covered(wb, wa)


def new_role_id(conn: sqlite3.Connection, organisation: str | None, title: str) -> str:
    """A stable id for a new role; a second role with the same key gets the next number."""
    base = (organisation_key(organisation), title_key(title))
    n = 0
    while True:
        role_id = stable_id("role", *base, *([n] if n else []))
        if conn.execute("SELECT 1 FROM roles WHERE id = ?", (role_id,)).fetchone() is None:
            return role_id
        n += 1
