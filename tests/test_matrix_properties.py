"""Property test: whatever table of names and levels it is given, the matrix extractor either
declines (no matrix) or returns a consistent matrix; it never crashes."""

from __future__ import annotations

from hypothesis import event, given, settings
from hypothesis import strategies as st

from roleframe.parsers.errors import ReadError
from roleframe.parsers.kinds import skills_matrix
from roleframe.schema import IssueCode
from roleframe.schema.skills_matrix import SkillsMatrix
from tests.matrix_layouts import layout, para, table

cell = st.sampled_from(
    ["", "0", "1", "2", "3", "1", "2", "3", "S", "✓", "Good", "Expert", "12", "Officer", "Grade 5"]
)
name = st.sampled_from(
    ["Housing law", "IT skills", "Finance Officer", "Team Leader", "Grade", "Job Title", "Notes"]
)


@st.composite
def tables(draw):
    n_cols = draw(st.integers(2, 7))
    header = [draw(name) for _ in range(n_cols)]
    body = [
        [draw(name)] + [draw(cell) for _ in range(n_cols - 1)]
        for _ in range(draw(st.integers(0, 6)))
    ]
    rows = [header, *body]
    if draw(st.booleans()):
        rows = [list(col) for col in zip(*rows, strict=True)]
    return rows


@settings(max_examples=150, deadline=None)
@given(tables(), st.lists(tables(), max_size=2))
def test_extract_never_crashes_and_is_consistent(main, others) -> None:
    blocks = [para("Title"), table(main, index=0)]
    blocks += [table(t, index=i + 1) for i, t in enumerate(others)]
    doc = layout(*blocks)
    score = skills_matrix.score(doc)
    assert 0.0 <= score <= 1.0
    try:
        out = skills_matrix.extract(doc)
    except ReadError as exc:
        assert exc.code == IssueCode.UNRECOGNISED_KIND and score == 0.0
        event("declined")
        return
    event("matrix")
    m = out.content
    assert isinstance(m, SkillsMatrix) and score > 0
    assert len(m.requirements) == len(m.roles) * len(m.competencies)
    assert len(m.competencies) >= 3
    assert {q.competency_id for q in m.requirements} <= {c.id for c in m.competencies}
    assert all(c.index < len(m.header_row) for c in m.competencies)
