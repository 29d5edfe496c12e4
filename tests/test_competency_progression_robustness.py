"""Both framework extractors on inputs they were not written for: never crash, always
return valid content with provenance on every statement (unseen councils' files will be
odd in ways no fixture shows)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roleframe.ingest.build import build_document, read_layout
from roleframe.parsers.kinds import competency_framework as cf
from roleframe.parsers.kinds import progression_framework as pf
from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.schema import DocumentKind, Format, Provenance

# Words that trigger the extractors' cues, mixed with filler.
WORDS = st.sampled_from(
    [
        "Level", "One", "2", "Band", "A", "(Developing)", "Knowledge", "Skills", "–", "-",
        "PN:", "(PN: 12)", "Range", "4", "Core", "Technical", "competencies", "Grade",
        "Apprentice", "Requirements:", "Tier", "III", "Officer", "Manager", "Entry", ":",
        "works", "with", "others", "(note)", "Expert", "Foundation",
    ]
)  # fmt: skip
TEXT = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)


@st.composite
def paragraphs(draw: st.DrawFn, i: int = 0) -> Paragraph:
    text = draw(TEXT)
    bold, italic, underline = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    p = Paragraph(
        text=text,
        where=Provenance(paragraph=i),
        heading_level=draw(st.sampled_from([None, None, None, 0, 1, 2, 3])),
        list_level=draw(st.sampled_from([None, None, 0, 1])),
        bold=bold,
        italic=italic,
        underline=underline,
    )
    split = draw(st.integers(0, len(text)))
    p.runs = [
        Run(text[:split], bold=draw(st.booleans()), italic=italic),
        Run(text[split:], bold=bold, italic=italic),
    ]
    return p


@st.composite
def tables(draw: st.DrawFn, index: int) -> Table:
    n_rows, n_cols = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    rows = []
    for r in range(n_rows):
        row, c = [], 0
        while c < n_cols:
            span = draw(st.integers(1, n_cols - c))
            where = Provenance(table=index, row=r, column=c)
            paras = draw(st.lists(paragraphs(), max_size=4))
            row.append(Cell(row=r, col=c, where=where, paragraphs=paras, col_span=span))
            c += span
        rows.append(row)
    return Table(index=index, where=Provenance(table=index), rows=rows, n_cols=n_cols)


@st.composite
def layouts(draw: st.DrawFn) -> Layout:
    blocks: list[Paragraph | Table] = []
    for i in range(draw(st.integers(0, 14))):
        if draw(st.integers(0, 2)) == 0:
            blocks.append(draw(tables(i)))
        else:
            blocks.append(draw(paragraphs(i)))
    headers = [Paragraph(text=draw(TEXT), where=Provenance())] if draw(st.booleans()) else []
    return Layout(format=Format.PDF, blocks=blocks, headers=headers)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_random_layouts_never_crash_and_keep_provenance(layout: Layout) -> None:
    for module in (cf, pf):
        assert 0.0 <= module.score(layout) <= 1.0
        content = module.extract(layout).content
        data = content.model_dump()
        assert type(content).model_validate(data) == content
    comp = cf.extract(layout).content
    assert all(s.where is not None for s in comp.statements)
    prog = pf.extract(layout).content
    for role in prog.roles:
        for band in role.bands or []:
            for cat in band.categories:
                assert cat.category
                assert all(t.where is not None for t in cat.statements)


@pytest.mark.parametrize(
    "name",
    [
        "000_skills_matrix.docx",
        "000_skills_matrix.xlsx",
        "001_role_profile.docx",
        "002_je13_factor_matching_form.docx",
    ],
)
@pytest.mark.parametrize(
    "kind", [DocumentKind.COMPETENCY_FRAMEWORK, DocumentKind.PROGRESSION_FRAMEWORK]
)
def test_forcing_the_wrong_kind_gives_a_valid_flagged_document(
    name: str, kind: DocumentKind
) -> None:
    """`--kind` on the wrong file: a valid document, flagged, never an exception."""
    data = (SAMPLES / name).read_bytes()
    read_layout(data)
    doc = build_document(data, name, kind=kind)
    assert doc.kind is kind
    assert any(w.code.value == "missing_section" for w in doc.warnings)


def test_each_framework_read_as_the_other_kind_is_flagged_empty() -> None:
    """A competency framework forced through the progression extractor (and back) gives no
    invented roles/competencies, one missing_section warning, no stray table warnings."""
    comp = read_layout((SAMPLES / "003_competency_framework.docx").read_bytes())
    prog = read_layout((SAMPLES / "004_career_progression_framework.docx").read_bytes())
    as_prog = pf.extract(comp)
    assert as_prog.content.roles == []
    assert [w.code.value for w in as_prog.warnings] == ["missing_section"]
    as_comp = cf.extract(prog)
    assert as_comp.content.competencies == []
    assert [w.code.value for w in as_comp.warnings] == ["missing_section"]
