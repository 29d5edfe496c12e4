"""Bands as sections: a heading per band, its requirements in the paragraphs below it.

Some councils print a role's bands as sections instead of table columns:

    Stage 2 – Practitioner (Grade 8)          <- band heading (a heading or a bold line)
    Knowledge and understanding               <- category label: a short bold/underlined line
      • Sound working knowledge of …          <- statements: list items (or plain lines)
    Skills and abilities
      • …
    How to progress                           <- guidance label: progression cue words
    Move to Stage 3 after …                   <- guidance, not a statement

Cues: a band heading parses as a band label (``progression_bands``) and is either worded
(`Stage 2`), prints a grade, or is followed by a category label or a table; a category
label is a short upright bold, underlined or colon-ended line; guidance is text (or a label)
with progression cue words (`progress`, `next stage`, `move to`), or anything under a
guidance label. A `category | statements` table under a band heading holds its categories.
"""

from __future__ import annotations

import re

from roleframe.parsers.kinds.framework_common import bold_lead, is_bold, word_count
from roleframe.parsers.kinds.progression_bands import BandLabel, parse_band_label
from roleframe.parsers.kinds.progression_tables import (
    GUIDANCE,
    UNLABELLED,
    BandBuild,
    category_key,
    label_text,
    statement,
    statements,
)
from roleframe.parsers.layout import Block, Paragraph, Table
from roleframe.schema.progression_framework import CategoryRequirements, LabelStyle, Text

_MAX_LABEL_WORDS = 8  # `What you will be able to do`
_MAX_LEAD_IN_WORDS = 14  # `When you join at Grade 4 you must have:` (ho5_pf02)
_MAX_HEADING_WORDS = 10
_GRADE_MENTION = re.compile(r"\b(?:grade|band|scale|level|stage|step)\s+[A-Z0-9]{1,3}\b", re.I)


def reaches_own_grade(text: str, grade: str | None) -> bool:
    """`To progress from Grade 4 to Grade 5 you must:` under the Grade 5 band: a move whose
    last grade is the band's own states what the band requires, not how to leave it."""
    if not grade:
        return False
    found = _GRADE_MENTION.findall(text)
    return len(found) >= 2 and found[-1].casefold() == grade.casefold()


# `Stage grade: Grade 6`, `Band grade: SO1`: a grade line printed under a band's line
_BAND_GRADE_LINE = re.compile(
    r"^(?:(?:stage|band|step|level|career)\s+)?(?:pay\s+)?grade\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)


def guidance_label(p: Paragraph, grade: str | None = None) -> bool:
    """A label that introduces how-to-progress advice (`How to progress`, `What you need to
    do to progress`): a short bold/underlined/colon line with a progression cue. Under a
    band paid at ``grade``, a lead-in that progresses *to* it is no guidance (ho5_pf02)."""
    if p.is_list_item or word_count(p.text) > _MAX_HEADING_WORDS or p.text.endswith("."):
        return False
    if reaches_own_grade(p.text, grade):
        return False
    styled = is_bold(p) or p.underline or p.text.endswith(":") or _is_heading(p)
    return styled and (bool(GUIDANCE.search(p.text)) or p.text.casefold().startswith("how to"))


def category_label(p: Paragraph) -> str | None:
    """A category label line: short, bold/underlined (a bold-italic line too) or ending in
    a colon, not a list item; italics alone are a note."""
    if p.is_list_item or p.text.endswith("."):
        return None
    # a lead-in sentence ending in a colon labels the list under it (ho5_pf02)
    lead_in = p.text.endswith(":") and word_count(p.text) <= _MAX_LEAD_IN_WORDS
    if word_count(p.text) > _MAX_LABEL_WORDS and not lead_in:
        return None
    if p.italic and not is_bold(p):
        return None
    if is_bold(p) or p.underline or p.text.endswith(":"):
        return label_text(p.text)
    return None


def _sentence(p: Paragraph) -> bool:
    """A plain, upright full sentence (capital first, full stop last)."""
    return (
        not is_bold(p)
        and not p.italic
        and p.text[:1].isupper()
        and p.text.endswith(".")
        and word_count(p.text) >= 6
    )


def _is_heading(p: Paragraph) -> bool:
    return p.heading_level is not None and p.heading_level >= 1


def _requirements_follow(blocks: list[Block], i: int, lookahead: int) -> bool:
    """Whether a table, a category label (a line, or a heading deeper than block i) or a
    list item follows block i, past at most ``lookahead`` plain lines (a preamble)."""
    head = blocks[i]
    level = head.heading_level if isinstance(head, Paragraph) else None
    for k in range(i + 1, min(len(blocks), i + 2 + lookahead)):
        nxt = blocks[k]
        if isinstance(nxt, Table):
            return True
        if _is_heading(nxt):
            # A category heading one level down, its bullets right under it (a competency
            # framework's `Level One` over competency headings has none).
            deeper = level is not None and (nxt.heading_level or 0) > level
            after = blocks[k + 1] if k + 1 < len(blocks) else None
            bullets = isinstance(after, Paragraph) and after.is_list_item
            return deeper and bullets and word_count(nxt.text) <= _MAX_LABEL_WORDS
        if nxt.is_list_item:
            return True
        if category_label(nxt) is not None:
            return parse_band_label(nxt.text) is None
        if is_bold(nxt) or nxt.italic:
            return False
    return False


def band_heading(blocks: list[Block], i: int) -> BandLabel | None:
    """The band a heading or bold line (block i) names, or None. A competency framework's
    `Level One` heading over competency headings is no band: requirements must follow."""
    p = blocks[i]
    if not isinstance(p, Paragraph):
        return None
    # A bilingual label (`Cam 1 – Newydd-ddyfodiad / Step 1 – New Starter (Grade 3)`,
    # ho_pf08) is measured by its longer side.
    words = max(word_count(side) for side in p.text.split(" / "))
    if p.is_list_item or words > _MAX_HEADING_WORDS:
        return None
    if not (_is_heading(p) or is_bold(p) or p.underline):
        return None
    label = parse_band_label(p.text)
    if label is None:
        return None
    # A band word or a grade may have a preamble line before its categories; a bare step
    # word (`Trainee`, `Senior`) is a band only where requirements follow it directly.
    lookahead = 2 if label.worded or label.grade else 0
    return label if _requirements_follow(blocks, i, lookahead) else None


_OUTLINE_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?=\S)")


def outline_depth(text: str) -> int | None:
    """How deep a typed outline number is: `3. Appeals` -> 1, `2.3 Grade 10 …` -> 2."""
    m = _OUTLINE_NUMBER.match(text)
    return m.group(1).count(".") + 1 if m else None


class SectionBand:
    """Reads the paragraphs (and tables) under one band heading."""

    def __init__(self, label: BandLabel, heading: Paragraph) -> None:
        self.band = BandBuild(label, heading.where)
        self.level = heading.heading_level if _is_heading(heading) else None
        self.depth = outline_depth(heading.text)
        self._category: CategoryRequirements | None = None
        self._list_statements = False
        self._guidance = False
        self._from_table = False  # the band's requirements came in a table

    def ends_at(self, p: Paragraph) -> bool:
        """A bold line numbered as deep as the band heading or shallower (`3. Appeals`
        after `2.3 Grade 10 – Senior Surveyor`, ho_pf10) ends the band."""
        if self.depth is None or p.is_list_item or not is_bold(p):
            return False
        depth = outline_depth(p.text)
        return depth is not None and depth <= self.depth

    # -- categories
    def _start(self, label: str | None, style: LabelStyle, p: Paragraph) -> None:
        self._close()
        self._category = CategoryRequirements(
            category=category_key(label or UNLABELLED),
            label=label,
            label_style=style,
            statements=[],
            where=p.where,
        )
        self._list_statements = False
        self._guidance = False

    def _close(self) -> None:
        cat = self._category
        self._category = None
        if cat is None:
            return
        if cat.statements:
            self.band.categories.append(cat)
        elif cat.label and self.band.requirements is None and not self.band.categories:
            # `Requirements at this level:` with nothing under it: the band's preamble.
            self.band.requirements = Text(text=cat.label, where=cat.where)

    def _add(self, p: Paragraph, text: str | None = None) -> None:
        if self._category is None:
            self._start(None, "missing", p)
        assert self._category is not None
        self._category.statements.extend(statements(p, text))

    def _guide(self, p: Paragraph) -> None:
        self._close()
        self._guidance = True
        self.band.guidance.append(statement(p))

    def owns(self, p: Paragraph) -> bool:
        """Whether a heading belongs inside this band (a category heading below it)."""
        return self.level is not None and (p.heading_level or 0) > self.level

    # -- input
    def paragraph(self, p: Paragraph) -> None:
        grade = _BAND_GRADE_LINE.match(p.text)
        if (
            grade
            and self._category is None
            and not self.band.categories
            and self.band.grade is None
            and self.band.label.grade is None
            and word_count(p.text) <= 6
        ):
            # `Stage grade: Grade 6` under the band line (ho6_pf01): the band's grade
            self.band.grade = grade.group("value").strip()
            return
        if guidance_label(p, self.band.label.grade):
            self._close()
            self._guidance = True  # `How to progress`: what follows is guidance
            return
        label = label_text(p.text) if _is_heading(p) else category_label(p)
        if label is not None:
            style: LabelStyle = "underlined" if p.underline and not is_bold(p) else "paragraph"
            self._start(label, style, p)
            return
        lead = bold_lead(p)
        if (
            lead
            and not p.is_list_item
            and word_count(lead) <= _MAX_LABEL_WORDS
            and p.text.startswith(lead)
            and not GUIDANCE.search(lead)
        ):
            # `Knowledge: the rules on …` — a bold lead label inline with its statement.
            self._start(label_text(lead), "inline", p)
            tail = p.text[len(lead) :].strip(" :–—-")
            if tail:
                self._add(p, tail)
            return
        if self._guidance:
            self.band.guidance.append(statement(p))
            return
        if not p.is_list_item and GUIDANCE.search(p.text):
            self._guide(p)
            return
        if self._from_table and self._category is None and not p.is_list_item:
            return  # a report's note after the band's requirements table (`Stages listed: 3`)
        if p.is_list_item:
            self._list_statements = True
            self._add(p)
            return
        if self._list_statements and _sentence(p):
            # a plain sentence after a category's bullets is no bullet of it: advice
            # printed with the band (ho5_pf02: `Trainees follow a … training plan.`)
            self._guide(p)
            return
        if p.italic:
            return  # a note in italics, not a requirement
        if self._category is None and not self.band.categories:
            # A line between the band heading and its first category: the band's preamble.
            if self.band.requirements is None:
                self.band.requirements = Text(text=p.text, where=p.where)
            return
        self._add(p)

    def box(self, table: Table) -> None:
        """A one-column table under the band (a shaded box): its lines read as paragraphs."""
        for cell in table.cells():
            for p in cell.paragraphs:
                if p.text:
                    self.paragraph(p)

    def grade_row(self, table: Table) -> int:
        """How many leading rows of the band's `category | statements` table are its grade:
        a first row `Grade | Grade 7` (ho7_pf03, a web page's definition list) is the
        band's grade, as a `Stage grade: Grade 6` line is, not a category. 0 or 1."""
        if not table.rows or self.band.grade is not None or self.band.label.grade is not None:
            return 0
        cells = [c for c in table.rows[0] if c.text]
        if self.band.categories or len(cells) != 2:
            return 0
        m = _BAND_GRADE_LINE.match(f"{cells[0].text.rstrip(':')}: {cells[1].text}")
        if m is None or word_count(m.group("value")) > 4:
            return 0
        self.band.grade = m.group("value").strip()
        return 1

    def categories(self, found: list[CategoryRequirements]) -> None:
        """Categories read from a `category | statements` table under the heading."""
        self._close()
        self.band.categories.extend(found)
        self._from_table = True

    def finish(self) -> BandBuild | None:
        """The band read, or None when nothing under the heading was a requirement."""
        self._close()
        if not self.band.categories and not self.band.guidance:
            return None
        return self.band
