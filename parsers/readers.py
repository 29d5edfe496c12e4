"""Reader registry: one reader per format, all with the same signature and the same output.

Adding a format is one new module and one line here.
"""

from typing import Protocol

from roleframe.parsers import docx, pdf, text_table, xlsx
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import Deadline
from roleframe.schema import Format


class Reader(Protocol):
    """``read(data, limits, deadline=None)``: without a deadline, the reader starts one of
    ``limits.timeout_seconds`` and checks it between pages, rows or paragraphs."""

    def __call__(
        self, data: bytes, limits: Limits, deadline: Deadline | None = None, /
    ) -> Layout: ...


READERS: dict[Format, Reader] = {
    Format.DOCX: docx.read,
    Format.XLSX: xlsx.read,
    Format.PDF: pdf.read,
    Format.CSV: text_table.read,
    Format.TSV: text_table.read,
}
