"""Shared fixtures and the --update-golden switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED_DOCS = SHARED / "seed-docs"
EXPECTED = SEED_DOCS / "expected"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite golden files from the current output (refused when CI is set).",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    wanted = bool(request.config.getoption("--update-golden"))
    if wanted and os.environ.get("CI"):
        raise pytest.UsageError("--update-golden is refused in CI: golden files are reviewed.")
    return wanted


needs_shared = pytest.mark.skipif(
    not EXPECTED.is_dir(), reason="../shared/seed-docs is not beside the checkout"
)
