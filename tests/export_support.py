"""An output folder for the export tests, made from the reviewed golden documents.

The goldens are full Document JSON of the samples and fixtures (every kind, matrices in four
formats, a filled JE form with personal fields), so the export tests need no parsing.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from roleframe.ingest.exports.run import ExportOptions, ExportReport, export
from roleframe.ingest.exports.sources import read_path

GOLDEN = Path(__file__).resolve().parent / "golden"
DOCUMENTS = (
    "000_skills_matrix.docx.json",
    "000_skills_matrix.pdf.json",
    "000_skills_matrix.tsv.json",
    "000_skills_matrix.xlsx.json",
    "001_role_profile.docx.json",
    "002_je13_factor_matching_form.docx.json",
    "003_competency_framework.docx.json",
    "004_career_progression_framework.docx.json",
    "je_filled_form.docx.json",
    "rp_headings_person_spec.docx.json",
    "matrix_v2_level_words.xlsx.json",
    "matrix_v11_semicolon_cp1252.csv.json",  # names left to review, with candidates
)
MATRICES = DOCUMENTS[:4]


def output_folder(folder: Path, names: tuple[str, ...] = DOCUMENTS) -> Path:
    """A folder as `roleframe ingest` leaves it: documents and a report.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes((GOLDEN / name).read_bytes())
    (folder / "report.json").write_text('{"rows": [], "complete": true}\n', encoding="utf-8")
    return folder


def run(format_name: str, source: Path, output: Path | None, **options: bool) -> ExportReport:
    return export(format_name, read_path(source), output, ExportOptions(**options))


def jsonl_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every table of a CSV export (folder or zip): type -> rows, header first."""
    texts: dict[str, str] = {}
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                texts[name] = archive.read(name).decode("utf-8-sig")
    else:
        for file in path.glob("*.csv"):
            texts[file.name] = file.read_text(encoding="utf-8-sig")
    return {
        name.removesuffix(".csv"): list(csv.reader(io.StringIO(text, newline="")))
        for name, text in texts.items()
    }


def all_bytes(path: Path) -> bytes:
    """Everything a file or folder holds, zip members unpacked (xlsx is a zip too)."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    out = b""
    for file in files:
        data = file.read_bytes()
        if zipfile.is_zipfile(file):
            with zipfile.ZipFile(file) as archive:
                data += b"".join(archive.read(name) for name in sorted(archive.namelist()))
        out += data
    return out
