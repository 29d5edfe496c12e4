"""Matrix cells: what a level cell may hold, and a table seen row- or column-major.

Shared by the skills-matrix search (``parsers.kinds.skills_matrix``) and its descriptor
tables (``parsers.kinds.matrix_descriptors``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from roleframe.parsers.kinds.matrix_scale import LEVEL_WORDS, label_key
from roleframe.parsers.layout import Cell, Table

# ---------------------------------------------------------------------------------------------
# Cell vocabulary: what a level cell may hold


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
# A level written with its word: `Level 2`, `L2`, `Lvl 3`, `Lefel 2`; or a number with its
# label: `2 - Working`, `3 (Expert)`, `1: Basic`, `Level 2 – Working`. The number is the
# level; the raw text is kept.
NAMED_INT = re.compile(
    r"^(?:(?:level|lefel|lvl|l)\s*(\d{1,2})|(\d{1,2}))"
    r"(?:\s*(?:[-–—:=]\s*|\()[^\W\d_][\w /&'-]{0,30}\)?)?$",
    re.I,
)
LETTER = re.compile(r"[^\W\d_]")
TRAILING_MARKER = re.compile(r"(\*+|†|‡|§|¹|²|³|\(\d\)|\[\d\])$")
DIGIT = re.compile(r"\d+")


@lru_cache(maxsize=8192)
def classify(text: str, vocab: frozenset[str] = frozenset()) -> str:
    """What a cell holds, for the structure search: a level, a word, a mark, text…

    ``vocab`` holds the document's own legend labels (`capable`, `sylfaenol`), which count
    as level words like the scale words every matrix may use (`Expert*`, ` foundation`).
    """
    if not text:
        return EMPTY
    m = INT.match(text) or MARKED_INT.match(text) or NAMED_INT.match(text)
    if m:
        return LEVEL if int(m.group(m.lastindex or 0)) <= MAX_LEVEL else TEXT
    key = label_key(text)
    if key in LEVEL_WORDS or key in vocab:
        return WORD
    if len(text) == 1 and (text in MARKS or text.casefold() in {"y", "n"}):
        return MARK
    if key in {"yes", "no"}:
        return MARK
    if (len(key) <= 2 and key.isalpha()) or text in {"-", "–", "—"} or _SLASHED.match(key):
        return SHORT  # a code: `E`, `AW`, `n/a`, `N/R`
    if level_label(key, vocab) != key:
        return WORD
    return TEXT


_SLASHED = re.compile(r"^[^\W\d_]/[^\W\d_]$")
_SPLIT = re.compile(r"\s*\(\s*|\s*\)\s*|\s+[-–—]\s+|\s*:\s*")
_QUALIFIERS = frozenset({"knowledge", "level", "understanding"})


def level_label(key: str, vocab: frozenset[str] | dict[str, int] = frozenset()) -> str:
    """The scale label a cell's key stands for: itself, or a form of it that is a level
    word or a legend label — a word a PDF broke in a narrow cell (`practitione r`), a code
    with its word (`p (proficient)`, `e – expert`), a word with a qualifier (`expert
    level`, `good knowledge`). ``key`` itself when no form is."""
    if key in vocab or key in LEVEL_WORDS:
        return key
    forms: list[str] = []
    if " " in key and len(key) <= 20:
        forms.append(key.replace(" ", ""))
    parts = [p for p in _SPLIT.split(key) if p]
    if len(parts) == 2:
        forms += parts
    words = key.split()
    if len(words) == 2 and words[1] in _QUALIFIERS:
        forms.append(words[0])
    for form in forms:
        if form in vocab:
            return form
    return next((f for f in forms if f in LEVEL_WORDS), key)


def name_like(text: str) -> bool:
    return bool(text) and bool(LETTER.search(text)) and classify(text) == TEXT


# ---------------------------------------------------------------------------------------------
# Views: the same search on a table and on its transpose


def one_line(cell: Cell) -> str:
    """A cell's paragraphs joined by spaces: a title or header wrapped onto two lines in the
    source (the variant CSV's quoted `Manager\\n(Lettings…)`) is one name."""
    return " ".join(p.text for p in cell.paragraphs if p.text)


class View:
    """A table's grid seen row-major (``transposed=False``) or column-major.

    ``sources`` are the layout's tables the view stands for when ``table`` is a rewritten
    one (``matrix_reshape``: tick columns folded, a long format pivoted, parts joined); the
    first is where the matrix sits in the document.
    """

    def __init__(
        self,
        table: Table,
        transposed: bool,
        vocab: frozenset[str] = frozenset(),
        sources: tuple[Table, ...] = (),
    ) -> None:
        grid = table.grid()
        if transposed:
            grid = [list(col) for col in zip(*grid, strict=False)] if grid else []
        self.table = table
        self.sources = sources or (table,)
        self.transposed = transposed
        self.grid = grid
        self.n_rows = len(grid)
        self.n_cols = len(grid[0]) if grid else 0
        self.texts = [
            [self._origin_text(cell, r, c) for c, cell in enumerate(row)]
            for r, row in enumerate(grid)
        ]
        self.vocab = vocab
        self.kinds = [[classify(t, vocab) for t in row] for row in self.texts]

    @property
    def source(self) -> Table:
        """The layout table where this matrix sits."""
        return self.sources[0]

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
    """A cell's level: its digit (`2`, `2*`, `Level 2`, `2 - Working`), else its label on the
    document's scale (`F`, ` expert* `, a PDF's `Practitione r`, `P (Proficient)`)."""
    m = INT.match(raw) or MARKED_INT.match(raw) or NAMED_INT.match(raw)
    if m:
        value = int(m.group(m.lastindex or 0))
        return value if value <= MAX_LEVEL else None
    return scale.get(level_label(label_key(raw), scale))
