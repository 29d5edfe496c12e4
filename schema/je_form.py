"""Job evaluation factor form. Filled in by issue 3."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model


class JEForm(Model):
    kind: Literal["je_form"] = "je_form"
    form: str | None = Field(default=None, description="Form name as written.")
