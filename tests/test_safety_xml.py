"""What python-docx and openpyxl do with billion laughs and XXE when our guard is bypassed.

These pin the libraries' behaviour that ``parsers/safety.py`` documents: if an upgrade makes a
library expand entities, these fail and tell us the guard is the only line left.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"
PASSWD = Path("/etc/passwd")


def _secret() -> str:
    """A line of the local file the XXE samples point at (what must never leak)."""
    if not PASSWD.is_file():
        pytest.skip("no /etc/passwd on this system")
    return PASSWD.read_text(errors="replace").splitlines()[0]


def test_python_docx_does_not_fetch_external_entities() -> None:
    secret = _secret()
    document = docx.Document(io.BytesIO((HOSTILE / "xxe.docx").read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    xml = etree.tostring(document.element).decode()
    assert secret not in text and secret not in xml


def test_python_docx_refuses_billion_laughs_through_libxml2() -> None:
    # libxml2's amplification limit, not python-docx's own parser settings, stops this one.
    with pytest.raises(etree.XMLSyntaxError):
        docx.Document(io.BytesIO((HOSTILE / "billion_laughs.docx").read_bytes()))


def test_openpyxl_uses_defusedxml_for_worksheets() -> None:
    assert openpyxl.DEFUSEDXML is True
    for name in ("xxe.xlsx", "billion_laughs.xlsx"):
        with pytest.raises(Exception) as caught:
            openpyxl.load_workbook(io.BytesIO((HOSTILE / name).read_bytes()))
        chain, node = [], caught.value  # openpyxl re-raises as ValueError; the cause says why
        while node is not None:
            chain.append(type(node).__name__)
            node = node.__cause__ or node.__context__
        assert {"EntitiesForbidden", "DTDForbidden"} & set(chain), chain
