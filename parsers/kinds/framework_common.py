"""Cues shared by the competency and progression framework extractors.

Both kinds are long Word/PDF documents of headings and ruled tables; what they share is how a
label is recognised from formatting (bold, italic, underline, a bold lead run), how a level or
band token is read from a label, and where an organisation's name can be found.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.parsers.text import clean

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}

# Words that introduce a level/band token: "Level 2", "Band B", "Tier III", "Stage One".
LEVEL_WORDS = r"level|band|tier|stage|grade|step"
_LEVEL_LABEL = re.compile(
    rf"^(?:(?P<word>{LEVEL_WORDS})\s*)?(?P<tok>\d{{1,2}}|[a-z]+)\s*[:.)]?"
    r"(?:\s*[-–—:]\s*(?P<name>[^()]+?)|\s*\((?P<pname>[^()]+)\))?\s*$",
    re.IGNORECASE,
)
# Progression step names used without a number (`Foundation / Intermediate / Advanced`).
STEP_WORDS = re.compile(
    r"^(entry|foundation|basic|trainee|junior|developing|development|practising|practitioner|"
    r"working|competent|proficient|experienced|intermediate|established|accomplished|"
    r"advanced|senior|expert|specialist|lead|leading|mastery|full)(?:\s+level)?\b",
    re.IGNORECASE,
)

# Category words of progression requirements, as labels (not anywhere in the text).
CATEGORY_WORD = re.compile(
    r"\b(knowledge|skills?|experience|qualifications?|training|abilities|registration|"
    r"understanding|education|entry\s+requirements|entry\s+criteria|"
    r"gwybodaeth|sgiliau|profiad|cymwysterau|hyfforddiant)\b",
    re.IGNORECASE,
)

# A dash or colon that separates a title from what follows it ("Managing Risk – understanding…").
TITLE_SEPARATOR = re.compile(r"\s+[–—-]\s+|:\s+")


def token_number(token: str) -> int | None:
    """`2`, `Two`, `II` -> 2; anything else -> None."""
    t = token.strip().lower()
    if t.isdigit():
        return int(t)
    return NUMBER_WORDS.get(t) or ROMAN.get(t)


def level_parts(text: str, *, need_word: bool = False) -> tuple[int, str | None] | None:
    """The level a short label names and the name/audience printed with it:
    `Level 2` -> (2, None); `Level 1 – All staff` / `Level 1 (Foundation)` -> (1, name).

    The whole label must be the level: `Level 2 Intermediate Apprenticeship` is not one.
    ``need_word`` requires the `Level`/`Band`… word (for headings, where a bare `One` is
    unlikely to be a level); a trailing name always does (`1 – x` is a numbered sentence).
    """
    m = _LEVEL_LABEL.match(clean(text))
    if not m:
        return None
    name = m.group("name") or m.group("pname")
    if (need_word or name) and not m.group("word"):
        return None
    number = token_number(m.group("tok"))
    return (number, name.strip() if name else None) if number is not None else None


def level_number(text: str, *, need_word: bool = False) -> int | None:
    """The level number of a short label (see ``level_parts``), else None."""
    parts = level_parts(text, need_word=need_word)
    return parts[0] if parts else None


def word_count(text: str) -> int:
    return len(text.split())


def is_bold(p: Paragraph) -> bool:
    """Whole paragraph bold (readers set this when every visible run is bold)."""
    return p.bold or (bool(p.runs) and all(r.bold for r in p.runs if r.text.strip()))


def bold_lead(p: Paragraph) -> str | None:
    """Text of the leading bold runs when the paragraph continues in non-bold text."""
    if is_bold(p) or not p.runs:
        return None
    lead: list[str] = []
    for run in p.runs:
        if not run.text.strip() and not lead:
            continue
        if not run.bold:
            break
        lead.append(run.text)
    text = clean("".join(lead))
    return text or None


def italic_tail(p: Paragraph, head: str) -> bool | None:
    """Whether the text after ``head`` is printed differently (italic or not bold) from it.

    True: a different look (a definition line after a bold name); False: the same look (a
    qualifier in the bold title); None: the runs cannot tell (no formatting at all).
    """
    if not p.runs:
        return None
    seen = ""
    tail_runs = []
    for run in p.runs:
        if len(clean(seen)) >= len(head):
            tail_runs.append(run)
        seen += run.text
    tail_runs = [r for r in tail_runs if r.text.strip()]
    if not tail_runs:
        return None
    head_bold = any(r.bold for r in p.runs if r.text.strip())
    if all(r.italic for r in tail_runs) or (head_bold and not any(r.bold for r in tail_runs)):
        return True
    if not head_bold and not any(r.italic for r in p.runs):
        return None
    return False


def split_title(text: str) -> tuple[str, str | None]:
    """`Name – rest` -> (`Name`, `rest`); the first separator wins, names keep inner dashes
    only when no spaced dash/colon follows them."""
    m = TITLE_SEPARATOR.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()].strip(), text[m.end() :].strip() or None


def cell_paragraphs(cell: Cell | None) -> list[Paragraph]:
    if cell is None:
        return []
    return [line for p in cell.paragraphs if p.text for line in sentence_lines(p)]


# A line that ends a sentence: what comes after a soft break on it is a new statement.
_SENTENCE_END = re.compile(r"[.!?;]['\"’”)]?$")


def sentence_lines(p: Paragraph) -> list[Paragraph]:
    """A paragraph whose sentences are put on lines of their own by soft line breaks (Word's
    Shift+Enter) -> one paragraph per line, as a PDF of it reads (ho5_cf01: a level's
    indicators in one cell paragraph). A line that does not end a sentence is a wrapped
    line, not a statement: such a paragraph stays whole."""
    if len(p.runs) == 0 or not any("\n" in r.text for r in p.runs):
        return [p]
    lines: list[list[Run]] = [[]]
    for run in p.runs:
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if piece.strip():
                lines[-1].append(replace(run, text=piece))
    texts = [clean("".join(r.text for r in line)) for line in lines]
    kept = [(t, line) for t, line in zip(texts, lines, strict=True) if t]
    if len(kept) < 2 or not all(_SENTENCE_END.search(t) for t, _ in kept[:-1]):
        return [p]
    return [
        replace(
            p,
            text=t,
            runs=line,
            bold=all(r.bold for r in line),
            italic=all(r.italic for r in line),
            underline=all(r.underline for r in line),
            fields=[],
        )
        for t, line in kept
    ]


def first_text(cell: Cell | None) -> str:
    paras = cell_paragraphs(cell)
    return paras[0].text if paras else ""


def distinct_cells(row: Iterable[Cell | None]) -> list[Cell]:
    """Grid row -> its cells once each (merged cells repeat in ``Table.grid``)."""
    out: list[Cell] = []
    for cell in row:
        if cell is not None and (not out or out[-1] is not cell) and cell not in out:
            out.append(cell)
    return out


def category_column(table: Table) -> bool:
    """The table's first column labels requirement categories (`Qualifications`,
    `Experience`): a band's requirements, as progression frameworks set them out."""
    firsts = [first_text(row[0]) for row in table.rows if row]
    return sum(bool(CATEGORY_WORD.search(t)) for t in firsts if 0 < word_count(t) <= 5) >= 2


def nonempty_cells(table: Table, r: int) -> list[Cell]:
    return [c for c in table.rows[r] if c.text]


# `(PN: 11144 & 11144A)`, `(PN:16299)`, `(Post No. 123)`, `(Post ref: TBC)`
POST_NUMBER = re.compile(
    r"\(\s*(?:PN|P\.N\.|Post\s*(?:No\.?|Number|Ref(?:erence)?)?)\s*[:.]?\s*(?P<pn>[^)]*)\)",
    re.IGNORECASE,
)
POST_TOKEN = re.compile(r"\b[A-Z]{0,3}\d+[A-Z]{0,2}\b")
_DASH = r"\s*[-–—]\s*"
_GRADE_WORDS = r"range|grades?|gradd|bands?|scales?|spine|pay|apprentice\w*|tbc"
AFTER_POST = re.compile(rf"^{_DASH}(?P<grade>[^()]*?)\s*(?:\((?P<note>[^()]*)\))?\s*$")
NO_POST = re.compile(
    rf"^(?P<title>.*?){_DASH}(?P<grade>(?:[\w ]*\b(?:{_GRADE_WORDS})\b[^()]*?))"
    r"\s*(?:\((?P<note>[^()]*)\))?\s*$",
    re.IGNORECASE,
)

# `Customer Adviser (Scales 3–5)`, `Trading Standards Officer (Grades 7–9)`: the grade (or
# grade range) in brackets after the title.
GRADE_BRACKET = re.compile(
    rf"^(?P<title>[^()]+?)\s*\((?P<grade>(?:{_GRADE_WORDS})\b[^()]*\d[^()]*)\)\s*$",
    re.IGNORECASE,
)


def looks_like_role(text: str) -> bool:
    """A post heading: post numbers in brackets, or a title then a dash and a grade, or a
    title with its grade in brackets. An organisation before the dash names no post
    (`Oakmere Council – Behaviour Expectations by Band`: a document title, ho_cf09)."""
    if POST_NUMBER.search(text) or GRADE_BRACKET.match(text):
        return True
    m = NO_POST.match(text)
    if m is None or _ORG.fullmatch(m.group("title").strip()):
        return False
    # A grade after the dash has a number or ends in its grade word (`Apprentice Grade`);
    # `Environmental Health – Career Grade Progression` is a document title (ho_pf12).
    grade = m.group("grade").strip()
    return (
        any(ch.isdigit() for ch in grade)
        or re.search(rf"\b(?:{_GRADE_WORDS})$", grade, re.IGNORECASE) is not None
    )


# A label naming the post the line gives: `Role:`, `Job title:`, `Post:`
ROLE_LABEL = re.compile(
    r"^(?:role|post|job(?:\s+title)?|position|post\s+title|role\s+title)\s*:\s*", re.I
)


def labelled_role_line(p: Paragraph) -> bool:
    """`**Role:** Library Assistant` (ho5_pf04): a bold post label, then the post."""
    lead = bold_lead(p)
    return bool(lead and ROLE_LABEL.match(lead) and clean(p.text[len(lead) :]))


def roles_before_tables(layout: Layout) -> int:
    """How many tables follow a post heading (a heading or bold line that reads like one,
    or a labelled `Role:` line)."""
    count = 0
    last: Paragraph | None = None
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            is_heading = block.heading_level is not None and block.heading_level >= 1
            if (
                (is_heading or is_bold(block)) and looks_like_role(block.text)
            ) or labelled_role_line(block):
                last = block
            elif is_heading:
                last = None
        elif last is not None:
            count += 1
            last = None
    return count


_ORG = re.compile(
    r"\b((?:[A-Z][\w'’&-]+ ){1,3}(?:Borough |County |City |District |Metropolitan |Town |Parish )?"
    r"(?:Council|Authority|Trust|Association|Partnership|Group))\b"
)
_NOT_ORG_START = {"The", "This", "Our", "Each", "All", "A", "An", "Any", "Every", "Their", "Your"}


def organisation_in_text(layout: Layout) -> str | None:
    """The organisation most often named as `<Name> Council/Trust/…` in the document text."""
    counts: Counter[str] = Counter()
    for text in layout.all_text():
        for m in _ORG.finditer(text):
            words = m.group(1).split()
            while words and words[0] in _NOT_ORG_START:
                words = words[1:]
            if len(words) >= 2:
                counts[" ".join(words)] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def running_header(layout: Layout) -> str | None:
    """The running header text (the most common non-numeric header line)."""
    texts = Counter(p.text for p in layout.headers if p.text and not p.text.isdigit())
    return texts.most_common(1)[0][0] if texts else None


def organisation_from_header(header: str | None, title: str | None) -> str | None:
    """`Crown Simmons Competency Framework` with title `Competency Framework` -> `Crown Simmons`."""
    if not header or not title:
        return None
    h, t = header.casefold(), title.casefold()
    if h.endswith(t) and len(h) > len(t):
        return header[: len(header) - len(title)].strip(" -–—:") or None
    if h.startswith(t) and len(h) > len(t):
        return header[len(title) :].strip(" -–—:") or None
    return None


# Field names an HR system exports as column headers (`COMP_TITLE`, `profLevelName`,
# ho6_cf05 / ho6_pf05): words joined by underscores or capitals, some shortened.
_FIELD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)+$|^[a-z]+(?:[A-Z][a-z0-9]+)+$")
_FIELD_SPLIT = re.compile(r"[_.]|(?<=[a-z0-9])(?=[A-Z])")
_SHORT_WORDS = {
    "comp": "competency",
    "prof": "proficiency",
    "lvl": "level",
    "desc": "description",
    "descr": "description",
    "cat": "category",
    "grp": "group",
    "txt": "text",
    "ind": "indicator",
}


def header_words(text: str) -> str:
    """A database field name as the words a printed header uses (`COMP_TITLE` ->
    `competency title`); any other header as it is."""
    t = text.strip()
    if not _FIELD_NAME.match(t):
        return text
    parts = [p.lower() for p in _FIELD_SPLIT.split(t) if p]
    return " ".join(_SHORT_WORDS.get(p, p) for p in parts)
