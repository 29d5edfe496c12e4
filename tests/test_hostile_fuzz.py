"""Property: a mutated good file (bit flips, truncation, splicing) gives a valid document or a
coded error, through the real worker boundary, and never a crash, an internal error or a hang.

Example counts are modest and derandomised so the suite stays fast and repeatable; raise
``ROLEFRAME_FUZZ_EXAMPLES`` to fuzz harder locally.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleframe.ingest.worker import Task, WorkerPool
from roleframe.parsers.limits import Limits
from roleframe.schema import IssueCode
from roleframe.schema.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TARGETS = [
    "001_role_profile.docx",
    "000_skills_matrix.xlsx",
    "000_skills_matrix.pdf",
    "000_skills_matrix.tsv",
]
EXAMPLES = int(os.environ.get("ROLEFRAME_FUZZ_EXAMPLES", "12"))
# A PDF example costs ~1.5 s in the PDF reader; fewer of them keep the suite quick.
PDF_EXAMPLES = max(1, EXAMPLES // 2)
TIMEOUT = 30.0
_keys = itertools.count()


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(jobs=1, memory_mb=2048) as workers:
        yield workers


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """One to three edits of the kinds real damage takes."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        if not out:
            break
        edit = draw(st.sampled_from(["flip", "truncate", "splice", "zero", "repeat"]))
        at = draw(st.integers(0, len(out) - 1))
        if edit == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "truncate":
            del out[at:]
        elif edit == "splice":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "zero":
            width = draw(st.integers(1, 512))
            out[at : at + width] = bytes(min(width, len(out) - at))
        else:  # a chunk of the file copied elsewhere (a bad download resume)
            width = draw(st.integers(1, 4096))
            out[at:at] = out[max(0, at - width) : at]
    return bytes(out)


def check(pool: WorkerPool, tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / f"{next(_keys)}-{name}"
    path.write_bytes(data)
    task = Task(next(_keys), str(path), name, None, Limits(timeout_seconds=TIMEOUT), False)
    [(_, outcome)] = list(pool.run([task]))
    path.unlink()
    if outcome.error is None:
        assert outcome.document_json is not None
        Document.model_validate_json(outcome.document_json)
        return
    assert outcome.error.code in set(IssueCode)
    assert outcome.error.code not in {IssueCode.INTERNAL_ERROR, IssueCode.TIMEOUT}, (
        outcome.error.message
    )
    assert outcome.error.message and "Traceback" not in outcome.error.message


@pytest.mark.parametrize("name", TARGETS)
def test_mutated_samples_fail_cleanly(name: str, pool: WorkerPool, tmp_path: Path) -> None:
    original = (SAMPLES / name).read_bytes()

    @settings(
        max_examples=PDF_EXAMPLES if name.endswith(".pdf") else EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=mutated(original))
    def run(data: bytes) -> None:
        check(pool, tmp_path, data, name)

    run()
