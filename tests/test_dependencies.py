"""What the package imports is what it declares, and CI tests the floors it declares."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT
from packaging.version import Version

PACKAGES = ("schema", "parsers", "normalise", "ingest")


def _name(requirement: str) -> str:
    """PEP 503 normalised distribution name of a requirement string."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _floors(requirements: list[str]) -> dict[str, Version]:
    floors: dict[str, Version] = {}
    for requirement in requirements:
        match = re.search(r">=\s*([^,;\s]+)", requirement)
        assert match, f"{requirement}: every dependency declares its floor (>=)"
        floors[_name(requirement)] = Version(match.group(1))
    return floors


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _imported_modules() -> set[str]:
    """Top-level third-party modules the installed packages import (tests and tools aside)."""
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "roleframe"}


def test_dependency_floors_are_wrong_undeclared_imports() -> None:
    """Regression: lxml and pdfminer were imported but only arrived through python-docx and
    pdfplumber, so nothing bounded their versions."""
    declared = set(_floors(_project()["dependencies"]))
    distributions = packages_distributions()
    for module in sorted(_imported_modules()):
        names = {_name(d) for d in distributions.get(module, [])}
        assert names & declared, (
            f"{module} is imported but {names or 'its package'} is not declared"
        )


def test_dependency_floors_are_wrong_ci_pins_exactly_the_floors() -> None:
    """Regression: the floors were never installed anywhere (pdfplumber 0.11.0 lacks a module
    we import, pydantic 2.6 renders another JSON Schema). .ci/floors.txt pins every declared
    floor, and .ci/run installs it and runs the suite, then ends with the README's command."""
    project = _project()
    wanted = _floors(project["dependencies"] + project["optional-dependencies"]["dev"])
    pinned: dict[str, Version] = {}
    for line in (ROOT / ".ci" / "floors.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[_name(name)] = Version(version)
    assert pinned == wanted
    steps = [s for s in (ROOT / ".ci" / "run").read_text().splitlines() if s and s[0] != "#"]
    readme = (ROOT / "README.md").read_text()
    last = steps[-1]
    assert "pytest" in last and f"\n{last}\n" in readme  # CI ends with the README's command
    assert any("-c .ci/floors.txt" in s for s in steps[:-1])
