"""A competency framework's level scale: which labels name a level, and which number each has.

Frameworks number their levels (`Level 2`, `Tier III`, `Lefel 1 / Level 1`, `Level C*`) or
name them (`Foundation / Practitioner / Strategic`, `Entry / Skilled / Expert`). A named
level has no number of its own: it takes it from the order of the document's levels table
or intro list when there is one, else from the order its labels first appear. Cues:

- a named label is a short bold (or heading) line directly followed by bullets or text,
  one of a run of such lines between two competency titles (`Foundation`, bullets,
  `Practitioner`, bullets …), or one of the header cells over a table's content columns;
- it counts as a level when its word is a scale word (`Skilled`, `Strategic`), or when the
  document declares it in a levels table (first column) or an intro list (bold leads);
- a declared list is 2+ rows/items whose first words are the labels the body uses (or
  scale words), under a header or sentence that mentions levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roleframe.parsers.kinds.framework_common import (
    LEVEL_WORDS,
    bold_lead,
    cell_paragraphs,
    distinct_cells,
    is_bold,
    level_parts,
    word_count,
)
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.parsers.text import clean
from roleframe.schema import Provenance

# Words frameworks use to name the steps of a scale without numbers (kept apart from the
# progression extractor's STEP_WORDS: these are competency proficiency words).
SCALE_WORDS = frozenset(
    [
        "entry",
        "foundation",
        "foundational",
        "basic",
        "beginner",
        "novice",
        "awareness",
        "aware",
        "introductory",
        "learning",
        "learner",
        "developing",
        "development",
        "emerging",
        "trainee",
        "junior",
        "working",
        "skilled",
        "competent",
        "capable",
        "proficient",
        "proficiency",
        "practitioner",
        "practising",
        "practicing",
        "practised",
        "practiced",
        "experienced",
        "established",
        "accomplished",
        "intermediate",
        "advanced",
        "senior",
        "expert",
        "expertise",
        "specialist",
        "mastery",
        "master",
        "leading",
        "leader",
        "lead",
        "strategic",
        "operational",
        "tactical",
        "principal",
        "enhanced",
        "higher",
        "exemplary",
        "outstanding",
        "applied",
        "full",
        "core",
        "supervisory",
        "managerial",
    ]
)
# Levels named by who they apply to (cf13: `All colleagues / People managers / Senior leaders`).
AUDIENCE = re.compile(
    r"^(?:all |every |for )?(?:(?:senior|middle|first[- ]line|front[- ]line|people|line|"
    r"service|operational|strategic|team|executive|chief) )?(?:staff|colleagues|employees|"
    r"everyone|managers?|leaders?|leadership(?: team)?|supervisors?|officers?|directors?|"
    r"executives?|members?|heads? of service|professionals?|specialists?)$",
    re.IGNORECASE,
)
# Column headers that split a level's behaviours by polarity (cf06: effective/ineffective).
NEGATIVE = re.compile(
    r"\b(ineffective|negative|less effective|poor|unacceptable|undesirable|contra[- ]?"
    r"indicators?|what (?:it|this|good) (?:does not|doesn'?t|isn'?t|is not)|"
    r"doesn'?t look like|does not look like|avoid|derailers?|not demonstrating)\b",
    re.IGNORECASE,
)
POSITIVE = re.compile(
    r"\b(effective|positive|desirable|demonstrat\w*|what (?:good|it|this) looks like|"
    r"looks like|indicators?|behaviours?)\b",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"\s*[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
# `Level C`, `Level A – Essential` (ho_cf06: letters named in the same line)
_LETTER = re.compile(
    rf"^(?:{LEVEL_WORDS})\s+(?P<letter>[A-Ha-h])(?:\s*[–—:-]\s*(?P<name>[^\d\W].{{1,40}}))?$",
    re.IGNORECASE,
)
_NUMBER_NAME = re.compile(r"^(?P<n>\d{1,2})\s*[–—:.-]\s*(?P<name>[A-Za-z][A-Za-z' -]{1,40})$")
_NAME_NUMBER = re.compile(r"^(?P<name>[A-Za-z][A-Za-z' -]{1,30}?)\s*\((?P<n>\d{1,2})\)$")
# `Band A–C`, `Grades 4-6`, `Band F and above`, `SCP 20+`: a range of grades naming a level
RANGE_LABEL = re.compile(
    rf"^(?:{LEVEL_WORDS}|grades|bands|scp|spinal points?)\s+\w{{1,3}}"
    r"(?:\s*(?:[-–—]|to)\s*\w{1,3}|\s+(?:and|&)\s+(?:above|over|below)|\s*\+)$",
    re.IGNORECASE,
)
_LEVEL_AFFIX = re.compile(r"^level\s*[:–—-]?\s+|\s+level$", re.IGNORECASE)
# `Foundation – all staff`, `Entry (new starters)`: the name before a dash or bracket.
_NAME_TAIL = re.compile(r"^(?P<name>[^–—(:-]+?)\s*(?:[–—:-]\s*(?P<rest>.+)|\((?P<paren>[^)]+)\))$")
_MAX_LABEL_WORDS = 3
_AUDIENCE_HEAD = re.compile(
    r"\b(appl\w*|who|audience|staff|roles?|for|typical|grades?|jobs?|posts?)\b", re.IGNORECASE
)
# A level's short code in a key (`A`, `P`, `L3`): letters and digits, three at most
_CODE = re.compile(r"[A-Z][A-Z0-9]{0,2}|[0-9][A-Z]")
_LEVELS_CUE = re.compile(r"\blevels?\b|\blefel\b|\btiers?\b|\bstages?\b", re.IGNORECASE)


def strip_marks(text: str) -> str:
    """A label without footnote marks or a trailing colon (`Level C*` -> `Level C`)."""
    return _FOOTNOTE.sub("", clean(text)).rstrip(":").strip()


def _key(text: str) -> str:
    return _LEVEL_AFFIX.sub("", strip_marks(text)).casefold().strip()


def display_name(text: str) -> str:
    """A named level as the framework names it: `Entry level:` -> `Entry`."""
    name = _name_part(text)[0]
    return _LEVEL_AFFIX.sub("", name).strip() or name


def _name_part(text: str) -> tuple[str, str | None]:
    """`Foundation – all staff` -> (`Foundation`, `all staff`); otherwise (text, None)."""
    t = strip_marks(text)
    m = _NAME_TAIL.match(t)
    if m and word_count(m.group("name")) <= _MAX_LABEL_WORDS:
        return m.group("name").strip(), (m.group("rest") or m.group("paren") or "").strip() or None
    return t, None


def is_scale_word(text: str, *, audiences: bool = True) -> bool:
    """`Skilled`, `Strategic level`, `Expert*`, `People managers`: a level's name (a scale
    word, or with ``audiences`` the people the level is for)."""
    key = _key(_name_part(text)[0])
    words = key.split()
    if 0 < len(words) <= 2 and all(w in SCALE_WORDS for w in words):
        return True
    return audiences and 0 < len(words) <= 4 and bool(AUDIENCE.match(key))


def numbered_parts(text: str, *, need_word: bool = False) -> tuple[int, str | None] | None:
    """A numbered label's (number, name): `Level 2`, `Level C*`, `Lefel 1 / Level 1`."""
    t = strip_marks(text)
    found = level_parts(t, need_word=need_word)
    if found is not None:
        return found
    m = _NAME_NUMBER.match(t)
    if m and not need_word:
        # `Developing (1)`: the name, then its number in brackets (ho_cf08)
        return int(m.group("n")), m.group("name").strip()
    m = _NUMBER_NAME.match(t)
    if m and not need_word and is_scale_word(m.group("name")):
        # `1 – Foundation` (ho3_cf02): a number, then a scale word naming the level; a
        # numbered sentence (`1 – Greets customers`) names none
        return int(m.group("n")), m.group("name").strip()
    m = _LETTER.match(t)
    if m:
        name = m.group("name")
        return ord(m.group("letter").lower()) - ord("a") + 1, name.strip() if name else None
    if " / " in t:  # bilingual labels: `Lefel 2 / Level 2`
        halves = [numbered_parts(h, need_word=need_word) for h in t.split(" / ")]
        numbers = {h[0] for h in halves if h is not None}
        if len(numbers) == 1:
            return numbers.pop(), None
    return None


@dataclass
class LevelScale:
    """The document's level labels: numbered ones parse themselves, named ones are listed."""

    named: dict[str, tuple[int, str]] = field(default_factory=dict)  # key -> (number, name)
    declared: list[DeclaredLevel] = field(default_factory=list)
    source: Table | None = None  # the levels table the declaration came from

    def parts(self, text: str, *, need_word: bool = False) -> tuple[int, str | None] | None:
        """(number, the name/audience printed with it) of a level label, else None."""
        found = numbered_parts(text, need_word=need_word)
        if found is not None:
            return found
        name, rest = _name_part(text)
        hit = self.named.get(_key(name))
        if hit is None and " / " in name:
            hits = {self.named[_key(h)] for h in name.split(" / ") if _key(h) in self.named}
            hit = hits.pop() if len(hits) == 1 else None
        return (hit[0], rest) if hit else None

    def number(self, text: str, *, need_word: bool = False) -> int | None:
        found = self.parts(text, need_word=need_word)
        return found[0] if found else None

    def name_and_audience(self, text: str) -> tuple[str, str | None]:
        """What a level label calls the level, and who it is for: `Level 2 – Practitioner`
        -> (`Practitioner`, None); `Level 1 – All staff` -> (`Level 1 – All staff`,
        `All staff`); `Entry level:` -> (`Entry`, None)."""
        parts = self.parts(text)
        tail = parts[1] if parts else None
        if (
            tail
            and numbered_parts(text) is not None
            and (is_scale_word(tail, audiences=False) or not _says_who(tail))
        ):
            # `Level 2 – Practitioner`, `Level 2: EO`, `Level 1 – Core` (ho_cf01, ho_cf02):
            # the words after the number name the level unless they say who it is for
            return display_name(tail), None
        return self.name_of(text), tail

    def name_of(self, text: str) -> str:
        """The level's name as the framework writes it (`Entry` for `Entry level:`)."""
        name = _name_part(text)[0]
        hit = self.named.get(_key(name))
        return hit[1] if hit else strip_marks(text)


def _says_who(tail: str) -> bool:
    """`All staff`, `Team leaders and managers`: a level's audience, not its name."""
    if AUDIENCE.match(_key(tail)):
        return True
    return any(AUDIENCE.match(part.strip()) for part in re.split(r",|\band\b|&|/", _key(tail)))


@dataclass(frozen=True)
class DeclaredLevel:
    """A level as a levels table or intro list states it."""

    number: int
    name: str
    description: str | None
    where: Provenance
    audience: str | None = None
    code: str | None = None  # `A` of an `A | Awareness` key row: how the grid heads the level


# --- finding the labels -------------------------------------------------------------------


def _label_text(p: Paragraph) -> str | None:
    """The label a short bold/heading line names, else None."""
    if p.is_list_item or not p.text or p.text.endswith((".", ",", ";")):
        return None
    if not (is_bold(p) or p.underline or (p.heading_level is not None and p.heading_level >= 1)):
        return None  # bold, underlined (ho3_cf03) or a heading
    name = _name_part(p.text)[0]
    return name if word_count(name) <= _MAX_LABEL_WORDS + 1 else None


def label_runs(layout: Layout) -> list[list[tuple[str, Paragraph]]]:
    """Runs of short bold lines each followed by bullets or text, between two titles."""
    blocks = layout.blocks
    runs: list[list[tuple[str, Paragraph]]] = []
    current: list[tuple[str, Paragraph]] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            continue
        label = _label_text(block)
        if label is not None and any(_key(x) == _key(label) for x, _ in current):
            runs.append(current)  # the same label again: the next competency's run
            current = []
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        body_follows = isinstance(nxt, Paragraph) and (
            nxt.is_list_item
            or (not is_bold(nxt) and nxt.heading_level is None and bold_lead(nxt) is None)
        )
        if label is not None and body_follows:
            current.append((label, block))
        elif (
            label is not None
            or (block.heading_level is not None and block.heading_level >= 1)
            or bold_lead(block) is not None
        ):
            if len(current) >= 2:
                runs.append(current)
            current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _table_runs(layout: Layout) -> list[list[str]]:
    """Scale words across a header row (`Developing | Proficient | Leading`) or down a first
    column (`Foundation | bullets` rows of a competency's table), in table order."""
    found = []
    for table in layout.tables():
        grid = table.grid()
        for row in grid[:2]:
            texts = [c.text for c in distinct_cells(row) if c.text]
            words = [t for t in texts if is_scale_word(t)]
            if len(words) >= 2:
                found.append(words)
                break
        firsts = distinct_cells(row[0] for row in grid if row)
        down = [c.text for c in firsts if len(cell_paragraphs(c)) == 1 and is_scale_word(c.text)]
        if len(down) >= 2:
            found.append(down)
    return found


def declared_levels(layout: Layout, labels: set[str]) -> tuple[list[DeclaredLevel], Table | None]:
    """Levels a table (names in its first column) or an intro list (bold leads) declares,
    and the table they came from."""
    for block in layout.blocks:
        if isinstance(block, Table):
            found = _table_levels(block, labels)
            if found:
                return found, block
    return _list_levels(layout, labels), None


def _is_level_name(text: str, labels: set[str], *, audiences: bool = True) -> bool:
    name = _name_part(text)[0]
    return word_count(name) <= _MAX_LABEL_WORDS and (
        _key(name) in labels or is_scale_word(name, audiences=audiences)
    )


def _table_levels(table: Table, labels: set[str]) -> list[DeclaredLevel]:
    """`Level | What it means` with level names down the first column, or `Level | Level
    name | Applies to` with numbers first and the names beside them (cf11)."""
    rows = [distinct_cells(r) for r in table.grid()]
    rows = [r for r in rows if any(c.text for c in r)]
    if len(rows) < 3 or table.n_cols < 2:
        return []
    header, body = rows[0], rows[1:]
    numbered = all(numbered_parts(r[0].text) is not None for r in body)
    # ho5_cf03: `Code | Level | What it means` with `A | Awareness` rows: the codes head the
    # grid's columns, the names beside them name the levels (numbered by their order)
    codes = [r[0].text for r in body]
    coded = (
        not numbered
        and len(set(codes)) == len(codes)
        and all(_CODE.fullmatch(c) for c in codes)
        and all(len(r) > 1 and is_scale_word(r[1].text, audiences=False) for r in body)
    )
    name_col = 1 if numbered or coded else 0
    if any(len(r) > name_col and r[name_col].row_span > 1 for r in body):
        return []  # a level cell merged down its indicators: a competency's table (ho5_cf04)
    if any(len(r) <= name_col for r in body):
        return []
    # `One | All staff` (003) numbers levels for an audience: only a scale word or a label
    # the body uses makes the column beside the numbers the levels' names
    audiences = not numbered
    if not _LEVELS_CUE.search(header[0].text) and not all(
        _is_level_name(r[name_col].text, labels, audiences=audiences) for r in body
    ):
        return []
    heads = [c.text for c in header]
    if any(
        len(cell_paragraphs(c)) > 1 or any(p.is_list_item for p in c.paragraphs)
        for row in body
        for c in row[name_col + 1 :]
    ):
        return []  # statements beside the names: a competency's level table (cf16)
    found: list[DeclaredLevel] = []
    for row in body:
        names = cell_paragraphs(row[name_col])
        if len(names) != 1 or not _is_level_name(names[0].text, labels, audiences=audiences):
            return []
        if not numbered and numbered_parts(names[0].text) is not None:
            return []  # numbered levels alone: the walker's own levels table reads those
        parts = numbered_parts(row[0].text) if numbered else None
        number = parts[0] if parts is not None else len(found) + 1
        audience = description = None
        for cell in row[name_col + 1 :]:
            head = heads[cell.col] if cell.col < len(heads) else ""
            if not cell.text:
                continue
            if _AUDIENCE_HEAD.search(head) and audience is None:
                audience = cell.text
            elif description is None:
                description = cell.text
        found.append(
            DeclaredLevel(
                number,
                display_name(names[0].text),
                description,
                row[name_col].where,
                audience,
                row[0].text if coded else None,
            )
        )
    if len({d.number for d in found}) < len(found):
        return []  # a level given on several rows: indicators by level (ho6_cf01), no key
    return found if len(found) >= 2 else []


# `Level 1 – Working`, `Level 2: Leading`, `Tier 3 (Directing)` inside a sentence: the
# name runs to the next comma, `and`, bracket or full stop (ho3_cf06's intro sentence)
_IN_SENTENCE = re.compile(
    rf"\b(?:{LEVEL_WORDS}|lefel)\s+(?P<tok>\d{{1,2}}|[A-H]\b|one|two|three|four|five|six)"
    r"\s*(?:[–—:-]\s*|\(\s*)(?P<name>[A-Z][A-Za-z'-]*(?:\s+(?!and\b|or\b)[A-Za-z'-]+){0,2}?)"
    r"(?=\s*(?:,|;|\)|\.(?:\s|$)|\band\b|\bor\b|$))",
    re.IGNORECASE,
)


def _sentence_levels(p: Paragraph) -> list[DeclaredLevel]:
    """Numbered, named levels listed in one sentence (`… three levels: Level 1 – Working,
    Level 2 – Leading and Level 3 – Directing.`), when two or more rise in order."""
    found: list[DeclaredLevel] = []
    for m in _IN_SENTENCE.finditer(p.text):
        number = numbered_parts(f"Level {m.group('tok')}")
        if number is None or not m.group("name")[:1].isupper():
            return []
        found.append(DeclaredLevel(number[0], m.group("name"), None, p.where))
    numbers = [d.number for d in found]
    return found if len(found) >= 2 and numbers == sorted(set(numbers)) else []


def _list_levels(layout: Layout, labels: set[str]) -> list[DeclaredLevel]:
    """`Foundation – colleagues who …` bullets (bold names) after a sentence about levels,
    or the levels named in that sentence itself."""
    blocks = layout.blocks
    for i, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or not _LEVELS_CUE.search(block.text):
            continue
        if not block.heading_level and (in_sentence := _sentence_levels(block)):
            return in_sentence
        found: list[DeclaredLevel] = []
        for nxt in blocks[i + 1 :]:
            if not isinstance(nxt, Paragraph):
                break
            lead = bold_lead(nxt)
            if lead is None:
                break
            name = _name_part(lead)[0]
            if not _is_level_name(name, labels):
                break
            rest = clean(nxt.text[len(lead) :]).lstrip("–—:- ").strip() or None
            found.append(DeclaredLevel(len(found) + 1, display_name(name), rest, nxt.where))
        if len(found) >= 2:
            return found
    return []


def build_scale(layout: Layout) -> LevelScale:
    """The named levels of a layout, numbered by declaration or by first appearance."""
    runs = label_runs(layout)
    sequences = [[label for label, _ in run] for run in runs] + _table_runs(layout)
    counts: dict[str, int] = {}
    for seq in sequences:
        for key in {_key(x) for x in seq}:
            counts[key] = counts.get(key, 0) + 1
    recurring = {k for k, n in counts.items() if n >= 2}
    declared, source = declared_levels(layout, recurring)
    scale = LevelScale(declared=declared, source=source)
    for d in declared:
        scale.named.setdefault(_key(d.name), (d.number, d.name))
        if d.code is not None:
            scale.named.setdefault(_key(d.code), (d.number, d.name))
    if declared:
        return scale
    levelish = [
        [x for x in seq if is_scale_word(x) and numbered_parts(x) is None] for seq in sequences
    ]
    ordered = precedence_order([seq for seq in levelish if len(seq) >= 2])
    for n, label in enumerate(ordered, start=1):
        scale.named[_key(label)] = (n, display_name(label))
    return scale


def precedence_order(sequences: list[list[str]]) -> list[str]:
    """Labels in the order most sequences give them (a run may skip a level: `Practitioner,
    Strategic` under a competency with no foundation level), ties by first appearance."""
    first: dict[str, str] = {}
    for seq in sequences:
        for label in seq:
            first.setdefault(_key(label), label)
    keys = list(first)
    before: dict[tuple[str, str], int] = {}
    for seq in sequences:
        ks = [_key(x) for x in seq]
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                before[(a, b)] = before.get((a, b), 0) + 1
    ordered: list[str] = []
    remaining = list(keys)
    while remaining:
        # the first label no remaining label precedes by a majority
        pick = next(
            (
                k
                for k in remaining
                if not any(before.get((o, k), 0) > before.get((k, o), 0) for o in remaining)
            ),
            remaining[0],
        )
        ordered.append(first[pick])
        remaining.remove(pick)
    return ordered
