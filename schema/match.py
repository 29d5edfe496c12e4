"""The result of matching one name as written onto the canonical registry."""

from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, model_serializer

from roleframe.schema.base import Model, Provenance


class MatchStatus(StrEnum):
    MATCHED = "matched"
    REVIEW = "review"
    UNMATCHED = "unmatched"


class Candidate(Model):
    canonical_id: str = Field(description="Id of the registry entry.")
    canonical_name: str = Field(description="Preferred name of the registry entry.")
    score: float = Field(ge=0, le=100, description="Similarity score, 0-100.")


# `NameMatch.list` shadows the builtin inside the class body, hence the alias.
Candidates = list[Candidate]


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
        description="How it was reached: exact, alias, qualifier (name without its trailing "
        "qualifier), stem (same word stems), fuzzy, prefix, context, decision, synonym "
        "(councillors = elected members), none; for names left to review also acronym "
        "(initials), long_name (holds every word of a shorter entry), part and part_inside "
        "(a part of a dashed name is, or is inside, an entry)."
    )
    runner_up: Candidate | None = Field(
        default=None, description="The second-best candidate, to show how clear the margin was."
    )
    candidates: Candidates = Field(
        default_factory=Candidates,
        description="For names left to review: the best candidates, the strongest evidence "
        "first (an acronym, synonym or long-name lead before fuzzy scores).",
    )
    resolved_name: str | None = Field(
        default=None,
        description="Full name found in the same document that a truncated name was read as "
        "(`Financial n` -> `Financial management`), when context was used.",
    )
    reason: str | None = Field(
        default=None, description="Why the name was not auto-matched, in one sentence."
    )
    where: Provenance | None = Field(
        default=None,
        description="Where the name is written in the source, when known (left out if not).",
    )

    @model_serializer(mode="wrap")
    def _drop_unknown_where(self, handler: Any) -> dict[str, Any]:
        data = handler(self)
        if data.get("where") is None:
            data.pop("where", None)
        return data
