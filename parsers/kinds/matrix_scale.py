"""Level scales of a skills matrix: the scale-word vocabulary and the document's own legend.

A matrix writes its levels as digits, as words (`Expert`), or as codes (`F`, `AW`), and says
what they mean in a legend, wherever the author put it:

* a sentence or line anywhere (`Levels: 1 = Basic, 2 = Competent, 3 = Advanced`, `Aware (1)`,
  `Key: F = Foundation; I = Intermediate`, `N – Novice, C – Competent`, a CSV's last line);
* a run of codes with their words in brackets (`E/P/A (Essential/Proficient/Advanced)`);
* a key table, on the matrix's sheet or another: rows of a level number and a label
  (`1 | Basic`, `Level 2 | Practitioner`), or, without numbers, rows of a label and its short
  code (`Aware | AW | what it means`), whose order is the scale's order;
* a level number column beside a column naming each number, repeated down a long-format
  export (`Required level | Level name`);
* the running header or footer of the pages (`Key: B = Basic   I = Intermediate`).

A key of requirement words (`R = Required; D = Desirable`, a training-needs analysis) says
how much a post needs something, not how well: it is no level scale, and its codes stay as
written with no level.

A legend with numbers gives them; a legend of words or codes alone numbers its entries 1, 2, …
in the order written (an entry meaning "none" is 0; a list written from the top down is read
from the top down). Bilingual labels (`Sylfaenol / Basic`) put each language's word on the
scale.

Without a legend, level words are ranked on ``SCALE_TIERS``, a documented order of the words
councils use (below). Two different words never share a rank unless they are spellings of
one word (`aware`/`awareness`), so `Aware / Working / Practitioner / Expert` reads 1..4.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.parsers.text import clean

# Scale words, lowest first; each tuple holds spellings of one word (they share a rank). The
# first tuple means "no level" (rank 0). The order keeps the common published scales in
# step: Awareness < Working < Practitioner < Expert (the digital and data profession's);
# Novice < Advanced beginner < Competent < Proficient < Expert (Dreyfus); Foundation <
# Intermediate < Advanced < Expert; None < Basic < Good < Expert; Low < Medium < High;
# Entry < Skilled < Expert; Limited < Basic < Good < Excellent; Developing < Competent;
# the RAG colours Red < Amber < Green.
SCALE_TIERS: tuple[tuple[str, ...], ...] = (
    ("none", "nil", "not required", "not needed", "no knowledge", "not applicable"),
    ("awareness", "aware"),
    ("novice",),
    ("beginner",),
    ("entry",),
    ("limited",),
    ("red",),  # RAG ratings: Red < Amber < Green (ho4_sm01)
    ("low",),
    ("elementary",),
    ("foundation", "foundational"),
    ("basic",),
    ("developing",),
    ("advanced beginner",),
    ("working",),
    ("intermediate",),
    ("moderate",),
    ("amber",),
    ("medium",),
    ("good",),
    ("competent",),
    ("effective",),
    ("practitioner", "practising", "practicing"),
    ("proficient",),
    ("skilled",),
    ("experienced",),
    ("green",),
    ("high",),
    ("advanced",),
    ("accomplished",),
    ("extensive",),
    ("in depth", "in-depth"),
    ("excellent",),
    ("specialist",),
    ("expert",),
    ("mastery", "master"),
)
LEVEL_WORDS: dict[str, int] = {w: i for i, tier in enumerate(SCALE_TIERS) for w in tier}
NONE_RANK = 0

# A footnote marker after a level (`Expert*`, `3†`) belongs to a note, not to the level.
_TRAILING_MARKERS = re.compile(r"[\s*†‡§¹²³]+$")


def label_key(text: str) -> str:
    """A level label as compared: case folded, spaces folded, trailing footnote marks and
    stray punctuation dropped (`' Expert* '` -> `expert`)."""
    text = _TRAILING_MARKERS.sub("", clean(text))
    return text.strip(" .;,:").casefold()


def rank_words(words: Iterable[str]) -> dict[str, int]:
    """Vocabulary words -> 0 for "none" words, else 1.. in ``SCALE_TIERS`` order, counting
    only the tiers the document uses (None/Basic/Good/Expert -> 0..3; Good/Expert -> 1, 2)."""
    used = sorted({LEVEL_WORDS[w] for w in words if w in LEVEL_WORDS})
    ranks = {tier: i for i, tier in enumerate(t for t in used if t != NONE_RANK)}
    return {
        w: 0 if LEVEL_WORDS[w] == NONE_RANK else ranks[LEVEL_WORDS[w]] + 1
        for w in sorted(set(words))
        if w in LEVEL_WORDS
    }


# ---------------------------------------------------------------------------------------------
# Legends in text


_WORD = r"[^\W\d_][\w'’\-]*"
_LABEL = rf"{_WORD}(?:[ ]{{1,2}}{_WORD}){{0,3}}(?:\s*/\s*{_WORD}(?:[ ]{_WORD}){{0,3}})?"
_END = r"(?=\s*(?:[,;.|\n)]|$|\s+(?:\d{1,2}|[^\W\d_]{1,3})\s*[=:\-–—]))"
# `1 = Basic`, `2: Competent`, `3 - Expert`, `Level 1 – Aware`, `3 (expert)` (number first)
_NUMBER_FIRST = re.compile(
    rf"(?<![\w.])(?P<n>\d{{1,2}})\s*(?:[=:\-–—]|\()\s*(?P<label>{_LABEL}){_END}"
)
# `0 none, 1 basic` only after a legend cue (`Levels:`), where a bare space is the separator
_NUMBER_SPACE = re.compile(rf"(?<![\w.])(?P<n>\d{{1,2}})\s+(?P<label>{_LABEL}){_END}")
# `Aware (1)`, `Basic = 1`
_LABEL_FIRST = re.compile(rf"(?P<label>{_LABEL})\s*(?:\((?P<n1>\d{{1,2}})\)|=\s*(?P<n2>\d{{1,2}}))")
# `F = Foundation`, `AW: Aware`, `N – Novice` (a short code first)
_CODE_FIRST = re.compile(
    rf"(?<![\w/])(?P<code>[^\W\d_]{{1,3}}|[^\W\d_]/[^\W\d_]|[-–—])\s*[=:\-–—]\s*"
    rf"(?P<label>{_LABEL}){_END}"
)
# `E/P/A (Essential/Proficient/Advanced)`
_SLASH_CODES = re.compile(
    rf"(?<![\w/])(?P<codes>[^\W\d_]{{1,3}}(?:\s*/\s*[^\W\d_]{{1,3}})+)\s*[=:]?\s*"
    rf"\((?P<labels>{_WORD}(?:[ ]{_WORD})*(?:\s*/\s*{_WORD}(?:[ ]{_WORD})*)+)\)"
)
_CUE_WORDS = r"(?:key|legend|levels?|scale|rating(?: scale)?|allwedd|lefel(?:au)?)"
# a numbered paragraph may open the cue (`2.  Levels: 1 Foundation; …`, ho4_sm04)
_CUE = re.compile(rf"^\W*(?:\d{{1,2}}[.)]\s+)?{_CUE_WORDS}\b", re.IGNORECASE)
_CUE_ONLY = re.compile(rf"^\W*{_CUE_WORDS}\W*$", re.IGNORECASE)  # a `Key:` line over entries
# Words that head a legend or a pair but are no level label (`Key: F = …`, `Grade 5 (2)`).
_NOT_LABELS = frozenset(
    (
        *("key", "legend", "level", "levels", "scale", "rating", "lefel", "allwedd"),
        *("grade", "band", "scp", "spinal", "point", "page", "step", "stage", "version"),
        *("table", "figure", "section"),
    )
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One legend entry: a label (word or code) and its level, or its place in the legend."""

    label: str
    level: int | None  # None: numbered by order
    code: bool = False


def _labels(label: str) -> list[str]:
    """`Sylfaenol / Basic` -> both; every part as a label key."""
    return [k for part in label.split("/") if (k := label_key(part))]


def text_entries(text: str) -> list[Entry]:
    """Legend entries in one line of text (empty when it holds no legend)."""
    if len(text) > 400:
        return []
    slash = _slash_entries(text)
    if slash:
        return slash
    numbered = _pairs(_NUMBER_FIRST, text) or (
        _pairs(_NUMBER_SPACE, text) if _CUE.match(text) else []
    )
    if not numbered:
        numbered = [
            (int(m.group("n1") or m.group("n2")), m.group("label"))
            for m in _LABEL_FIRST.finditer(text)
        ]
        numbered = [(n, lab) for n, lab in numbered if label_key(lab) not in _NOT_LABELS]
    if numbered:
        numbers = [n for n, _ in numbered]
        vocab = [lab for _, lab in numbered if label_key(lab) in LEVEL_WORDS]
        # one pair needs a scale word (`Key: 3 = Good`); a run needs distinct numbers
        if (len(numbered) >= 2 and len(set(numbers)) == len(numbers)) or vocab:
            return [Entry(k, n) for n, lab in numbered for k in _labels(lab)]
        return []
    return (
        _code_entries(text)
        or _bracketed_word_entries(text)
        or (_spaced_code_entries(text) if _CUE.match(text) else [])
        or _symbol_run_entries(text)
    )


# `Fdn (Foundation), Int (Intermediate)` (ho5_sm02): an abbreviation, its word in brackets
_CODE_BRACKET = re.compile(rf"(?<![\w/])(?P<code>[^\W\d_]{{1,4}})\s*\((?P<label>{_LABEL})\)")


def _abbreviates(code: str, word: str) -> bool:
    """`fdn` of `foundation`, `int` of `intermediate`: the word's initial, then the code's
    other letters in the word's order."""
    code, word = code.casefold(), word.casefold()
    if len(code) >= len(word) or code[:1] != word[:1]:
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in code[1:])


def _bracketed_word_entries(text: str) -> list[Entry]:
    """Abbreviations each followed by its word in brackets: two or more, each an
    abbreviation of its word, most of the words scale words (so `HR (Human Resources)` in
    prose is no legend)."""
    pairs = [
        (m.group("code"), m.group("label"))
        for m in _CODE_BRACKET.finditer(text)
        if _abbreviates(m.group("code"), label_key(m.group("label")))
    ]
    if len(pairs) < 2 or len({label_key(c) for c, _ in pairs}) < len(pairs):
        return []
    if 2 * sum(label_key(lab) in LEVEL_WORDS for _, lab in pairs) < len(pairs):
        return []
    return _legend_entries(pairs)


# `★ Basic   ★★ Competent   ★★★ Expert` (ho4_sm07): runs of one symbol, each before its
# words; no cue needed, since prose never reads so.
_SYMBOL_ENTRY = re.compile(
    r"(?:^|(?<=[\s:;,]))(?P<code>([\u2605\u2606\u25a0-\u25ff\u2b24\u26ab\u26aa])\2{0,4})"
    rf"\s*(?:[=:\-–—]\s*)?(?P<label>{_WORD}(?:[ ]{{1,3}}{_WORD}){{0,3}}?)"
    r"(?=\s*(?:[,;.|]|$|\s+[\u2605\u2606\u25a0-\u25ff\u2b24\u26ab\u26aa]))"
)


def _symbol_run_entries(text: str) -> list[Entry]:
    pairs = [(m.group("code"), m.group("label")) for m in _SYMBOL_ENTRY.finditer(text)]
    if len(pairs) < 2 or len({c for c, _ in pairs}) < len(pairs):
        return []
    # labels are names (`Basic`, `Expert`), not a sentence's words (`● for done`)
    if not all(lab[:1].isupper() or label_key(lab) in LEVEL_WORDS for _, lab in pairs):
        return []
    out: list[Entry] = []
    for code, label in pairs:
        out.append(Entry(code, None, code=True))
        out.extend(Entry(k, None) for k in _labels(label))
    return out


_CUE_HEAD = re.compile(rf"^\W*(?:\d{{1,2}}[.)]\s+)?{_CUE_WORDS}\W*", re.IGNORECASE)


def _spaced_code_entries(text: str) -> list[Entry]:
    """`Key: A Aware P Practitioner E Expert` (ho4_sm05, a boxed key line in a PDF): codes in
    capitals, each followed by words starting with its letter, no `=` between them. Only
    after a key cue, and every word must belong to an entry."""
    words = _CUE_HEAD.sub("", text, count=1).split()
    pairs: list[tuple[str, list[str]]] = []
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if re.fullmatch(r"[A-Z]{1,3}", word) and nxt[:1].casefold() == word[:1].casefold():
            pairs.append((word, []))
        elif pairs and re.fullmatch(_WORD, word):
            pairs[-1][1].append(word)
        else:
            return []
    if len(pairs) < 2 or any(not label for _, label in pairs):
        return []
    if len({c for c, _ in pairs}) < len(pairs):
        return []
    out: list[Entry] = []
    for code, label in pairs:
        out.append(Entry(label_key(code), None, code=True))
        out.extend(Entry(k, None) for k in _labels(" ".join(label)))
    return out


def _pairs(pattern: re.Pattern[str], text: str) -> list[tuple[int, str]]:
    out = []
    for m in pattern.finditer(text):
        label = m.group("label")
        if label_key(label).split(" ")[0] in _NOT_LABELS:
            continue
        out.append((int(m.group("n")), label))
    return out


def _code_entries(text: str) -> list[Entry]:
    """`F = Foundation; I = Intermediate`: two or more codes, each the initial(s) of its word
    or written in capitals."""
    pairs = []
    for m in _CODE_FIRST.finditer(text):
        code, label = m.group("code"), m.group("label")
        if code.casefold() in _NOT_LABELS or label_key(label) in _NOT_LABELS:
            continue
        initial = label_key(label)[:1] == code[:1].casefold()
        if not (initial or code.isupper() or code in "-–—"):
            continue
        pairs.append((code, label))
    if len(pairs) < 2 or len({label_key(c) for c, _ in pairs}) < len(pairs):
        return []
    return _legend_entries(pairs)


def _slash_entries(text: str) -> list[Entry]:
    m = _SLASH_CODES.search(text)
    if not m:
        return []
    codes = [c.strip() for c in m.group("codes").split("/")]
    labels = [w.strip() for w in m.group("labels").split("/")]
    if len(codes) != len(labels) or any(
        label_key(c)[:1] != label_key(w)[:1] for c, w in zip(codes, labels, strict=True)
    ):
        return []
    out: list[Entry] = []
    for code, label in zip(codes, labels, strict=True):
        out += [Entry(label_key(code), None, code=True), Entry(label_key(label), None)]
    return out


# ---------------------------------------------------------------------------------------------
# Key tables

_KEY_HEADER = re.compile(
    r"\b(levels?|lefel|code|short|abbrev\w*|key|allwedd|rating|scale|meaning|ystyr|symbol|"
    r"definition|description)\b",
    re.IGNORECASE,
)
_LEVEL_NUMBER = re.compile(r"^(?:(?:level|lefel|lvl|l)\s*)?(\d{1,2})$", re.IGNORECASE)
_MAX_LABEL_WORDS = 4


def _short_label(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 2 * _MAX_LABEL_WORDS
        and len(text) <= 60
        and bool(re.search(r"[^\W\d_]", text))
        and not text.rstrip().endswith(".")
        and all(len([w for w in part.split() if w]) <= _MAX_LABEL_WORDS for part in text.split("/"))
    )


# A symbol standing for a level: arrows, shapes, stars, dingbats (`○ ◑ ●` Harvey balls,
# `★`, `▲`; ho_sm11). No letters, digits or punctuation: a dash or bullet is no such code.
SYMBOL = "[\u2190-\u21ff\u25a0-\u27bf\u2b00-\u2bff]"
_CODE = re.compile(
    rf"^(?:[^\W\d_]{{1,3}}|[^\W\d_]/[^\W\d_]|[-–—]|{SYMBOL})$"
)  # `AW`, `N/R`, `-`, `◑`


def _is_code(text: str) -> bool:
    return bool(_CODE.match(text))


def table_entries(table: Table) -> list[Entry]:
    """A key table's entries: `number | label` rows, or `label | code` rows in scale order.

    The table is narrow (two to four columns); a header row, when it has one, names key
    columns (level, code, meaning…); without one, every row must read as an entry and the
    labels must be scale words or the codes their initials.
    """
    if not 2 <= table.n_cols <= 4 or table.n_rows < 2:
        return []
    rows = [[t for t in table.row_texts(r)] for r in range(table.n_rows)]
    header = bool(_KEY_HEADER.search(" ".join(rows[0]))) and not any(
        _LEVEL_NUMBER.match(t) for t in rows[0]
    )
    body = rows[1:] if header else rows
    numbered = _numbered_rows(body)
    if numbered is not None and (header or any(k in LEVEL_WORDS for _, k in numbered)):
        return [Entry(k, n) for n, lab in numbered for k in _labels(lab)]
    coded = _coded_rows(body)
    if coded is not None and (
        header or all(label_key(c)[:1] == label_key(w)[:1] for w, c in coded)
    ):
        out: list[Entry] = []
        for label, code in coded:
            out.append(Entry(label_key(code), None, code=True))
            out.extend(Entry(k, None) for k in _labels(label))
        return out
    return []


def column_pair_entries(table: Table) -> list[Entry]:
    """A level number column beside a column naming each number (`Required level | Level
    name`, a long-format export, ho_sm05): a key when every number has one name and every
    name one number, repeated down the rows."""
    if table.n_rows < 4:
        return []
    heads = table.row_texts(0)
    rows = [table.row_texts(r) for r in range(1, table.n_rows)]
    for a in range(table.n_cols - 1):
        for num, lab in ((a, a + 1), (a + 1, a)):
            if not _KEY_HEADER.search(heads[lab]):
                continue
            pairs: dict[int, str] = {}
            names: dict[str, int] = {}
            ok = True
            for texts in rows:
                n_text, label = texts[num], texts[lab]
                if not n_text and not label:
                    continue
                m = _LEVEL_NUMBER.match(n_text)
                if m is None or not _short_label(label):
                    ok = False
                    break
                n, key = int(m.group(1)), label_key(label)
                if pairs.setdefault(n, key) != key or names.setdefault(key, n) != n:
                    ok = False
                    break
            if ok and len(pairs) >= 2 and len(rows) > len(pairs):
                return [Entry(k, n) for n, k in sorted(pairs.items())]
    return []


_KEY_TITLE = re.compile(r"\b(key|legend|allwedd)\b", re.IGNORECASE)


def key_block_entries(table: Table) -> list[list[Entry]]:
    """Keys set in a corner of a bigger grid (a sheet whose matrix has its key beside it,
    ho4_sm01: `RAG key` over `Red | Awareness` rows): a short cell naming a key, and under
    it pairs of a symbol (as the cells write it) and its meaning, down to the first gap."""
    found: list[list[Entry]] = []
    for r in range(table.n_rows - 2):
        texts = table.row_texts(r)
        for c, text in enumerate(texts[:-1]):
            if not text or len(text.split()) > 3 or not _KEY_TITLE.search(text):
                continue
            if texts[c + 1]:
                continue  # a `Key | Meaning` header row is a key table's, read elsewhere
            pairs: list[tuple[str, str]] = []
            for below in range(r + 1, table.n_rows):
                row = table.row_texts(below)
                code, meaning = row[c], row[c + 1]
                label = _label_head(meaning) if meaning else None
                if not code or label is None or len(code.split()) > 2:
                    break
                pairs.append((code, label))
            if len(pairs) >= 2 and len({label_key(a) for a, _ in pairs}) == len(pairs):
                entries: list[Entry] = []
                for code, label in pairs:
                    m = _LEVEL_NUMBER.match(code)
                    level = int(m.group(1)) if m else None
                    entries.append(Entry(label_key(code), level, code=level is None))
                    entries.extend(Entry(k, level) for k in _labels(label))
                found.append(entries)
    return found


def _numbered_rows(body: list[list[str]]) -> list[tuple[int, str]] | None:
    out: list[tuple[int, str]] = []
    for texts in body:
        filled = [t for t in texts if t]
        if not filled:
            continue
        numbers = [int(m.group(1)) for t in filled if (m := _LEVEL_NUMBER.match(t))]
        labels = [t for t in filled if not _LEVEL_NUMBER.match(t) and _short_label(t)]
        if len(numbers) != 1 or not labels:
            return None
        out.append((numbers[0], labels[0]))
    if len(out) < 2 or len({n for n, _ in out}) < len(out):
        return None
    return out


_HEAD_SEPARATOR = re.compile(r"\s+[-–—]\s+|:\s+")


def _label_head(text: str) -> str | None:
    """A key cell's label: the cell when it is a short label, else the short label before
    a dash or colon that opens its explanation (`Aware – knows the basics and where to find
    guidance`, ho_sm11)."""
    if _short_label(text):
        return text
    head = _HEAD_SEPARATOR.split(text, maxsplit=1)[0]
    return (
        head
        if head != text and len(head.split()) <= _MAX_LABEL_WORDS and _short_label(head)
        else None
    )


def _coded_rows(body: list[list[str]]) -> list[tuple[str, str]] | None:
    """`Aware | AW | meaning` rows: the shortest cell is the code, a longer short one the label."""
    out: list[tuple[str, str]] = []
    for texts in body:
        filled = sorted((t for t in texts if t), key=len)
        if not filled:
            continue
        code = filled[0]
        label = next((h for t in filled[1:] if len(t) > len(code) and (h := _label_head(t))), None)
        if not _is_code(code) or label is None:
            return None
        out.append((label, code))
    if len(out) < 2 or len({label_key(c) for _, c in out}) < len(out):
        return None
    return out


# ---------------------------------------------------------------------------------------------
# The document's legend


def number_entries(entries: list[Entry]) -> dict[str, int]:
    """Entries -> label: level. Numbered entries keep their number; a list without numbers
    is numbered in its order (codes share their word's number), "none" words are 0, and a
    list of scale words written from the highest down is numbered from the bottom up."""
    if all(e.level is not None for e in entries):
        return {e.label: e.level for e in entries if e.level is not None}
    groups: list[list[Entry]] = []  # a code with the word(s) after it: one level
    for e in entries:
        if e.code or not groups or not groups[-1][0].code:
            groups.append([e])
        else:
            groups[-1].append(e)
    words = [next((e.label for e in g if not e.code), g[0].label) for g in groups]
    ranks = [LEVEL_WORDS.get(w) for w in words]
    known = [r for r in ranks if r is not None and r != NONE_RANK]
    descending = len(known) >= 2 and all(a > b for a, b in itertools.pairwise(known))
    ordered = list(reversed(groups)) if descending else groups
    out: dict[str, int] = {}
    n = 0
    for group in ordered:
        word = next((e.label for e in group if not e.code), "")
        if LEVEL_WORDS.get(word) == NONE_RANK:
            level = 0
        else:
            n += 1
            level = n
        for e in group:
            out.setdefault(e.label, level)
    return out


# Words that say how much a post needs something, not how well it is done: a training-needs
# analysis's `R = Required; D = Desirable` key is no scale of levels (ho_sm02).
REQUIREMENT_WORDS = frozenset(
    ("required", "essential", "desirable", "mandatory", "optional", "recommended", "preferred",
     "advisable", "statutory")
)  # fmt: skip


def _requirement_key(entries: list[Entry]) -> bool:
    """A key whose words say how much a post needs something: no level word among them
    (a "none" word aside) and at least half requirement words."""
    words = [e.label for e in entries if not e.code]
    if not words or any(LEVEL_WORDS.get(w, NONE_RANK) != NONE_RANK for w in words):
        return False
    needs = sum(1 for w in words if w.split(" ")[0] in REQUIREMENT_WORDS)
    return needs * 2 >= len(words)


def find_legend(layout: Layout) -> dict[str, int]:
    """The document's legend: label (key-folded) -> level, first definition of a label wins.

    Each text line and each key table is read on its own; their entries are merged. A key
    of requirement words (Required / Desirable) is no level scale and is left out.
    """
    legend: dict[str, int] = {}
    for entries in _legend_sources(layout):
        if _requirement_key(entries):
            continue
        for label, level in number_entries(entries).items():
            legend.setdefault(label, level)
    return legend


def _legend_sources(layout: Layout) -> Iterator[list[Entry]]:
    """Entries per line and per key table; a key written one entry per line (paragraphs in
    a row, the cells of one table row) is gathered into one legend."""
    paragraphs: list[str] = []
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            # headings and contents lines (`1 – Introduction`) are no key entries
            heading = block.heading_level is not None or (block.style or "").lower().startswith(
                "toc"
            )
            paragraphs.append("" if heading else block.text)
            continue
        yield from _runs(paragraphs)
        paragraphs = []
        for texts in _table_rows(block):
            yield from _runs(texts)
        entries = table_entries(block) or column_pair_entries(block)
        if entries:
            yield entries
        yield from key_block_entries(block)
    yield from _runs(paragraphs)
    # a key printed in the running header or footer of every page (ho_sm06)
    yield from _runs(p.text for p in [*layout.headers, *layout.footers])


def _table_rows(table: Table) -> Iterator[list[str]]:
    for row in table.rows:
        yield [p.text for cell in row for p in cell.paragraphs]
        for cell in row:
            for nested in cell.tables:
                yield from _table_rows(nested)


def _runs(texts: Iterable[str]) -> Iterator[list[Entry]]:
    """Legends in consecutive texts: each line's own, and runs of two or more one-pair
    lines of one kind (numbered or coded)."""
    run: list[list[Entry]] = []  # one list of entries per line
    for text in texts:
        for line in text.split("\n"):
            entries = text_entries(line)
            if entries:
                yield entries
            pair = None if entries else _one_pair(line)
            if pair is None and _CUE_ONLY.match(line):
                continue  # a `Key:` line may head the entries
            if pair is None or (run and run[-1][0].code != pair[0].code):
                if len(run) >= 2 and _defines_once(run):
                    yield [e for entries in run for e in entries]
                run = []
            if pair is not None:
                run.append(pair)
    if len(run) >= 2 and _defines_once(run):
        yield [e for entries in run for e in entries]


def _defines_once(run: list[list[Entry]]) -> bool:
    """A key defines each label once: a run of one-pair texts naming one label twice is a
    row of level cells (`3 (E) | 1 (D) | 2 (E)`, a level and a flag: ho4_sm04), no key."""
    labels = [e.label for entries in run for e in entries]
    return len(set(labels)) == len(labels)


# `1 = Basic`; `Level 2 – Practised: does the task unsupervised` (a bold-lead paragraph per
# level, its description after a colon: ho6_sm02)
_ONE_NUMBERED = re.compile(
    rf"^\W*(?:level\s+)?(?P<n>\d{{1,2}})\s*(?:[=:\-–—]|\()\s*(?P<label>{_LABEL})\)?"
    r"\s*(?::\s+\S.*)?$",
    re.IGNORECASE,
)
_ONE_CODED = re.compile(
    rf"^\W*(?P<code>[^\W\d_]{{1,3}}|[^\W\d_]/[^\W\d_]|[-–—])\s*[=:\-–—]\s*(?P<label>{_LABEL})\s*$"
)


def _one_pair(line: str) -> list[Entry] | None:
    """A line that is one legend entry and nothing else (`1 = Basic`, `F – Foundation`)."""
    m = _ONE_NUMBERED.match(line)
    if m and label_key(m.group("label")) not in _NOT_LABELS:
        return [Entry(k, int(m.group("n"))) for k in _labels(m.group("label"))]
    m = _ONE_CODED.match(line)
    if m:
        code, label = m.group("code"), m.group("label")
        if code.casefold() in _NOT_LABELS or label_key(label) in _NOT_LABELS:
            return None
        if label_key(label)[:1] == code[:1].casefold() or code.isupper() or code in "-–—":
            return [
                Entry(label_key(code), None, code=True),
                *(Entry(k, None) for k in _labels(label)),
            ]
    return None


def _legend_entries(pairs: list[tuple[str, str]]) -> list[Entry]:
    """A key's code -> label pairs as legend entries: each code, then the label's words."""
    out: list[Entry] = []
    for code, label in pairs:
        out.append(Entry(label_key(code), None, code=True))
        out.extend(Entry(k, None) for k in _labels(label))
    return out
