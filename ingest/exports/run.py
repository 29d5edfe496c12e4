"""One export: documents in, entity lines out through one writer (library twin of the CLI).

Redaction happens here, once, on each line's data before any writer sees it, so no format
can forget it. A document is turned into all its lines before the first is written: a
document that cannot be (a bug meeting odd content) becomes an ``internal_error`` line and
the export goes on, never half a document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from roleframe.ingest.export import dump
from roleframe.ingest.exports.combined import CombinedWriter
from roleframe.ingest.exports.entities import entities, entity_id
from roleframe.ingest.exports.jsonl import JsonlWriter
from roleframe.ingest.exports.sources import Failed, Item
from roleframe.ingest.exports.tables import CsvWriter
from roleframe.ingest.exports.workbook import WorkbookWriter
from roleframe.schema.base import Model
from roleframe.schema.entities import ErrorLine
from roleframe.schema.issues import IssueCode


class Writer(Protocol):
    def add(self, entity_type: str, data: dict[str, Any]) -> None: ...
    def close(self) -> None: ...
    def discard(self) -> None: ...


@dataclass(frozen=True, slots=True)
class ExportOptions:
    redact_personal: bool = False
    bom: bool = False  # csv: start each file with a UTF-8 byte-order mark (Excel)
    escape_formulas: bool = False  # csv: text starting like a formula gets an apostrophe


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    purpose: str
    needs_file: bool  # False: prints to stdout without -o
    open: Callable[[Path | None, ExportOptions], Writer]


def _needs(output: Path | None) -> Path:
    if output is None:
        raise ValueError("this format needs an output path (-o)")
    return output


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "jsonl",
            "one entity per line, typed; for pandas, DuckDB, warehouse loaders",
            False,
            lambda out, opts: JsonlWriter(out),
        ),
        Format(
            "csv",
            "one tidy table per entity type, in a folder or a .zip; for spreadsheets and BI",
            True,
            lambda out, opts: CsvWriter(
                _needs(out), bom=opts.bom, escape_formulas=opts.escape_formulas
            ),
        ),
        Format(
            "xlsx",
            "the HR workbook: roles x competencies matrix, descriptors, statements, name review",
            True,
            lambda out, opts: WorkbookWriter(_needs(out)),
        ),
        Format(
            "json",
            "the combined dataset as one JSON document; for tools that read one file",
            False,
            lambda out, opts: CombinedWriter(out),
        ),
    )
}


@dataclass
class ExportReport:
    """What an export did: documents written, lines per type, files that failed."""

    documents: int = 0
    lines: Counter[str] = field(default_factory=Counter)
    failed: list[Failed] = field(default_factory=list)


def export(
    format_name: str,
    items: Iterable[Item],
    output: Path | None = None,
    options: ExportOptions | None = None,
) -> ExportReport:
    """Write every item's entities in ``format_name``; the file appears complete or not at
    all (stdout streams)."""
    options = options or ExportOptions()
    writer = FORMATS[format_name].open(output, options)
    report = ExportReport()
    try:
        for item in items:
            for entity_type, data in _lines(item, options, report):
                writer.add(entity_type, data)
                report.lines[entity_type] += 1
    except BaseException:
        writer.discard()
        raise
    writer.close()
    return report


def _lines(
    item: Item, options: ExportOptions, report: ExportReport
) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(item, Failed):
        return [_error(item, report)]
    try:
        lines = [
            _line(entity, options)
            for entity in entities(item.document, dataset_roles=item.dataset_roles)
        ]
    except Exception as exc:  # a bug meeting odd content: report it, export the rest
        failed = Failed(item.path, IssueCode.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
        return [_error(failed, report)]
    report.documents += 1
    return lines


def _line(entity: Model, options: ExportOptions) -> tuple[str, dict[str, Any]]:
    return getattr(entity, "type"), dump(entity, options.redact_personal)  # noqa: B009


def _error(failed: Failed, report: ExportReport) -> tuple[str, dict[str, Any]]:
    report.failed.append(failed)
    line = ErrorLine(
        id=entity_id("", "error", failed.path),
        path=failed.path,
        code=failed.code,
        message=failed.message,
    )
    return "error", dump(line)
