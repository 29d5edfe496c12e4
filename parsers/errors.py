"""The exception readers raise for a file they cannot read; ``ingest`` turns it into a row."""

from roleframe.schema import IssueCode


class ReadError(Exception):
    """A file-level failure with a stable code. Raised by readers, caught per file in ingest."""

    def __init__(self, code: IssueCode, message: str, **details: str | int | float | bool | None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
