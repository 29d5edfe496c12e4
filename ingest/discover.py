"""Turn command-line arguments (files, folders, globs) into the inputs of one batch.

Real HR shares are messy: symlinks that loop, folders we may not enter, names that are not
UTF-8, Word's ``~$`` lock files, and the same ``profile.docx`` in ten team folders. Discovery
never raises: a path it cannot use becomes a ``Problem`` that the batch reports as a row.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from stat import S_ISREG

# Extensions picked up when walking a folder. Legacy and look-alike formats are included on
# purpose so a user learns *why* their .doc was not read, instead of it silently vanishing.
FOLDER_EXTENSIONS = frozenset(
    {".docx", ".docm", ".xlsx", ".xlsm", ".pdf", ".csv", ".tsv", ".txt"}
    | {".doc", ".xls", ".odt", ".ods", ".rtf"}
)
_GLOB_CHARS = re.compile(r"[*?\[]")
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True, slots=True)
class Input:
    """One file to ingest. ``path`` opens it; ``display`` is what reports show (relative)."""

    path: str
    display: str
    name: str  # the file name only, as it goes into Document.source.filename


@dataclass(frozen=True, slots=True)
class Problem:
    """An argument or folder that yielded no readable file (reported as unreadable_path)."""

    display: str
    message: str


def printable(path: str) -> str:
    """A path for reports: non-UTF-8 bytes (surrogate-escaped by the OS layer) as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def display_path(path: str, root: str | None, base: str) -> str:
    """Relative to ``base`` (the working folder) when inside it, else relative to the parent
    of the argument it was found under, so no absolute path reaches a report."""
    absolute = os.path.abspath(path)
    try:
        if os.path.commonpath([absolute, base]) == base:
            return printable(os.path.relpath(absolute, base)).replace(os.sep, "/")
    except ValueError:  # different drives on Windows
        pass
    anchor = os.path.dirname(os.path.abspath(root)) if root else os.path.dirname(absolute)
    return printable(os.path.relpath(absolute, anchor)).replace(os.sep, "/")


def discover(
    arguments: Sequence[str], base: str | None = None
) -> tuple[list[Input], list[Problem]]:
    """Files as given (any extension), folders recursively (known extensions, no hidden or
    lock files), globs expanded. The same file reached twice (symlink, overlapping
    arguments) is listed once; symlink loops are walked once."""
    base = os.path.abspath(base or os.getcwd())
    inputs: list[Input] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    displays: set[str] = set()

    def add(path: str, root: str | None) -> None:
        try:
            stat = os.stat(path)
        except OSError as exc:
            problems.append(Problem(display_path(path, root, base), _why(exc)))
            return
        if not S_ISREG(stat.st_mode):  # a FIFO or device would block or never end
            problems.append(Problem(display_path(path, root, base), "Not a regular file."))
            return
        identity = (stat.st_dev, stat.st_ino)
        if identity in seen:
            return
        seen.add(identity)
        display = display_path(path, root, base)
        if display in displays:  # /a/docs/x.docx and /b/docs/x.docx, both outside base
            digest = hashlib.sha1(os.fsencode(os.path.abspath(path))).hexdigest()[:8]
            display = f"{display}#{digest}"
        displays.add(display)
        inputs.append(Input(path, display, printable(os.path.basename(path))))

    for argument in arguments:
        if os.path.isdir(argument):
            _walk(argument, add, problems, base)
        elif os.path.lexists(argument):
            add(argument, None)
        elif _GLOB_CHARS.search(argument):
            for match in sorted(glob.glob(argument, recursive=True)):
                if os.path.isdir(match):
                    _walk(match, add, problems, base)
                else:
                    add(match, None)
        else:
            problems.append(Problem(printable(argument), "No such file or folder."))
    return inputs, problems


def _walk(
    root: str, add: Callable[[str, str | None], None], problems: list[Problem], base: str
) -> None:
    visited: set[tuple[int, int]] = set()

    def onerror(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else root
        problems.append(Problem(display_path(where, root, base), _why(exc)))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=True):
        try:
            stat = os.stat(folder)
        except OSError as exc:
            onerror(exc)
            dirs[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in visited:  # a symlink loop back into the tree
            dirs[:] = []
            continue
        visited.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):  # hidden files, Office lock files
                continue
            if os.path.splitext(name)[1].lower() in FOLDER_EXTENSIONS:
                add(os.path.join(folder, name), root)


def _why(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "Permission denied: roleframe may not read this path."
    if exc.errno is not None and exc.errno == 40:  # ELOOP
        return "The path is a symbolic link loop."
    return f"The path cannot be read: {exc.strerror or exc}."


def safe_stem(name: str) -> str:
    """A file-system-safe, readable stem for output names (letters of any script kept)."""
    stem = os.path.splitext(name)[0]
    stem = unicodedata.normalize("NFC", stem.encode("utf-8", "replace").decode("utf-8"))
    stem = _UNSAFE.sub("_", stem).strip("._") or "document"
    return stem[:120]


def output_stems(inputs: Sequence[Input]) -> dict[str, str]:
    """``display`` -> output stem. A stem shared by several inputs (two ``profile.docx`` in
    different folders, or ``profile.docx`` and ``profile.pdf``) gets a short hash of the
    input's relative path in every one of them, so no name depends on processing order."""
    stems = {item.display: safe_stem(item.name) for item in inputs}
    counts: dict[str, int] = {}
    for stem in stems.values():
        counts[stem.casefold()] = counts.get(stem.casefold(), 0) + 1
    return {
        display: stem
        if counts[stem.casefold()] == 1
        else f"{stem}-{hashlib.sha1(display.encode()).hexdigest()[:8]}"
        for display, stem in stems.items()
    }
