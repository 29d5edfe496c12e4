"""Word reader rules, on small documents built here (each rule python-docx alone gets wrong)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from roleframe.parsers import docx as docx_reader
from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Layout, Paragraph, Table
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.schema import IssueCode

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'


def _read(document: docx.document.Document) -> Layout:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx_reader.read(buffer.getvalue(), DEFAULT_LIMITS)


def _only_table(layout: Layout) -> Table:
    tables = layout.tables()
    assert len(tables) == 1
    return tables[0]


def test_merged_cells_appear_once_with_spans() -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # horizontal: gridSpan
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical: vMerge
    result = _only_table(_read(document))
    assert [len(row) for row in result.rows] == [2, 3, 2]
    wide = result.rows[0][0]
    assert (wide.col_span, wide.row_span) == (2, 1)
    tall = result.rows[1][2]
    assert (tall.row, tall.col, tall.row_span) == (1, 2, 2)
    grid = result.grid()
    assert grid[0][1] is wide and grid[2][2] is tall
    assert result.row_texts(2) == ["r2c0", "r2c1", ""]


def test_nested_table_is_read_into_its_cell() -> None:
    document = docx.Document()
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Label"
    inner = outer.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "first nested"
    inner.cell(1, 0).text = "second nested"
    result = _only_table(_read(document))
    nested = result.rows[0][1].tables
    assert len(nested) == 1
    assert [row[0].text for row in nested[0].rows] == ["first nested", "second nested"]
    assert nested[0].index > result.index


def test_inline_content_control_text_is_kept() -> None:
    document = docx.Document()
    para = document.add_paragraph("Job title: ")
    para._p.append(
        parse_xml(
            f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:r><w:t>Housing Officer</w:t></w:r>"
            "</w:sdtContent></w:sdt>"
        )
    )
    (paragraph,) = _read(document).paragraphs()
    assert paragraph.text == "Job title: Housing Officer"


def test_table_wrapped_in_a_block_content_control_is_seen() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Factor"
    table.cell(0, 1).text = "Level"
    tbl = table._tbl
    sdt = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
    tbl.addprevious(sdt)
    sdt[1].append(tbl)
    result = _only_table(_read(document))
    assert result.row_texts(0) == ["Factor", "Level"]


def test_checkboxes_legacy_and_content_control_keep_their_state() -> None:
    document = docx.Document()
    para = document.add_paragraph("Job descriptions ")
    para._p.append(
        parse_xml(
            f'<w:r {W}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
            '<w:checkBox><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData>'
            "</w:fldChar></w:r>"
        )
    )
    para._p.append(parse_xml(f"<w:r {W}><w:instrText> FORMCHECKBOX </w:instrText></w:r>"))
    para._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    para.add_run(" org chart ")
    para._p.append(
        parse_xml(
            f'<w:sdt {W} {W14}><w:sdtPr><w:alias w:val="OrgChart"/><w14:checkbox>'
            '<w14:checked w14:val="0"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>☐</w:t>'
            "</w:r></w:sdtContent></w:sdt>"
        )
    )
    (paragraph,) = _read(document).paragraphs()
    assert paragraph.text == "Job descriptions org chart"  # the ☐ glyph is not text
    legacy, modern = paragraph.fields
    assert (legacy.kind, legacy.name, legacy.checked) == ("checkbox", "Check1", True)
    assert (modern.kind, modern.name, modern.checked) == ("checkbox", "OrgChart", False)
    assert legacy.offset == len("Job descriptions")
    assert modern.offset == len("Job descriptions org chart")


def test_form_text_placeholder_is_an_empty_field_not_text() -> None:
    document = docx.Document()
    para = document.add_paragraph()
    for xml in (
        '<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text2"/><w:textInput/>'
        "</w:ffData></w:fldChar></w:r>",
        "<w:r><w:instrText> FORMTEXT </w:instrText></w:r>",
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>\u2002\u2002\u2002\u2002\u2002</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        para._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {W}>", 1)))
    (paragraph,) = _read(document).paragraphs()
    assert paragraph.text == ""
    assert [(f.kind, f.name, f.value) for f in paragraph.fields] == [("text", "Text2", "")]


def test_style_applied_bullets_and_typed_bullets_are_list_items() -> None:
    document = docx.Document()
    document.add_paragraph("Styled bullet", style="List Bullet")
    document.add_paragraph("\u2022 Typed bullet")
    document.add_paragraph("Plain")
    styled, typed, plain = _read(document).paragraphs()
    assert styled.is_list_item and styled.list_level == 0 and styled.text == "Styled bullet"
    assert typed.is_list_item and typed.bullet == "\u2022" and typed.text == "Typed bullet"
    assert not plain.is_list_item


def test_bold_lead_in_run_is_visible_in_runs() -> None:
    document = docx.Document()
    para = document.add_paragraph()
    para.add_run("Qualifications").bold = True
    para.add_run(" Level 3 qualification")
    (paragraph,) = _read(document).paragraphs()
    assert not paragraph.bold
    assert paragraph.lead_run() is not None and paragraph.lead_run().bold
    assert paragraph.runs[0].text == "Qualifications"


def test_headings_hidden_text_and_empty_paragraph_indices() -> None:
    document = docx.Document()
    document.add_heading("Section", level=2)
    document.add_paragraph("")
    hidden = document.add_paragraph("visible")
    hidden.add_run(" secret").font.hidden = True
    heading, body = _read(document).paragraphs()
    assert heading.heading_level == 2
    assert body.text == "visible"
    assert body.where.paragraph == 2  # the empty paragraph still counts


def test_text_box_paragraphs_are_not_lost() -> None:
    document = docx.Document()
    para = document.add_paragraph("Anchor")
    para._p.append(
        parse_xml(
            f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            "<w:txbxContent><w:p><w:r><w:t>Inside the box</w:t></w:r></w:p></w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r>"
        )
    )
    texts = [p.text for p in _read(document).paragraphs()]
    assert texts == ["Anchor", "Inside the box"]


def test_headers_and_footers_stay_out_of_the_body() -> None:
    layout = docx_reader.read(
        (SAMPLES / "003_competency_framework.docx").read_bytes(), DEFAULT_LIMITS
    )
    assert [p.text for p in layout.headers] == ["Crown Simmons Competency Framework"]
    body = [b.text for b in layout.blocks if isinstance(b, Paragraph)]
    assert "Crown Simmons Competency Framework" not in body


def test_seed_form_grid_is_read_by_position() -> None:
    """002: a 12-column grid where each row merges differently; two legacy check boxes."""
    layout = docx_reader.read(
        (SAMPLES / "002_je13_factor_matching_form.docx").read_bytes(), DEFAULT_LIMITS
    )
    post = layout.tables()[1]
    assert post.n_cols == 12
    assert {len(row) for row in post.rows} >= {1, 2, 4, 6}
    boxes = [f for c in post.cells() for f in c.fields if f.kind == "checkbox"]
    assert [(b.name, b.checked) for b in boxes] == [("", False), ("Check2", False)]


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"PK\x05\x06" + b"\0" * 18])
def test_corrupt_package_is_a_coded_error(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        docx_reader.read(data, DEFAULT_LIMITS)
    assert info.value.code == IssueCode.CORRUPT_FILE


def test_a_lone_tick_or_bullet_glyph_is_content_not_a_marker() -> None:
    """A tick matrix typed with Wingdings ticks (U+F0FC) or bullets must not read empty."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "Asbestos awareness"
    table.cell(0, 1).text = "\uf0fc"
    table.cell(0, 2).text = "\u2022"
    result = _only_table(_read(document))
    assert result.row_texts(0) == ["Asbestos awareness", "\uf0fc", "\u2022"]
    assert not result.rows[0][1].paragraphs[0].is_list_item


def test_hostile_grid_spans_are_refused_not_walked() -> None:
    """A gridSpan of two billion must be a coded limit error, not a loop (safety corpus)."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    tc_pr = table.cell(0, 0)._tc.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:gridSpan {W} w:val="2000000000"/>'))
    with pytest.raises(ReadError) as info:
        _read(document)
    assert info.value.code == IssueCode.LIMIT_EXCEEDED
    assert info.value.details["limit"] == "max_cols"


# --- formatting from table styles and document defaults -------------------------------------


def _styled_table(style: str, look: str | None, rows: int = 4, cols: int = 3) -> docx.Document:
    """A table in a built-in (or added) table style; ``look`` replaces python-docx's tblLook."""
    document = docx.Document()
    table = document.add_table(rows=rows, cols=cols)
    table.style = style
    tblpr = table._tbl.tblPr
    old = tblpr.find(qn("w:tblLook"))
    tblpr.remove(old)
    if look is not None:
        tblpr.append(parse_xml(f"<w:tblLook {W} {look}/>"))
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = f"r{r}c{c}"
    return document


def _bold_and_shaded(table: Table) -> list[list[str]]:
    """Per cell: B when its text is bold, S when shaded."""
    return [
        [("B" if c.paragraphs[0].bold else "") + ("S" if c.shaded else "") for c in row]
        for row in table.rows
    ]


def test_table_style_formatting_ignored() -> None:
    """Regression: bold and shading that a table style gives (here a built-in style's
    first-column format, turned on by tblLook) were lost, so label columns styled that way
    lost their label cues (tests/fixtures/word/rp_table_style_labels.docx)."""
    path = Path(__file__).resolve().parent / "fixtures" / "word" / "rp_table_style_labels.docx"
    table = _only_table(docx_reader.read(path.read_bytes(), DEFAULT_LIMITS))
    assert [row[0].paragraphs[0].text for row in table.rows][:2] == ["Job title", "Grade"]
    labels, values = ([row[c] for row in table.rows] for c in (0, 1))
    assert all(c.shaded and all(p.bold for p in c.paragraphs) for c in labels)
    assert not any(c.shaded or any(p.bold for p in c.paragraphs) for c in values)


@pytest.mark.parametrize(
    ("look", "expected"),
    [
        # python-docx's (and Word's) default: header row, first column, banded rows. Bands
        # count from the first row under the header: band 1 shaded, band 2 not.
        (
            'w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" '
            'w:noVBand="1"',
            [["B", "B", "B"], ["BS", "S", "S"], ["B", "", ""], ["BS", "S", "S"]],
        ),
        # the legacy hex mask alone (0x0480: first column, banded rows, no column bands)
        ('w:val="0480"', [["BS", "S", "S"], ["B", "", ""], ["BS", "S", "S"], ["B", "", ""]]),
        # attributes win over the mask; header and total rows, no bands
        (
            'w:val="04A0" w:firstRow="1" w:lastRow="1" w:noHBand="1" w:noVBand="1"',
            [["B", "B", "B"], ["", "", ""], ["", "", ""], ["B", "B", "B"]],
        ),
        # no tblLook at all: Word assumes 04A0
        (None, [["B", "B", "B"], ["BS", "S", "S"], ["B", "", ""], ["BS", "S", "S"]]),
        # column bands (band 1 from the column after the first), no row bands
        (
            'w:firstColumn="1" w:noHBand="1" w:noVBand="0"',
            [["B", "S", ""], ["B", "S", ""], ["B", "S", ""], ["B", "S", ""]],
        ),
    ],
)
def test_table_look_selects_the_conditional_formats(
    look: str | None, expected: list[list[str]]
) -> None:
    layout = _read(_styled_table("Light Grid Accent 1", look))
    assert _bold_and_shaded(_only_table(layout)) == expected


def test_table_style_inherits_through_based_on_and_direct_formatting_wins() -> None:
    document = _styled_table(
        "Light Grid Accent 1", 'w:firstRow="1" w:firstColumn="1" w:noHBand="1" w:noVBand="1"'
    )
    # a style of the document's own, based on the built-in one, that drops the bold first
    # column and shades its header row
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="table" w:styleId="Ours"><w:name w:val="Ours"/>'
            '<w:basedOn w:val="LightGrid-Accent1"/>'
            '<w:tblStylePr w:type="firstCol"><w:rPr><w:b w:val="0"/></w:rPr></w:tblStylePr>'
            '<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" '
            'w:fill="C0C0C0"/></w:tcPr></w:tblStylePr></w:style>'
        )
    )
    table = document.tables[0]
    table._tbl.tblPr.find(qn("w:tblStyle")).set(qn("w:val"), "Ours")
    run = table.cell(1, 1).paragraphs[0].runs[0]
    run.bold = True  # direct formatting over the style
    table.cell(0, 2).paragraphs[0].runs[0].bold = False
    cell = table.cell(2, 2)._tc.get_or_add_tcPr()
    cell.append(parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" w:fill="FFFF00"/>'))
    assert _bold_and_shaded(_only_table(_read(document))) == [
        ["BS", "BS", "S"],
        ["", "B", ""],
        ["", "", "S"],
        ["", "", ""],
    ]


def test_document_defaults_give_formatting_under_every_style() -> None:
    document = docx.Document()
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    defaults.find(qn("w:rPr")).append(parse_xml(f"<w:b {W}/>"))
    document.add_paragraph("Bold by the document defaults")
    quote = document.add_paragraph("Not bold: the style says so", style="Quote")
    quote.style.font.bold = False
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Bold in a cell too"
    layout = _read(document)
    assert [(p.text, p.bold) for p in layout.paragraphs()] == [
        ("Bold by the document defaults", True),
        ("Not bold: the style says so", False),
    ]
    assert _only_table(layout).rows[0][0].paragraphs[0].bold
