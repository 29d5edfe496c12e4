"""Facts of a role profile.

- fields: (slot, value) for title, job_family, pay_scale, reports_to, responsible_for.
- purpose: (statement,) of the purpose section.
- accountabilities: (statement,) of every accountability, all sections (a lead-in line such
  as `The post holder will:` is not one).
- person_spec: (criterion, essential|desirable|"").
- assessment: (criterion, method) for each way a criterion is assessed, lower-cased, with
  the document's own codes expanded (`A` -> `application form` when a key says so).
- competencies: (competency or behaviour name, level) for each competency the role
  requires; the level is its number when the document gives one (a digit, `Level 3`, or a
  word its own key numbers), else the level as written (`Working`).
"""

from __future__ import annotations

from foreign.facts_common import Facts, level_text, t
from roleframe.schema.role_profile import RoleProfile

FIELDS = ("fields", "purpose", "accountabilities", "person_spec", "assessment", "competencies")
_SLOTS = ("title", "job_family", "pay_scale", "reports_to", "responsible_for")


def facts(rp: RoleProfile) -> Facts:
    fields = []
    for slot in _SLOTS:
        value = getattr(rp, slot)
        if value is not None and value.value:
            fields.append(t(slot, value.value))
    return {
        "fields": fields,
        "purpose": [t(s.text) for s in rp.purpose.statements] if rp.purpose else [],
        "accountabilities": [
            t(s.text)
            for section in rp.accountability_sections
            for item in section.items
            for s in item.accountability
        ],
        "person_spec": [t(p.text, p.requirement) for p in rp.person_specification],
        "assessment": [
            t(p.text, method.lower()) for p in rp.person_specification for method in p.assessed_by
        ],
        "competencies": [t(c.name, level_text(c.level, c.level_raw)) for c in rp.competencies],
    }
