"""A change set: what changed between two versions of one framework, matrix or JE record.

Councils' documents carry no ids, so every change records *how* its old and new items were
paired (registry id, a reviewer's decision, the same name, or a rename score built from name
and content similarity) with the scores, and both sides' provenance, so an auditor can check
each line against the two files. Uncertain pairings are never silently taken: they stay a
removal plus an addition carrying a ``possible_rename`` hint for a reviewer to confirm.
"""

from enum import StrEnum
from typing import Literal

from pydantic import Field

from roleframe.schema.base import Model, Provenance
from roleframe.schema.enums import DocumentKind, Format


class ChangeType(StrEnum):
    """What happened to an item. Cosmetic text changes are kept apart from substantive ones."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    MOVED = "moved"
    TEXT_CHANGED = "text_changed"
    COSMETIC = "cosmetic"
    RAISED = "raised"
    LOWERED = "lowered"
    VALUE_CHANGED = "value_changed"


PairMethod = Literal["id", "decision", "name", "rename", "text", "similar_text"]


class Pairing(Model):
    """How an old item and a new item were found to be the same item."""

    method: PairMethod = Field(
        description="id: both carry the same registry id; decision: a reviewer confirmed it; "
        "name: the same name after light normalisation (case, spacing, dashes); rename: the "
        "rename score (name and content similarity together) cleared the threshold; text: "
        "a statement with the same words (cosmetics aside); similar_text: a statement whose "
        "text similarity cleared the statement threshold."
    )
    name_score: float | None = Field(
        default=None, ge=0, le=1, description="Name similarity, 0-1 (for rename pairings)."
    )
    content_score: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Content similarity (definitions, statements, levels), 0-1; null when "
        "either side has no content to compare.",
    )
    score: float | None = Field(
        default=None, ge=0, le=1, description="The combined rename score that was compared."
    )


class PossibleRename(Model):
    """An unpaired item that may be the other side's item renamed: for a reviewer to confirm."""

    name: str = Field(description="Name of the candidate on the other side.")
    id: str | None = Field(default=None, description="Its id on the other side, where it has one.")
    name_score: float = Field(ge=0, le=1, description="Name similarity, 0-1.")
    content_score: float | None = Field(
        default=None, ge=0, le=1, description="Content similarity, 0-1 (null when none)."
    )
    score: float = Field(ge=0, le=1, description="Combined rename score, 0-1.")


class WordOp(Model):
    """One run of a word-level diff."""

    op: Literal["equal", "delete", "insert"] = Field(description="Kept, deleted or inserted.")
    text: str = Field(description="The words of the run, joined by single spaces.")


class Change(Model):
    """One change, with both sides' names, values and provenance."""

    type: ChangeType = Field(description="What happened.")
    entity: str = Field(
        description="What kind of item changed: competency, cluster, level, definition, "
        "statement, role, column, requirement, descriptor, band, factor, total, grade …"
    )
    path: list[str] = Field(
        default_factory=list,
        description="Where the item sits, outermost first, by new-side names where paired "
        "(`Working together`, `level 2`).",
    )
    old_id: str | None = Field(default=None, description="Old item's id, where it has one.")
    new_id: str | None = Field(default=None, description="New item's id, where it has one.")
    old_name: str | None = Field(default=None, description="Old item's name or key.")
    new_name: str | None = Field(default=None, description="New item's name or key.")
    old_value: str | None = Field(
        default=None, description="Old text or value (statement, definition, level, grade)."
    )
    new_value: str | None = Field(default=None, description="New text or value.")
    pairing: Pairing | None = Field(
        default=None, description="How the old and new item were paired (null when one-sided)."
    )
    possible_rename: PossibleRename | None = Field(
        default=None,
        description="On an addition or removal: the other side's item it may be, renamed.",
    )
    needs_review: bool = Field(
        default=False,
        description="True when a reviewer should confirm this line (a possible rename).",
    )
    words: list[WordOp] = Field(
        default_factory=list, description="Word-level diff old -> new, where text changed."
    )
    old_where: Provenance | None = Field(default=None, description="Where the old item sits.")
    new_where: Provenance | None = Field(default=None, description="Where the new item sits.")


class DiffSide(Model):
    """One side of the comparison."""

    filename: str = Field(description="Source file name (no folders).")
    sha256: str = Field(description="SHA-256 of the source file.")
    format: Format = Field(description="Format of the source file.")
    document_id: str = Field(description="Id of the ingested document.")
    title: str | None = Field(default=None, description="Document title, where found.")
    version: str | None = Field(
        default=None,
        description="Version or date of the document where known (a dataset version, or a "
        "`Version 2` / year in the title).",
    )


class Thresholds(Model):
    """The thresholds the pairing used, recorded so a change set can be reproduced."""

    rename: float = Field(description="Combined score at or above which items are a rename.")
    spelling: float = Field(
        description="Name similarity at or above which a name change is a spelling change "
        "(paired when the content does not contradict it)."
    )
    content: float = Field(
        description="Content similarity at or above which an item with another name is the "
        "same item renamed."
    )
    possible: float = Field(
        description="Combined score at or above which an unpaired item gets a possible_rename."
    )
    statement: float = Field(
        description="Text similarity at or above which two statements are one statement edited."
    )


class ChangeSet(Model):
    """Everything that changed from ``old`` to ``new``."""

    changeset_version: Literal["1.0"] = Field(
        default="1.0", description="Version of this change-set format."
    )
    tool: str = Field(description="roleframe version that computed it.")
    kind: DocumentKind = Field(description="The kind of both documents.")
    old: DiffSide = Field(description="The old version.")
    new: DiffSide = Field(description="The new version.")
    thresholds: Thresholds = Field(description="Thresholds used for pairing.")
    counts: dict[str, int] = Field(
        description="Number of changes by type (every type listed, zeros included)."
    )
    substantive: bool = Field(
        description="True when any change other than cosmetic ones was found."
    )
    changes: list[Change] = Field(
        description="Every change, sorted by entity order, then path, then type."
    )


class RenameDecision(Model):
    """A reviewer's ruling on a possible rename, applied to every later diff."""

    entity: str = Field(description="What kind of item (competency, role, column, factor …).")
    old_name: str = Field(description="The old side's name as written.")
    new_name: str = Field(description="The new side's name as written.")
    same: bool = Field(description="True: the same item renamed; false: different items.")
    who: str = Field(default="", description="Who decided.")
    when: str = Field(default="", description="When, ISO 8601.")


class RenameDecisionsFile(Model):
    """The file of rename decisions a diff reads (``roleframe diff --decisions FILE``)."""

    decisions: list[RenameDecision] = Field(
        default_factory=list, description="Decisions, latest last; a later one wins."
    )
