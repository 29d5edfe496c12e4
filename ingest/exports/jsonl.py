"""`roleframe export jsonl`: one entity per line, typed by its ``type`` field.

What pandas (``read_json(lines=True)``), DuckDB (``read_json``) and warehouse loaders take
as it is. Each line is compact JSON with sorted keys; the line types are published in
``schema/json/export_line.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

from roleframe.ingest.exports.staging import Staged


def line(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


class JsonlWriter:
    """Lines go straight to the file (or stdout) as they come: nothing is held."""

    def __init__(self, output: Path | None) -> None:
        self._staged = Staged(output) if output is not None else None
        self._stream: TextIO = (
            open(self._staged.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            if self._staged is not None
            else sys.stdout
        )

    def add(self, entity_type: str, data: dict[str, Any]) -> None:
        self._stream.write(line(data))

    def close(self) -> None:
        if self._staged is None:
            self._stream.flush()
            return
        self._stream.close()
        self._staged.commit()

    def discard(self) -> None:
        if self._staged is not None:
            self._stream.close()
            self._staged.discard()
