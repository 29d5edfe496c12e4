"""Career progression framework: roles with bands A/B/C. Filled in by issue 4."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model


class ProgressionFramework(Model):
    kind: Literal["progression_framework"] = "progression_framework"
    title: str | None = Field(default=None, description="Framework title.")
