"""Property tests for the grid splitter: whatever the grid, no value is lost or doubled."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from roleframe.parsers.grid import GridCell, GridRow, grid_to_blocks
from roleframe.parsers.layout import Paragraph, Table
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.schema import Provenance

values = st.one_of(
    st.just(""),
    st.just(""),
    st.sampled_from(["1", "2", "S", "Officer"]),
    st.text(alphabet="abc xyz", min_size=1, max_size=6),
)
grids = st.lists(st.lists(values, min_size=0, max_size=7), min_size=0, max_size=14)


def _rows(grid: list[list[str]], fields: bool) -> list[GridRow]:
    return [
        GridRow(
            cells={
                c: GridCell(text=v, where=Provenance(line=r + 1))
                for c, v in enumerate(row)
                if v.strip()
            },
            fields=len(row) if fields else None,
        )
        for r, row in enumerate(grid)
    ]


@settings(max_examples=100, deadline=None)
@given(grids, st.booleans())
def test_every_value_lands_once_and_tables_are_complete(grid: list[list[str]], fields: bool):
    blocks = grid_to_blocks(_rows(grid, fields), 0, DEFAULT_LIMITS)
    seen: Counter[tuple[int, str]] = Counter()
    tables = [b for b in blocks if isinstance(b, Table)]
    for block in blocks:
        if isinstance(block, Paragraph):
            seen[(block.where.line, block.text)] += 1
        else:
            for cell in block.cells():
                if cell.text:
                    seen[(cell.where.line, cell.text)] += 1
            assert all(c is not None for row in block.grid() for c in row)
            assert block.n_cols >= 1 and all(row for row in block.rows)
    wanted = Counter(
        (r + 1, " ".join(v.split())) for r, row in enumerate(grid) for v in row if v.strip()
    )
    assert seen == wanted
    assert [t.index for t in tables] == list(range(len(tables)))
