"""Facts of a role profile.

- fields: (slot, value) for title, job_family, pay_scale, reports_to, responsible_for.
- purpose: (statement,) of the purpose section.
- accountabilities: (statement,) of every accountability, all sections.
- person_spec: (criterion, essential|desirable|"").
"""

from __future__ import annotations

from foreign.facts_common import Facts, t
from roleframe.schema.role_profile import RoleProfile

FIELDS = ("fields", "purpose", "accountabilities", "person_spec")
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
    }
