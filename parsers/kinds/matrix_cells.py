"""Matrix cells: what a level cell may hold, and a table seen row- or column-major.

Shared by the skills-matrix search (``parsers.kinds.skills_matrix``) and its descriptor
tables (``parsers.kinds.matrix_descriptors``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from roleframe.parsers.layout import Cell, Table

# ---------------------------------------------------------------------------------------------
# Cell vocabulary: what a level cell may hold


# An ordered vocabulary of level words (weight = rank). Weight 0 is "no level"; other words
# get consecutive numbers in weight order among the words a document actually uses, so a
# None/Basic/Good/Expert matrix reads 0/1/2/3 and Awareness/Basic/Intermediate/Advanced/Expert
# reads 1..5. A legend in the document (`1 = Basic`) always wins over this ordering.
LEVEL_WORDS: dict[str, float] = {
    "none": 0,
    "nil": 0,
    "not required": 0,
    "no knowledge": 0,
    "awareness": 1.0,
    "aware": 1.0,
    "limited": 1.0,
    "low": 1.0,
    "beginner": 1.0,
    "novice": 1.0,
    "entry": 1.0,
    "foundation": 1.1,
    "elementary": 1.1,
    "basic": 1.2,
    "developing": 1.5,
    "working": 2.0,
    "intermediate": 2.0,
    "medium": 2.0,
    "moderate": 2.0,
    "good": 2.0,
    "competent": 2.0,
    "practitioner": 2.0,
    "practising": 2.0,
    "proficient": 2.5,
    "skilled": 2.5,
    "high": 3.0,
    "advanced": 3.0,
    "accomplished": 3.0,
    "extensive": 3.0,
    "in depth": 3.0,
    "in-depth": 3.0,
    "excellent": 3.2,
    "expert": 3.5,
    "specialist": 3.5,
    "mastery": 4.0,
    "master": 4.0,
}
# Ticks and crosses, including Wingdings ticks/crosses as Excel and CSV keep them: the
# private-use code points (U+F0FC tick, U+F0FB cross) or their Latin-1 stand-ins `ü`/`û`.
MARKS = frozenset("✓✔✗✘×xX•●√■☑☒\uf0fc\uf0fb\uf0fe\uf078üû")
MAX_LEVEL = 10  # a body of integers above this is scores or grades, not levels

EMPTY, LEVEL, WORD, MARK, SHORT, TEXT = "empty", "level", "word", "mark", "short", "text"
LEVELISH = frozenset({EMPTY, LEVEL, WORD, MARK, SHORT})
COUNTED = frozenset({LEVEL, WORD, MARK, SHORT})  # values that make a body of levels

INT = re.compile(r"^\d{1,2}$")
# A level with a footnote marker (`2*`, `3†`): the number is the level, the marker a note.
MARKED_INT = re.compile(r"^(\d{1,2})\s*(?:\*+|†|‡|§)$")
# A level written with its word: `Level 2`, `L2`, `Lvl 3`; or a number with its label:
# `2 - Working`, `3 (Expert)`, `1: Basic`. The number is the level; the raw text is kept.
NAMED_INT = re.compile(
    r"^(?:(?:level|lvl|l)\s*(\d{1,2})|(\d{1,2})\s*(?:[-–—:=]\s*|\()[^\W\d_][\w /&'-]{0,30}\)?)$",
    re.I,
)
LETTER = re.compile(r"[^\W\d_]")
TRAILING_MARKER = re.compile(r"(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\])$")
DIGIT = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def classify(text: str) -> str:
    """What a cell holds, for the structure search: a level, a word, a mark, text…"""
    if not text:
        return EMPTY
    m = INT.match(text) or MARKED_INT.match(text) or NAMED_INT.match(text)
    if m:
        return LEVEL if int(m.group(m.lastindex or 0)) <= MAX_LEVEL else TEXT
    folded = text.casefold()
    if folded in LEVEL_WORDS:
        return WORD
    if len(text) == 1 and (text in MARKS or folded in {"y", "n"}):
        return MARK
    if folded in {"yes", "no"}:
        return MARK
    if (len(text) <= 2 and text.isalpha()) or text in {"-", "–", "—", "n/a", "N/A"}:
        return SHORT
    return TEXT


def name_like(text: str) -> bool:
    return bool(text) and bool(LETTER.search(text)) and classify(text) == TEXT


# ---------------------------------------------------------------------------------------------
# Views: the same search on a table and on its transpose


def one_line(cell: Cell) -> str:
    """A cell's paragraphs joined by spaces: a title or header wrapped onto two lines in the
    source (the variant CSV's quoted `Manager\\n(Lettings…)`) is one name."""
    return " ".join(p.text for p in cell.paragraphs if p.text)


class View:
    """A table's grid seen row-major (``transposed=False``) or column-major."""

    def __init__(self, table: Table, transposed: bool) -> None:
        grid = table.grid()
        if transposed:
            grid = [list(col) for col in zip(*grid, strict=False)] if grid else []
        self.table = table
        self.transposed = transposed
        self.grid = grid
        self.n_rows = len(grid)
        self.n_cols = len(grid[0]) if grid else 0
        self.texts = [
            [self._origin_text(cell, r, c) for c, cell in enumerate(row)]
            for r, row in enumerate(grid)
        ]
        self.kinds = [[classify(t) for t in row] for row in self.texts]

    def origin(self, cell: Cell) -> tuple[int, int]:
        return (cell.col, cell.row) if self.transposed else (cell.row, cell.col)

    def span(self, cell: Cell) -> tuple[int, int]:
        """(rows, cols) covered in view coordinates."""
        return (cell.col_span, cell.row_span) if self.transposed else (cell.row_span, cell.col_span)

    def _origin_text(self, cell: Cell | None, r: int, c: int) -> str:
        if cell is None:
            return ""
        o_r, o_c = self.origin(cell)
        return one_line(cell) if (o_r, o_c) == (r, c) else ""

    def header_text(self, r: int, c: int) -> str:
        """Header text at (r, c): a cell merged down into the header row still counts."""
        cell = self.grid[r][c]
        if cell is None or self.origin(cell)[1] != c:
            return ""
        return one_line(cell)

    def cell(self, r: int, c: int) -> Cell | None:
        return self.grid[r][c]


# ---------------------------------------------------------------------------------------------
# Levels


def level_of(raw: str, scale: dict[str, int]) -> int | None:
    m = INT.match(raw) or MARKED_INT.match(raw) or NAMED_INT.match(raw)
    if m:
        value = int(m.group(m.lastindex or 0))
        return value if value <= MAX_LEVEL else None
    return scale.get(raw.casefold())


def rank_words(words: set[str]) -> dict[str, int]:
    """Level words -> 0 for "none"-like words, else 1.. in vocabulary order (ties share)."""
    weights = sorted({LEVEL_WORDS[w] for w in words if LEVEL_WORDS[w] > 0})
    rank = {wt: i + 1 for i, wt in enumerate(weights)}
    return {w: (0 if LEVEL_WORDS[w] == 0 else rank[LEVEL_WORDS[w]]) for w in sorted(words)}
