"""Reader registry: one reader per format, all with the same signature and the same output.

Adding a format is one new module and one line here.
"""

from collections.abc import Callable

from roleframe.parsers import docx, pdf, text_table, xlsx
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import Limits
from roleframe.schema import Format

Reader = Callable[[bytes, Limits], Layout]

READERS: dict[Format, Reader] = {
    Format.DOCX: docx.read,
    Format.XLSX: xlsx.read,
    Format.PDF: pdf.read,
    Format.CSV: text_table.read,
    Format.TSV: text_table.read,
}
