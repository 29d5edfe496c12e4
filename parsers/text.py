"""Text cleaning shared by every reader, so all formats compare equal."""

import re

# NBSP, narrow NBSP, figure space, en/em and other fixed-width spaces, tabs -> plain space
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")

# Glyphs that only mark a list item: bullets from Word's Symbol font (U+F0B7), Wingdings
# (U+F0A7, U+F0D8, U+F076), middle dot, bullets, check marks, dashes used as bullets.
BULLET_GLYPHS = "•·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u2219○■□▪➢➤✓✔-–"
_BULLET_PREFIX = re.compile(
    r"^\s*([•·\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u25aa\u25cf\u25e6\u2023\u2043\u2219○■□▪➢➤✓✔])\s*"
)


def clean(text: str) -> str:
    """Fold every kind of whitespace to one space and strip the ends; nothing else changes."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


def split_bullet(text: str) -> tuple[str | None, str]:
    """Split a leading bullet glyph from cleaned text: ``"• Item"`` -> ``("•", "Item")``.

    Dashes are not treated as bullets here (too many statements start with a dash-like
    range); readers that know a paragraph is a list item pass the glyph separately.
    """
    m = _BULLET_PREFIX.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end() :]


def is_blank(text: str | None) -> bool:
    return text is None or not clean(text)
