"""Files that appear complete or not at all, and fixed metadata for reproducible archives.

An export is written beside its target under a hidden temporary name and renamed over it
only when complete (``os.replace`` is atomic on one file system): an interrupted export
leaves the previous file, never half of a new one.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

# the timestamp every archive member and workbook property carries: the output depends on
# the input alone, never on when it was exported (zip's epoch, the earliest it can store)
FIXED_TIME = datetime(1980, 1, 1, tzinfo=UTC)


class Staged:
    """A temporary file beside ``target``; :meth:`commit` renames it over the target."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self.path = Path(name)

    def commit(self) -> None:
        with open(self.path, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(self.path, 0o666 & ~_umask())  # mkstemp's 0600 would hide it from others
        os.replace(self.path, self.target)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def zip_member(name: str, size: int) -> zipfile.ZipInfo:
    """A zip entry whose metadata is the same on every run and every machine."""
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix; the default depends on the platform
    info.external_attr = 0o644 << 16
    info.file_size = size
    return info
