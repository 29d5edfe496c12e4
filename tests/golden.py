"""Golden-file comparison: full JSON output against a reviewed file, as a visible diff."""

from __future__ import annotations

import difflib
from pathlib import Path


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare ``actual`` with the golden file; rewrite it instead when ``update`` is set."""
    if update or not path.exists():
        if not update:
            raise AssertionError(
                f"golden file {path.name} is missing; run pytest --update-golden and review it"
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{path.name}",
                tofile="actual",
                n=2,
            )
        )
        raise AssertionError(f"output differs from golden {path.name}:\n{diff[:6000]}")
