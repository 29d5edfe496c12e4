"""Discovery over messy folders: loops, duplicates, odd names, things that are not files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from roleframe.ingest.discover import Input, discover, output_stems, safe_stem


def touch(path: Path, text: str = "a,b\n1,2\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def displays(inputs: list[Input]) -> list[str]:
    return [item.display for item in inputs]


def test_folders_recurse_with_known_extensions_and_skip_hidden_and_lock_files(
    tmp_path: Path,
) -> None:
    touch(tmp_path / "in" / "b.docx")
    touch(tmp_path / "in" / "sub" / "a.pdf")
    touch(tmp_path / "in" / "old.doc")  # reported later as unsupported, not silently dropped
    touch(tmp_path / "in" / "~$b.docx")  # Word's lock file
    touch(tmp_path / "in" / ".hidden.csv")
    touch(tmp_path / "in" / ".git" / "x.csv")
    touch(tmp_path / "in" / "photo.jpg")
    inputs, problems = discover([str(tmp_path / "in")], base=str(tmp_path))
    assert displays(inputs) == ["in/b.docx", "in/old.doc", "in/sub/a.pdf"]
    assert problems == []


def test_a_file_argument_is_taken_whatever_its_extension(tmp_path: Path) -> None:
    inputs, _ = discover([str(touch(tmp_path / "notes.jpg"))], base=str(tmp_path))
    assert displays(inputs) == ["notes.jpg"]


def test_paths_outside_the_working_folder_are_shown_relative_to_the_argument(
    tmp_path: Path,
) -> None:
    touch(tmp_path / "share" / "team" / "p.csv")
    inputs, _ = discover([str(tmp_path / "share")], base=str(tmp_path / "elsewhere"))
    assert displays(inputs) == ["share/team/p.csv"]
    assert not any(d.startswith("/") for d in displays(inputs))


def test_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    touch(tmp_path / "in" / "a.csv")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in", target_is_directory=True)
    (tmp_path / "in" / "again.csv").symlink_to(tmp_path / "in" / "a.csv")
    inputs, problems = discover([str(tmp_path / "in")], base=str(tmp_path))
    assert displays(inputs) == ["in/a.csv"]  # the symlinked copy is the same file
    assert problems == []


def test_broken_and_self_referencing_links_become_problems(tmp_path: Path) -> None:
    (tmp_path / "gone.csv").symlink_to(tmp_path / "missing.csv")
    (tmp_path / "self.csv").symlink_to(tmp_path / "self.csv")
    inputs, problems = discover(
        [str(tmp_path / "gone.csv"), str(tmp_path / "self.csv")], base=str(tmp_path)
    )
    assert inputs == []
    assert [p.display for p in problems] == ["gone.csv", "self.csv"]
    assert "loop" in problems[1].message


def test_fifos_are_refused_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    inputs, problems = discover([str(tmp_path)], base=str(tmp_path))
    assert inputs == [] and problems[0].message == "Not a regular file."


def test_missing_paths_and_globs(tmp_path: Path) -> None:
    touch(tmp_path / "x" / "a.csv")
    touch(tmp_path / "x" / "b.tsv")
    inputs, problems = discover(
        [str(tmp_path / "x" / "*.csv"), str(tmp_path / "nope.docx"), str(tmp_path / "z*.pdf")],
        base=str(tmp_path),
    )
    assert displays(inputs) == ["x/a.csv"]
    assert [p.message for p in problems] == ["No such file or folder."]  # empty globs: nothing


def test_non_utf8_file_names_are_read_and_shown_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.csv"
    with open(raw, "wb") as handle:
        handle.write(b"a,b\n")
    inputs, problems = discover([str(tmp_path)], base=str(tmp_path))
    assert problems == []
    assert displays(inputs) == ["caf\\xe9.csv"]
    assert Path(inputs[0].path).read_bytes() == b"a,b\n"  # the real name still opens it
    assert safe_stem(inputs[0].name) == "caf_xe9"


def test_duplicate_stems_get_distinct_stable_names(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "profile.docx")
    touch(tmp_path / "b" / "Profile.docx")
    touch(tmp_path / "b" / "unique.pdf")
    inputs, _ = discover([str(tmp_path)], base=str(tmp_path))
    stems = output_stems(inputs)
    assert stems["b/unique.pdf"] == "unique"
    assert stems["a/profile.docx"] != stems["b/Profile.docx"]
    assert stems["a/profile.docx"].startswith("profile-")
    assert output_stems(list(reversed(inputs))) == stems  # order never decides a name


@pytest.mark.parametrize(
    ("name", "stem"),
    [("Role Profile (v2).docx", "Role_Profile_v2"), ("../../x.pdf", "x"), ("%%%.docx", "document")],
)
def test_safe_stems(name: str, stem: str) -> None:
    assert safe_stem(os.path.basename(name)) == stem


def test_same_relative_paths_under_different_roots_stay_distinct(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "docs" / "x.docx")
    touch(tmp_path / "b" / "docs" / "x.docx")
    inputs, _ = discover(
        [str(tmp_path / "a" / "docs"), str(tmp_path / "b" / "docs")],
        base=str(tmp_path / "elsewhere"),
    )
    shown = displays(inputs)
    assert shown[0] == "docs/x.docx" and shown[1].startswith("docs/x.docx#")
    stems = output_stems(inputs)
    assert len(set(stems.values())) == 2
