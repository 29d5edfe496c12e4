"""Evidence beyond the fuzzy score, for names whose words differ from their entry's:

* **acronyms** - `EDI` is the initials of `Equality, diversity and inclusion`, `H/S` of
  `Health and safety` (``normalise.acronym``); and a long name whose initials an entry is
  written as (`Information and communication technology` ~ an entry `ICT`);
* **synonyms** - `councillors` ~ `elected members`, the benefits, `resident` ~ `customer`
  where the registry allows it (``normalise.synonyms``);
* **long names** - an official long name holding every word of a short registry form
  (`Knowledge of housing law` ~ `Housing law`, `Work environment – work demands` ~ `Work
  demands`);
* **parts** - a dashed name whose part is an entry (`Job Specific – Minimum
  Qualifications` ~ `Minimum qualifications for the post`).

Each gives review candidates (``Lead``), never a match on its own; the one exception is an
``EQUIVALENT`` synonym whose rewritten name hits exactly one entry exactly, which the
matcher may accept (`Working with councillors` = `Working with Elected Members`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roleframe.normalise.acronym import acronym_of, initials, matches
from roleframe.normalise.synonyms import Strength, alternatives
from roleframe.normalise.text import content_words, sorted_key, stem, tokens

if TYPE_CHECKING:
    from roleframe.normalise.match import ListIndex

# A long name is worth a review when the short form covers at least this share of its words.
LONG_NAME_SHARE = 0.5
PART_SPLIT = re.compile(r"\s+[\u2010-\u2015\u2212-]\s+|\s*:\s+|\s*/\s*")
MAX_LEADS = 5
SUBSET_LEADS_MAX = 3  # a name inside at most this many entries' names is worth reviewing


@dataclass(frozen=True, slots=True)
class Lead:
    """A review candidate and why it is one."""

    target: int
    method: str  # acronym / synonym / long_name / part / part_inside
    reason: str
    auto: bool = False  # an EQUIVALENT synonym's unique exact hit: may be accepted


def leads(query: str, index: ListIndex, negatives: set[int]) -> list[Lead]:
    """Every lead for a name, strongest kind first, each target once."""
    words = tokens(query)
    found: list[Lead] = []
    parts = _part_leads(query, words, index)
    found += _synonym_leads(query, words, index)
    found += _acronym_leads(query, words, index)
    found += [lead for lead in parts if lead.method == "part"]  # a part that is an entry
    found += _long_name_leads(query, words, index)
    found += [lead for lead in parts if lead.method != "part"]  # a part inside an entry
    out: list[Lead] = []
    seen: set[int] = set()
    for lead in found:
        if lead.target not in seen and lead.target not in negatives:
            seen.add(lead.target)
            out.append(lead)
    return out[:MAX_LEADS]


def _name(index: ListIndex, t: int) -> str:
    return index.targets[t].entry.name


def _acronym_leads(query: str, words: tuple[str, ...], index: ListIndex) -> list[Lead]:
    acronym = acronym_of(query)
    if acronym is not None:  # `EDI` against the entries' initials
        hits = [
            t
            for t, written in index.initials.get(acronym.replace("&", ""), [])
            if matches(acronym, written)
        ]
        return [
            Lead(t, "acronym", f"{query} may be the initials of {_name(index, t)}.")
            for t in dict.fromkeys(hits)
        ]
    out: list[Lead] = []  # a long name against entries written as acronyms
    for written in initials(query):
        for t, acr in index.acronym_names.get(written.replace("&", ""), []):
            if matches(acr, written):
                out.append(Lead(t, "acronym", f"{_name(index, t)} may be the initials of {query}."))
    return out


def _synonym_leads(query: str, words: tuple[str, ...], index: ListIndex) -> list[Lead]:
    out: list[Lead] = []
    for alt in alternatives(words, index.uses):
        hits = index.word_hits(alt.words)
        said = f"`{alt.swapped[0]}` read as `{alt.swapped[1]}`"
        if hits:
            auto = alt.strength == Strength.EQUIVALENT and len(hits) == 1
            out += [Lead(t, "synonym", f"With {said}, the name is this entry.", auto) for t in hits]
            continue
        subset = index.subset_targets(alt.words)
        if index.subset_review and 0 < len(subset) <= SUBSET_LEADS_MAX:
            out += [
                Lead(t, "synonym", f"With {said}, every word of the name is in this entry.")
                for t in subset
            ]
    return out


def _long_name_leads(query: str, words: tuple[str, ...], index: ListIndex) -> list[Lead]:
    """Entries every meaningful word of which the name holds, covering enough of it."""
    mine = set(content_words(words))
    if len(mine) < 2:
        return []
    stems = {stem(w) for w in mine}
    ranked: list[tuple[int, int, float]] = []
    query_key = sorted_key(query)
    for t in index.targets_sharing(mine):
        for other in index.targets[t].words:
            theirs = set(content_words(other))
            if not theirs or theirs == mine:
                continue
            if not all(w in mine or stem(w) in stems for w in theirs):
                continue
            if len(theirs) < index.long_name_min_words or len(theirs) >= len(mine):
                continue
            if len(theirs) / len(mine) >= LONG_NAME_SHARE:
                ranked.append((t, len(theirs), index.best_ratio(query_key, t)))
                break
    ranked.sort(key=lambda row: (-row[1], -row[2], row[0]))  # most words, then closest
    return [
        Lead(t, "long_name", f"The name holds every word of {_name(index, t)}.")
        for t, _, _ in ranked
    ]


def _part_leads(query: str, words: tuple[str, ...], index: ListIndex) -> list[Lead]:
    """A part of a dashed, coloned or slashed name that is an entry, or inside one."""
    text = unicodedata.normalize("NFKC", query)
    parts = [p.strip(" *") for p in PART_SPLIT.split(text)]
    if len(parts) < 2:
        return []
    out: list[Lead] = []
    for part in parts:
        part_words = tokens(part)
        if not content_words(part_words):
            continue
        hits = index.word_hits(part_words)
        if hits:
            out += [Lead(t, "part", f"`{part}` is {_name(index, t)}.") for t in hits]
        elif index.subset_review:
            subset = index.subset_targets(part_words)
            out += [
                Lead(t, "part_inside", f"`{part}` is part of {_name(index, t)}.")
                for t in (subset if len(subset) <= SUBSET_LEADS_MAX else [])
            ]
    return out
