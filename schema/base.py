"""Base model and provenance: every extracted value can be traced to its place in the source."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_serializer


class Model(BaseModel):
    """Strict base for every published model: unknown keys are errors, instances are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(Model):
    """Where a value sits in its source file (the file itself is named in the envelope).

    Only the coordinates that apply are set: a PDF value has ``page``/``table``/``row``/``column``,
    an Excel value ``sheet``/``cell``/``row``/``column``, a Word paragraph ``paragraph``.
    Unset coordinates are left out of the JSON to keep documents readable.
    """

    page: int | None = Field(default=None, ge=1, description="1-based page number (PDF).")
    sheet: str | None = Field(default=None, description="Worksheet name (Excel).")
    cell: str | None = Field(default=None, description="A1-style cell reference (Excel).")
    line: int | None = Field(default=None, ge=1, description="1-based line number (CSV/TSV text).")
    table: int | None = Field(
        default=None, ge=0, description="0-based index of the table in document order."
    )
    row: int | None = Field(default=None, ge=0, description="0-based row index within the table.")
    column: int | None = Field(
        default=None, ge=0, description="0-based grid column index within the table."
    )
    paragraph: int | None = Field(
        default=None,
        ge=0,
        description="0-based paragraph index: in the cell when `table` is set, else in the body.",
    )

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: Any) -> dict[str, Any]:
        return {k: v for k, v in handler(self).items() if v is not None}

    def with_(self, **changes: Any) -> "Provenance":
        """A copy with some coordinates changed (provenance objects are frozen)."""
        return self.model_copy(update=changes)
