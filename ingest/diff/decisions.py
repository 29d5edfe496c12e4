"""Reviewers' rulings on possible renames, kept in a JSON file and applied on every diff.

A diff leaves an uncertain pairing as a removal plus an addition with a ``possible_rename``
hint; a reviewer confirms (same item) or rejects it, and the next diff pairs accordingly.
Keys use the light name normalisation, so a ruling survives a change of case or spacing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from roleframe.ingest.diff.similarity import name_key
from roleframe.schema.changeset import RenameDecision, RenameDecisionsFile
from roleframe.schema.files import write_atomic


@dataclass
class RenameDecisions:
    """The decisions of one file, looked up by (entity, old name key, new name key)."""

    path: Path | None = None
    entries: list[RenameDecision] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> RenameDecisions:
        if not path.exists():
            return cls(path, [])
        data = RenameDecisionsFile.model_validate_json(path.read_bytes())
        return cls(path, list(data.decisions))

    _index: dict[tuple[str, str, str], bool] | None = field(default=None, repr=False)

    def verdict(self, entity: str, old_name: str, new_name: str) -> bool | None:
        """True (same item), False (different items) or None (no ruling)."""
        if self._index is None:  # later entries win
            self._index = {
                (d.entity, name_key(d.old_name), name_key(d.new_name)): d.same for d in self.entries
            }
        return self._index.get((entity, name_key(old_name), name_key(new_name)))

    def record(self, decision: RenameDecision) -> None:
        self.entries.append(decision)
        self._index = None

    def save(self) -> None:
        if self.path is None:
            raise ValueError("these decisions have no file")
        text = RenameDecisionsFile(decisions=self.entries).model_dump_json(indent=2) + "\n"
        write_atomic(self.path, text)
