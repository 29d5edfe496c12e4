"""Run the pipeline over many inputs: discover, build each document, write, report.

Errors are data: a file that cannot be read becomes a failed row with a stable code and the
batch goes on. ``debug`` lets the exception through for developers.
"""

from __future__ import annotations

import glob
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json, write_atomic
from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import DEFAULT_LIMITS, Limits
from roleframe.schema import DocumentKind, IssueCode
from roleframe.schema.report import BatchReport, FileStatus, ReportRow

REPORT_NAME = "report.json"


@dataclass(frozen=True)
class IngestOptions:
    output: Path = Path("output")
    kind: DocumentKind | None = None
    jobs: int = 1
    force: bool = False
    debug: bool = False
    redact_personal: bool = False
    limits: Limits = DEFAULT_LIMITS
    on_result: Callable[[ReportRow], None] | None = field(default=None, compare=False)


def discover(paths: Sequence[str]) -> Iterator[Path]:
    """Files as given, folders recursively, globs expanded; sorted within each argument."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        elif path.exists():
            yield path
        else:
            yield from sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())


def output_name(path: Path, data_format: str) -> str:
    return f"{path.stem}.{data_format}.json"


def ingest_one(path: Path, options: IngestOptions) -> ReportRow:
    started = time.perf_counter()
    try:
        data = path.read_bytes()
        document = build_document(data, path.name, options.kind, options.limits)
    except ReadError as exc:
        if options.debug:
            raise
        return ReportRow(
            path=str(path),
            status=FileStatus.FAILED,
            code=exc.code,
            message=exc.message,
            seconds=time.perf_counter() - started,
        )
    except OSError as exc:
        if options.debug:
            raise
        return ReportRow(
            path=str(path),
            status=FileStatus.FAILED,
            code=IssueCode.UNREADABLE_PATH,
            message=f"The file cannot be read: {exc.strerror or exc}.",
        )
    except Exception as exc:  # the per-file boundary: one bad file never stops the batch
        if options.debug:
            raise
        return ReportRow(
            path=str(path),
            status=FileStatus.FAILED,
            code=IssueCode.INTERNAL_ERROR,
            message=f"roleframe failed on this file ({type(exc).__name__}: {exc}); "
            "run with --debug for the traceback.",
            sha256=hashlib.sha256(data).hexdigest() if "data" in locals() else None,
            seconds=time.perf_counter() - started,
        )
    name = output_name(path, document.source.format.value)
    write_atomic(options.output / name, to_json(document, redact_personal=options.redact_personal))
    return ReportRow(
        path=str(path),
        status=FileStatus.OK,
        output=name,
        format=document.source.format,
        kind=document.kind,
        sha256=document.source.sha256,
        warnings=len(document.warnings),
        warning_codes=sorted({w.code.value for w in document.warnings}),
        seconds=time.perf_counter() - started,
    )


def run(paths: Sequence[str], options: IngestOptions) -> BatchReport:
    rows: list[ReportRow] = []
    for path in discover(paths):
        row = ingest_one(path, options)
        rows.append(row)
        if options.on_result:
            options.on_result(row)
    report = BatchReport(rows=rows)
    write_atomic(options.output / REPORT_NAME, to_json(report))
    return report
