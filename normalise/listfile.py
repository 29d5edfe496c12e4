"""Read the plain spreadsheet list a data team keeps (CSV, TSV or Excel) into proposals.

Columns are found by their header, wherever the header row is (title rows above it are
common): a name column, and optionally category, aliases, description, list and id. Text
lists are decoded and split by the project's one decoder and delimiter sniffer
(``parsers.delimited``): a semicolon-separated cp1252 export reads like any CSV.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from roleframe.normalise.build import Proposal, clean_name
from roleframe.normalise.registry import LISTS
from roleframe.normalise.text import plain_tokens
from roleframe.parsers.delimited import DelimitedError, decode_text, rows, sniff_delimiter
from roleframe.schema.base import Provenance
from roleframe.schema.canon import EntrySource, ListName

HEADER_SCAN_ROWS = 20
ALIAS_SPLIT = (";", "|", "\n")

# Header words per column role, tried in this order (`Other names` is aliases, not name).
ROLES: tuple[tuple[str, frozenset[str]], ...] = (
    ("aliases", frozenset({"alias", "aliases", "synonym", "synonyms", "variant", "variants",
                          "aka", "other", "alternative", "former", "known"})),
    ("description", frozenset({"description", "definition", "meaning", "summary", "descriptor"})),
    ("category", frozenset({"category", "group", "cluster", "domain", "family", "type", "area"})),
    ("id", frozenset({"id", "identifier", "uuid", "code"})),
    ("list", frozenset({"list", "registry"})),
    ("name", frozenset({"name", "competency", "competence", "skill", "factor", "title", "label",
                       "preferred", "behaviour", "capability"})),
)  # fmt: skip


class ListFileError(ValueError):
    """The file has no recognisable header with a name column, or cannot be split into rows."""


@dataclass(frozen=True, slots=True)
class ListRow:
    values: dict[str, str]
    where: Provenance
    entry_id: str | None


def _role(header: str) -> str | None:
    words = set(plain_tokens(header))
    for role, cues in ROLES:
        if words & cues:
            return role
    return None


def _rows(path: Path, data: bytes) -> Iterator[tuple[list[str], Provenance]]:
    if data[:4] == b"PK\x03\x04":  # an .xlsx is a zip; read every sheet in order
        yield from _workbook_rows(data)
        return
    text, _encoding = decode_text(data)
    try:
        for line, row in rows(text, sniff_delimiter(text)):
            yield [c.strip() for c in row], Provenance(line=line)
    except DelimitedError as exc:
        raise ListFileError(f"{path.name}: {exc}") from exc


def _workbook_rows(data: bytes) -> Iterator[tuple[list[str], Provenance]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            # Read-only mode trusts the sheet's declared `<dimension>`; a wrong one (`A1`
            # from some exporters) would cut the list to its first cell. openpyxl's advice.
            sheet.reset_dimensions()
            for r, row in enumerate(sheet.iter_rows(values_only=True)):
                yield (
                    ["" if v is None else str(v).strip() for v in row],
                    Provenance(sheet=sheet.title, row=r),
                )
    finally:
        book.close()


def read_list_file(path: Path, default_list: ListName = "competencies") -> list[Proposal]:
    """Proposals from a list spreadsheet: one per non-empty name cell below the header."""
    data = path.read_bytes()
    rows = list(_rows(path, data))
    # The header is the row (among the first few) naming the most column roles: a title row
    # such as `Competency framework export` names one, the real header several.
    best: tuple[int, int, dict[str, int]] | None = None
    for r, (cells, _) in enumerate(rows[:HEADER_SCAN_ROWS]):
        roles: dict[str, int] = {}
        for i, cell in enumerate(cells):
            role = _role(cell) if cell else None
            if role and role not in roles:
                roles[role] = i
        if "name" in roles and (best is None or len(roles) > best[1]):
            best = (r, len(roles), roles)
    columns = best[2] if best else None
    out: list[Proposal] = []
    for cells, where in rows[best[0] + 1 :] if best else []:
        assert columns is not None
        values = {role: cells[i] if i < len(cells) else "" for role, i in columns.items()}
        name = clean_name(values.get("name", ""))
        if not name:
            continue
        list_name = _list_name(values.get("list"), default_list)
        aliases = _split(values.get("aliases", ""))
        src = EntrySource(file=path.name, kind="list", name=values["name"], where=where)
        out.append(
            Proposal(
                list_name, name, src, aliases,
                description=values.get("description") or None,
                category=values.get("category") or None,
                entry_id=values.get("id") or None,
            )
        )  # fmt: skip
    if columns is None:
        raise ListFileError(
            f"{path.name}: no header row with a name column in the first {HEADER_SCAN_ROWS} rows "
            "(looked for headers such as Name, Competency, Skill, Factor)."
        )
    return out


def _split(text: str) -> list[str]:
    parts = [text]
    for sep in ALIAS_SPLIT:
        parts = [p for part in parts for p in part.split(sep)]
    return [" ".join(p.split()) for p in parts if p.strip()]


_LIST_WORDS: dict[ListName, frozenset[str]] = {
    "competencies": frozenset({"competencies", "competency", "competence", "skill", "skills"}),
    "factors": frozenset({"factor", "factors"}),
    "categories": frozenset({"category", "categories"}),
}


def _list_name(value: str | None, default: ListName) -> ListName:
    words = set(plain_tokens(value or ""))
    for list_name in LISTS:
        if words & _LIST_WORDS[list_name]:
            return list_name
    return default
