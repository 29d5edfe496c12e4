"""Skills matrix -> roles (rows), requirements (cells) and level descriptors."""

from __future__ import annotations

from roleframe.ingest.dataset.facts import Facts, Mention, Name, Ref, Row, at
from roleframe.schema.document import Document
from roleframe.schema.skills_matrix import MatrixRole, SkillsMatrix

POST_NUMBER_CUES = ("post", "position")  # attribute headers that hold post numbers


def facts(document: Document) -> Facts:
    matrix = document.content
    assert isinstance(matrix, SkillsMatrix)
    mentions = [_mention(document, i, role) for i, role in enumerate(matrix.roles)]
    row_of = {role.id: i for i, role in enumerate(matrix.roles)}
    rows = [
        Row(
            "requirements",
            (i,),
            {"position": i, "level": cell.level, "raw": cell.raw},
            {
                "role_mention_id": Ref("role_mentions", ("matrix_row", row_of[cell.role_id])),
                "competency_id": Name("competencies", cell.competency),
            },
            at(cell.where),
        )
        for i, cell in enumerate(matrix.requirements)
        if cell.role_id in row_of
    ]
    rows += [
        Row(
            "descriptors",
            (i,),
            {"position": i, "level": descriptor.level, "text": descriptor.text},
            {"competency_id": Name("competencies", descriptor.competency)},
            at(descriptor.where),
        )
        for i, descriptor in enumerate(matrix.descriptors)
    ]
    title = " / ".join(t for t in (document.service, document.title or matrix.title) if t)
    return Facts(series_title=title or None, mentions=mentions, rows=rows)


def _mention(document: Document, index: int, role: MatrixRole) -> Mention:
    return Mention(
        key=("matrix_row", index),
        relation="matrix_row",
        title=role.title,
        grade=role.grade,
        service=document.service,
        team=role.group,
        post_numbers=_post_numbers(role.attributes),
        where=at(role.where) + at(role.grade_where, "grade"),
    )


def _post_numbers(attributes: dict[str, str]) -> str | None:
    """A role attribute column whose header names a post (`Post no.`)."""
    for header, value in attributes.items():
        if any(cue in header.casefold() for cue in POST_NUMBER_CUES) and value:
            return value
    return None
