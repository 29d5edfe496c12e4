"""Helpers shared by the per-kind fact functions."""

from __future__ import annotations

from roleframe.parsers.text import clean

Fact = tuple[str, ...]
Facts = dict[str, list[Fact]]


def t(*parts: object) -> Fact:
    """A fact: every part as cleaned text (``None`` -> ``""``, numbers -> their digits)."""
    return tuple("" if p is None else clean(str(p)) for p in parts)


def level_text(level: int | None, raw: str | None) -> str:
    """A level as compared: its number when it has one, else the cell as written."""
    return str(level) if level is not None else clean(raw or "")
