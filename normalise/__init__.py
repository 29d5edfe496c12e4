"""Map names as written onto the canonical registry (issue 5).

Library API used by the pipeline::

    registry = load_registry(None)            # the shipped default, or a path
    decisions = load_decisions(path)          # missing file = no decisions
    matches = match_names([("Customer-Focus", "competencies")], registry, decisions)
"""

from roleframe.normalise.decisions import DecisionBook, load_decisions, save_decisions
from roleframe.normalise.match import Matcher, match_names
from roleframe.normalise.registry import load_registry, save_registry

__all__ = [
    "DecisionBook",
    "Matcher",
    "load_decisions",
    "load_registry",
    "match_names",
    "save_decisions",
    "save_registry",
]
