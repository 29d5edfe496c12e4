"""The canonical registry (what names land on) and the review decisions file (issue 5).

A registry is data, not code: a versioned JSON file a data team keeps and refreshes. Ids are
minted once (uuid5 of the registry namespace and a normalised natural key) and from then on
the file is the authority: renames keep the id and turn the old name into an alias; nothing
is deleted, entries retire with an end date and, where meaning moved, ``replaced_by``.
"""

from enum import StrEnum
from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance
from roleframe.schema.match import Candidate

ListName = Literal["competencies", "factors", "categories"]
"""The three registry lists a surface name can be matched against."""

REGISTRY_SCHEMA_VERSION = "1.0"

# Models with a field named `list` shadow the builtin in their class body: use these aliases.
Ids = list[str]
Candidates = list[Candidate]


class EntryStatus(StrEnum):
    ACTIVE = "active"
    RETIRED = "retired"


class EntrySource(Model):
    """Where an entry (or one of its names) was read: provenance of registry data."""

    file: str = Field(description="File name the entry was read from (no folders).")
    kind: str | None = Field(
        default=None, description="Document kind of that file, or `list` for a spreadsheet list."
    )
    name: str = Field(description="The name exactly as that file wrote it.")
    where: Provenance | None = Field(default=None, description="Where in the file, when known.")


class ScaleLevel(Model):
    value: int = Field(description="The level as a number (as used in matrices and forms).")
    label: str | None = Field(default=None, description="The level's name (`Level One`).")
    meaning: str | None = Field(
        default=None, description="Who or what the level is for (`Managers`), when stated."
    )


class LevelScale(Model):
    """The scale a competency is assessed on (skills matrix 0-3, framework levels One-Three)."""

    levels: list[ScaleLevel] = Field(description="Levels in ascending order.")


class Statement(Model):
    sub_area: str | None = Field(
        default=None, description="Sub-area heading the statement sits under, if any."
    )
    text: str = Field(description="Behaviour or requirement statement as written.")


class LevelDescriptor(Model):
    """What one level of a competency means, as the source describes it."""

    level: int = Field(description="The level this describes.")
    label: str | None = Field(default=None, description="Level label as written (`Level 2`).")
    text: str = Field(default="", description="Descriptor text; empty where the source is empty.")
    statements: list[Statement] = Field(
        default_factory=list, description="Statements of a framework level, in source order."
    )


class Entry(Model):
    """Fields every registry entry has, whatever its list."""

    id: str = Field(description="Stable id; minted once, then never changed.")
    name: str = Field(description="Preferred name.")
    aliases: list[str] = Field(
        default_factory=list,
        description="Former names and known variants; they match like the preferred name.",
    )
    description: str | None = Field(default=None, description="What the entry means.")
    status: EntryStatus = Field(default=EntryStatus.ACTIVE, description="active or retired.")
    replaced_by: str | None = Field(
        default=None, description="For a retired entry: the id of the entry that replaces it."
    )
    end_date: str | None = Field(
        default=None, description="ISO date the entry was retired (retired entries only)."
    )
    added_in: int = Field(default=1, ge=1, description="Registry version that minted this id.")
    sources: list[EntrySource] = Field(
        default_factory=list, description="Where the entry and its names were read from."
    )


class Competency(Entry):
    category: str | None = Field(
        default=None,
        description="Category as the source gives it (`core`, `professional`), if it gives one.",
    )
    scale: LevelScale | None = Field(default=None, description="Level scale, when known.")
    levels: list[LevelDescriptor] = Field(
        default_factory=list, description="Level descriptors in level order."
    )


class Factor(Entry):
    scheme: str | None = Field(
        default=None, description="Job evaluation scheme the factor belongs to, when known."
    )


class Category(Entry):
    """A requirement category (knowledge, skills, experience, qualifications …)."""


class Revision(Model):
    version: int = Field(ge=1, description="Registry version this revision produced.")
    date: str | None = Field(default=None, description="ISO date of the revision.")
    summary: list[str] = Field(default_factory=list, description="One line per change.")


class Registry(Model):
    """A canonical framework: three lists of entries, versioned."""

    schema_version: Literal["1.0"] = Field(
        default="1.0", description="Version of this file format."
    )
    name: str = Field(description="Registry name; also seeds the id namespace.")
    namespace: str = Field(description="UUID namespace new ids are minted in (uuid5).")
    version: int = Field(default=1, ge=1, description="Bumped by every refresh.")
    description: str | None = Field(default=None, description="What this registry covers.")
    competencies: list[Competency] = Field(default_factory=list, description="Competencies.")
    factors: list[Factor] = Field(default_factory=list, description="Job evaluation factors.")
    categories: list[Category] = Field(default_factory=list, description="Requirement categories.")
    history: list[Revision] = Field(default_factory=list, description="Revisions, oldest first.")


class DecisionAction(StrEnum):
    ACCEPT = "accept"  # the proposed candidate is right
    PICK = "pick"  # another entry is right (canonical_id says which)
    NEW = "new"  # not in the registry: a new entry, keep as written
    REJECT = "reject"  # none of the proposed candidates (they go to not_ids)


class Decision(Model):
    """A person's ruling on one name; it wins over scores on every later run."""

    list: ListName = Field(description="Registry list the name belongs to.")
    key: str = Field(
        description="Light normalisation of the name (NFKC, casefold, dashes, spaces): the "
        "lookup key. Not a fingerprint: `IT Skills` and `IT` stay different keys."
    )
    name: str = Field(description="The name as written when the decision was taken.")
    action: DecisionAction = Field(description="accept, pick, new or reject.")
    canonical_id: str | None = Field(
        default=None, description="Entry the name maps to (accept and pick)."
    )
    not_ids: Ids = Field(
        default_factory=Ids, description="Negatives: entries this name is NOT (`X is not Y`)."
    )
    who: str = Field(description="Who decided.")
    when: str = Field(description="ISO timestamp of the decision.")
    note: str | None = Field(default=None, description="Why, in the decider's words.")


class Decisions(Model):
    """The decisions file kept beside a registry; later decisions for a key win."""

    schema_version: Literal["1.0"] = Field(
        default="1.0", description="Version of this file format."
    )
    decisions: list[Decision] = Field(default_factory=list, description="In the order taken.")


class ChangeAction(StrEnum):
    KEPT = "kept"  # matched an existing entry, nothing to change
    RENAMED = "renamed"  # matched; preferred name changed, the old one became an alias
    UPDATED = "updated"  # matched; description, category or levels changed
    ADDED = "added"  # not in the registry: a new id was minted
    NEEDS_REVIEW = "needs_review"  # uncertain match: not applied, decide and refresh again
    PROPOSED_RETIREMENT = "proposed_retirement"  # in the registry but not in the new source
    RETIRED = "retired"  # retired (with --retire-missing): status and end date set


class Change(Model):
    action: ChangeAction = Field(description="What happened to the entry.")
    list: ListName = Field(description="Registry list of the entry.")
    id: str | None = Field(default=None, description="Entry id (none for an unapplied review).")
    name: str = Field(description="The name in the new source (or the entry's name).")
    old_name: str | None = Field(default=None, description="Preferred name before a rename.")
    candidates: Candidates = Field(
        default_factory=Candidates, description="For needs_review: the entries it might be."
    )
    note: str | None = Field(default=None, description="Detail (score, method, what changed).")


class RefreshSummary(Model):
    """What a refresh did, entry by entry; written beside the new registry version."""

    registry: str = Field(description="Registry name.")
    from_version: int = Field(description="Version that was refreshed.")
    to_version: int = Field(description="Version written.")
    source: str = Field(description="File the new framework was read from.")
    changes: list[Change] = Field(default_factory=list, description="One row per entry touched.")

    def count(self, action: ChangeAction) -> int:
        return sum(1 for change in self.changes if change.action == action)
