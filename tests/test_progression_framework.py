"""Progression framework extractor: seed acceptance, golden output, hand-built layouts."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import EXPECTED, GOLDEN, SAMPLES, needs_shared
from expected_view_frameworks import built, progression_view, strip_informational
from golden import check_golden

from roleframe.ingest.build import detect_kind, read_layout
from roleframe.ingest.export import to_json
from roleframe.parsers.kinds import progression_framework as pf
from roleframe.parsers.layout import Cell, Layout, Paragraph, Run, Table
from roleframe.schema import DocumentKind, Format, Provenance
from roleframe.schema.progression_framework import ProgressionFramework

SEED = "004_career_progression_framework"
_CACHE: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}


def _content(path) -> ProgressionFramework:
    doc = built(path)
    assert doc.kind is DocumentKind.PROGRESSION_FRAMEWORK
    assert isinstance(doc.content, ProgressionFramework)
    return doc.content


def _seed_pair(ext: str) -> tuple[dict[str, Any], dict[str, Any]]:
    if ext not in _CACHE:
        view = progression_view(_content(SAMPLES / f"{SEED}.{ext}"))
        expected = strip_informational(
            json.loads((EXPECTED / f"{SEED}.{ext}.json").read_text(encoding="utf-8"))
        )
        _CACHE[ext] = (view, expected)
    return _CACHE[ext]


HEADER_KEYS = ["organisation", "title", "sections", "band_columns", "row_labels"]
ROLE_KEYS = [
    "section",
    "heading_raw",
    "title",
    "post_number_raw",
    "post_numbers",
    "grade",
    "range",
    "job_family_note",
    "main_duties",
    "apprenticeship",
]
CATEGORY_KEYS = ["label", "requirements", "qualifications", "knowledge", "experience", "skills"]


def _compare_roles(ext: str) -> None:
    view, expected = _seed_pair(ext)
    for key in HEADER_KEYS:
        assert view[key] == expected[key], key
    assert [r["title"] for r in view["roles"]] == [r["title"] for r in expected["roles"]]
    for got, want in zip(view["roles"], expected["roles"], strict=True):
        for key in ROLE_KEYS:
            assert got[key] == want[key], (want["title"], key)
        if want["bands"] is None:
            assert got["bands"] is None, want["title"]
            continue
        assert list(got["bands"]) == list(want["bands"]), want["title"]
        for band, wband in want["bands"].items():
            for key in CATEGORY_KEYS:
                assert got["bands"][band].get(key) == wband[key], (want["title"], band, key)


@needs_shared
def test_seed_docx_every_role_band_category_statement() -> None:
    _compare_roles("docx")
    view, _ = _seed_pair("docx")
    statements = sum(
        len(v)
        for r in view["roles"]
        for b in (r["bands"] or {}).values()
        for k, v in b.items()
        if isinstance(v, list)
    )
    assert statements == 772


@needs_shared
def test_seed_pdf_every_role_band_category_statement() -> None:
    _compare_roles("pdf")


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_seed_golden(ext: str, update_golden: bool) -> None:
    path = SAMPLES / f"{SEED}.{ext}"
    doc = built(path)
    assert doc.kind is DocumentKind.PROGRESSION_FRAMEWORK
    check_golden(GOLDEN / f"{SEED}.{ext}.json", to_json(doc), update_golden)


def test_seed_docx_label_styles_and_surface_names() -> None:
    """Row labels come in four looks; the seed's four label-less cells get theirs by position."""
    layout = read_layout((SAMPLES / f"{SEED}.docx").read_bytes())
    assert detect_kind(layout).kind is DocumentKind.PROGRESSION_FRAMEWORK
    extraction = pf.extract(layout)
    content = extraction.content
    styles: dict[str, int] = {}
    missing = []
    for role in content.roles:
        for band in role.bands or []:
            for cat in band.categories:
                styles[cat.label_style] = styles.get(cat.label_style, 0) + 1
                if cat.label_style == "missing":
                    missing.append((role.title, band.key, cat.category))
    assert set(styles) == {"paragraph", "inline", "underlined", "missing"}
    assert missing == [
        ("Tenancy Sustainment Officer", "B", "knowledge"),
        ("Tenancy Manager", "A", "skills"),
        ("Income and Leasehold Manager", "A", "knowledge"),
        ("Income and Leasehold Manager", "B", "knowledge"),
    ]
    assert [n.name for n in extraction.names] == [
        "Qualifications",
        "Knowledge",
        "Experience",
        "Skills",
    ]
    assert all(n.list == "categories" and n.where is not None for n in extraction.names)


def test_other_samples_do_not_look_like_progression_frameworks() -> None:
    for name in (
        "000_skills_matrix.docx",
        "001_role_profile.docx",
        "002_je13_factor_matching_form.docx",
        "003_competency_framework.docx",
    ):
        layout = read_layout((SAMPLES / name).read_bytes())
        assert pf.score(layout) < 0.3, name


# --- role headings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "title", "numbers", "grade", "range_", "note"),
    [
        ("Data and Insight Officer (PN:16299) - Range 3", "Data and Insight Officer",
         ["16299"], "Range 3", 3, None),
        ("Data and Insight Manager (PN: 11144 & 11144A) – Range 5", "Data and Insight Manager",
         ["11144", "11144A"], "Range 5", 5, None),
        ("Tenancy Sustainment Officer (PN: TBC) – Range 4", "Tenancy Sustainment Officer",
         [], "Range 4", 4, None),
        ("Housing Apprentice (PN: 9621A & 16549) - Apprentice Grade", "Housing Apprentice",
         ["9621A", "16549"], "Apprentice Grade", None, None),
        ("Tenancy Sustainment Officer – Income (PN: 10650) – Range 4",
         "Tenancy Sustainment Officer – Income", ["10650"], "Range 4", 4, None),
        ("Finance Officer (PN:14368) – Range 3 (This post sits within the Business Support job "
         "family)", "Finance Officer", ["14368"], "Range 3", 3,
         "This post sits within the Business Support job family"),
        ("Housing Officer (Post No. 123, 124) - Grade 6", "Housing Officer", ["123", "124"],
         "Grade 6", 6, None),
        ("Lettings Adviser – Band 5", "Lettings Adviser", [], "Band 5", 5, None),
    ],
)  # fmt: skip
def test_role_heading_parts(
    heading: str, title: str, numbers: list[str], grade: str, range_: int | None, note: str | None
) -> None:
    h = pf.parse_role_heading(heading)
    number = h.grade_number.number if h.grade_number else None
    assert (h.title, h.post_numbers, h.grade, number, h.note) == (
        title,
        numbers,
        grade,
        range_,
        note,
    )


@pytest.mark.parametrize(
    ("label", "key", "name"),
    [
        ("Level A (Developing)", "A", "Developing"),
        ("Band 2", "2", None),
        ("Stage III – Expert", "III", "Expert"),
        ("Experienced", "Experienced", None),
    ],
)
def test_band_labels(label: str, key: str, name: str | None) -> None:
    assert pf.band_label(label) == (key, name)


def test_not_band_labels() -> None:
    assert pf.band_label("Level 2 Intermediate Apprenticeship") is None
    assert pf.band_label("Knowledge") is None


# --- hand-built layouts -------------------------------------------------------------------


def P(text: str, i: int = 0, **kw: Any) -> Paragraph:
    runs = kw.pop("runs", None)
    p = Paragraph(text=text, where=Provenance(paragraph=i), **kw)
    p.runs = runs if runs is not None else [Run(text, p.bold, p.italic, p.underline)]
    return p


def C(r: int, c: int, *paras: Paragraph) -> Cell:
    return Cell(row=r, col=c, where=Provenance(table=0, row=r, column=c), paragraphs=list(paras))


def T(rows: list[list[Cell]], n_cols: int) -> Table:
    return Table(index=0, where=Provenance(table=0), rows=rows, n_cols=n_cols)


def test_bands_as_columns_with_inline_and_missing_labels() -> None:
    inline = P(
        "Skills Good listener",
        runs=[Run("Skills", bold=True), Run(" Good listener")],
    )
    table = T(
        [
            [C(0, 0, P("Band 1", bold=True)), C(0, 1, P("Band 2", bold=True))],
            [C(1, 0, P("Knowledge", bold=True), P("Knows A")), C(1, 1, P("Knows B"))],
            [C(2, 0, P("Knows C")), C(2, 1, P("Knows D"))],
            [C(3, 0, inline), C(3, 1, P("Skills", underline=True), P("Coaches"))],
        ],
        2,
    )
    other = T(
        [
            [C(0, 0, P("Band 1", bold=True)), C(0, 1, P("Band 2", bold=True))],
            [C(1, 0, P("Knowledge", bold=True), P("K")), C(1, 1, P("Knowledge", bold=True))],
            [C(2, 0, P("Experience", bold=True), P("E")), C(2, 1, P("Experience", bold=True))],
            [C(3, 0, P("Skills", bold=True), P("S")), C(3, 1, P("Skills", bold=True))],
        ],
        2,
    )
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Housing Team", heading_level=1),
            P("Officer (PN: 1) – Grade 4", heading_level=2),
            P("Main duties:", bold=True),
            P("Does housing work."),
            table,
            P("Advisor (PN: 2) – Grade 3", heading_level=2),
            other,
        ],
    )
    content = pf.extract(layout).content
    role = content.roles[0]
    assert role.section == "Housing Team" and role.title == "Officer"
    assert [t.text for t in role.main_duties] == ["Does housing work."]
    assert [t.text for t in role.notes] == ["Main duties:"]
    band1, band2 = role.bands
    # Row 2 prints no label anywhere: after Knowledge comes Experience in this document.
    got = [(c.category, c.label_style, [t.text for t in c.statements]) for c in band1.categories]
    assert got == [
        ("knowledge", "paragraph", ["Knows A"]),
        ("experience", "missing", ["Knows C"]),
        ("skills", "inline", ["Good listener"]),
    ]  # fmt: skip
    assert [(c.category, c.label_style) for c in band2.categories] == [
        ("knowledge", "missing"),
        ("experience", "missing"),
        ("skills", "underlined"),
    ]
    assert content.categories == ["Knowledge", "Skills", "Experience"]


def test_bands_as_rows_and_apprenticeship() -> None:
    bands = T(
        [
            [C(0, 0, P("Band")), C(0, 1, P("Knowledge")), C(0, 2, P("Skills"))],
            [C(1, 0, P("Entry")), C(1, 1, P("Knows A"), P("Knows B")), C(1, 2, P("Listens"))],
            [C(2, 0, P("Advanced")), C(2, 1, P("Knows C")), C(2, 2, P("Leads"))],
        ],
        3,
    )
    apprentice = T(
        [[C(0, 0, P("Level 2 Apprenticeship")), C(0, 1, P("Level 3 Apprenticeship"))]], 2
    )
    layout = Layout(
        format=Format.DOCX,
        blocks=[
            P("Team", heading_level=1),
            P("Trainee (PN: 9) – Apprentice Grade", heading_level=2),
            apprentice,
            P("Apprentices learn on the job."),
            P("Officer (PN: 10) – Grade 5", heading_level=2),
            bands,
        ],
    )
    trainee, officer = pf.extract(layout).content.roles
    assert trainee.bands is None and trainee.grade_number is None
    assert [t.text for t in trainee.apprenticeship.levels] == [
        "Level 2 Apprenticeship",
        "Level 3 Apprenticeship",
    ]
    assert [t.text for t in trainee.apprenticeship.paragraphs] == ["Apprentices learn on the job."]
    assert [(b.key, b.label) for b in officer.bands] == [
        ("Entry", "Entry"),
        ("Advanced", "Advanced"),
    ]
    entry = officer.bands[0]
    assert [(c.category, c.label_style, len(c.statements)) for c in entry.categories] == [
        ("knowledge", "header", 2),
        ("skills", "header", 1),
    ]


def test_repeated_header_row_is_not_a_category() -> None:
    """PDF tables repeat their header row on each page; it must not become a category."""
    head = [C(0, 0, P("Band 1", bold=True)), C(0, 1, P("Band 2", bold=True))]
    again = [C(2, 0, P("Band 1", bold=True)), C(2, 1, P("Band 2", bold=True))]
    table = T(
        [
            head,
            [C(1, 0, P("Skills", bold=True), P("Listens")), C(1, 1, P("Skills", bold=True))],
            again,
            [C(3, 0, P("Experience", bold=True), P("Two years")), C(3, 1, P("Five years"))],
        ],
        2,
    )
    layout = Layout(
        format=Format.PDF,
        blocks=[P("Clerk (PN: 7) – Grade 2", heading_level=2), table],
    )
    (role,) = pf.extract(layout).content.roles
    assert [c.category for c in role.bands[0].categories] == ["skills", "experience"]
    assert [c.label_style for c in role.bands[1].categories] == ["paragraph", "missing"]


# --- issue 14: seed-specific schema slots -------------------------------------------------


def test_seed_specific_range_slot_is_a_generic_grade_number_with_its_label() -> None:
    """Issue 14: the Role's `range` slot named one form's label (`Range 3`). The grade's
    number now sits in `grade_number` with the word it is numbered by, as written."""
    from roleframe.schema.progression_framework import Role

    assert "range" not in Role.model_fields
    seed = pf.parse_role_heading("Data and Insight Officer (PN:16299) - Range 3")
    assert seed.grade_number is not None
    assert (seed.grade_number.label, seed.grade_number.number) == ("Range", 3)
    other = pf.parse_role_heading("Estate Officer – Scale 4")
    assert other.grade_number is not None
    assert (other.grade_number.label, other.grade_number.number) == ("Scale", 4)
    span = pf.parse_role_heading("Planning Officer – Grades 8 to 10")
    assert span.grade == "Grades 8 to 10"
    assert span.grade_number is not None
    assert (span.grade_number.label, span.grade_number.number, span.grade_number.upper) == (
        "Grades",
        8,
        10,
    )
