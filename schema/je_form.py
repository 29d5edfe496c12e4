"""Job evaluation (JE) factor form, and the user-supplied scoring table that prices it.

A form records a post's details, the comparator post it is matched against, attachment
check boxes, one row per factor (comparator level/score, proposed and agreed levels, the
evidence), totals and sign-offs. Unfilled fields are kept as ``value: null`` with the printed
placeholder in ``raw`` (`Yes/No`), so "not given" is distinguishable from "absent".

Fields holding staff names are marked ``json_schema_extra={"personal": True}``; the exporter
nulls every field so marked when asked to (``--redact-personal``).
"""

from typing import Literal

from pydantic import Field
from pydantic.json_schema import JsonDict

from roleframe.schema.base import Model, Provenance
from roleframe.schema.role_profile import Statement

PERSONAL: JsonDict = {"personal": True}


class FormValue(Model):
    """One labelled form field: label as printed, value when given, placeholder kept in raw."""

    label: str = Field(description="The label as printed (colon removed).")
    value: str | None = Field(
        description="The answer as written; null when blank or only a placeholder."
    )
    raw: str | None = Field(
        default=None,
        description="The cell text as printed when it differs from `value` (`Yes/No` "
        "placeholder, guidance text next to an empty date).",
    )
    where: Provenance = Field(description="Where the value (or the empty value cell) sits.")
    label_where: Provenance | None = Field(default=None, description="Where the label sits.")


class Checkbox(Model):
    """A check box with the text that labels it; unchecked (false) is not absent."""

    label: str = Field(description="The text the box belongs to, as written.")
    checked: bool | None = Field(description="Ticked state; null when the file does not say.")
    name: str = Field(default="", description="The form field's name/bookmark, '' when unnamed.")
    where: Provenance = Field(description="Where the box sits.")


class PostDetails(Model):
    """The post being evaluated."""

    postholder_name: FormValue | None = Field(
        default=None, description="Postholder's name.", json_schema_extra=PERSONAL
    )
    position_no: FormValue | None = Field(default=None, description="Position number.")
    job_title: FormValue | None = Field(default=None, description="Job title as written.")
    post_count: int | None = Field(
        default=None, ge=1, description="Number of posts from the title (`(x2)` -> 2)."
    )
    post_reference: FormValue | None = Field(
        default=None,
        description="The post's reference code (`label` keeps the form's wording: `Discrete "
        "post ref`, `Post ref`).",
    )
    supporting_documents_attached: FormValue | None = Field(
        default=None,
        description="The form's yes/no question whether supporting documents are attached "
        "(`label` keeps its wording, e.g. `Are LMI's attached`; `Yes/No` unanswered -> null).",
    )
    directorate: FormValue | None = Field(default=None, description="Directorate.")
    service: FormValue | None = Field(default=None, description="Service.")
    reports_to: FormValue | None = Field(default=None, description="Post it reports to.")
    effective_date: FormValue | None = Field(
        default=None,
        description="Effective date: `value` is a date found in the cell; guidance text "
        "printed in the same cell is in `effective_date_note`.",
    )
    effective_date_note: list[Statement] = Field(
        default_factory=list, description="Guidance/notes printed in the effective date cell."
    )
    reason_for_evaluation: list[Statement] = Field(
        default_factory=list, description="Reason for evaluation, paragraphs kept."
    )
    reason_where: Provenance | None = Field(
        default=None, description="Where the reason label sits."
    )
    applicable_to: list[Checkbox] = Field(
        default_factory=list,
        description="`Applicable to` choices (whole discrete post / an individual …).",
    )
    result_recipients: FormValue | None = Field(
        default=None,
        description="Who is to be told the result (`label` keeps the form's wording).",
        json_schema_extra=PERSONAL,
    )
    other_fields: list[FormValue] = Field(
        default_factory=list, description="Labelled fields not recognised above, as written."
    )


class ComparatorPost(Model):
    """The already-evaluated post the new post is matched against."""

    job_title: FormValue | None = Field(default=None, description="Comparator job title.")
    post_reference: FormValue | None = Field(
        default=None, description="The comparator's reference code (`label` as written)."
    )
    directorate: FormValue | None = Field(default=None, description="Directorate.")
    je_grade: int | None = Field(default=None, description="JE grade as a number, where it is.")
    je_grade_raw: FormValue | None = Field(default=None, description="JE grade as written.")
    reports_to: FormValue | None = Field(default=None, description="Post it reports to.")
    other_fields: list[FormValue] = Field(
        default_factory=list, description="Labelled fields not recognised above, as written."
    )


class LevelValue(Model):
    """A level or score cell: text as written and the number it holds."""

    raw: str = Field(description="Cell text as written ('' when empty).")
    value: int | None = Field(description="The whole number in the cell; null if none.")
    code: str | None = Field(
        default=None,
        description="The level as a letter code (`F`) on schemes that grade by letters, or "
        "a composite Hay-style evaluation as written (`F III 3`, `F4 (50%)`); null when the "
        "level is a number or not given.",
    )
    where: Provenance = Field(description="Where the cell sits.")


class Factor(Model):
    """One factor row of the form."""

    name: str = Field(
        description="Factor name as written, without its numbering (`Factor 3:`, `3.`); "
        "matched by the normaliser."
    )
    number: int | None = Field(
        default=None,
        description="The factor's number on the form (`Factor 3`, a `No.` column), where it "
        "has one.",
    )
    comparator_level: LevelValue | None = Field(
        default=None, description="Level of the comparator post."
    )
    comparator_score: LevelValue | None = Field(
        default=None, description="Score of the comparator post."
    )
    proposed_level: LevelValue | None = Field(default=None, description="Proposed level.")
    proposed_score: LevelValue | None = Field(
        default=None, description="Score of the proposed level, where the form has a column."
    )
    agreed_level: LevelValue | None = Field(default=None, description="Level agreed by the panel.")
    agreed_score: LevelValue | None = Field(
        default=None,
        description="Points of the agreed level, where the form has a column for them (a "
        "lone `Points` column right of the agreed level is the agreed level's points).",
    )
    evidence: list[Statement] = Field(
        default_factory=list, description="Commentary/evidence paragraphs in order."
    )
    definition: list[Statement] = Field(
        default_factory=list,
        description="What the factor measures, where the form prints it with the name (a "
        "plain line under the bold name in its cell).",
    )
    where: Provenance = Field(description="Where the factor name sits.")


class Comment(Model):
    """A free-text comment box (Additional information, Line manager comments …)."""

    label: str = Field(description="The box's label as printed.")
    statements: list[Statement] = Field(description="Its paragraphs; empty when not filled.")
    where: Provenance = Field(description="Where the label sits.")


class SignOff(Model):
    """One signature block: who signs (by role label), signature and date."""

    role: str = Field(
        description="The block it belongs to, from its heading (`Line manager comments`)."
    )
    signed: FormValue | None = Field(
        default=None, description="Signature/name.", json_schema_extra=PERSONAL
    )
    date: FormValue | None = Field(default=None, description="Date signed.")


class Panel(Model):
    """Panel sign-off: members, chair and date of panel."""

    members: list[FormValue] = Field(
        default_factory=list,
        description="Panel members' names given (dotted lines are not names).",
        json_schema_extra=PERSONAL,
    )
    chair: FormValue | None = Field(
        default=None, description="Panel chair.", json_schema_extra=PERSONAL
    )
    date_of_panel: FormValue | None = Field(default=None, description="Date of panel.")


class FactorPoints(Model):
    """Points for one factor level in a scoring table."""

    factor: str = Field(description="Factor name as written in the table.")
    level: int = Field(ge=0, description="Factor level.")
    points: float = Field(description="Points for that level.")


class GradeBand(Model):
    """A grade awarded to totals from `min_points` to `max_points` inclusive."""

    grade: str = Field(description="Grade label (`11`, `Band C`).")
    min_points: float = Field(description="Lowest total in the band, inclusive.")
    max_points: float = Field(description="Highest total in the band, inclusive.")


class ScoringTable(Model):
    """A user-supplied points table (roleframe ships none: schemes' tables are proprietary)."""

    name: str = Field(default="", description="What the table is (file name or given name).")
    points: list[FactorPoints] = Field(description="Factor x level -> points.")
    bands: list[GradeBand] = Field(default_factory=list, description="Grade bands by total.")


class FactorScore(Model):
    factor: str = Field(description="Factor name as written on the form.")
    level: int | None = Field(description="The level that was priced (agreed, else proposed).")
    basis: Literal["agreed", "proposed", "none"] = Field(description="Which level was used.")
    points: float | None = Field(description="Points from the table; null when not found.")


class ComputedScore(Model):
    """Total and grade computed from a scoring table; filled by `apply_scoring`."""

    table: str = Field(description="Name of the scoring table used.")
    factors: list[FactorScore] = Field(description="Points per factor, in form order.")
    total: float | None = Field(description="Sum of points; null when any factor is unpriced.")
    grade: str | None = Field(description="Grade band of the total; null when none fits.")


class JEForm(Model):
    kind: Literal["je_form"] = "je_form"
    form: str | None = Field(default=None, description="Form name as written.")
    form_where: Provenance | None = Field(default=None, description="Where the form name sits.")
    scheme: str | None = Field(
        default=None,
        description="Form/scheme code at the start of the name (`JE13`), where there is one.",
    )
    subtitle: str | None = Field(default=None, description="Line under the form name.")
    subtitle_where: Provenance | None = Field(
        default=None, description="Where the line under the form name sits."
    )
    instructions: list[Statement] = Field(
        default_factory=list, description="Instructions printed outside the form grid."
    )
    post: PostDetails = Field(
        description="Details of the post being evaluated (title, directorate, reason …)."
    )
    comparator: ComparatorPost | None = Field(
        default=None, description="The post identified for factor matching."
    )
    attachments: list[Checkbox] = Field(
        default_factory=list, description="Attachment check boxes (job descriptions, org chart …)."
    )
    factor_columns: list[str] = Field(
        default_factory=list, description="Factor table header cells (lowest header row)."
    )
    factor_header_where: Provenance | None = Field(
        default=None, description="Where the (lowest) factor table header row sits."
    )
    factors: list[Factor] = Field(default_factory=list, description="Factor rows in order.")
    total_score: FormValue | None = Field(
        default=None, description="Total score written on the form (value null when blank)."
    )
    je_grade: FormValue | None = Field(
        default=None, description="JE grade written on the form (value null when blank)."
    )
    comments: list[Comment] = Field(default_factory=list, description="Comment boxes.")
    sign_offs: list[SignOff] = Field(default_factory=list, description="Signature blocks.")
    panel: Panel | None = Field(default=None, description="Panel sign-off, where present.")
    computed: ComputedScore | None = Field(
        default=None, description="Score computed from a user scoring table (`--je-scores`)."
    )
