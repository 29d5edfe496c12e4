"""Export a competency framework as a 1EdTech CASE 1.1 package (CFPackage JSON).

CASE is what competency-framework servers (OpenSALT and others) import, so a framework read
from a council's Word or PDF file can be published to them as it stands. The package tree is
document → competency → level → sub-area (where named) → behaviour statement, linked by
``isChildOf`` associations in source order. Identifiers are uuid5 from the document id and
each node's path, so re-exporting the same document gives the same identifiers (CASE: never
change an identifier once published).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from roleframe.schema.competency_framework import CompetencyFramework
from roleframe.schema.document import Document
from roleframe.schema.ids import stable_id

URI_BASE = "urn:roleframe:case:"


class NotAFramework(ValueError):
    """Only competency frameworks map onto CASE's document/item tree."""


@dataclass
class _Package:
    document_id: str
    changed: str
    items: list[dict[str, Any]] = field(default_factory=list)
    associations: list[dict[str, Any]] = field(default_factory=list)
    sequence: int = 0

    def node_id(self, *path: object) -> str:
        return stable_id("case", self.document_id, *path)

    def item(self, node: str, statement: str, item_type: str, **extra: str) -> dict[str, str]:
        entry = {
            "identifier": node,
            "uri": f"{URI_BASE}{node}",
            "fullStatement": statement,
            "CFItemType": item_type,
            "lastChangeDateTime": self.changed,
            **{k: v for k, v in extra.items() if v},
        }
        self.items.append(entry)
        return {"identifier": node, "uri": entry["uri"], "title": statement[:60]}

    def child_of(self, child: dict[str, str], parent: dict[str, str]) -> None:
        self.sequence += 1
        identifier = stable_id("case-association", child["identifier"], parent["identifier"])
        self.associations.append(
            {
                "identifier": identifier,
                "uri": f"{URI_BASE}{identifier}",
                "associationType": "isChildOf",
                "sequenceNumber": self.sequence,
                "originNodeURI": child,
                "destinationNodeURI": parent,
                "lastChangeDateTime": self.changed,
            }
        )


def case_package(document: Document, changed: datetime | None = None) -> dict[str, Any]:
    """The CFPackage for a competency-framework document.

    ``changed`` becomes every node's ``lastChangeDateTime``; pass a fixed value for
    reproducible exports (the default is now, as the export is an event, not the dataset).
    """
    framework = document.content
    if not isinstance(framework, CompetencyFramework):
        raise NotAFramework(
            f"{document.source.filename} is a {document.kind.value}; only competency frameworks "
            "export to CASE."
        )
    stamp = (changed or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    package = _Package(document.id, stamp.isoformat().replace("+00:00", "Z"))
    title = framework.title or document.title or document.source.filename
    root = {"identifier": document.id, "uri": f"{URI_BASE}{document.id}", "title": title}
    for c_index, competency in enumerate(framework.competencies):
        comp = package.item(
            package.node_id("competency", competency.name),
            competency.name
            if not competency.description
            else f"{competency.name} – {competency.description}",
            "Competency",
            abbreviatedStatement=competency.name,
            humanCodingScheme=f"C{c_index + 1}",
            notes="; ".join(
                part
                for part in (
                    competency.category,
                    competency.section,
                    competency.qualifier,
                )
                if part
            ),
        )
        package.child_of(comp, root)
        for level in competency.levels:
            level_name = level.label or f"Level {level.level}"
            lvl = package.item(
                package.node_id("level", competency.name, level.level, level_name),
                f"{competency.name}: {level_name}",
                "Level",
                abbreviatedStatement=level_name,
                humanCodingScheme=f"C{c_index + 1}.L{level.level}",
                notes=" ".join(t.text for t in level.intro),
            )
            package.child_of(lvl, comp)
            for s_index, sub in enumerate(level.sub_areas):
                parent = lvl
                if sub.name:
                    parent = package.item(
                        package.node_id(
                            "sub-area", competency.name, level.level, sub.name, s_index
                        ),
                        sub.name,
                        "Sub-area",
                    )
                    package.child_of(parent, lvl)
                for t_index, statement in enumerate(sub.statements):
                    node = package.item(
                        package.node_id(
                            "statement", competency.name, level.level, s_index, t_index
                        ),
                        statement.text,
                        "Behaviour",
                    )
                    package.child_of(node, parent)
    cf_document: dict[str, Any] = {
        "identifier": document.id,
        "uri": root["uri"],
        "creator": framework.organisation or document.organisation or "unknown",
        "title": title,
        "lastChangeDateTime": package.changed,
        "caseVersion": "1.1",
        "frameworkType": "Competency framework",
        "language": "en",
        "notes": f"Extracted by roleframe from {document.source.filename} "
        f"(sha256 {document.source.sha256}).",
    }
    if framework.organisation:
        cf_document["publisher"] = framework.organisation
    return {
        "CFDocument": cf_document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
    }
