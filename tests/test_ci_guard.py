"""The acceptance tests need ../shared; a CI run without it must fail, not skip to green."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# one acceptance test (compares a seed with ../shared's expected output)
NODE = "tests/test_role_profile.py::test_seed_matches_expected"


def _pytest(tmp_path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["ROLEFRAME_SHARED"] = str(tmp_path / "no-shared-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", NODE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_shared_the_acceptance_tests_skip_and_the_run_stays_green(
    tmp_path: Path,
) -> None:
    """Regression: without ../shared the acceptance tests skipped and CI stayed green. A
    developer's run still skips them; under CI (the CI variable set) the run fails."""
    local = _pytest(tmp_path, ci=False)
    assert local.returncode == 0, local.stdout + local.stderr
    assert "2 skipped" in local.stdout
    ci = _pytest(tmp_path, ci=True)
    assert ci.returncode != 0
    assert "no-shared-here" in ci.stdout + ci.stderr
    assert "passed" not in ci.stdout
