"""Writing published files (documents, reports, registries, decisions) atomically.

It lives in the lowest layer so that ``ingest`` and ``normalise`` share one implementation:
a file appears complete or not at all, even if the process dies mid-write or the machine
loses power after it returns.
"""

import contextlib
import os
import secrets
from pathlib import Path

# The temp name's random part: 8 of mkstemp's characters (``ingest.batch._TEMP`` sweeps
# ``.<name>.<8 chars>.tmp`` leftovers of a killed run).
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write to a temp file in the same folder, fsync it, rename it over the target, then
    fsync the folder so the rename itself survives a crash.

    The file gets the permissions any new file gets (0666 less the umask), not mkstemp's
    owner-only 0600: published output is meant to be read by others.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new temp file beside ``target``, created with mode 0666 so the umask applies."""
    for _ in range(100):
        suffix = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        tmp = target.with_name(f".{target.name}.{suffix}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def _fsync_dir(folder: Path) -> None:
    """Flush the folder's entry for the renamed file (POSIX; Windows cannot open folders)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)
