"""Shared fixtures and the --update-golden switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline in property tests: a deadline is a timing assertion, and on a loaded
# CI machine it fails correct code (test_row_pairs_partition_a_row_by_position took 276 ms once,
# over the 200 ms default). Speed lives in benchmarks/, not in tests.
settings.register_profile("roleframe", deadline=None)
settings.load_profile("roleframe")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
# ../shared beside the checkout; ROLEFRAME_SHARED points elsewhere (tests of this guard)
SHARED = Path(os.environ.get("ROLEFRAME_SHARED") or ROOT.parent / "shared")
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


# The acceptance tests compare against ../shared (the user's seed documents, expected
# outputs and standards). A developer without it sees them skipped; CI (the CI variable set)
# must never pass by skipping them, so there they run and fail loudly instead.
IN_CI = bool(os.environ.get("CI"))
needs_shared = pytest.mark.skipif(
    not EXPECTED.is_dir() and not IN_CI, reason="../shared/seed-docs is not beside the checkout"
)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under CI, a missing ../shared stops the run before any test (a green run that
    skipped the acceptance tests would prove nothing)."""
    if IN_CI and not EXPECTED.is_dir():
        raise pytest.UsageError(
            f"CI is set but {SHARED} (../shared/seed-docs/expected) is missing: the "
            "acceptance tests cannot run. Put the shared folder beside the checkout."
        )
