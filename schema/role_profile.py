"""Role profile (job description / person specification). Filled in by issue 3."""

from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model


class RoleProfile(Model):
    kind: Literal["role_profile"] = "role_profile"
    title: str | None = Field(default=None, description="Role title as written.")
