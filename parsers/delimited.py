"""Delimited text: the one decoder and the one delimiter sniffer of the project.

Every reader of a text table goes through here - the text-table reader
(``parsers.text_table``), the registry list importer (``normalise.listfile``), the names file
of ``roleframe match``, review CSVs and JE scoring tables - so a semicolon-separated cp1252
export from a UK council's Excel reads the same wherever it is given.

Standard library only, so the normaliser may use it without depending on the readers.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter
from collections.abc import Iterator

DELIMITERS = ("\t", ";", ",")

_FIELD_LIMIT = re.compile(r"field larger than field limit")


class DelimitedError(ValueError):
    """The text cannot be split into rows. ``limit`` says it is a field over the csv
    module's field size limit (a size problem), not a malformed file."""

    def __init__(self, message: str, limit: bool = False) -> None:
        super().__init__(message)
        self.limit = limit


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs first (UTF-8, UTF-16), then strict UTF-8, then cp1252 (what
    Excel on Windows writes for `Save as CSV`)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if len(data) >= 4 and data[1::2][:64].count(0) > 24:  # UTF-16 without a BOM
        encoding = "utf-16-le" if data[1] == 0 else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter under which the most rows share a width of two or more fields.

    Counting rows of a *consistent* width (the two most common widths) rather than raw
    delimiter counts keeps commas inside descriptor sentences from outvoting the tabs or
    the semicolons. With no delimiter at all, a comma (one column per line).
    """
    lines = [line for line in text.splitlines() if line.strip()][:500]
    sample = "\n".join(lines)
    best, best_score = DELIMITERS[-1], -1
    for delimiter in DELIMITERS:
        if delimiter not in sample:
            continue
        try:
            parsed = [fields for _, fields in rows(sample, delimiter)]
        except DelimitedError:
            continue
        widths = Counter(len(row) for row in parsed if len(row) >= 2)
        score = sum(n for _, n in widths.most_common(2))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based line the row starts on, fields) for each row; quoted fields may span lines.

    The csv module's process-wide field size limit is left as the host process set it (by
    default 131,072 characters, four times Excel's 32,767-character cell); a longer field
    is a ``DelimitedError`` with ``limit=True``.
    """
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    next_line = 1
    try:
        for fields in reader:
            line = next_line
            next_line = reader.line_num + 1
            yield line, fields
    except csv.Error as exc:
        limit = bool(_FIELD_LIMIT.search(str(exc)))
        where = f"line {next_line}"
        if limit:
            raise DelimitedError(
                f"A field starting on {where} is longer than {csv.field_size_limit():,} "
                "characters.",
                limit=True,
            ) from exc
        raise DelimitedError(f"The text cannot be split into rows ({where}): {exc}.") from exc
