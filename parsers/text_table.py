"""CSV/TSV reader: bytes -> layout model, via the shared grid splitter (``parsers.grid``).

The delimiter is sniffed from the rows themselves (tab, semicolon or comma: the one that
gives the most rows of a consistent width), quoted fields are honoured by the csv module, and
every value keeps the 1-based line it starts on.
"""

from __future__ import annotations

import csv
from collections import Counter

from roleframe.parsers.detect import decode_text
from roleframe.parsers.errors import ReadError
from roleframe.parsers.grid import GridCell, GridRow, grid_to_blocks
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import Deadline, limit_exceeded, start_deadline
from roleframe.schema import Format, IssueCode, Provenance

DELIMITERS = ("\t", ";", ",")

# csv refuses fields over 128 KiB by default; a pasted descriptor can be long, a whole book
# in one field is a limit problem reported by the page-char limit instead.
_FIELD_LIMIT = 1 << 24


def sniff_delimiter(text: str) -> str:
    """The delimiter under which the most rows share a width of two or more fields.

    Counting rows of a *consistent* width (the two most common widths) rather than raw
    delimiter counts keeps commas inside descriptor sentences from outvoting the tabs.
    """
    lines = [line for line in text.splitlines() if line.strip()][:500]
    sample = "\n".join(lines)
    best, best_score = DELIMITERS[-1], -1
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        widths = Counter(len(row) for row in _parse(sample, delimiter) if len(row) >= 2)
        score = sum(n for _, n in widths.most_common(2))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse(text: str, delimiter: str) -> list[list[str]]:
    csv.field_size_limit(_FIELD_LIMIT)
    return list(csv.reader(text.splitlines(keepends=True), delimiter=delimiter))


def read(data: bytes, limits: Limits, deadline: Deadline | None = None) -> Layout:
    """Read CSV/TSV bytes into paragraphs (one-value lines) and tables; ``deadline``
    (default ``limits.timeout_seconds`` from now) is checked per row."""
    deadline = start_deadline(limits, deadline)
    text, _encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    fmt = Format.TSV if delimiter == "\t" else Format.CSV
    rows: list[GridRow] = []
    try:
        reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
        csv.field_size_limit(_FIELD_LIMIT)
        next_line = 1
        for fields in reader:
            line = next_line  # a quoted field may span lines: the row starts where it starts
            next_line = reader.line_num + 1
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
            rows.append(GridRow(cells=cells, fields=len(fields)))
    except csv.Error as exc:
        raise ReadError(IssueCode.CORRUPT_FILE, f"The text table cannot be parsed: {exc}.") from exc
    return Layout(format=fmt, blocks=grid_to_blocks(rows, 0, limits))
