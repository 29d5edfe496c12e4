"""`roleframe export csv`: one tidy table per entity type, in a folder or a zip.

Every type gets its table, header only when no document has any (the set of files never
depends on the input). Columns are those of :mod:`.columns`, documented in
``docs/exports.md``. UTF-8, CRLF line ends (RFC 4180); ``--bom`` starts each file with a
byte-order mark so Excel reads the accents and dashes right; ``--escape-formulas`` puts an
apostrophe before text that a spreadsheet would run as a formula (OWASP's CSV injection
advice: a cell starting ``=``, ``+``, ``-``, ``@``, tab or carriage return), for files that
people open in Excel rather than load into a data tool (which would keep the apostrophe).

Rows stream to one spool file per type; a folder gets the spools renamed into place, a zip
gets them copied in with fixed member metadata, so the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, TextIO

from roleframe.ingest.exports.columns import Cell, columns, row
from roleframe.ingest.exports.staging import Staged, zip_member
from roleframe.schema.entities import ENTITY_TYPES


def table_name(entity_type: str) -> str:
    return f"{entity_type}.csv"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(cell: Cell) -> Cell:
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return cell


def _escaped(cell: Cell) -> Cell:
    """Text a spreadsheet would evaluate (`=HYPERLINK(...)` in a statement) stays text."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return _text(cell)


class CsvWriter:
    def __init__(self, output: Path, bom: bool = False, escape_formulas: bool = False) -> None:
        self.output = output
        self._cell = _escaped if escape_formulas else _text
        self.as_zip = output.suffix.lower() == ".zip"
        encoding = "utf-8-sig" if bom else "utf-8"
        self._spool_dir: tempfile.TemporaryDirectory[str] | None = None
        self._staged: dict[str, Staged] = {}
        self._paths: dict[str, Path] = {}
        if self.as_zip:
            output.parent.mkdir(parents=True, exist_ok=True)
            self._spool_dir = tempfile.TemporaryDirectory(
                prefix=".roleframe-csv-", dir=output.parent
            )
            for entity_type in ENTITY_TYPES:
                self._paths[entity_type] = Path(self._spool_dir.name) / table_name(entity_type)
        else:
            for entity_type in ENTITY_TYPES:
                staged = Staged(output / table_name(entity_type))
                self._staged[entity_type] = staged
                self._paths[entity_type] = staged.path
        self._files: dict[str, TextIO] = {}
        self._writers: dict[str, Any] = {}
        for entity_type, path in self._paths.items():
            handle = open(path, "w", encoding=encoding, newline="")  # noqa: SIM115
            self._files[entity_type] = handle
            self._writers[entity_type] = csv.writer(handle)
            self._writers[entity_type].writerow(columns(entity_type))

    def add(self, entity_type: str, data: dict[str, Any]) -> None:
        self._writers[entity_type].writerow([self._cell(c) for c in row(entity_type, data)])

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        if self.as_zip:
            self._write_zip()
        else:
            for staged in self._staged.values():
                staged.commit()

    def discard(self) -> None:
        for handle in self._files.values():
            handle.close()
        for staged in self._staged.values():
            staged.discard()
        if self._spool_dir is not None:
            self._spool_dir.cleanup()

    def _write_zip(self) -> None:
        staged = Staged(self.output)
        try:
            with zipfile.ZipFile(staged.path, "w") as archive:
                for entity_type, path in self._paths.items():
                    member = zip_member(table_name(entity_type), os.path.getsize(path))
                    with open(path, "rb") as source, archive.open(member, "w") as target:
                        shutil.copyfileobj(source, target, 1 << 20)
            staged.commit()
        except BaseException:
            staged.discard()
            raise
        finally:
            assert self._spool_dir is not None
            self._spool_dir.cleanup()
