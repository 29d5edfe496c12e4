"""Map names as written onto the canonical registry (issue 5).

Library API used by the pipeline::

    registry = load_registry(None)            # the shipped default, or a path
    decisions = load_decisions(path)          # missing file = no decisions
    matches = match_surface_names(                # NameMatch per name, with `where`
        extraction.names, registry, decisions,
        context=context_names(extraction.content),  # completes `Financial n` from descriptors
    )
"""

from roleframe.normalise.context import context_names
from roleframe.normalise.decisions import DecisionBook, load_decisions, save_decisions
from roleframe.normalise.match import Matcher, match_names, match_surface_names
from roleframe.normalise.registry import load_registry, save_registry

__all__ = [
    "DecisionBook",
    "Matcher",
    "context_names",
    "load_decisions",
    "load_registry",
    "match_names",
    "match_surface_names",
    "save_decisions",
    "save_registry",
]
