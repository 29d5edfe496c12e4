"""Word paragraphs' font size through Word's cascade (run, character style, paragraph style
with its ``basedOn`` chain, table style, document defaults), on small documents built here.

A Google Docs download (ho7_rp02) marks its title only by large bold type: no heading
style, direct formatting on every run. The PDF reader records each paragraph's size, so the
Word reader must too, or the Word rendition loses what its PDF keeps.
"""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from roleframe.parsers import docx as docx_reader
from roleframe.parsers.kinds import role_profile
from roleframe.parsers.layout import Layout, Paragraph
from roleframe.parsers.limits import DEFAULT_LIMITS
from roleframe.schema.role_profile import RoleProfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _read(document: docx.document.Document) -> Layout:
    buffer = io.BytesIO()
    document.save(buffer)
    return docx_reader.read(buffer.getvalue(), DEFAULT_LIMITS)


def _sizes(layout: Layout) -> dict[str, float | None]:
    return {b.text: b.font_size for b in layout.blocks if isinstance(b, Paragraph)}


def _default_size(document: docx.document.Document, half_points: int | None) -> None:
    """Set (or, with None, remove) the document defaults' run size."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0]
    for tag in ("w:sz", "w:szCs"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    if half_points is not None:
        rpr.append(parse_xml(f'<w:sz {W} w:val="{half_points}"/>'))


def test_direct_run_size_wins_over_the_defaults() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Youth Worker").font.size = Pt(16)
    document.add_paragraph("Body text at the default size.")
    assert _sizes(_read(document)) == {
        "Youth Worker": 16.0,
        "Body text at the default size.": 11.0,  # python-docx's template: docDefaults sz 22
    }


def test_the_size_most_visible_characters_have() -> None:
    document = docx.Document()
    p = document.add_paragraph()
    p.add_run("Salary: ").font.size = Pt(14)
    p.add_run("Band 5 and a long description").font.size = Pt(10)
    q = document.add_paragraph()
    q.add_run("          ").font.size = Pt(30)  # spaces are not visible characters
    q.add_run("Short").font.size = Pt(9)
    sizes = _sizes(_read(document))
    assert sizes["Salary: Band 5 and a long description"] == 10.0
    assert sizes["Short"] == 9.0


def test_paragraph_style_size_follows_based_on() -> None:
    document = docx.Document()
    base = document.styles.add_style("Big base", WD_STYLE_TYPE.PARAGRAPH)
    base.font.size = Pt(18)
    derived = document.styles.add_style("Derived", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = base
    derived.font.bold = True  # says nothing about size: the base's shows through
    own = document.styles.add_style("Own size", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = base
    own.font.size = Pt(13)
    document.add_paragraph("inherits", style="Derived")
    document.add_paragraph("overrides", style="Own size")
    direct = document.add_paragraph(style="Derived")
    direct.add_run("direct wins").font.size = Pt(8)
    assert _sizes(_read(document)) == {"inherits": 18.0, "overrides": 13.0, "direct wins": 8.0}


def test_character_style_sits_between_paragraph_style_and_run() -> None:
    document = docx.Document()
    char = document.styles.add_style("Large chars", WD_STYLE_TYPE.CHARACTER)
    char.font.size = Pt(20)
    para_style = document.styles.add_style("Small para", WD_STYLE_TYPE.PARAGRAPH)
    para_style.font.size = Pt(9)
    document.add_paragraph(style="Small para").add_run("character style", style="Large chars")
    direct = document.add_paragraph(style="Small para").add_run(
        "direct over character", style="Large chars"
    )
    direct.font.size = Pt(12)
    document.add_paragraph("paragraph style only", style="Small para")
    assert _sizes(_read(document)) == {
        "character style": 20.0,
        "direct over character": 12.0,
        "paragraph style only": 9.0,
    }


def test_document_defaults_are_the_bottom_and_no_size_anywhere_is_unknown() -> None:
    document = docx.Document()
    _default_size(document, 24)
    document.add_paragraph("from the defaults")
    assert _sizes(_read(document)) == {"from the defaults": 12.0}
    bare = docx.Document()
    _default_size(bare, None)
    bare.add_paragraph("no size given")
    assert _sizes(_read(bare)) == {"no size given": None}


def test_complex_script_runs_take_the_complex_script_size() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("مرحبا بالعالم")
    run._r.get_or_add_rPr().append(parse_xml(f"<w:rtl {W}/>"))
    run._r.get_or_add_rPr().append(parse_xml(f'<w:szCs {W} w:val="40"/>'))
    latin = document.add_paragraph().add_run("Latin text")
    latin._r.get_or_add_rPr().append(parse_xml(f'<w:szCs {W} w:val="40"/>'))
    assert _sizes(_read(document)) == {"مرحبا بالعالم": 20.0, "Latin text": 11.0}


def test_table_style_size_reaches_its_cells_under_the_paragraph_style() -> None:
    document = docx.Document()
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="table" w:styleId="SmallGrid"><w:name w:val="Small grid"/>'
            '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
        )
    )
    sized = document.styles.add_style("Cell heading", WD_STYLE_TYPE.PARAGRAPH)
    sized.font.size = Pt(14)
    table = document.add_table(rows=1, cols=2)
    table._tbl.tblPr.append(parse_xml(f'<w:tblStyle {W} w:val="SmallGrid"/>'))
    table.cell(0, 0).text = "from the table style"
    table.cell(0, 1).paragraphs[0].style = sized
    table.cell(0, 1).paragraphs[0].add_run("paragraph style wins")
    cells = _read(document).tables()[0].rows[0]
    assert [c.paragraphs[0].font_size for c in cells] == [8.0, 14.0]


def test_hidden_runs_do_not_count() -> None:
    document = docx.Document()
    p = document.add_paragraph()
    hidden = p.add_run("a long hidden stretch of text")
    hidden.font.size = Pt(30)
    hidden.font.hidden = True
    p.add_run("shown").font.size = Pt(10)
    assert _sizes(_read(document)) == {"shown": 10.0}


# --- what the size lets the role-profile extractor see ---------------------------------------


def _profile(title_pt: float, first_line: str = "Youth Participation Worker") -> RoleProfile:
    """A role profile as a Google Docs download writes it: no heading styles, the title and
    section headings bold and larger than the body by direct formatting only."""
    document = docx.Document()

    def line(text: str, size: float, bold: bool = False) -> None:
        run = document.add_paragraph().add_run(text)
        run.font.size, run.font.bold = Pt(size), bold

    line(first_line, title_pt, bold=True)
    line("Salary: Band 5", 11)
    line("What this job is for", 13, bold=True)
    line("Young people should have a say in the services that affect them.", 11)
    line("What you will do", 13, bold=True)
    line("Run the youth council's monthly meetings.", 11)
    ex = role_profile.extract(_read(document))
    assert isinstance(ex.content, RoleProfile)
    return ex.content


def _title(rp: RoleProfile) -> str | None:
    return rp.title.value if rp.title else None


def test_large_bold_opening_line_is_the_title() -> None:
    assert _title(_profile(16)) == "Youth Participation Worker"


def test_an_opening_line_no_larger_than_the_headings_is_not_taken_as_title() -> None:
    # bold at the section headings' size: nothing marks it as the title rather than a heading
    assert _title(_profile(13)) is None


def test_a_large_opening_line_naming_the_document_is_no_post_title() -> None:
    assert _title(_profile(16, first_line="Job Description")) != "Job Description"


def test_malformed_sizes_are_ignored_not_fatal() -> None:
    document = docx.Document()
    for bad in ("", "0", "-4", "12.5", "²", "9" * 5000):
        run = document.add_paragraph().add_run(f"size {bad[:4]!r}")
        run._r.get_or_add_rPr().append(parse_xml(f'<w:sz {W} w:val="{bad}"/>'))
    assert set(_sizes(_read(document)).values()) == {11.0}  # the defaults show through
