"""An HR system's key-value lines as the lines a progression framework prints.

Career-grade reports exported from HR systems (iTrent, Civica, Oracle) print each record
as `Label: value` lines: `Post title: Trading Standards Officer`, `Career stage: Stage 1 –
Trainee`, `Stage grade: Grade 6` (ho6_pf01). Word keeps them as paragraphs with a bold
label; the PDF reader, seeing the values aligned at a tab stop, makes them two-column
tables. ``labelled_lines`` turns both into paragraphs and a band field into the bold band
line the section reader knows; the role line (`Post title:`) and grade lines are read as
labelled lines already.
"""

from __future__ import annotations

import dataclasses
import re

from roleframe.parsers.kinds.framework_common import bold_lead, cell_paragraphs, word_count
from roleframe.parsers.layout import Block, Layout, Paragraph, Run, Table
from roleframe.parsers.text import clean

# `Career stage:`, `Progression step:`, `Band:`: the field naming a record's band
_BAND_FIELD = re.compile(
    r"^(?:(?:career|progression|grade)\s+)?(?:stage|step|band|level)(?:\s+(?:title|name))?$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z ]{1,30}):$")


def labelled_lines(layout: Layout) -> Layout:
    """The layout with key-value tables as `Label: value` paragraphs and band fields as
    bold band lines; the same object when there are none."""
    blocks: list[Block] = []
    changed = False
    for block in layout.blocks:
        lines = _key_value_table(block) if isinstance(block, Table) else None
        if lines is not None:
            blocks.extend(lines)
            changed = True
        else:
            blocks.append(block)
    out: list[Block] = []
    for block in blocks:
        band = _band_field(block) if isinstance(block, Paragraph) else None
        out.append(band or block)
        changed = changed or band is not None
    return dataclasses.replace(layout, blocks=out) if changed else layout


def _key_value_table(table: Table) -> list[Paragraph] | None:
    """A two-column table whose every row is a short `Label:` cell then one value line."""
    if table.n_cols != 2 or table.n_rows < 2:
        return None
    lines: list[Paragraph] = []
    for row in table.rows:
        filled = [c for c in row if c.text]
        if not filled:
            continue
        if len(filled) != 2 or filled[0].col != 0:
            return None
        # PDF: a value's wrapped line printed from the margin lands under the label
        first, *wrapped = cell_paragraphs(filled[0])
        label = clean(first.text)
        values = cell_paragraphs(filled[1])
        if not _LABEL.match(label) or word_count(label) > 4:
            return None
        value = " ".join(p.text for p in [*values, *wrapped])
        lines.append(
            Paragraph(
                text=f"{label} {value}",
                where=values[0].where,
                runs=[Run(label, bold=True), Run(f" {value}")],
            )
        )
    return lines or None


def _band_field(p: Paragraph) -> Paragraph | None:
    """`Career stage: Stage 1 – Trainee` -> a bold `Stage 1 – Trainee` line."""
    lead = bold_lead(p)
    if not lead or p.is_list_item:
        return None
    label = lead.strip().rstrip(":").strip()
    if not lead.strip().endswith(":") or not _BAND_FIELD.match(label):
        return None
    value = p.text[len(lead) :].strip(" :\t")
    if not value or word_count(value) > 8:
        return None
    return dataclasses.replace(p, text=value, runs=[Run(value, bold=True)], bold=True)
