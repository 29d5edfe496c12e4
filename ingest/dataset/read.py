"""Reading the dataset back: the roles, one role's card, and its history across versions.

A card is every line the loaded documents state about a role - profile fields and text,
matrix requirements with their level descriptors, JE factor levels and grade, progression
bands - each with the files it was read from. Titles are found the way names are matched:
the normalised title (or one the role was also written as); a near miss only suggests.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from pydantic import Field

from roleframe.ingest.dataset.db import DEFAULT_DB, connect
from roleframe.ingest.dataset.identity import organisation_key, title_key
from roleframe.normalise.match import Matcher
from roleframe.schema.base import Model
from roleframe.schema.canon import Category, Registry
from roleframe.schema.ids import ROLEFRAME_NAMESPACE
from roleframe.schema.match import MatchStatus

SUGGESTIONS = 5


class RoleNotFound(LookupError):
    """No role has that title; ``suggestions`` are the nearest titles (never a guess)."""

    def __init__(self, title: str, suggestions: Sequence[str], message: str | None = None):
        self.title = title
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {'; '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(message or f"No role is called {title!r}.{hint}")


class RoleSummary(Model):
    id: str = Field(description="Role id.")
    title: str = Field(description="Title as first written.")
    organisation: str | None = Field(description="Organisation, if known.")
    status: str = Field(description="ok, review (waits for a person) or decided.")
    grades: list[str] = Field(description="Grades as written in current versions.")
    relations: list[str] = Field(description="How documents speak of it (matrix_row ...).")
    documents: int = Field(description="Files that mention it (all versions).")


class DocumentRef(Model):
    id: str = Field(description="Document id.")
    filename: str = Field(description="Source file name.")
    kind: str = Field(description="Document kind.")
    series: str | None = Field(description="Title of the document's series.")
    version: int = Field(description="Version number in the series.")
    valid_from: str = Field(description="When the version took effect.")
    valid_to: str | None = Field(description="When the next version took effect.")


class CardLine(Model):
    """One thing a document says about the role."""

    section: str = Field(
        description="role (title, grade as written), field, requirement, je_factor, band, "
        "person_spec, or a text section (purpose, accountability, main_duties ...)."
    )
    kind: str = Field(description="Kind of the document that says it.")
    label: str = Field(description="What it is about: field label, competency, factor, band.")
    value: str | None = Field(description="What it says.")
    level: int | None = Field(default=None, description="Level, where the line has one.")
    note: str | None = Field(default=None, description="Descriptor of the level, canonical name.")
    version: int = Field(description="Version of the document's series.")
    series: str | None = Field(description="Title of the document's series.")
    documents: list[str] = Field(description="Files it was read from (renditions included).")
    row: str = Field(description="`table:id` of the row, for provenance queries.")


class RoleCard(Model):
    id: str = Field(description="Role id.")
    title: str = Field(description="Title as first written.")
    organisation: str | None = Field(description="Organisation, if known.")
    status: str = Field(description="ok, review or decided.")
    also_written: list[str] = Field(description="Other titles documents use for the role.")
    candidates: list[str] = Field(
        default_factory=list, description="For a role in review: the roles it may be."
    )
    as_of: str | None = Field(description="Versions valid at this time; null: current ones.")
    documents: list[DocumentRef] = Field(description="Documents the card was built from.")
    lines: list[CardLine] = Field(description="Everything they say about the role.")


class HistoryEntry(Model):
    series: str | None = Field(description="Series title.")
    kind: str = Field(description="Document kind.")
    version: int = Field(description="Version number.")
    valid_from: str = Field(description="When it took effect.")
    valid_to: str | None = Field(description="When the next version took effect.")
    documents: list[str] = Field(description="Files of this version.")
    added: list[CardLine] = Field(description="Lines new in this version.")
    removed: list[CardLine] = Field(description="Lines the previous version had and this lacks.")
    changed: list[tuple[CardLine, CardLine]] = Field(
        description="(before, after) for lines whose value or level changed."
    )


class RoleHistory(Model):
    id: str = Field(description="Role id.")
    title: str = Field(description="Role title.")
    entries: list[HistoryEntry] = Field(description="Versions mentioning the role, by series.")


# -- library twins of the commands ----------------------------------------------------------


def list_roles(db: str | Path = DEFAULT_DB) -> list[RoleSummary]:
    """Every role (merged ones are folded into the role they were ruled to be)."""
    with closing(connect(db, create=False)) as conn:
        rows = conn.execute(
            "SELECT r.id, r.title, r.organisation, r.status, "
            "json_group_array(DISTINCT m.relation) AS relations, "
            "json_group_array(DISTINCT CASE WHEN v.valid_to IS NULL THEN m.grade END) AS grades, "
            "(SELECT count(DISTINCT d.id) FROM role_mentions mm "
            " JOIN documents d ON d.version_id = mm.version_id WHERE mm.role_id = r.id) AS docs "
            "FROM roles r LEFT JOIN role_mentions m ON m.role_id = r.id "
            "LEFT JOIN versions v ON v.id = m.version_id "
            "WHERE r.merged_into IS NULL GROUP BY r.id ORDER BY r.title COLLATE NOCASE, r.id"
        ).fetchall()
    return [
        RoleSummary(
            id=row["id"],
            title=row["title"],
            organisation=row["organisation"],
            status=row["status"],
            grades=sorted(g for g in json.loads(row["grades"]) if g),
            relations=sorted(r for r in json.loads(row["relations"]) if r),
            documents=row["docs"],
        )
        for row in rows
    ]


def role_card(
    title: str,
    db: str | Path = DEFAULT_DB,
    organisation: str | None = None,
    as_of: str | None = None,
) -> RoleCard:
    """The card of the role called ``title``: what current versions (or the versions valid
    at ``as_of``) say about it. Raises RoleNotFound with suggestions on a near miss."""
    with closing(connect(db, create=False)) as conn:
        role = find_role(conn, title, organisation)
        versions = _versions(conn, role["id"], as_of)
        return RoleCard(
            id=role["id"],
            title=role["title"],
            organisation=role["organisation"],
            status=role["status"],
            also_written=_other_titles(conn, role["id"], role["title"]),
            candidates=_candidates(conn, role["id"]) if role["status"] == "review" else [],
            as_of=as_of,
            documents=_documents(conn, versions),
            lines=role_lines(conn, role["id"], versions),
        )


def role_history(
    title: str, db: str | Path = DEFAULT_DB, organisation: str | None = None
) -> RoleHistory:
    """How the role changed: every version that mentions it, oldest first within each
    series, with the lines added, removed and changed against the version before."""
    with closing(connect(db, create=False)) as conn:
        role = find_role(conn, title, organisation)
        versions = conn.execute(
            "SELECT DISTINCT v.id, v.number, v.valid_from, v.valid_to, v.series_id, s.title, "
            "s.kind FROM role_mentions m JOIN versions v ON v.id = m.version_id "
            "JOIN series s ON s.id = v.series_id WHERE m.role_id = ? "
            "ORDER BY s.kind, s.title, v.valid_from, v.number",
            (role["id"],),
        ).fetchall()
        entries: list[HistoryEntry] = []
        previous: dict[str, list[CardLine]] = {}
        for version in versions:
            lines = role_lines(conn, role["id"], [version["id"]])
            added, removed, changed = _diff(previous.get(version["series_id"], []), lines)
            entries.append(
                HistoryEntry(
                    series=version["title"],
                    kind=version["kind"],
                    version=version["number"],
                    valid_from=version["valid_from"],
                    valid_to=version["valid_to"],
                    documents=[d.filename for d in _documents(conn, [version["id"]])],
                    added=added,
                    removed=removed,
                    changed=changed,
                )
            )
            previous[version["series_id"]] = lines
        return RoleHistory(id=role["id"], title=role["title"], entries=entries)


# -- finding a role -------------------------------------------------------------------------


def find_role(conn: sqlite3.Connection, title: str, organisation: str | None = None) -> sqlite3.Row:
    """The role whose title (or a title it was also written as) has ``title``'s key."""
    wanted = title_key(title)
    org = organisation_key(organisation) if organisation else None
    rows = conn.execute(
        "SELECT DISTINCT COALESCE(r.merged_into, r.id) AS id FROM roles r "
        "LEFT JOIN role_mentions m ON m.role_id = r.id "
        "WHERE r.title_key = ? OR m.title = ? OR r.title = ?",
        (wanted, title, title),
    ).fetchall()
    ids = {row["id"] for row in rows}
    # titles written differently but with the same key (mentions keep the written form)
    for row in conn.execute("SELECT DISTINCT role_id, title FROM role_mentions"):
        if title_key(row["title"]) == wanted:
            ids.add(row["role_id"])
    found = [_role(conn, role_id) for role_id in sorted(ids)]
    found = [r for r in found if r["merged_into"] is None]
    if org is not None:
        found = [r for r in found if r["organisation_key"] == org]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = [f"{r['title']} ({r['organisation'] or 'organisation unknown'})" for r in found]
        raise RoleNotFound(
            title,
            names,
            f"{len(found)} roles are called {title!r}: {'; '.join(names)}. "
            "Name the organisation (--organisation).",
        )
    raise RoleNotFound(title, suggest(conn, title))


def suggest(conn: sqlite3.Connection, title: str) -> list[str]:
    """The nearest role titles, scored by the normaliser's matcher."""
    titles: dict[str, str] = {}
    for row in conn.execute("SELECT id, title FROM roles WHERE merged_into IS NULL ORDER BY title"):
        titles[row["id"]] = row["title"]
    if not titles:
        return []
    registry = Registry(
        name="roles",
        namespace=str(ROLEFRAME_NAMESPACE),
        categories=[Category(id=i, name=t) for i, t in titles.items()],
    )
    [match] = Matcher(registry).match([(title, "categories")])
    found: list[str] = []
    if match.status == MatchStatus.MATCHED and match.canonical_name:
        found.append(match.canonical_name)
    found += [c.canonical_name for c in match.candidates]
    if match.runner_up is not None and match.runner_up.score >= 50:
        found.append(match.runner_up.canonical_name)
    return list(dict.fromkeys(found))[:SUGGESTIONS]


def _role(conn: sqlite3.Connection, role_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM roles WHERE id = ?", (role_id,)).fetchone()
    assert row is not None
    return row


def _other_titles(conn: sqlite3.Connection, role_id: str, title: str) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT title FROM role_mentions WHERE role_id = ? ORDER BY title", (role_id,)
    )
    return [row["title"] for row in rows if row["title"] != title]


def _candidates(conn: sqlite3.Connection, role_id: str) -> list[str]:
    row = conn.execute(
        "SELECT candidates FROM role_mentions WHERE role_id = ? AND candidates IS NOT NULL "
        "ORDER BY position LIMIT 1",
        (role_id,),
    ).fetchone()
    if row is None:
        return []
    return [f"{c['title']} ({c['score']:g})" for c in json.loads(row["candidates"])]


# -- the lines ------------------------------------------------------------------------------


def _versions(conn: sqlite3.Connection, role_id: str, as_of: str | None) -> list[str]:
    """Versions mentioning the role that are current, or valid at ``as_of``."""
    args: tuple[str, ...] = ()
    if as_of is None:
        where = "v.valid_to IS NULL"
    else:
        where = "v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)"
        args = (as_of, as_of)
    rows = conn.execute(
        "SELECT DISTINCT v.id FROM role_mentions m JOIN versions v ON v.id = m.version_id "
        f"WHERE m.role_id = ? AND {where}",
        (role_id, *args),
    )
    return [row["id"] for row in rows]


def _documents(conn: sqlite3.Connection, versions: Sequence[str]) -> list[DocumentRef]:
    marks = ",".join("?" for _ in versions)
    rows = conn.execute(
        "SELECT d.id, d.filename, d.kind, s.title AS series, v.number, v.valid_from, "
        "v.valid_to FROM documents d JOIN versions v ON v.id = d.version_id "
        f"JOIN series s ON s.id = v.series_id WHERE v.id IN ({marks}) "
        "ORDER BY d.kind, d.filename",
        list(versions),
    )
    return [
        DocumentRef(
            id=row["id"],
            filename=row["filename"],
            kind=row["kind"],
            series=row["series"],
            version=row["number"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
        )
        for row in rows
    ]


# Each query returns: section, label, value, level, note, row_table, row_id, version_id,
# ordered as the document has them. `?` is the role id, then the version ids.
_LINE_QUERIES = (
    """SELECT 'role' AS section, m.relation AS label,
              m.title || COALESCE(' - grade ' || m.grade, '')
              || COALESCE(' - post ' || m.post_numbers, '') AS value,
              NULL AS level, m.team AS note, 'role_mentions' AS row_table, m.id AS row_id,
              m.version_id, m.position AS position
       FROM role_mentions m WHERE m.role_id = ? AND m.version_id IN ({v})""",
    """SELECT 'field', f.label, f.value, NULL, NULL, 'profile_fields', f.id, f.version_id,
              f.position
       FROM profile_fields f JOIN role_mentions m ON m.id = f.role_mention_id
       WHERE m.role_id = ? AND f.version_id IN ({v}) AND f.value IS NOT NULL""",
    """SELECT 'requirement', c.name, q.raw, q.level,
              COALESCE((SELECT d.text FROM descriptors d JOIN competencies dc
                          ON dc.id = d.competency_id
                        WHERE d.version_id = q.version_id AND d.level = q.level
                          AND (dc.name = c.name OR dc.name IN (
                               SELECT n.resolved_name FROM name_matches n
                               WHERE n.competency_id = c.id)) LIMIT 1),
                       CASE WHEN c.canonical_name != c.name
                            THEN 'registry: ' || c.canonical_name END),
              'requirements', q.id, q.version_id, q.position
       FROM requirements q JOIN role_mentions m ON m.id = q.role_mention_id
       JOIN competencies c ON c.id = q.competency_id
       WHERE m.role_id = ? AND q.version_id IN ({v}) AND (q.raw != '' OR q.level IS NOT NULL)""",
    """SELECT 'je_factor', c.name, l.basis || ' level ' || l.raw
              || COALESCE(', score ' || l.score, ''), l.level,
              CASE WHEN c.canonical_name != c.name THEN 'registry: ' || c.canonical_name END,
              'je_levels',
              l.id, f.version_id,
              f.position * 10 + CASE l.basis WHEN 'comparator' THEN 0
                                             WHEN 'proposed' THEN 1 ELSE 2 END
       FROM je_levels l JOIN je_factors f ON f.id = l.je_factor_id
       JOIN role_mentions m ON m.id = l.role_mention_id
       JOIN competencies c ON c.id = f.competency_id
       WHERE m.role_id = ? AND f.version_id IN ({v})""",
    """SELECT 'person_spec', COALESCE(p.section, 'criterion'), p.text, NULL,
              COALESCE(p.requirement, '') || COALESCE(' (' || p.assessed_by || ')', ''),
              'person_spec', p.id, p.version_id, p.position
       FROM person_spec p JOIN role_mentions m ON m.id = p.role_mention_id
       WHERE m.role_id = ? AND p.version_id IN ({v})""",
    """SELECT 'band', b.label || ' - ' || s.category, s.text, NULL, b.preamble,
              'band_statements', s.id, b.version_id, b.position * 1000 + s.position
       FROM band_statements s JOIN progression_bands b ON b.id = s.band_id
       JOIN role_mentions m ON m.id = b.role_mention_id
       WHERE m.role_id = ? AND b.version_id IN ({v})""",
    """SELECT s.section, COALESCE(s.heading, s.section), s.text, NULL, NULL,
              'profile_statements', s.id, s.version_id, s.position
       FROM profile_statements s JOIN role_mentions m ON m.id = s.role_mention_id
       WHERE m.role_id = ? AND s.version_id IN ({v})""",
)


def role_lines(conn: sqlite3.Connection, role_id: str, versions: Sequence[str]) -> list[CardLine]:
    """Every line the given versions state about the role, each with its files."""
    if not versions:
        return []
    marks = ",".join("?" for _ in versions)
    meta = {
        row["id"]: row
        for row in conn.execute(
            "SELECT v.id, v.number, s.title, s.kind, "
            "(SELECT json_group_array(filename) FROM (SELECT filename FROM documents d "
            " WHERE d.version_id = v.id ORDER BY filename)) AS files "
            f"FROM versions v JOIN series s ON s.id = v.series_id WHERE v.id IN ({marks})",
            list(versions),
        )
    }
    lines: list[CardLine] = []
    for query in _LINE_QUERIES:
        sql = (
            "WITH x(section, label, value, level, note, row_table, row_id, version_id, "
            f"position) AS ({query.format(v=marks)}) "
            "SELECT x.*, (SELECT json_group_array(DISTINCT d.filename) FROM provenance p "
            "JOIN documents d ON d.id = p.document_id WHERE p.row_table = x.row_table "
            "AND p.row_id = x.row_id) AS files FROM x ORDER BY x.version_id, x.position"
        )
        for row in conn.execute(sql, (role_id, *versions)):
            version = meta[row["version_id"]]
            files = sorted(json.loads(row["files"])) or json.loads(version["files"])
            lines.append(
                CardLine(
                    section=row["section"],
                    kind=version["kind"],
                    label=row["label"],
                    value=row["value"],
                    level=row["level"],
                    note=row["note"] or None,
                    version=version["number"],
                    series=version["title"],
                    documents=files,
                    row=f"{row['row_table']}:{row['row_id']}",
                )
            )
    return lines


def _diff(
    before: list[CardLine], after: list[CardLine]
) -> tuple[list[CardLine], list[CardLine], list[tuple[CardLine, CardLine]]]:
    """Lines keyed by (section, label, occurrence): added, removed, changed value/level."""

    def keyed(lines: list[CardLine]) -> dict[tuple[str, str, int], CardLine]:
        out: dict[tuple[str, str, int], CardLine] = {}
        seen: dict[tuple[str, str], int] = {}
        for line in lines:
            n = seen.get((line.section, line.label), 0)
            seen[(line.section, line.label)] = n + 1
            out[(line.section, line.label, n)] = line
        return out

    old, new = keyed(before), keyed(after)
    added = [line for k, line in new.items() if k not in old]
    removed = [line for k, line in old.items() if k not in new]
    changed = [
        (old[k], line)
        for k, line in new.items()
        if k in old and (old[k].value, old[k].level) != (line.value, line.level)
    ]
    return added, removed, changed
