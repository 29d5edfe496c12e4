"""A stand-in builder for batch tests, loaded by name inside the worker processes.

The batch runner is tested for what it does with results (names, atomic writes, resume,
timeouts, crashes), independently of which kind extractors exist yet. The first bytes of a
test file say how it behaves; anything else becomes a minimal role-profile document.
"""

from __future__ import annotations

import hashlib
import os
import time

from roleframe.parsers.errors import ReadError
from roleframe.parsers.limits import Limits
from roleframe.schema import DocumentKind, Format, IssueCode
from roleframe.schema.document import Document, ParserInfo, Source
from roleframe.schema.role_profile import RoleProfile

BUILDER = "batch_support:build"


def build(data: bytes, filename: str, kind: DocumentKind | None, limits: Limits) -> Document:
    if data.startswith(b"HANG"):
        time.sleep(3600)
    if data.startswith(b"HOG"):
        hog = bytearray(8 * 1024**3)  # 8 GB: over any RLIMIT_AS the worker sets
        hog[-1] = 1
    if data.startswith(b"CRASH"):
        os.abort()
    if data.startswith(b"BOOM"):
        raise ZeroDivisionError("boom")
    if data.startswith(b"FAIL"):
        raise ReadError(IssueCode.CORRUPT_FILE, "This file is marked as broken.")
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        id=sha[:32],
        kind=DocumentKind.ROLE_PROFILE,
        source=Source(filename=filename, format=Format.CSV, sha256=sha, size=len(data)),
        parser=ParserInfo(reader="test", extractor="test", version="0"),
        title=data.decode("utf-8", "replace").strip()[:60],
        content=RoleProfile.model_construct(),
    )
