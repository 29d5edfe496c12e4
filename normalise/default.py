"""Rebuild the shipped default registry (``data/canon.json``) from the seed documents.

The seeds' ground truth (``seed-docs/expected/*.json``) is exactly what a perfect parser
extracts, so building from it gives the same registry ``roleframe canon build`` gives from the
original files, without waiting on every extractor. Reproducible: same inputs, same bytes::

    python -m roleframe.normalise.default ../shared/seed-docs/expected normalise/data/canon.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from roleframe.normalise.build import Proposal, build_registry, proposals_from_document
from roleframe.normalise.registry import DEFAULT_NAME, dumps
from roleframe.schema.canon import Registry

# One rendition per seed is enough: the renditions carry the same content. The role profile
# and the progression framework name no competencies; the progression framework's row labels
# give the requirement categories.
SEED_FILES = (
    "000_skills_matrix.tsv.json",
    "003_competency_framework.docx.json",
    "002_je13_factor_matching_form.docx.json",
    "004_career_progression_framework.docx.json",
)
DESCRIPTION = (
    "Default roleframe registry, built from the seed documents: the Housing Operations skills "
    "matrix competencies with their level descriptors, the Crown Simmons core and professional "
    "competencies, the Dorset JE13 factor list and the Medway requirement categories."
)


def build_default(expected_dir: Path) -> Registry:
    proposals: list[Proposal] = []
    files: list[str] = []
    for name in SEED_FILES:
        doc = json.loads((expected_dir / name).read_text(encoding="utf-8"))
        proposals += proposals_from_document(doc)
        files.append(str(doc.get("source_file") or name))
    return build_registry(proposals, DEFAULT_NAME, DESCRIPTION, files=files)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    Path(args[1]).write_text(dumps(build_default(Path(args[0]))), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
