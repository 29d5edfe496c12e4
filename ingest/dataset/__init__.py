"""The shared dataset: one SQLite file everybody loads into and reads from (issue 10).

Library twins of the commands (each command is a thin wrapper over one of these):

* :func:`load` - ``roleframe load``: ingest files (or take document JSON) and load them.
* :func:`list_roles` - ``roleframe roles``.
* :func:`role_card` - ``roleframe role TITLE``.
* :func:`role_history` - ``roleframe history TITLE``.
* :func:`pending_roles`, :func:`decide_role` - ``roleframe review --db``: roles waiting
  for a person, and a ruling on one.
"""

from roleframe.ingest.dataset.db import DEFAULT_DB, DatabaseRefused, connect
from roleframe.ingest.dataset.load import LoadOptions, load
from roleframe.ingest.dataset.read import RoleNotFound, list_roles, role_card, role_history
from roleframe.ingest.dataset.review import decide_role, pending_roles

__all__ = [
    "DEFAULT_DB",
    "DatabaseRefused",
    "LoadOptions",
    "RoleNotFound",
    "connect",
    "decide_role",
    "list_roles",
    "load",
    "pending_roles",
    "role_card",
    "role_history",
]
