"""Progress display: a rich bar on a terminal, silence when piped (scripts see clean output)."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from roleframe.schema.report import FileStatus, ReportRow


class Progress:
    """Counts inputs as they finish; the total is unknown until discovery ends, so the bar
    pulses until then."""

    def __init__(self, enabled: bool = True, verbose: bool = False) -> None:
        self.console = Console(stderr=True)
        self.verbose = verbose and enabled
        self.bar: RichProgress | None = None
        if enabled and self.console.is_terminal:
            self.bar = RichProgress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=self.console,
                transient=True,
            )
        self._task: TaskID | None = None

    def __enter__(self) -> Progress:
        if self.bar is not None:
            self.bar.__enter__()
            self._task = self.bar.add_task("", total=None)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.__exit__(exc_type, exc, tb)

    def advance(self, row: ReportRow) -> None:
        if self.bar is not None and self._task is not None:
            self.bar.update(self._task, advance=1, description=row.path[-50:])
        if self.verbose:
            mark = {FileStatus.OK: "ok", FileStatus.FAILED: "FAILED", FileStatus.SKIPPED: "skip"}
            detail = row.output if row.status == FileStatus.OK else f"[{row.code}] {row.message}"
            print(f"{mark[row.status]:6} {row.path} {detail or ''}", file=sys.stderr)
