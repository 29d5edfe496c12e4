"""Names a document offers as context for its own truncated names."""

from __future__ import annotations

from roleframe.schema.document import Content
from roleframe.schema.skills_matrix import SkillsMatrix


def context_names(content: Content) -> list[str]:
    """Full names written elsewhere in the same document: a skills matrix's descriptor table
    (and any name its extractor already resolved) completes a cut header such as
    `Financial n`. Other kinds write each name once, so they offer none."""
    if isinstance(content, SkillsMatrix):
        found = [d.competency for d in content.descriptors]
        found += [c.resolved_name for c in content.competencies if c.resolved_name]
        return list(dict.fromkeys(found))
    return []
