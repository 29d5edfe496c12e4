"""Map our role-profile and JE-form content onto the shape of ../shared/seed-docs/expected.

The expected files are a reference shape written independently of our model; these views
are the only place that knows both, so a seed comparison is a plain field-by-field diff.
"""

from __future__ import annotations

from typing import Any

from roleframe.schema.je_form import Checkbox, Comment, FormValue, JEForm, LevelValue
from roleframe.schema.role_profile import LabelledValue, RoleProfile, Statement, TextSection

# informational keys of the expected files (what is special about the file, not output)
ENVELOPE = {"schema_version", "source_file", "format", "seed", "doc_type"}
INFORMATIONAL = {"notes", "counts", "layout_hints", "form_fields"}


def _texts(statements: list[Statement]) -> list[str]:
    return [s.text for s in statements]


def _bullets(statements: list[Statement]) -> list[str]:
    return [s.text for s in statements if s.bulleted]


def _val(v: FormValue | LabelledValue | None) -> str | None:
    return v.value if v is not None else None


def _raw(v: FormValue | None) -> str | None:
    if v is None:
        return None
    return v.value if v.value is not None else v.raw


def _lvl(v: LevelValue | None) -> int | None:
    return v.value if v is not None else None


def _section(s: TextSection | None) -> list[str]:
    return _texts(s.statements) if s else []


# our generic section keys -> the seed expected file's names for them
_SEED_SECTION_KEYS = {"requirements": "resourcing"}


def role_profile_view(rp: RoleProfile) -> dict[str, Any]:
    purpose = rp.purpose.statements if rp.purpose else []
    intro = [s.text for s in purpose if not s.bulleted]
    dimensions = rp.dimensions.statements if rp.dimensions else []
    labels: dict[str, str] = {}
    for attr, key in (
        ("knowledge_skills_experience", "kse"),
        ("qualifications", "qualifications"),
        ("nature_of_contacts", "nature_of_contacts"),
        ("procedural_context", "procedural_context"),
        ("dimensions", "key_facts"),
        ("purpose", "purpose"),
    ):
        section = getattr(rp, attr)
        if section is not None:
            labels[key] = section.label
    for other in rp.other_sections:
        # the seed's expected file keys its `Resourcing` heading by the label's own word
        labels.setdefault(_SEED_SECTION_KEYS.get(other.key, other.key), other.label)
    return {
        "title": _val(rp.title),
        "job_family": _val(rp.job_family),
        "competency_level": _val(rp.competency_level),
        "pay_scale": _val(rp.pay_scale),
        "progression_stages": [
            {"stage": s.stage, "description": s.description} for s in rp.progression_stages
        ],
        "purpose": {
            "intro": " ".join(intro) if intro else None,
            "bullets": _bullets(purpose),
        },
        "accountability_sections": [
            {
                "heading": sec.heading,
                "outcomes_heading": sec.outcomes_heading,
                "items": [
                    {
                        "accountability": _texts(item.accountability),
                        "outcomes": _texts(item.outcomes),
                        "outcome_bullets": _bullets(item.outcomes),
                    }
                    for item in sec.items
                ],
            }
            for sec in rp.accountability_sections
        ],
        "nature_of_contacts": _section(rp.nature_of_contacts),
        "procedural_context": _section(rp.procedural_context),
        "key_facts": {
            "reports_to": _val(rp.reports_to),
            "responsible_for": _val(rp.responsible_for),
            "raw": _texts(dimensions),
        },
        "knowledge_skills_experience": _section(rp.knowledge_skills_experience),
        "qualifications": _section(rp.qualifications),
        "disclaimer": " ".join(_texts(rp.notes)) or None,
        "labels": labels,
    }


def _box(boxes: list[Checkbox], *cues: str, exclude: tuple[str, ...] = ()) -> bool | None:
    for b in boxes:
        low = b.label.lower()
        if all(c in low for c in cues) and not any(x in low for x in exclude):
            return b.checked
    return None


_ATTACHMENT_CUES = ("job description", "person spec", "org chart")


def _attachment(boxes: list[Checkbox], cue: str) -> bool | None:
    """The box for one attachment. Where several boxes share one sentence as their label
    (a PDF reader that cannot place boxes in the text), they follow the text's order."""
    for b in boxes:
        low = b.label.lower()
        if "electronic" in low or cue not in low:
            continue
        present = sorted((low.index(c), c) for c in _ATTACHMENT_CUES if c in low)
        if len(present) == 1:
            return b.checked
        sharing = [x for x in boxes if x.label == b.label]
        order = [c for _, c in present].index(cue)
        return sharing[order].checked if order < len(sharing) else None
    return None


def _comment(comments: list[Comment], *cues: str) -> str | None:
    for c in comments:
        if all(x in c.label.lower() for x in cues):
            return "\n".join(_texts(c.statements)) or None
    return None


def je_form_view(je: JEForm) -> dict[str, Any]:
    post, comp = je.post, je.comparator
    signoff = {so.role.lower(): so for so in je.sign_offs}

    def sig(*cues: str) -> dict[str, str | None]:
        for role, so in signoff.items():
            if all(c in role for c in cues):
                return {"signed": _val(so.signed), "date": _val(so.date)}
        return {"signed": None, "date": None}

    applicable = post.applicable_to
    return {
        "form": je.form,
        "form_subtitle": je.subtitle,
        "post_details": {
            "postholders_name": _val(post.postholder_name),
            "position_no": _val(post.position_no),
            "job_title": _val(post.job_title),
            "discrete_post_ref": _val(post.post_reference),
            "lmis_attached": _raw(post.supporting_documents_attached),
            "directorate": _val(post.directorate),
            "service": _val(post.service),
            "reports_to": _val(post.reports_to),
            "effective_date": _val(post.effective_date),
            "effective_date_guidance": _texts(post.effective_date_note),
            "reason_for_evaluation": _texts(post.reason_for_evaluation),
            "applicable_to": {
                "discrete_post_as_a_whole": _box(applicable, "whole"),
                "individual_within_discrete_post": _box(applicable, "individual"),
            },
            "notify_of_result": _val(post.result_recipients),
        },
        "comparator_post": {
            "job_title": _val(comp.job_title) if comp else None,
            "discrete_post_ref": _val(comp.post_reference) if comp else None,
            "directorate": _val(comp.directorate) if comp else None,
            "je_grade": comp.je_grade if comp else None,
            "je_grade_raw": _val(comp.je_grade_raw) if comp else None,
            "reports_to": _val(comp.reports_to) if comp else None,
        },
        "attachments": {
            "job_descriptions": _attachment(je.attachments, "job description"),
            "person_specifications": _attachment(je.attachments, "person spec"),
            "org_chart": _attachment(je.attachments, "org chart"),
            "electronic_versions": _box(je.attachments, "electronic"),
        },
        "factor_columns": je.factor_columns,
        "factors": [
            {
                "factor": f.name,
                "comparator_level": _lvl(f.comparator_level),
                "comparator_score": _lvl(f.comparator_score),
                "proposed_level": _lvl(f.proposed_level),
                "agreed": _lvl(f.agreed_level),
                "evidence": _texts(f.evidence),
                "evidence_bullets": _bullets(f.evidence),
            }
            for f in je.factors
        ],
        "total_score": _val(je.total_score),
        "je_grade": _val(je.je_grade),
        "additional_information": _comment(je.comments, "additional"),
        "line_manager_comments": _comment(je.comments, "line manager"),
        "head_of_service_comments": _comment(je.comments, "head of service"),
        "panel_chair_comments": _comment(je.comments, "chair"),
        "signatures": {
            "line_manager": sig("line manager"),
            "head_of_service": sig("head of service"),
            "panel_members": [m.value for m in je.panel.members] if je.panel else [],
            "panel_chair": _val(je.panel.chair) if je.panel else None,
            "date_of_panel": _val(je.panel.date_of_panel) if je.panel else None,
        },
    }


def diff(view: dict[str, Any], expected: dict[str, Any], path: str = "") -> list[str]:
    """Field-by-field differences of the expected keys (informational keys skipped)."""
    out: list[str] = []
    for key, want in expected.items():
        if not path and (key in ENVELOPE or key in INFORMATIONAL):
            continue
        here = f"{path}.{key}" if path else key
        if key not in view:
            out.append(f"{here}: missing from our view")
            continue
        got = view[key]
        if isinstance(want, dict) and isinstance(got, dict):
            out.extend(diff(got, want, here))
        elif isinstance(want, list) and want and isinstance(want[0], dict):
            got = got if isinstance(got, list) else []
            if len(want) != len(got):
                out.append(f"{here}: {len(got)} items, expected {len(want)}")
            for i, (g, w) in enumerate(zip(got, want, strict=False)):
                out.extend(diff(g, w, f"{here}[{i}]"))
        elif got != want:
            out.append(f"{here}: got {got!r:.200}, expected {want!r:.200}")
    return out
