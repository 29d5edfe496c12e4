"""Seed documents as document JSON for the dataset tests, built once per session.

The PDFs of 003/004 take seconds each to read, so tests load the renditions they need:
the matrix as .xlsx, .tsv and .docx, the role profile as .docx and .pdf, the JE form as .docx.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from roleframe.ingest.build import build_document
from roleframe.ingest.export import to_json

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = (
    "000_skills_matrix.xlsx",
    "000_skills_matrix.tsv",
    "000_skills_matrix.docx",
    "001_role_profile.docx",
    "001_role_profile.pdf",
    "002_je13_factor_matching_form.docx",
    "003_competency_framework.docx",
    "004_career_progression_framework.docx",
)


def build_json(folder: Path, names: tuple[str, ...] = SEEDS) -> dict[str, Path]:
    """Ingest each sample into ``folder/<name>.json``; returns name -> JSON path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name in names:
        source = SAMPLES / name
        document = build_document(source.read_bytes(), name)
        path = folder / f"{name}.json"
        path.write_text(to_json(document), encoding="utf-8")
        out[name] = path
    return out


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, args).fetchall()


def dump(db: Path) -> list[str]:
    """Every statement that recreates the database: equal dumps, equal databases."""
    with closing(sqlite3.connect(db)) as conn:
        return list(conn.iterdump())
