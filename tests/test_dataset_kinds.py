"""What the newer extractors read reaches the shared dataset: a role profile's competency
table becomes the role's requirements (on its card and in `role_requirements`), and a
progression band keeps its grade."""

from __future__ import annotations

from pathlib import Path

from dataset_support import query

from roleframe.ingest.cli import main
from roleframe.ingest.dataset.read import role_card

FOREIGN = Path(__file__).resolve().parent / "fixtures" / "foreign"


def _load(tmp_path: Path, *files: Path) -> Path:
    db = tmp_path / "r.db"
    args = ["load", *map(str, files), "--db", str(db), "-o", str(tmp_path / "out"), "-q"]
    assert main(args) == 0
    return db


def test_a_role_profiles_competencies_are_the_roles_requirements(tmp_path: Path) -> None:
    db = _load(tmp_path, FOREIGN / "role_profile" / "rpf01_behaviour_levels.docx")
    rows = query(
        db,
        "SELECT subject, detail FROM role_requirements WHERE source = 'role_profile' "
        "ORDER BY row_id",
    )
    assert ("Working together", "Working") in rows and ("Customer focus", "Advanced") in rows
    card = role_card("Procurement and Contracts Officer", db)
    required = {(ln.label, ln.value) for ln in card.lines if ln.section == "requirement"}
    assert ("Customer focus", "Advanced") in required


def test_a_progression_band_keeps_its_grade(tmp_path: Path) -> None:
    db = _load(tmp_path, FOREIGN / "progression_framework" / "stages_as_sections.docx")
    grades = query(db, "SELECT label, grade FROM progression_bands ORDER BY label")
    assert ("Stage 2 – Practitioner (Grade 8)", "Grade 8") in grades
