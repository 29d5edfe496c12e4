"""The result of matching one name as written onto the canonical registry."""

from enum import StrEnum
from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model


class MatchStatus(StrEnum):
    MATCHED = "matched"
    REVIEW = "review"
    UNMATCHED = "unmatched"


class Candidate(Model):
    canonical_id: str = Field(description="Id of the registry entry.")
    canonical_name: str = Field(description="Preferred name of the registry entry.")
    score: float = Field(ge=0, le=100, description="Similarity score, 0-100.")


class NameMatch(Model):
    """How one surface name (a competency or factor as written) landed on the registry."""

    name: str = Field(description="The name exactly as written in the source.")
    list: Literal["competencies", "factors", "categories"] = Field(
        description="Which registry list the name was matched against."
    )
    status: MatchStatus = Field(description="matched (auto or decided), review, or unmatched.")
    canonical_id: str | None = Field(default=None, description="Matched entry id, if matched.")
    canonical_name: str | None = Field(default=None, description="Matched entry's preferred name.")
    score: float = Field(default=0, ge=0, le=100, description="Score of the best candidate.")
    method: str = Field(
        description="How it was reached: exact, alias, fuzzy, prefix, context, decision, none."
    )
    runner_up: Candidate | None = Field(
        default=None, description="The second-best candidate, to show how clear the margin was."
    )
