"""Acronyms built from a name's initials: `EDI` ~ `Equality, diversity and inclusion`.

An acronym is weak evidence (three entries of a housing registry are `HS`), so it only ever
proposes review candidates; the few that are unambiguous across HR lists (`H&S`, `ICT`) are
expanded as abbreviations by ``normalise.text`` instead.

A written ``&`` or ``/`` is a cue of its own: `H&S` joins its two letters with *and*, so it is
the initials of `Health and safety` but not of `Housing strategy`; `ED&I` is `Equality,
diversity and inclusion`. Without one, conjunctions are not compared (`EDI`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from roleframe.normalise.text import STOPWORDS, tokens

# 2-6 capital letters, optionally dotted or joined by &, / or + (`EDI`, `E.D.I.`, `ED&I`,
# `H & S`, `H/S`); lower-case letters only count when a joiner shows they are initials
# (`h&s`), since `law` or `art` are words.
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.?\s*(?:[&/+]\s*)?){2,6}$")
_JOINER = re.compile(r"[&/+]")
_WORDS = re.compile(r"[a-z0-9]+|[&/+]")
_GENERIC_TAIL = frozenset({"skill", "skills"})
AND = "&"


@lru_cache(maxsize=16384)
def acronym_of(name: str) -> str | None:
    """The initials a name written as an acronym stands for (`ED&I` -> `ed&i`, `EDI` ->
    `edi`), or None when the name is not written as one."""
    text = unicodedata.normalize("NFKC", name).strip()
    if not _ACRONYM.match(text):
        return None
    letters = [c for c in text if c.isalpha()]
    joined = bool(_JOINER.search(text)) or "." in text
    if len(letters) < 2 or not (joined or all(c.isupper() for c in letters)):
        return None
    out = ""
    for ch in text:
        if ch.isalpha():
            out += ch.casefold()
        elif _JOINER.match(ch):
            out += AND
    return out


def matches(acronym: str, initials: str) -> bool:
    """Whether an acronym fits a name's initials: the same letters, and where the acronym
    writes a joiner the name joins its words with *and* at the same place."""
    if AND not in acronym:
        return acronym == initials.replace(AND, "")
    return acronym == initials


@lru_cache(maxsize=16384)
def initials(name: str) -> frozenset[str]:
    """A name's initials, with `&` where *and*, `&`, `/` or `+` joins two words: as written
    (`Information Technology & Systems` -> `it&s`) and with abbreviations expanded (`IT
    Skills` -> `it`). A trailing generic `skills` and stopwords give no letter. Names of
    fewer than two meaningful words have none (a one-word name is no acronym's source)."""
    found: set[str] = set()
    for words in (_raw_words(name), _expanded_words(name)):
        letters = [w for w in words if w != AND]
        if len(letters) < 2:
            continue
        out = ""
        for w in words:
            if w == AND:
                if out and not out.endswith(AND):
                    out += AND
            else:
                out += w[0]
        found.add(out.strip(AND))
    return frozenset(found)


def _raw_words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", name).casefold()
    out: list[str] = []
    for w in _WORDS.findall(text):
        if w == "and" or _JOINER.match(w):
            out.append(AND)
        elif w not in STOPWORDS:
            out.append(w)
    while out and out[-1] in _GENERIC_TAIL | {AND}:
        out.pop()
    return out


def _expanded_words(name: str) -> list[str]:
    return [AND if w == "and" else w for w in tokens(name) if w == "and" or w not in STOPWORDS]
