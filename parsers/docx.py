"""Word (.docx) reader: python-docx loads the package; we walk the body XML ourselves.

python-docx 1.2 drops text in inline content controls (``w:sdt``), does not see tables
wrapped in content controls, leaves nested tables out of ``cell.text``, has no check-box
API, does not report style-applied bullets and repeats one cell object across merged
positions. So python-docx is used to open the package and reach the styles, numbering and
header/footer parts, and this module reads ``w:body`` element by element.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from roleframe.parsers.errors import ReadError
from roleframe.parsers.layout import Block, Cell, FormField, Layout, Paragraph, Run, Table
from roleframe.parsers.limits import Limits
from roleframe.parsers.safety import Deadline, limit_exceeded, start_deadline
from roleframe.parsers.text import clean, split_bullet
from roleframe.schema import Format, IssueCode, Provenance

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, TBL, TR, TC, R, T, SDT, SDT_CONTENT = (
    _w(t) for t in ("p", "tbl", "tr", "tc", "r", "t", "sdt", "sdtContent")
)
# containers whose children flow on as if they were not there
_TRANSPARENT = {
    _w("customXml"),
    _w("smartTag"),
    _w("ins"),
    _w("hyperlink"),
    _w("fldSimple"),
    _w("bdo"),
    _w("dir"),
    _w("moveTo"),
}
_SKIPPED = {
    _w("del"),
    _w("moveFrom"),
    _w("pPr"),
    _w("rPr"),
    _w("proofErr"),
    _w("bookmarkStart"),
    _w("bookmarkEnd"),
    _w("commentRangeStart"),
    _w("commentRangeEnd"),
}
_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_TXBX = f".//{_w('txbxContent')}"


def _on(el: etree._Element | None) -> bool | None:
    """A Word on/off property: present without val, or val true/1/on, means on."""
    if el is None:
        return None
    val = el.get(_w("val"))
    return val is None or val.lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class _Props:
    """What one level of Word's formatting hierarchy says (None: it says nothing, the level
    below shows through): run bold/italic/underline, font size and, for table styles, cell
    shading."""

    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    fill: str | None = None  # cell shading colour; "" for none
    size: float | None = None  # points, from w:sz (half-points)
    cs_size: float | None = None  # points, from w:szCs: complex-script (rtl/cs) text's size

    def over(self, below: _Props) -> _Props:
        """These properties laid over ``below``."""
        return _Props(
            self.bold if self.bold is not None else below.bold,
            self.italic if self.italic is not None else below.italic,
            self.underline if self.underline is not None else below.underline,
            self.fill if self.fill is not None else below.fill,
            self.size if self.size is not None else below.size,
            self.cs_size if self.cs_size is not None else below.cs_size,
        )


_NO_PROPS = _Props()


@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    props: _Props  # its rPr (and, for a table style, its tcPr shading)
    outline: int | None
    num: tuple[str, int] | None  # (numId, ilvl) from the style's own numPr
    kind: str = "paragraph"  # w:type: paragraph, character, table, numbering
    default: bool = False  # the default style of its kind (w:default="1")
    # a table style's conditional formatting (w:tblStylePr) by type: firstRow, band1Horz…
    conditional: dict[str, _Props] = field(default_factory=dict)
    row_band: int | None = None  # w:tblStyleRowBandSize
    col_band: int | None = None  # w:tblStyleColBandSize


@dataclass(slots=True)
class _Fmt:
    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None  # points; None: nothing in the cascade gives one
    cs_size: float | None = None


@dataclass(frozen=True, slots=True)
class _TableStyle:
    """A table style resolved through ``basedOn``: what it says for the whole table, and
    per conditional type; band sizes."""

    whole: _Props = _NO_PROPS
    conditional: dict[str, _Props] = field(default_factory=dict)
    row_band: int = 1
    col_band: int = 1


@dataclass(frozen=True, slots=True)
class _Look:
    """Which of the table style's conditional formats the table turns on (``w:tblLook``)."""

    first_row: bool
    last_row: bool
    first_col: bool
    last_col: bool
    h_band: bool
    v_band: bool


# Conditional formats in the order they apply, later ones winning (ECMA-376 17.7.6).
_CONDITIONS = (
    "band1Vert",
    "band2Vert",
    "band1Horz",
    "band2Horz",
    "firstCol",
    "lastCol",
    "firstRow",
    "lastRow",
    "neCell",
    "nwCell",
    "seCell",
    "swCell",
)
# tblLook's legacy hex bitmask (w:val="04A0") for writers that give no attributes
_LOOK_BITS = {
    "firstRow": 0x0020,
    "lastRow": 0x0040,
    "firstColumn": 0x0080,
    "lastColumn": 0x0100,
    "noHBand": 0x0200,
    "noVBand": 0x0400,
}
_WORD_LOOK = 0x04A0


@dataclass
class _Context:
    styles: dict[str, _Style]
    numbering: dict[tuple[str, int], tuple[str, str]]  # (numId, ilvl) -> (numFmt, lvlText)
    default_pstyle: str | None
    limits: Limits
    deadline: Deadline
    defaults: _Props = _NO_PROPS  # w:docDefaults: the bottom of the hierarchy
    table_count: int = 0
    _resolved: dict[str, _Props] = field(default_factory=dict)
    _tables: dict[str | None, _TableStyle] = field(default_factory=dict)

    def style_props(self, style_id: str | None) -> _Props:
        """What a style says, following ``basedOn`` (derived over base; cached)."""
        if not style_id:
            return _NO_PROPS
        if style_id not in self._resolved:
            props = _NO_PROPS
            for style in self._chain(style_id):
                props = style.props.over(props)
            self._resolved[style_id] = props
        return self._resolved[style_id]

    def table_style(self, style_id: str | None) -> _TableStyle:
        """A table's style (or the default table style) resolved through ``basedOn``."""
        if style_id not in self.styles or self.styles[style_id].kind != "table":
            style_id = next(
                (k for k, s in self.styles.items() if s.kind == "table" and s.default), None
            )
        if style_id not in self._tables:
            whole = _NO_PROPS
            conditional: dict[str, _Props] = {}
            row_band = col_band = 1
            for style in self._chain(style_id):
                whole = style.props.over(whole)
                for kind, props in style.conditional.items():
                    conditional[kind] = props.over(conditional.get(kind, _NO_PROPS))
                row_band = style.row_band or row_band
                col_band = style.col_band or col_band
            whole = conditional.pop("wholeTable", _NO_PROPS).over(whole)
            self._tables[style_id] = _TableStyle(whole, conditional, row_band, col_band)
        return self._tables[style_id]

    def _chain(self, style_id: str | None) -> list[_Style]:
        """The style and its ancestors, base first (a ``basedOn`` loop is cut)."""
        chain: list[_Style] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain[::-1]

    def style_attr(self, style_id: str | None, attr: str) -> object:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            value = getattr(self.styles[style_id], attr)
            if value is not None:
                return value
            style_id = self.styles[style_id].based_on
        return None


def read(data: bytes, limits: Limits, deadline: Deadline | None = None) -> Layout:
    """Read a .docx file's bytes into the layout model (``deadline`` checked per paragraph,
    table row and header part; default ``limits.timeout_seconds`` from now)."""
    deadline = start_deadline(limits, deadline)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(IssueCode.CORRUPT_FILE, f"The Word file cannot be opened: {exc}.") from exc
    except etree.XMLSyntaxError as exc:
        raise ReadError(IssueCode.CORRUPT_FILE, f"The Word file's XML is broken: {exc}.") from exc
    ctx = _Context(
        styles=_read_styles(document),
        numbering=_read_numbering(document),
        default_pstyle=None,
        limits=limits,
        deadline=deadline,
        defaults=_doc_defaults(document),
    )
    ctx.default_pstyle = next(
        (sid for sid, s in ctx.styles.items() if s.name.lower() == "normal"), None
    )
    layout = Layout(format=Format.DOCX)
    body = document.element.body
    counter = [0]
    layout.blocks = list(_blocks(body, ctx, counter, cell_where=None, inherited=ctx.defaults))
    layout.headers, layout.footers, layout.edge_tables = _headers_footers(document, ctx)
    props = document.core_properties
    for key in ("title", "subject", "author", "category", "keywords"):
        value = clean(str(getattr(props, key, "") or ""))
        if value:
            layout.properties[key] = value
    return layout


# ---------------------------------------------------------------- styles and numbering


def _read_styles(document: docx.document.Document) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    try:
        root = document.styles.element
    except (KeyError, AttributeError):
        return styles
    for el in root.iter(_w("style")):
        sid = el.get(_w("styleId"))
        if not sid:
            continue
        name_el = el.find(_w("name"))
        based = el.find(_w("basedOn"))
        ppr = el.find(_w("pPr"))
        outline = None
        num = None
        if ppr is not None:
            lvl = ppr.find(_w("outlineLvl"))
            if lvl is not None and (lvl.get(_w("val")) or "").isdigit():
                outline = int(lvl.get(_w("val"))) + 1
            num = _num_pr(ppr)
        tblpr = el.find(_w("tblPr"))
        styles[sid] = _Style(
            name=name_el.get(_w("val")) if name_el is not None else sid,
            based_on=based.get(_w("val")) if based is not None else None,
            props=_props(el),
            outline=outline,
            num=num,
            kind=el.get(_w("type")) or "paragraph",
            default=_on_attr(el.get(_w("default"))),
            conditional={
                cond.get(_w("type"), ""): _props(cond) for cond in el.iterchildren(_w("tblStylePr"))
            },
            row_band=_band(tblpr, "tblStyleRowBandSize"),
            col_band=_band(tblpr, "tblStyleColBandSize"),
        )
    return styles


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() in ("1", "true", "on")


def _band(tblpr: etree._Element | None, tag: str) -> int | None:
    el = tblpr.find(_w(tag)) if tblpr is not None else None
    size = _int_attr(el, 0)
    return size if size > 0 else None


def _props(el: etree._Element) -> _Props:
    """Run formatting from ``el``'s ``w:rPr`` and cell shading from its ``w:tcPr``."""
    rpr = el.find(_w("rPr"))
    tcpr = el.find(_w("tcPr"))
    bold = italic = underline = None
    size = cs_size = None
    if rpr is not None:
        bold, italic = _on(rpr.find(_w("b"))), _on(rpr.find(_w("i")))
        u = rpr.find(_w("u"))
        underline = u.get(_w("val"), "single") != "none" if u is not None else None
        size, cs_size = _half_points(rpr.find(_w("sz"))), _half_points(rpr.find(_w("szCs")))
    return _Props(bold, italic, underline, _fill(tcpr), size, cs_size)


def _half_points(el: etree._Element | None) -> float | None:
    """A ``w:sz``/``w:szCs`` value (half-points) in points; None when absent or not a size."""
    val = (el.get(_w("val")) or "").strip() if el is not None else ""
    if not re.fullmatch(r"[0-9]{1,5}", val) or int(val) == 0:  # Word allows 1..1638 pt
        return None
    return int(val) / 2


def _fill(tcpr: etree._Element | None) -> str | None:
    """A ``w:shd``'s visible colour: the fill, or the pattern colour of a solid pattern."""
    shd = tcpr.find(_w("shd")) if tcpr is not None else None
    if shd is None:
        return None
    if (shd.get(_w("val")) or "").lower() == "solid":
        return (shd.get(_w("color")) or "").lower()
    return (shd.get(_w("fill")) or "").lower()


def _shaded(fill: str | None) -> bool:
    return (fill or "") not in ("", "auto", "ffffff")


def _doc_defaults(document: docx.document.Document) -> _Props:
    """``w:docDefaults/w:rPrDefault``: formatting every run starts from."""
    try:
        root = document.styles.element
    except (KeyError, AttributeError):
        return _NO_PROPS
    default = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}")
    return _props(default) if default is not None else _NO_PROPS


def _num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    num_pr = ppr.find(_w("numPr"))
    if num_pr is None:
        return None
    num_id = num_pr.find(_w("numId"))
    ilvl = num_pr.find(_w("ilvl"))
    nid = num_id.get(_w("val")) if num_id is not None else None
    level = int(ilvl.get(_w("val"), "0")) if ilvl is not None else 0
    if nid is None:
        return ("", level)  # level only: the numId comes from the style
    return (nid, level)


def _read_numbering(document: docx.document.Document) -> dict[tuple[str, int], tuple[str, str]]:
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, str]]] = {}
    for a in root.iter(_w("abstractNum")):
        levels: dict[int, tuple[str, str]] = {}
        for lvl in a.iter(_w("lvl")):
            fmt = lvl.find(_w("numFmt"))
            text = lvl.find(_w("lvlText"))
            levels[int(lvl.get(_w("ilvl"), "0"))] = (
                fmt.get(_w("val"), "") if fmt is not None else "",
                text.get(_w("val"), "") if text is not None else "",
            )
        abstract[a.get(_w("abstractNumId"), "")] = levels
    result: dict[tuple[str, int], tuple[str, str]] = {}
    for num in root.iter(_w("num")):
        ref = num.find(_w("abstractNumId"))
        if ref is None:
            continue
        for level, value in abstract.get(ref.get(_w("val"), ""), {}).items():
            result[(num.get(_w("numId"), ""), level)] = value
    return result


# ---------------------------------------------------------------- blocks


def _blocks(
    parent: etree._Element,
    ctx: _Context,
    counter: list[int],
    cell_where: Provenance | None,
    inherited: _Props,
) -> Iterator[Block]:
    """Paragraphs and tables under ``parent`` in order, looking through content controls.

    ``counter`` holds the running paragraph index (body-wide, or within one cell), so
    provenance counts empty paragraphs too even though they are not emitted. ``inherited``
    is the formatting below the paragraph styles: the document defaults, and in a table
    cell what the table style gives that cell.
    """
    for child in parent:
        tag = child.tag
        if tag == P:
            index = counter[0]
            counter[0] += 1
            where = cell_where.with_(paragraph=index) if cell_where else Provenance(paragraph=index)
            ctx.deadline.check(_where_text(where))
            para, boxes = _paragraph(child, ctx, where, inherited)
            if para.text or para.fields:
                yield para
            for box in boxes:  # text boxes anchored in this paragraph follow it
                yield from _blocks(box, ctx, counter, cell_where, ctx.defaults)
        elif tag == TBL:
            yield _table(child, ctx)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _blocks(content, ctx, counter, cell_where, inherited)
        elif tag in _TRANSPARENT:
            yield from _blocks(child, ctx, counter, cell_where, inherited)


def _paragraph(
    p: etree._Element, ctx: _Context, where: Provenance, inherited: _Props
) -> tuple[Paragraph, list[etree._Element]]:
    ppr = p.find(_w("pPr"))
    style_id = None
    num: tuple[str, int] | None = None
    outline = None
    if ppr is not None:
        ps = ppr.find(_w("pStyle"))
        style_id = ps.get(_w("val")) if ps is not None else None
        num = _num_pr(ppr)
        lvl = ppr.find(_w("outlineLvl"))
        if lvl is not None and (lvl.get(_w("val")) or "").isdigit():
            outline = int(lvl.get(_w("val"))) + 1
    style_id = style_id or ctx.default_pstyle
    style_name = ctx.styles[style_id].name if style_id in ctx.styles else style_id
    # document defaults < table style (in a cell) < paragraph style; runs go on from here
    props = ctx.style_props(style_id).over(inherited)
    base = _Fmt(
        bool(props.bold), bool(props.italic), bool(props.underline), props.size, props.cs_size
    )

    sink = _Sink()
    _collect(p, ctx, base, sink)
    runs, fields, boxes = sink.runs, sink.fields, sink.boxes

    raw = "".join(r.text for r in runs)
    text = clean(raw)
    bullet: str | None = None
    list_level: int | None = None
    style_num = ctx.style_attr(style_id, "num")
    if num is None and isinstance(style_num, tuple):
        num = style_num
    elif num is not None and not num[0] and isinstance(style_num, tuple):
        num = (style_num[0], num[1])
    if num is not None and num[0] not in ("", "0"):
        fmt, lvl_text = ctx.numbering.get((num[0], num[1]), ("bullet", "\uf0b7"))
        if fmt != "none":
            list_level = num[1]
            bullet = lvl_text if fmt == "bullet" else re.sub(r"%\d", "#", lvl_text) or "#"
    glyph, stripped = split_bullet(text)
    # A bullet typed as a character. A paragraph holding only the glyph keeps it as its
    # value: person specifications tick the Essential/Desirable column, matrices tick
    # required skills (✓, Wingdings U+F0FC, even a lone •).
    if glyph is not None and stripped:
        bullet = bullet or glyph
        list_level = 0 if list_level is None else list_level
        text = stripped
    visible = [r for r in runs if r.text.strip()]
    heading_level = None
    if style_name:
        m = _HEADING_STYLE.match(style_name)
        if m:
            heading_level = int(m.group(1))
        elif style_name.lower() in ("title",):
            heading_level = 0
    if heading_level is None:
        style_outline = ctx.style_attr(style_id, "outline")
        heading_level = outline or (style_outline if isinstance(style_outline, int) else None)
        if heading_level is not None and heading_level > 9:
            heading_level = None
    para = Paragraph(
        text=text,
        where=where,
        style=style_name,
        heading_level=heading_level,
        list_level=list_level,
        bullet=bullet,
        bold=bool(visible) and all(r.bold for r in visible),
        italic=bool(visible) and all(r.italic for r in visible),
        underline=bool(visible) and all(r.underline for r in visible),
        runs=_merge_runs(runs),
        fields=fields,
        # as the PDF reader: the size most of its visible characters have
        font_size=sink.sizes.most_common(1)[0][0] if sink.sizes else None,
    )
    return para, boxes


@dataclass(slots=True)
class _FieldState:
    """Complex-field state across runs: begin -> instr -> separate -> result -> end."""

    stack: list[dict[str, object]] = field(default_factory=list)

    @property
    def in_instruction(self) -> bool:
        return bool(self.stack) and not self.stack[-1]["separated"]


@dataclass(slots=True)
class _Sink:
    """What reading one paragraph's runs collects: its runs, form fields, text boxes
    anchored in it, and the state of any complex field spanning runs."""

    runs: list[Run] = field(default_factory=list)
    fields: list[FormField] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    state: _FieldState = field(default_factory=_FieldState)
    sizes: Counter[float] = field(default_factory=Counter)  # visible characters per size


def _collect(
    parent: etree._Element,
    ctx: _Context,
    base: _Fmt,
    sink: _Sink,
) -> None:
    for child in parent:
        tag = child.tag
        if tag == R:
            _run(child, ctx, base, sink)
        elif tag == SDT:
            _inline_sdt(child, ctx, base, sink)
        elif tag in _TRANSPARENT:
            _collect(child, ctx, base, sink)
        elif tag == f"{{{MC_NS}}}AlternateContent":
            choice = child.find(f"{{{MC_NS}}}Choice")
            if choice is not None:
                _collect(choice, ctx, base, sink)


def _inline_sdt(
    sdt: etree._Element,
    ctx: _Context,
    base: _Fmt,
    sink: _Sink,
) -> None:
    """An inline content control: a check box becomes a field, anything else is text."""
    runs, fields = sink.runs, sink.fields
    props = sdt.find(_w("sdtPr"))
    content = sdt.find(SDT_CONTENT)
    if props is not None:
        box = props.find(f"{{{W14_NS}}}checkbox")
        if box is not None:
            checked = box.find(f"{{{W14_NS}}}checked")
            alias = props.find(_w("alias"))
            if alias is None:
                alias = props.find(_w("tag"))
            fields.append(
                FormField(
                    kind="checkbox",
                    name=alias.get(_w("val"), "") if alias is not None else "",
                    checked=checked is not None
                    and checked.get(f"{{{W14_NS}}}val") in ("1", "true"),
                    offset=len(clean("".join(r.text for r in runs))),
                )
            )
            return  # the content is only the ☐/☒ glyph
        if props.find(_w("dropDownList")) is not None or props.find(_w("comboBox")) is not None:
            value = clean("".join(t.text or "" for t in sdt.iter(T)))
            fields.append(FormField(kind="dropdown", value=value))
    if content is not None:
        _collect(content, ctx, base, sink)


def _run(
    r: etree._Element,
    ctx: _Context,
    base: _Fmt,
    sink: _Sink,
) -> None:
    runs, fields, boxes, state = sink.runs, sink.fields, sink.boxes, sink.state
    rpr = r.find(_w("rPr"))
    fmt = _Fmt(base.bold, base.italic, base.underline, base.size, base.cs_size)
    complex_script = False
    if rpr is not None:
        rs = rpr.find(_w("rStyle"))
        if rs is not None:
            char = ctx.style_props(rs.get(_w("val")))  # a character style's own say
            fmt = _Fmt(
                bool(char.bold) or fmt.bold,
                bool(char.italic) or fmt.italic,
                bool(char.underline) or fmt.underline,
                char.size if char.size is not None else fmt.size,
                char.cs_size if char.cs_size is not None else fmt.cs_size,
            )
        for attr, tag in (("bold", "b"), ("italic", "i")):
            value = _on(rpr.find(_w(tag)))
            if value is not None:
                setattr(fmt, attr, value)
        u = rpr.find(_w("u"))
        if u is not None:
            fmt.underline = u.get(_w("val"), "single") != "none"
        fmt.size = _half_points(rpr.find(_w("sz"))) or fmt.size
        fmt.cs_size = _half_points(rpr.find(_w("szCs"))) or fmt.cs_size
        complex_script = bool(_on(rpr.find(_w("rtl"))) or _on(rpr.find(_w("cs"))))
        if _on(rpr.find(_w("vanish"))):
            return  # hidden text is not visible content
    parts: list[str] = []
    for child in r:
        tag = child.tag
        if tag == _w("fldChar"):
            kind = child.get(_w("fldCharType"))
            if kind == "begin":
                state.stack.append(
                    {"separated": False, "ff": child.find(_w("ffData")), "result": []}
                )
            elif kind == "separate" and state.stack:
                state.stack[-1]["separated"] = True
            elif kind == "end" and state.stack:
                offset = len(clean("".join(x.text for x in runs) + "".join(parts)))
                _close_field(state.stack.pop(), fields, offset)
        elif tag == _w("instrText") or state.in_instruction:
            continue
        elif tag == T:
            parts.append(child.text or "")
        elif tag in (_w("tab"), _w("ptab")):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            if child.get(_w("type")) not in ("page", "column"):
                parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == _w("sym"):
            code = child.get(_w("char"), "")
            if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code):
                parts.append(chr(int(code, 16)))
        elif tag in (_w("drawing"), _w("pict"), f"{{{MC_NS}}}AlternateContent"):
            for box in child.iterfind(_TXBX):
                if not any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
                    boxes.append(box)
    text = "".join(parts)
    if not text:
        return
    if state.stack and state.stack[-1]["separated"]:
        result = state.stack[-1]["result"]
        assert isinstance(result, list)
        result.append(text)
    runs.append(Run(text=text, bold=fmt.bold, italic=fmt.italic, underline=fmt.underline))
    # complex-script runs (w:rtl, w:cs) are sized by w:szCs, all others by w:sz
    size = (fmt.cs_size or fmt.size) if complex_script else fmt.size
    visible = len("".join(text.split()))
    if size is not None and visible:
        sink.sizes[size] += visible


def _close_field(frame: dict[str, object], fields: list[FormField], offset: int) -> None:
    """Legacy form fields (FORMCHECKBOX, FORMTEXT, FORMDROPDOWN) carry ``w:ffData``."""
    ff = frame.get("ff")
    if not isinstance(ff, etree._Element):
        return
    name_el = ff.find(_w("name"))
    name = name_el.get(_w("val"), "") if name_el is not None else ""
    box = ff.find(_w("checkBox"))
    result = frame.get("result")
    shown = clean("".join(result)) if isinstance(result, list) else ""
    if box is not None:
        checked = box.find(_w("checked"))
        default = box.find(_w("default"))
        state = checked if checked is not None else default
        fields.append(
            FormField(kind="checkbox", name=name, checked=bool(_on(state)), offset=offset)
        )
    elif ff.find(_w("ddList")) is not None:
        fields.append(FormField(kind="dropdown", name=name, value=shown, offset=offset))
    else:
        fields.append(FormField(kind="text", name=name, value=shown, offset=offset))


def _merge_runs(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs with the same formatting (Word splits runs arbitrarily)."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].underline) == (
            run.bold,
            run.italic,
            run.underline,
        ):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.underline)
        else:
            merged.append(Run(run.text, run.bold, run.italic, run.underline))
    return merged


# ---------------------------------------------------------------- tables


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == TR:
            yield child
        elif child.tag in (SDT, _w("customXml")):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _rows(inner)


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, _w("customXml")):
            inner = child.find(SDT_CONTENT) if child.tag == SDT else child
            if inner is not None:
                yield from _cells(inner)


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_w("val"), default))
    except ValueError:
        return default


def _too_big(what: str, value: int, bound: int, index: int) -> ReadError:
    return limit_exceeded(
        f"max_{what}",
        value,
        bound,
        f"Table {index + 1} has more than {bound:,} {what} (max_{what}).",
        table=index,
    )


def _where_text(where: Provenance) -> str:
    """Provenance as words for a timeout message: `table 2, row 3, column 1, paragraph 1`."""
    parts = [
        f"{name} {value + 1}"
        for name, value in (
            ("table", where.table),
            ("row", where.row),
            ("column", where.column),
            ("paragraph", where.paragraph),
        )
        if value is not None
    ]
    return ", ".join(parts)


def _table(tbl: etree._Element, ctx: _Context) -> Table:
    index = ctx.table_count
    ctx.table_count += 1
    table = Table(index=index, where=Provenance(table=index))
    grid = tbl.find(_w("tblGrid"))
    n_cols = len(grid.findall(_w("gridCol"))) if grid is not None else 0
    tblpr = tbl.find(_w("tblPr"))
    style_el = tblpr.find(_w("tblStyle")) if tblpr is not None else None
    style = ctx.table_style(style_el.get(_w("val")) if style_el is not None else None)
    look = _look(tblpr.find(_w("tblLook")) if tblpr is not None else None)
    rows = list(_rows(tbl))
    # origin cell by grid column, for vertical merges continuing downwards
    open_vmerge: dict[int, Cell] = {}
    header_rows_done = False
    for r, tr in enumerate(rows):
        trpr = tr.find(_w("trPr"))
        col = _int_attr(trpr.find(_w("gridBefore")) if trpr is not None else None, 0)
        if not header_rows_done:
            if trpr is not None and _on(trpr.find(_w("tblHeader"))):
                table.header_rows += 1
            else:
                header_rows_done = True
        if r >= ctx.limits.max_rows:
            raise _too_big("rows", r + 1, ctx.limits.max_rows, index)
        ctx.deadline.check(f"table {index + 1}, row {r + 1}")
        row_cells: list[Cell] = []
        tcs = list(_cells(tr))
        for position, tc in enumerate(tcs):
            tcpr = tc.find(_w("tcPr"))
            span = max(1, _int_attr(tcpr.find(_w("gridSpan")) if tcpr is not None else None, 1))
            # a hostile gridSpan/gridBefore (2e9) would walk billions of grid positions
            if col + span > ctx.limits.max_cols:
                raise _too_big("cols", col + span, ctx.limits.max_cols, index)
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            if vmerge is not None and vmerge.get(_w("val"), "continue") == "continue":
                origin = open_vmerge.get(col)
                if origin is not None:
                    origin.row_span = r - origin.row + 1
                    col += span
                    continue
            where = Provenance(table=index, row=r, column=col)
            cell = Cell(row=r, col=col, where=where, col_span=span)
            styled = _cell_style(style, look, r, len(rows), position, len(tcs))
            direct = _fill(tcpr)
            cell.shaded = _shaded(direct if direct is not None else styled.fill)
            if tcpr is not None:
                direction = tcpr.find(_w("textDirection"))
                cell.vertical_text = direction is not None and direction.get(_w("val"), "") in (
                    "btLr",
                    "tbRl",
                    "tbRlV",
                    "tbLrV",
                    "btLrV",
                )
            counter = [0]
            inherited = styled.over(ctx.defaults)
            for block in _blocks(tc, ctx, counter, cell_where=where, inherited=inherited):
                if isinstance(block, Table):
                    cell.tables.append(block)
                else:
                    cell.paragraphs.append(block)
            if vmerge is not None:
                open_vmerge[col] = cell
            else:
                for c in range(col, col + span):
                    open_vmerge.pop(c, None)
            row_cells.append(cell)
            col += span
        n_cols = max(n_cols, col)
        table.rows.append(row_cells)
    table.n_cols = n_cols
    return table


def _look(el: etree._Element | None) -> _Look:
    """The conditional formats a table turns on. Word reads ``w:tblLook``'s attributes, or
    only when it has none its legacy hex ``w:val``; with no tblLook at all it assumes 04A0
    (header row, first column, banded rows) [MS-OI29500 2.1.160]."""
    bits = _WORD_LOOK
    if el is not None:
        if any(el.get(_w(name)) is not None for name in _LOOK_BITS):
            bits = sum(bit for name, bit in _LOOK_BITS.items() if _on_attr(el.get(_w(name))))
        else:
            with contextlib.suppress(ValueError):
                bits = int(el.get(_w("val")) or "", 16)
    return _Look(
        first_row=bool(bits & _LOOK_BITS["firstRow"]),
        last_row=bool(bits & _LOOK_BITS["lastRow"]),
        first_col=bool(bits & _LOOK_BITS["firstColumn"]),
        last_col=bool(bits & _LOOK_BITS["lastColumn"]),
        h_band=not bits & _LOOK_BITS["noHBand"],
        v_band=not bits & _LOOK_BITS["noVBand"],
    )


def _cell_style(
    style: _TableStyle, look: _Look, row: int, rows: int, position: int, cells: int
) -> _Props:
    """What the table style gives the cell at (``row``, ``position``-th cell of its row):
    the whole-table formatting, then each conditional format that applies, later winning.
    Bands count from the first row/column after the header row/first column."""
    first_row = look.first_row and row == 0
    last_row = look.last_row and row == rows - 1 and rows > 1
    first_col = look.first_col and position == 0
    last_col = look.last_col and position == cells - 1 and cells > 1
    applies = {
        "firstRow": first_row,
        "lastRow": last_row,
        "firstCol": first_col,
        "lastCol": last_col,
        "nwCell": first_row and first_col,
        "neCell": first_row and last_col,
        "swCell": last_row and first_col,
        "seCell": last_row and last_col,
    }
    if look.h_band and not (first_row or last_row):
        band = (row - (1 if look.first_row else 0)) // style.row_band
        applies["band2Horz" if band % 2 else "band1Horz"] = True
    if look.v_band and not (first_col or last_col):
        band = (position - (1 if look.first_col else 0)) // style.col_band
        applies["band2Vert" if band % 2 else "band1Vert"] = True
    props = style.whole
    for kind in _CONDITIONS:
        if applies.get(kind) and kind in style.conditional:
            props = style.conditional[kind].over(props)
    return props


# ---------------------------------------------------------------- headers and footers


def _texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def _headers_footers(
    document: docx.document.Document, ctx: _Context
) -> tuple[list[Paragraph], list[Paragraph], list[Table]]:
    """Header and footer paragraphs (a table's cell by cell), once each, and the tables."""
    headers: list[Paragraph] = []
    footers: list[Paragraph] = []
    tables: list[Table] = []
    seen: set[tuple[str, str]] = set()
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("header", "footer") or rel.is_external:
            continue
        element = getattr(rel.target_part, "element", None)
        if element is None:
            continue
        for block in _blocks(element, ctx, [0], cell_where=None, inherited=ctx.defaults):
            if isinstance(block, Table) and not any(_texts(t) == _texts(block) for t in tables):
                tables.append(block)
            paras = (
                [block]
                if isinstance(block, Paragraph)
                else [p for c in block.cells() for p in c.paragraphs]
            )
            for para in paras:
                if (kind, para.text) in seen:
                    continue
                seen.add((kind, para.text))
                (headers if kind == "header" else footers).append(para)
    return headers, footers, tables
