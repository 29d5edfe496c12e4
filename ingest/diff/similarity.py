"""Text keys and similarities the diff pairs items with.

Three strengths of sameness, each for one job: ``name_key`` (case, spacing and dashes only:
two names with the same key are the same name), ``cosmetic_key`` (also punctuation, quotes
and bullet glyphs: two texts with the same key differ only cosmetically), and the 0-1
similarities that the rename and statement rules compare against thresholds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from roleframe.normalise.text import light_key, plain_tokens
from roleframe.parsers.text import BULLET_GLYPHS, clean
from roleframe.schema.changeset import WordOp

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_BULLETS = re.compile("[" + re.escape(BULLET_GLYPHS) + "]")


def name_key(name: str) -> str:
    """Two names are the same name when these keys are equal (`Customer-Focus` = `customer
    focus`); spelling variants are not folded here: they are renames, found by score."""
    return " ".join(plain_tokens(light_key(name)))


@lru_cache(maxsize=65536)
def cosmetic_key(text: str) -> str:
    """What is left of a text after dropping what only changes its look: case, spacing,
    punctuation, quotes, bullet glyphs."""
    text = unicodedata.normalize("NFKC", text)
    text = _BULLETS.sub(" ", text)
    text = _NON_WORD.sub(" ", text.casefold())
    return _SPACES.sub(" ", text).strip()


def name_similarity(a: str, b: str) -> float:
    """0-1: character-level similarity of two names with word order ignored (so a spelling
    change, `Organisational` -> `Organizational`, scores about 0.96)."""
    return fuzz.token_sort_ratio(name_key(a), name_key(b)) / 100


def text_similarity(a: str, b: str) -> float:
    """0-1: how alike two statements are once cosmetics are dropped; the mean of a
    character-level ratio and a word-set ratio, so both a small edit and an inserted clause
    score high while a different sentence on the same subject scores low."""
    ka, kb = cosmetic_key(a), cosmetic_key(b)
    if not ka or not kb:
        return 1.0 if ka == kb else 0.0
    return (fuzz.ratio(ka, kb) + fuzz.token_set_ratio(ka, kb)) / 200


def content_tokens(texts: list[str]) -> Counter[str]:
    """An item's content (definition, statements) as a multiset of word pairs. Pairs, not
    single words: two competencies of one framework share most of their vocabulary (team,
    service, residents), but rarely their phrases, so unrelated content scores low while the
    same content under a new name scores 1."""
    bag: Counter[str] = Counter()
    for text in texts:
        words = cosmetic_key(text).split()
        if len(words) == 1:
            bag[words[0]] += 1
        bag.update(f"{a} {b}" for a, b in pairwise(words))
    return bag


def dice(a: Counter[str], b: Counter[str]) -> float | None:
    """0-1 overlap of two multisets (Sørensen-Dice); None when either is empty (no content
    is no evidence either way)."""
    total = sum(a.values()) + sum(b.values())
    if not a or not b:
        return None
    return 2 * sum((a & b).values()) / total


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level diff: runs of kept, deleted and inserted words (a replacement is a delete
    then an insert)."""
    a, b = clean(old).split(" "), clean(new).split(" ")
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp(op="equal", text=" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(WordOp(op="delete", text=" ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(WordOp(op="insert", text=" ".join(b[j1:j2])))
    return ops


def is_cosmetic(old: str, new: str) -> bool:
    """True when two different texts differ only in case, spacing, punctuation or bullets."""
    return old != new and cosmetic_key(old) == cosmetic_key(new)
