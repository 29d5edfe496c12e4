"""Diff two versions of a framework, matrix or JE record into an auditable change set.

``engine.diff_documents`` is the library call; ``pairing`` pairs items (id, decision, name,
rename score) and finds moves; ``recorder`` holds the rules every kind shares; one module
per kind compares its insides; ``report_md``/``report_html`` render a change set.
"""

from roleframe.ingest.diff.decisions import RenameDecisions
from roleframe.ingest.diff.engine import NotComparable, diff_documents
from roleframe.ingest.diff.pairing import DEFAULT_THRESHOLDS

__all__ = ["DEFAULT_THRESHOLDS", "NotComparable", "RenameDecisions", "diff_documents"]
