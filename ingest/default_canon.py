"""The shipped default registry (``normalise/data/canon.json``), built from the seed documents.

Built the way a user builds one: ``roleframe canon build`` on the seed *documents* in
``samples/`` (never on their ground truth, which would make every seed name match exactly by
construction). Reproducible, same inputs, same bytes; ``tests/test_canon_registry.py`` fails
when the shipped file drifts from what the extractors now give. To rebuild::

    python -m roleframe.ingest.default_canon samples normalise/data/canon.json

which is the same as::

    roleframe canon build samples/000_skills_matrix.tsv samples/003_competency_framework.docx \\
        samples/002_je13_factor_matching_form.docx \\
        samples/004_career_progression_framework.docx \\
        --name roleframe-default --description "$(python -c \\
        'from roleframe.ingest.default_canon import DESCRIPTION; print(DESCRIPTION)')" \\
        -o normalise/data/canon.json
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from roleframe.ingest.build import build_document
from roleframe.normalise.build import Proposal, build_registry, proposals_from_document
from roleframe.normalise.registry import DEFAULT_NAME, dumps
from roleframe.schema.canon import Registry
from roleframe.schema.files import write_atomic

# One rendition per seed is enough: the renditions carry the same content. The role profile
# names no competencies; the progression framework's row labels give the requirement
# categories.
SEED_FILES = (
    "000_skills_matrix.tsv",
    "003_competency_framework.docx",
    "002_je13_factor_matching_form.docx",
    "004_career_progression_framework.docx",
)
DESCRIPTION = (
    "Default roleframe registry, built by `roleframe canon build` from the seed documents: "
    "the Housing Operations skills matrix competencies with their level descriptors, the "
    "Crown Simmons core and professional competencies, the Dorset JE13 factor list and the "
    "Medway requirement categories."
)


def proposals_from_files(paths: Sequence[Path]) -> list[Proposal]:
    """What ``canon build`` reads from source documents: each file ingested, its content's
    competencies, factors and categories proposed (raises ``ReadError`` on a bad file)."""
    out: list[Proposal] = []
    for path in paths:
        doc = build_document(path.read_bytes(), path.name)
        out += proposals_from_document(doc.model_dump(mode="json"), path.name)
    return out


def build_default(samples: Path) -> Registry:
    paths = [samples / name for name in SEED_FILES]
    return build_registry(
        proposals_from_files(paths), DEFAULT_NAME, DESCRIPTION, files=[p.name for p in paths]
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    write_atomic(args[1], dumps(build_default(Path(args[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
