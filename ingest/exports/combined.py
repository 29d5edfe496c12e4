"""`roleframe export json`: the combined dataset, one JSON document (``schema/json/dataset.json``).

The file is what :func:`roleframe.ingest.export.to_json` would print for a
:class:`~roleframe.schema.entities.Dataset` holding every entity (sorted keys, two-space
indent), but it is assembled from one spool file per entity type, each holding its array's
items already indented, so no more than one line is in memory however many documents go in.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from roleframe.ingest.exports.staging import Staged
from roleframe.schema.entities import ENTITY_TYPES, Dataset

INDENT = "  "
ITEM_INDENT = INDENT * 2  # an array item of a top-level key


class CombinedWriter:
    def __init__(self, output: Path | None) -> None:
        self.output = output
        parent = output.parent if output is not None else None
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        self._spool_dir = tempfile.TemporaryDirectory(prefix=".roleframe-json-", dir=parent)
        self._spools: dict[str, TextIO] = {
            entity_type: open(  # noqa: SIM115
                Path(self._spool_dir.name) / f"{entity_type}.json", "w+", encoding="utf-8"
            )
            for entity_type in ENTITY_TYPES
        }
        self._counts = dict.fromkeys(ENTITY_TYPES, 0)

    def add(self, entity_type: str, data: dict[str, Any]) -> None:
        item = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2)
        spool = self._spools[entity_type]
        spool.write("[\n" if self._counts[entity_type] == 0 else ",\n")
        spool.write(ITEM_INDENT + item.replace("\n", "\n" + ITEM_INDENT))
        self._counts[entity_type] += 1

    def close(self) -> None:
        try:
            if self.output is None:
                self._assemble(sys.stdout)
                sys.stdout.flush()
                return
            staged = Staged(self.output)
            try:
                with open(staged.path, "w", encoding="utf-8", newline="\n") as target:
                    self._assemble(target)
                staged.commit()
            except BaseException:
                staged.discard()
                raise
        finally:
            self.discard()

    def discard(self) -> None:
        for spool in self._spools.values():
            spool.close()
        self._spool_dir.cleanup()

    def _assemble(self, target: TextIO) -> None:
        """Write ``json.dumps(dataset, indent=2, sort_keys=True)`` piece by piece."""
        scalars = Dataset().model_dump(mode="json", include={"format", "format_version"})
        keys = sorted([*ENTITY_TYPES, *scalars])
        target.write("{\n")
        for i, key in enumerate(keys):
            target.write(f"{INDENT}{json.dumps(key)}: ")
            if key in scalars:
                target.write(json.dumps(scalars[key], ensure_ascii=False))
            elif self._counts[key] == 0:
                target.write("[]")
            else:
                spool = self._spools[key]
                spool.flush()
                spool.seek(0)
                shutil.copyfileobj(spool, target, 1 << 20)
                target.write(f"\n{INDENT}]")
            target.write(",\n" if i < len(keys) - 1 else "\n")
        target.write("}\n")
