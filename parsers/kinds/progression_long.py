"""Progression frameworks in long format: one spreadsheet row per requirement.

Data teams export frameworks as flat tables — `Role | Grade | Band | Category | Requirement`
— one row per statement. The columns are found by their header words (cues, in any order);
a role column or a category column must be there beside the band and the statement
columns, and no header may name a competency (a competency framework's long format has
`Competency | Level | Indicator`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.framework_common import cell_paragraphs, first_text, header_words
from roleframe.parsers.kinds.progression_bands import BandLabel, parse_band_label
from roleframe.parsers.kinds.progression_tables import (
    BandBuild,
    category_key,
    label_text,
    statements,
)
from roleframe.parsers.layout import Cell, Table
from roleframe.schema import Provenance
from roleframe.schema.progression_framework import CategoryRequirements

_HEADERS: dict[str, re.Pattern[str]] = {
    "role": re.compile(r"^(?:role|post|job|position)(?:\s+(?:title|name))?$", re.I),
    # `Step grade` (ho6_pf05): the grade of the row's band, not of the role
    "band_grade": re.compile(r"^(?:band|stage|step|tier|level)\s+(?:pay\s+)?grade$", re.I),
    "grade": re.compile(
        r"^(?:(?:career|pay|salary)\s+)?(?:grades?|scale|range)(?:\s+range)?$|^pay\s+band$",
        re.I,
    ),
    "band": re.compile(
        r"^(?:(?:progression|career)\s+)?(?:band|stage|step|tier|level)(?:\s+(?:name|label))?$",
        re.I,
    ),
    "category": re.compile(
        r"^(?:category|area|(?:requirement|criteria|criterion)\s+(?:type|area|category)|"
        r"heading|section)$",
        re.I,
    ),
    "statement": re.compile(
        r"^(?:requirements?|statements?|descriptions?|descriptors?|criteria|criterion|details?|"
        r"text|(?:requirement|criteria|criterion|statement)\s+text)$",
        re.I,
    ),
}
_OTHER_KIND = re.compile(r"competenc|behaviou?r|skill", re.I)


def long_columns(table: Table) -> dict[str, int] | None:
    """The long-format columns of a table (name -> column), or None."""
    if table.n_rows < 2 or not table.rows:
        return None
    found: dict[str, int] = {}
    for cell in table.rows[0]:
        text = header_words(label_text(first_text(cell)))
        if _OTHER_KIND.search(text):
            return None
        for name, pattern in _HEADERS.items():
            if name not in found and pattern.match(text):
                found[name] = cell.col
                break
    if "band" in found and "statement" in found and ("role" in found or "category" in found):
        return found
    return None


@dataclass
class LongRole:
    """One role's rows of a long-format table, read into bands."""

    title: str | None
    grade: str | None
    where: Provenance | None
    bands: list[BandBuild] = field(default_factory=list)


def _text(row: dict[int, Cell], col: int | None) -> str:
    if col is None or col not in row:
        return ""
    return label_text(" ".join(p.text for p in cell_paragraphs(row[col])))


def read_long(table: Table, cols: dict[str, int]) -> list[LongRole]:
    """Rows -> roles (first-seen order) -> bands -> categories -> statements."""
    roles: dict[str, LongRole] = {}
    bands: dict[tuple[str, str], BandBuild] = {}
    cats: dict[tuple[str, str, str], CategoryRequirements] = {}
    for cells in table.rows[1:]:
        row = {c.col: c for c in cells}
        text_cell = row.get(cols["statement"])
        band_text = _text(row, cols["band"])
        if text_cell is None or not text_cell.text or not band_text:
            continue
        role_text = _text(row, cols.get("role"))
        role = roles.get(role_text)
        if role is None:
            where = row[cols["role"]].where if "role" in cols else None
            grade = _text(row, cols.get("grade")) or None
            role = roles[role_text] = LongRole(role_text or None, grade, where)
        band = bands.get((role_text, band_text))
        if band is None:
            label = parse_band_label(band_text) or BandLabel(
                band_text, None, None, band_text, False
            )
            band = bands[(role_text, band_text)] = BandBuild(label, row[cols["band"]].where)
            band.grade = _text(row, cols.get("band_grade")) or None
            role.bands.append(band)
        cat_text = _text(row, cols.get("category"))
        key = (role_text, band_text, cat_text)
        cat = cats.get(key)
        if cat is None:
            where = row[cols["category"]].where if "category" in cols else text_cell.where
            cat = cats[key] = CategoryRequirements(
                category=category_key(cat_text) if cat_text else "requirements",
                label=cat_text or None,
                label_style="header",
                statements=[],
                where=where,
            )
            band.categories.append(cat)
        cat.statements.extend(t for p in cell_paragraphs(text_cell) for t in statements(p))
    return list(roles.values())
