"""CSV/TSV reader: bytes -> layout model, via the shared grid splitter (``parsers.grid``).

Decoding and the delimiter (tab, semicolon or comma: the one that gives the most rows of a
consistent width) come from ``parsers.delimited``, shared with every other reader of
delimited text; quoted fields are honoured by the csv module, and every value keeps the
1-based line it starts on.
"""

from __future__ import annotations

from roleframe.parsers.delimited import DelimitedError, decode_text, rows, sniff_delimiter
from roleframe.parsers.errors import ReadError
from roleframe.parsers.grid import GridCell, GridRow, grid_to_blocks
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import Deadline, limit_exceeded, start_deadline
from roleframe.schema import Format, IssueCode, Provenance

__all__ = ["read", "sniff_delimiter"]


def read(data: bytes, limits: Limits, deadline: Deadline | None = None) -> Layout:
    """Read CSV/TSV bytes into paragraphs (one-value lines) and tables; ``deadline``
    (default ``limits.timeout_seconds`` from now) is checked per row."""
    deadline = start_deadline(limits, deadline)
    text, _encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    fmt = Format.TSV if delimiter == "\t" else Format.CSV
    grid: list[GridRow] = []
    try:
        for line, fields in rows(text, delimiter):
            deadline.check(f"line {line}")
            if len(fields) > limits.max_cols:
                raise limit_exceeded(
                    "max_cols",
                    len(fields),
                    limits.max_cols,
                    f"Line {line} has {len(fields):,} fields; the limit is {limits.max_cols:,} "
                    "(max_cols).",
                    line=line,
                )
            cells = {
                c: GridCell(text=value, where=Provenance(line=line))
                for c, value in enumerate(fields)
                if value.strip()
            }
            grid.append(GridRow(cells=cells, fields=len(fields)))
    except DelimitedError as exc:
        if exc.limit:
            raise ReadError(
                IssueCode.LIMIT_EXCEEDED, str(exc), limit="csv_field_size_limit"
            ) from exc
        raise ReadError(IssueCode.CORRUPT_FILE, f"The text table cannot be parsed: {exc}") from exc
    return Layout(format=fmt, blocks=grid_to_blocks(grid, 0, limits))
