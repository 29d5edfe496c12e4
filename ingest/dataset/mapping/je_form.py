"""JE form -> the post evaluated and its comparator post, their fields, factors and levels.

The comparator is a role too: the form states its JE grade and its level in every factor.
Fields the schema marks personal (postholder, people to notify, signatures) are not loaded.
"""

from __future__ import annotations

from roleframe.ingest.dataset.facts import Facts, Mention, Name, Ref, Row, at
from roleframe.ingest.export import is_personal
from roleframe.schema.base import Model
from roleframe.schema.document import Document
from roleframe.schema.je_form import ComparatorPost, Factor, FormValue, JEForm, LevelValue

POST = Ref("role_mentions", ("je_post", 0))
COMPARATOR = Ref("role_mentions", ("je_comparator", 0))


def facts(document: Document) -> Facts:
    form = document.content
    assert isinstance(form, JEForm)
    mentions: list[Mention] = []
    rows: list[Row] = []
    post_title = _value(form.post.job_title) or document.title
    if post_title:
        mentions.append(_post(document, form, post_title))
        rows += _fields(POST, "post", [*_form_values(form.post), *form.post.other_fields])
    comparator = form.comparator
    comparator_title = _value(comparator.job_title) if comparator else None
    if comparator is not None and comparator_title:
        mentions.append(_comparator(comparator, comparator_title))
        rows += _fields(
            COMPARATOR, "comparator", [*_form_values(comparator), *comparator.other_fields]
        )
    for i, factor in enumerate(form.factors):
        rows.append(
            Row(
                "je_factors",
                (i,),
                {"position": i, "evidence": "\n".join(s.text for s in factor.evidence) or None},
                {"competency_id": Name("factors", factor.name)},
                at(factor.where),
            )
        )
        for basis, role, level, score in _levels(factor, bool(post_title), bool(comparator_title)):
            rows.append(
                Row(
                    "je_levels",
                    (i, basis),
                    {
                        "basis": basis,
                        "level": level.value,
                        "raw": level.raw,
                        "score": score.raw if score is not None and score.raw else None,
                    },
                    {"je_factor_id": Ref("je_factors", (i,)), "role_mention_id": role},
                    at(level.where) + at(score.where if score else None, "score"),
                )
            )
    return Facts(series_title=post_title, mentions=mentions, rows=rows)


def _post(document: Document, form: JEForm, title: str) -> Mention:
    post = form.post
    job_title = post.job_title
    return Mention(
        key=("je_post", 0),
        relation="je_post",
        title=title,
        grade=_value(form.je_grade),
        service=_value(post.service) or document.service,
        team=_value(post.directorate),
        post_numbers=_value(post.post_reference) or _value(post.position_no),
        where=at(job_title.where if job_title else None)
        + at(form.je_grade.where if form.je_grade and form.je_grade.value else None, "grade"),
    )


def _comparator(comparator: ComparatorPost, title: str) -> Mention:
    grade = comparator.je_grade_raw
    return Mention(
        key=("je_comparator", 0),
        relation="je_comparator",
        title=title,
        grade=_value(grade),
        team=_value(comparator.directorate),
        post_numbers=_value(comparator.post_reference),
        where=at(comparator.job_title.where if comparator.job_title else None)
        + at(grade.where if grade else None, "grade"),
    )


def _levels(
    factor: Factor, has_post: bool, has_comparator: bool
) -> list[tuple[str, Ref, LevelValue, LevelValue | None]]:
    """(basis, post, level, score) for every level cell that holds something."""
    found: list[tuple[str, Ref, LevelValue, LevelValue | None]] = []
    if has_comparator and factor.comparator_level is not None:
        found.append(("comparator", COMPARATOR, factor.comparator_level, factor.comparator_score))
    if has_post and factor.proposed_level is not None:
        found.append(("proposed", POST, factor.proposed_level, factor.proposed_score))
    if has_post and factor.agreed_level is not None:
        found.append(("agreed", POST, factor.agreed_level, factor.agreed_score))
    return [item for item in found if item[2].raw or item[2].value is not None]


def _form_values(model: Model) -> list[FormValue]:
    """The labelled fields of the post or comparator block, personal ones left out."""
    values: list[FormValue] = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, FormValue) and not is_personal(field):
            values.append(value)
    return values


def _fields(role: Ref, prefix: str, values: list[FormValue]) -> list[Row]:
    return [
        Row(
            "profile_fields",
            (prefix, i),
            {"position": i, "label": value.label, "value": value.value},
            {"role_mention_id": role},
            at(value.where),
        )
        for i, value in enumerate(values)
    ]


def _value(field: FormValue | None) -> str | None:
    return field.value if field is not None else None
