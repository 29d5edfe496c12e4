"""Competency codes spelt out: a matrix headed by codes (`HO1`, `HO2`…) and a small table
elsewhere in the document saying what each stands for (`Code | Competency`, ho6_sm09).

The cue is structural: a two-column table whose first column holds every one of the
matrix's header codes (short, no spaces), each beside a longer name. The code stays the
competency's name as written; the name it stands for is its resolved name.
"""

from __future__ import annotations

from dataclasses import dataclass

from roleframe.parsers.kinds.matrix_descriptors import norm_name
from roleframe.parsers.layout import Layout, Table

_MAX_CODE_CHARS = 6


@dataclass(frozen=True, slots=True)
class Glossary:
    """The code table and what each code (key-folded) stands for."""

    table: Table
    names: dict[str, str]


def _is_code(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _MAX_CODE_CHARS and " " not in text


def code_glossary(layout: Layout, headers: list[str], skip: list[Table]) -> Glossary | None:
    """The table spelling out the matrix's header codes, or None when the headers are no
    codes or no table spells them all out."""
    if len(headers) < 2 or not all(_is_code(h) for h in headers):
        return None
    wanted = {norm_name(h) for h in headers}
    for table in layout.tables():
        if table.n_cols != 2 or any(table is t for t in skip):
            continue
        names: dict[str, str] = {}
        for row in table.rows:
            cells = sorted((c for c in row if c.text), key=lambda c: c.col)
            if len(cells) != 2:
                continue
            code, name = cells[0].text.strip(), " ".join(cells[1].text.split())
            if norm_name(code) in wanted and len(name) > len(code) and not _is_code(name):
                names.setdefault(norm_name(code), name)
        if set(names) == wanted:
            return Glossary(table, names)
    return None
