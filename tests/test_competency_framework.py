"""Competency framework extractor: seed acceptance, golden output, hand-built layouts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import EXPECTED, GOLDEN, SAMPLES, needs_shared
from expected_view_frameworks import built, competency_view, strip_informational
from golden import check_golden

from roleframe.ingest.build import detect_kind, read_layout
from roleframe.ingest.export import to_json
from roleframe.parsers.kinds import competency_framework as cf
from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.schema import DocumentKind, Format, Provenance
from roleframe.schema.competency_framework import CompetencyFramework

SEED = "003_competency_framework"


def _content(path) -> CompetencyFramework:
    doc = built(path)
    assert doc.kind is DocumentKind.COMPETENCY_FRAMEWORK
    assert isinstance(doc.content, CompetencyFramework)
    return doc.content


_CACHE: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


def _seed_pair(ext: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if ext not in _CACHE:
        view = competency_view(_content(SAMPLES / f"{SEED}.{ext}"))
        expected = strip_informational(
            json.loads((EXPECTED / f"{SEED}.{ext}.json").read_text(encoding="utf-8"))
        )
        _CACHE[ext] = (view, expected)
    return _CACHE[ext]


def _compare(ext: str, key: str) -> None:
    view, expected = _seed_pair(ext)
    got, want = view[key], expected[key]
    if isinstance(want, list):
        for i, (g, w) in enumerate(zip(got, want, strict=False)):
            assert g == w, f"{key}[{i}] differs"
        assert len(got) == len(want), f"{key}: {len(got)} items, expected {len(want)}"
    else:
        assert got == want


KEYS = [
    "organisation",
    "title",
    "running_header",
    "toc",
    "introduction",
    "levels",
    "competencies",
    "statements",
]


@needs_shared
@pytest.mark.parametrize("key", KEYS)
def test_seed_docx_matches_expected(key: str) -> None:
    _compare("docx", key)


@needs_shared
@pytest.mark.parametrize("key", KEYS)
def test_seed_pdf_matches_expected(key: str) -> None:
    _compare("pdf", key)


@needs_shared
def test_seed_docx_every_competency_level_subarea() -> None:
    """Field by field per competency and level, so a failure names the exact place."""
    view, expected = _seed_pair("docx")
    assert [c["name"] for c in view["competencies"]] == [
        c["name"] for c in expected["competencies"]
    ]
    for got, want in zip(view["competencies"], expected["competencies"], strict=True):
        for field in ("title_raw", "qualifier", "description", "category", "section"):
            assert got[field] == want[field], (want["name"], field)
        for glv, wlv in zip(got["levels"], want["levels"], strict=True):
            assert glv == wlv, (want["name"], wlv["level"])
    assert len(view["statements"]) == 261


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_seed_golden(ext: str, update_golden: bool) -> None:
    path = SAMPLES / f"{SEED}.{ext}"
    doc = built(path)
    assert doc.kind is DocumentKind.COMPETENCY_FRAMEWORK
    check_golden(GOLDEN / f"{SEED}.{ext}.json", to_json(doc), update_golden)


def test_seed_docx_is_detected_and_names_competencies() -> None:
    layout = read_layout((SAMPLES / f"{SEED}.docx").read_bytes())
    assert detect_kind(layout).kind is DocumentKind.COMPETENCY_FRAMEWORK
    names = cf.extract(layout).names
    assert len(names) == 11
    assert all(n.list == "competencies" and n.where is not None for n in names)


def test_other_samples_do_not_look_like_competency_frameworks() -> None:
    for name in (
        "000_skills_matrix.docx",
        "001_role_profile.docx",
        "002_je13_factor_matching_form.docx",
        "004_career_progression_framework.docx",
    ):
        layout = read_layout((SAMPLES / name).read_bytes())
        assert cf.score(layout) < 0.3, name


# --- hand-built layouts -------------------------------------------------------------------


def P(text: str, i: int = 0, **kw: Any) -> Paragraph:
    runs = kw.pop("runs", None)
    p = Paragraph(text=text, where=Provenance(paragraph=i), **kw)
    p.runs = runs if runs is not None else [Run(text, p.bold, p.italic, p.underline)]
    return p


def cell(r: int, c: int, *paras: Paragraph, col_span: int = 1) -> Cell:
    return Cell(
        row=r,
        col=c,
        where=Provenance(table=0, row=r, column=c),
        paragraphs=list(paras),
        col_span=col_span,
    )


def table(rows: list[list[Cell]], n_cols: int, index: int = 0) -> Table:
    return Table(index=index, where=Provenance(table=index), rows=rows, n_cols=n_cols)


def bullet(text: str) -> Paragraph:
    return P(text, list_level=0, bullet="•")


def test_title_tail_in_italics_is_a_definition_and_bold_tail_a_qualifier() -> None:
    definition = P(
        "Managing Risk – acting on risks",
        runs=[Run("Managing Risk – ", bold=True), Run("acting on risks", italic=True)],
    )
    qualifier = P("Office Management – admin & facilities", bold=True)
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Level 1", heading_level=1),
            P("Core behaviours", heading_level=2),
            definition,
            table([[cell(0, 0, P("Level 1", bold=True)), cell(0, 1, bullet("Flags risks."))]], 2),
            P("Specialist skills", heading_level=2),
            qualifier,
            table(
                [[cell(0, 0, P("Level 1", bold=True)), cell(0, 1, bullet("Keeps files."))]], 2, 1
            ),
        ],
    )
    content = cf.extract(layout).content
    risk, office = content.competencies
    assert (risk.name, risk.description, risk.qualifier) == (
        "Managing Risk",
        "acting on risks",
        None,
    )
    assert risk.title_raw == "Managing Risk" and risk.category == "core"
    assert (office.name, office.qualifier, office.description) == (
        "Office Management",
        "admin & facilities",
        None,
    )
    assert office.category == "professional"
    assert [s.text for s in content.statements] == ["Flags risks.", "Keeps files."]


def test_content_cell_intro_subareas_and_unnamed_statements() -> None:
    content_cell = cell(
        1,
        1,
        P("Leads a small team", bold=True, italic=True),
        bullet("Sets goals."),
        P("Team Focused", 2, bold=True),
        bullet("Runs team meetings."),
        bullet("Shares news."),
        col_span=2,
    )
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Level Two", heading_level=1),
            P("Professional competencies", heading_level=2),
            table(
                [
                    [cell(0, 0, P("Leading People – all managers", bold=True), col_span=2)],
                    [cell(1, 0, P("Level 2", bold=True)), content_cell],
                ],
                3,
            ),
        ],
    )
    (comp,) = cf.extract(layout).content.competencies
    assert comp.name == "Leading People" and comp.qualifier == "all managers"
    (lv,) = comp.levels
    assert lv.level == 2 and [t.text for t in lv.intro] == ["Leads a small team"]
    assert [(s.name, [t.text for t in s.statements]) for s in lv.sub_areas] == [
        (None, ["Sets goals."]),
        ("Team Focused", ["Runs team meetings.", "Shares news."]),
    ]
    assert lv.sub_areas[1].where == Provenance(paragraph=2)


def test_toc_lines_with_dot_leaders_are_not_body() -> None:
    layout = Layout(
        format=Format.PDF,
        blocks=[
            P("Behaviour Framework", bold=True),
            P("Introduction ........................ 3"),
            P("Level One .............. 4"),
            P("Introduction", heading_level=1),
            P("Our levels build on each other."),
            P("Level One", heading_level=1),
        ],
    )
    content = cf.extract(layout).content
    assert [(e.text, e.level, e.page) for e in content.toc] == [
        ("Introduction", 1, 3),
        ("Level One", 1, 4),
    ]
    assert content.title == "Behaviour Framework"
    assert [i.text for i in content.introduction] == ["Our levels build on each other."]
    assert content.cumulative_rule is not None


def test_levels_table_and_levels_as_columns() -> None:
    levels = table(
        [
            [cell(0, 0, P("Tier", bold=True)), cell(0, 1, P("Who", bold=True))],
            [cell(1, 0, P("1")), cell(1, 1, P("Everyone"))],
            [cell(2, 0, P("2")), cell(2, 1, P("Team leaders"))],
        ],
        2,
    )
    matrix = table(
        [
            [
                cell(0, 0, P("Competency", bold=True)),
                cell(0, 1, P("Tier 1", bold=True)),
                cell(0, 2, P("Tier 2", bold=True)),
            ],
            [cell(1, 0, P("Core behaviours", bold=True), col_span=3)],
            [
                cell(1, 0, P("Teamwork", bold=True), P("Working with others")),
                cell(1, 1, bullet("Helps colleagues.")),
                cell(1, 2, P("Coaching", bold=True), bullet("Coaches the team.")),
            ],
        ],
        3,
        1,
    )
    matrix.rows[1][0].row = 1
    for c in matrix.rows[2]:
        c.row = 2
    layout = Layout(format=Format.DOCX, blocks=[P("Intro", heading_level=1), levels, matrix])
    content = cf.extract(layout).content
    assert [(lv.level, lv.audience) for lv in content.levels] == [
        (1, "Everyone"),
        (2, "Team leaders"),
    ]
    (comp,) = content.competencies
    assert (comp.name, comp.description, comp.category, comp.section) == (
        "Teamwork",
        "Working with others",
        "core",
        "Core behaviours",
    )
    assert [(s.level, s.sub_area, s.text) for s in content.statements] == [
        (1, None, "Helps colleagues."),
        (2, "Coaching", "Coaches the team."),
    ]


def test_step_named_level_columns_and_labels_with_audience() -> None:
    """`Foundation | Practitioner | Expert` across the top number the levels by column; a
    level label carrying its audience (`Level 1 – All staff`) still names level 1."""
    columns = table(
        [
            [
                cell(0, 0, P("Area", bold=True)),
                cell(0, 1, P("Foundation", bold=True)),
                cell(0, 2, P("Practitioner", bold=True)),
                cell(0, 3, P("Expert", bold=True)),
            ],
            [
                cell(1, 0, P("Data Literacy", bold=True)),
                cell(1, 1, bullet("Reads simple charts and tables.")),
                cell(1, 2, bullet("Builds reports from several sources.")),
                cell(1, 3, bullet("Sets the data standards for the service.")),
            ],
        ],
        4,
    )
    rows = table(
        [
            [cell(0, 0, P("Level 1 – All staff", bold=True)), cell(0, 1, bullet("Is on time."))],
            [cell(1, 0, P("Level 2 – Managers", bold=True)), cell(1, 1, bullet("Plans rotas."))],
        ],
        2,
        1,
    )
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Skills", heading_level=1),
            columns,
            P("Reliability", 3, bold=True),
            rows,
        ],
    )
    content = cf.extract(layout).content
    assert [(s.competency, s.level) for s in content.statements] == [
        ("Data Literacy", 1),
        ("Data Literacy", 2),
        ("Data Literacy", 3),
        ("Reliability", 1),
        ("Reliability", 2),
    ]
    # No levels table: the levels are those the content names, audience included.
    assert [(lv.level, lv.name, lv.audience) for lv in content.levels] == [
        (1, "Foundation", None),
        (2, "Practitioner", None),
        (3, "Expert", None),
    ]


def test_content_without_a_title_is_reported_not_guessed() -> None:
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Level 1", heading_level=1),
            table([[cell(0, 0, P("Level 1", bold=True)), cell(0, 1, bullet("Does X."))]], 2),
        ],
    )
    extraction = cf.extract(layout)
    assert extraction.content.competencies == []
    assert [w.code.value for w in extraction.warnings] == ["ambiguous_layout", "missing_section"]
    assert extraction.warnings[0].location == Provenance(table=0, row=0, column=0)


def test_table_per_level_with_competency_rows() -> None:
    """`Level 2` across the table, then `Competency | behaviours` rows at that level."""
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Core behaviours", heading_level=1),
            table(
                [
                    [cell(0, 0, P("Competency", bold=True)), cell(0, 1, P("Behaviours"))],
                    [cell(1, 0, P("Level 2", bold=True), col_span=2)],
                    [
                        cell(2, 0, P("Teamwork", bold=True), P("Working with others")),
                        cell(2, 1, bullet("Shares the load."), bullet("Thanks colleagues.")),
                    ],
                    [
                        cell(3, 0, P("Integrity", bold=True)),
                        cell(3, 1, bullet("Declares interests.")),
                    ],
                    [cell(4, 0), cell(4, 1, bullet("Reports wrongdoing."))],
                ],
                2,
            ),
        ],
    )
    for r, row in enumerate(layout.blocks[1].rows):
        for c in row:
            c.row = r
    content = cf.extract(layout).content
    assert [(c.name, c.description, c.category) for c in content.competencies] == [
        ("Teamwork", "Working with others", "core"),
        ("Integrity", None, "core"),
    ]
    assert [(s.competency, s.level, s.text) for s in content.statements] == [
        ("Teamwork", 2, "Shares the load."),
        ("Teamwork", 2, "Thanks colleagues."),
        ("Integrity", 2, "Declares interests."),
        ("Integrity", 2, "Reports wrongdoing."),
    ]


def test_contents_without_dot_leaders() -> None:
    """Under a `Contents` line, `Entry 4` lines are the TOC even without leaders or styles."""
    layout = Layout(
        format=Format.PDF,
        blocks=[
            P("Skills Framework", bold=True),
            P("Contents", bold=True),
            P("Introduction 2"),
            P("Core skills 3"),
            P("Introduction", heading_level=1),
            P("Read this first."),
        ],
    )
    content = cf.extract(layout).content
    assert [(e.text, e.page) for e in content.toc] == [("Introduction", 2), ("Core skills", 3)]
    assert [i.text for i in content.introduction] == ["Read this first."]
