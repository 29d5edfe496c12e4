"""docx reader: bytes -> layout model (not built yet)."""

from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Layout
from roleframe.parsers.limits import Limits
from roleframe.schema import IssueCode


def read(data: bytes, limits: Limits) -> Layout:
    raise ReadError(IssueCode.UNSUPPORTED_FORMAT, "The docx reader is not built yet.")
