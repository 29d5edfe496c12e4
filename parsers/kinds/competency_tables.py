"""Table shapes of competency frameworks that carry no level content themselves, and the
roles of the columns before the level columns.

- A definitions table (`Competency | Definition`): short names in one column, prose in the
  next, under header words for a name and a definition; its definitions belong to the
  competencies the body describes (cf08 keeps them apart from the level descriptors).
- A guidance table (`Which level applies to my role?`): roles or grades in one column and a
  level name or number in another, no statements; it maps jobs to levels and is no
  competency.
- Columns before the level columns (`Cluster | Behaviour | What it means | Developing …`):
  a cluster column (header word, or blank/merged below its first row), a definition column
  (header word, or the longest prose), and the name column (the rest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roleframe.parsers.kinds.competency_levels import LevelScale
from roleframe.parsers.kinds.framework_common import cell_paragraphs, distinct_cells, word_count
from roleframe.parsers.layout import Cell, Table
from roleframe.schema import Provenance

_NAME = re.compile(
    r"\b(competenc\w*|behaviou?rs?|skills?|capabilit\w*|standards?|attributes?|name|title)\b",
    re.IGNORECASE,
)
_DEFINITION = re.compile(
    r"\b(definitions?|descriptions?|meaning|means|summary|purpose|overview|what (?:it|this) is)\b",
    re.IGNORECASE,
)
_CLUSTER = re.compile(
    r"\b(clusters?|areas?|groups?|themes?|categor(?:y|ies)|domains?|family|families|"
    r"sections?|pillars?|strands?|values?)\b",
    re.IGNORECASE,
)
_MIN_DEFINITION_WORDS = 6
_LEVEL_HEAD = re.compile(r"\b(levels?|tiers?|lefel)\b", re.IGNORECASE)
_ROLE_HEAD = re.compile(
    r"\b(roles?|jobs?|posts?|grades?|pay|scales?|bands?|positions?|job famil\w*)\b",
    re.IGNORECASE,
)
# `Which level applies to my role?`, `Level expected for your post`
_GUIDANCE = re.compile(
    r"which level|level (?:applies|expected|required)|appl(?:y|ies) to (?:my|your) (?:role|job|"
    r"post)|(?:my|your) (?:role|job|post)\b.*\blevel|\blevel\b.*\b(?:my|your) (?:role|job|post)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Definition:
    text: str
    where: Provenance


def definitions_table(table: Table) -> dict[str, Definition] | None:
    """{name casefold: definition} of a `Competency | Definition` table, else None."""
    rows = [distinct_cells(r) for r in table.grid()]
    rows = [r for r in rows if any(c.text for c in r)]
    if len(rows) < 3 or len(rows[0]) != 2:
        return None
    head_name, head_def = (c.text for c in rows[0])
    if not (_NAME.search(head_name) and _DEFINITION.search(head_def)):
        return None
    found: dict[str, Definition] = {}
    for row in rows[1:]:
        if len(row) != 2 or not row[0].text or not row[1].text:
            continue
        names = cell_paragraphs(row[0])
        if len(names) != 1 or word_count(names[0].text) > 8:
            return None
        found[names[0].text.casefold()] = Definition(row[1].text.replace("\n", " "), row[1].where)
    return found or None


def is_guidance_table(table: Table, scale: LevelScale, caption: str | None = None) -> bool:
    """Jobs or grades mapped to levels, no statements: a column (not the first) of level
    labels on every body row; or a header naming both a level and roles / grades / jobs;
    or a caption asking which level applies (``caption``: the title line over the table)."""
    rows = [distinct_cells(r) for r in table.grid()]
    rows = [r for r in rows if any(c.text for c in r)]
    if len(rows) < 2:
        return False
    header, body = rows[0], rows[1:]
    if any(p.is_list_item for r in body for c in r for p in c.paragraphs):
        return False
    if any(len(cell_paragraphs(c)) > 3 or word_count(c.text) > 25 for r in body for c in r):
        return False
    heads = [c.text for c in header]
    if any(_LEVEL_HEAD.search(h) for h in heads) and any(_ROLE_HEAD.search(h) for h in heads):
        return True
    if caption is not None and _GUIDANCE.search(caption):
        return True
    if len(rows) < 3 or any(
        len(cell_paragraphs(c)) > 2 or word_count(c.text) > 12 for r in body for c in r
    ):
        return False
    if all(scale.number(r[0].text) is not None for r in body):
        return False  # levels down the first column: a levels table, not a guidance one
    for c in range(1, table.n_cols):
        cells = [_at(r, c) for r in body]
        if all(x is not None and x.text and scale.number(x.text) is not None for x in cells):
            return True
    return False


def _at(row: list[Cell], c: int) -> Cell | None:
    return next((cell for cell in row if cell.col <= c < cell.col + cell.col_span), None)


@dataclass(frozen=True)
class LeadColumns:
    """Which of the columns before the levels hold the cluster, name and definition."""

    name: int
    cluster: int | None = None
    definition: int | None = None


def lead_columns(grid: list[list[Cell | None]], header_row: int, first_level: int) -> LeadColumns:
    """Roles of the columns left of the first level column (see the module docstring)."""
    if first_level <= 1:
        return LeadColumns(name=0)
    header = [grid[header_row][c] for c in range(first_level)]
    texts = [h.text if h is not None and h.col == c else "" for c, h in enumerate(header)]
    body = grid[header_row + 1 :]
    roles: dict[str, int] = {}
    for c, text in enumerate(texts):
        if not text or word_count(text) > 4:
            continue
        if "definition" not in roles and _DEFINITION.search(text):
            roles["definition"] = c
        elif "cluster" not in roles and _CLUSTER.search(text) and not _NAME.search(text):
            roles["cluster"] = c
        elif "name" not in roles and _NAME.search(text):
            roles["name"] = c
    free = [c for c in range(first_level) if c not in roles.values()]
    if "definition" not in roles and len(free) >= 2:
        words = {c: _mean_words(body, c) for c in free}
        longest = max(free, key=lambda c: words[c])
        if words[longest] >= _MIN_DEFINITION_WORDS:
            roles["definition"] = longest
            free.remove(longest)
    if "cluster" not in roles and len(free) >= 2:
        gappy = [c for c in free if _has_gaps(body, c)]
        if gappy:
            roles["cluster"] = gappy[0]
            free.remove(gappy[0])
    if "name" not in roles:
        roles["name"] = free[-1] if free else 0
    return LeadColumns(
        name=roles["name"], cluster=roles.get("cluster"), definition=roles.get("definition")
    )


def _mean_words(body: list[list[Cell | None]], c: int) -> float:
    cells = [row[c] for row in body]
    counts = [word_count(cell.text) for cell in cells if cell is not None and cell.text]
    return sum(counts) / len(counts) if counts else 0.0


def _has_gaps(body: list[list[Cell | None]], c: int) -> bool:
    """Blank or merged below a first value: a column that names a group of rows."""
    seen: set[int] = set()
    for r, row in enumerate(body):
        cell = row[c]
        if cell is None or not cell.text:
            return r > 0
        if id(cell) in seen:
            return True
        seen.add(id(cell))
    return False


_POLARITY_HEAD = re.compile(
    r"\b(effective|ineffective|positive|negative|indicators?|behaviou?rs?|looks? like|"
    r"examples?|descriptors?|statements?)\b",
    re.IGNORECASE,
)
_MAX_NAME_HEAD_WORDS = 6


def transposed(table: Table, scale: LevelScale) -> Table | None:
    """Competencies as columns and levels as rows (ho3_cf02: `Level | Communication |
    Teamwork …` over `1 – Foundation | …` rows): the same table turned a quarter, so each
    competency is a row under level columns; else None. Cells keep their provenance.

    Cues: the first column labels two or more rows as levels, the header row above them
    names two or more columns with short titles that are neither levels nor indicator
    headings (`Effective | Ineffective` is a level's polarity split, not competencies)."""
    grid = table.grid()
    if table.n_cols < 3 or table.n_rows < 3:
        return None
    level_rows = [
        r
        for r, row in enumerate(grid)
        if row[0] is not None
        and row[0].row == r
        and scale.number(_first(row[0])) is not None
        and sum(1 for c in distinct_cells(row[1:]) if c.text) >= 2
    ]
    if len(level_rows) < 2 or level_rows[0] == 0:
        return None
    heads = [c for c in distinct_cells(grid[0][1:]) if c.row == 0 and c.text]
    if len(heads) < 2 or any(
        len(cell_paragraphs(c)) != 1
        or word_count(c.text) > _MAX_NAME_HEAD_WORDS
        or scale.number(c.text) is not None
        or _POLARITY_HEAD.search(c.text)
        or _LEVEL_HEAD.search(c.text)
        for c in heads
    ):
        return None
    return table.transposed()


def _first(cell: Cell) -> str:
    paras = cell_paragraphs(cell)
    return paras[0].text if paras else ""
