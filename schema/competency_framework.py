"""Competency framework: level-by-level behaviour statements. Filled in by issue 4."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model


class CompetencyFramework(Model):
    kind: Literal["competency_framework"] = "competency_framework"
    title: str | None = Field(default=None, description="Framework title.")
