"""The wheel must contain every folder with Python code, mapped under `roleframe`."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE_ROOTS = ("schema", "parsers", "normalise", "ingest")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_every_code_folder_is_a_listed_package() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    for top in CODE_ROOTS:
        for folder in [ROOT / top, *(p for p in (ROOT / top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or not any(folder.glob("*.py")):
                continue
            dotted = "roleframe." + ".".join(folder.relative_to(ROOT).parts)
            assert dotted in listed, f"{folder.relative_to(ROOT)} is missing from packages"
            assert (folder / "__init__.py").exists(), f"{folder} has no __init__.py"


def test_no_top_level_module_collides_with_pypi_names() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]
    for name in setuptools["packages"]:
        assert name.startswith("roleframe."), name
    assert set(setuptools["package-dir"]) == {f"roleframe.{t}" for t in CODE_ROOTS}


# schema imports nothing from the project; parsers imports schema; normalise imports schema
# (and from parsers only the layout model and the shared delimited-text decoder/sniffer);
# ingest wires them together.
NORMALISE_MAY_USE = {"roleframe.parsers.layout", "roleframe.parsers.delimited"}
ALLOWED = {
    "schema": {"schema"},
    "parsers": {"schema", "parsers"},
    "normalise": {"schema", "normalise", "parsers"},
    "ingest": {"schema", "parsers", "normalise", "ingest"},
}


def test_layering() -> None:
    for top, allowed in ALLOWED.items():
        for path in (ROOT / top).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    modules = [node.module]
                elif isinstance(node, ast.Import):
                    modules = [a.name for a in node.names]
                else:
                    continue
                for module in modules:
                    parts = module.split(".")
                    if parts[0] != "roleframe" or len(parts) < 2:
                        continue
                    assert parts[1] in allowed, f"{path.relative_to(ROOT)} imports {module}"
                    if top == "normalise" and parts[1] == "parsers":
                        assert module in NORMALISE_MAY_USE, (
                            f"{path.relative_to(ROOT)}: normalise may use only the layout model "
                            "and the delimited-text helpers"
                        )
