"""Stable, deterministic ids: uuid5 over a fixed namespace and a normalised natural key.

The same input always yields the same id, so two runs over the same files diff clean.
"""

import re
import unicodedata
import uuid

ROLEFRAME_NAMESPACE = uuid.UUID("5b0c5c1e-6f2a-5d7e-9a3b-2f1e0d4c8b71")

_SPACE = re.compile(r"\s+")


def natural_key(*parts: object) -> str:
    """Join key parts after NFKC, casefold and whitespace folding (editorial noise ignored)."""
    cleaned = []
    for part in parts:
        text = unicodedata.normalize("NFKC", str(part)).casefold()
        cleaned.append(_SPACE.sub(" ", text).strip())
    return "\x1f".join(cleaned)


def stable_id(*parts: object, namespace: uuid.UUID = ROLEFRAME_NAMESPACE) -> str:
    """uuid5 of the natural key of ``parts``."""
    return str(uuid.uuid5(namespace, natural_key(*parts)))
