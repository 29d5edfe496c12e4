"""`roleframe diff` on the command line, and its HTML report in a real browser."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from roleframe.ingest.cli import main
from roleframe.ingest.diff.report_html import render_html
from roleframe.schema.changeset import ChangeSet, RenameDecisionsFile

ROOT = Path(__file__).resolve().parent.parent
DIFF = ROOT / "tests" / "fixtures" / "diff"
V1, V2 = DIFF / "framework_v1.docx", DIFF / "framework_v2.docx"


def test_exit_status_is_like_diff(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(V1), str(V1)]) == 0
    assert "No changes." in capsys.readouterr().out
    assert main(["diff", str(V1), str(V2)]) == 1
    assert "## Renamed (2)" in capsys.readouterr().out
    # a framework against a matrix: trouble, not a difference
    assert main(["diff", str(V1), str(DIFF / "matrix_v1.xlsx")]) == 2
    assert "cannot compare" in capsys.readouterr().err


def test_unreadable_side_is_exit_2_with_its_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["diff", str(V1), str(broken)]) == 2
    assert "corrupt_file" in capsys.readouterr().err


def test_json_output_and_output_json_sides(tmp_path: Path) -> None:
    out = tmp_path / "changes.json"
    assert main(["diff", str(V1), str(V2), "--json", "-o", str(out)]) == 1
    from_sources = ChangeSet.model_validate_json(out.read_bytes())
    # the same comparison from the documents `roleframe ingest` wrote
    assert main(["ingest", str(V1), str(V2), "-o", str(tmp_path / "docs"), "-q"]) == 0
    again = tmp_path / "again.json"
    code = main(
        [
            "diff",
            str(tmp_path / "docs" / "framework_v1.docx.json"),
            str(tmp_path / "docs" / "framework_v2.docx.json"),
            "--json",
            "-o",
            str(again),
        ]
    )
    assert code == 1
    assert again.read_bytes() == out.read_bytes()
    assert from_sources.counts["renamed"] == 2


def test_confirm_records_a_decision_and_pairs_at_once(tmp_path: Path) -> None:
    decisions = tmp_path / "renames.json"
    out = tmp_path / "c.json"
    args = ["diff", str(V1), str(V2), "--json", "-o", str(out), "--decisions", str(decisions)]
    assert main([*args, "--confirm", "Financial Acumen", "Digital Skills"]) == 1
    saved = RenameDecisionsFile.model_validate_json(decisions.read_bytes()).decisions
    assert [(d.entity, d.old_name, d.new_name, d.same) for d in saved] == [
        ("competency", "Financial Acumen", "Digital Skills", True)
    ]
    cs = ChangeSet.model_validate_json(out.read_bytes())
    renamed = [c for c in cs.changes if c.type == "renamed" and c.old_name == "Financial Acumen"]
    assert renamed and renamed[0].pairing is not None and renamed[0].pairing.method == "decision"
    # and the next diff, without --confirm, pairs it too
    assert main(args) == 1
    cs = ChangeSet.model_validate_json(out.read_bytes())
    assert any(c.type == "renamed" and c.new_name == "Digital Skills" for c in cs.changes)


def test_confirm_of_names_the_diff_does_not_offer_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decisions = tmp_path / "renames.json"
    code = main(
        ["diff", str(V1), str(V2), "--decisions", str(decisions), "--confirm", "Nope", "Nada"]
    )
    assert code == 2
    assert "no removal of 'Nope'" in capsys.readouterr().err
    assert not decisions.exists()


def test_html_report_is_written(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    assert main(["diff", str(V1), str(V2), "-o", str(tmp_path / "r.md"), "--html", str(html)]) == 1
    text = html.read_text(encoding="utf-8")
    assert "<script>" in text and "http://" not in text and "https://" not in text
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Changes in")


def _browser() -> str | None:
    return (
        shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def test_html_report_works_in_a_real_browser(tmp_path: Path) -> None:
    """Loads the report in headless Chromium: the counts are shown, a filter hides the
    other change types, the review toggle works, and a #types= link preselects a filter."""
    playwright = pytest.importorskip("playwright.sync_api")
    browser_path = _browser()
    if browser_path is None:
        pytest.skip("no Chromium on this machine")
    out = tmp_path / "c.json"
    main(["diff", str(V1), str(V2), "--json", "-o", str(out)])
    cs = ChangeSet.model_validate_json(out.read_bytes())
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(cs), encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            shown = page.locator("tr.change:not(.hidden)")
            assert shown.count() == len(cs.changes)
            for type_, n in cs.counts.items():
                assert page.locator(f'.count[data-type="{type_}"]').inner_text() == str(n)
            # keep only renames: every other type disappears
            for box in page.locator(".filters input[data-type]").all():
                if box.get_attribute("data-type") != "renamed":
                    box.uncheck()
            assert shown.count() == cs.counts["renamed"] == 2
            types = {r.get_attribute("data-type") for r in shown.all()}
            assert types == {"renamed"}
            assert page.locator("#shown").inner_text() == "2"
            # a link that preselects additions
            page.goto(page_file.as_uri() + "#types=added")
            assert page.locator("tr.change:not(.hidden)").count() == cs.counts["added"]
        finally:
            browser.close()


def test_markdown_is_the_default_and_json_validates(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    main(
        [
            "diff",
            str(DIFF / "matrix_v1.xlsx"),
            str(DIFF / "matrix_v2.xlsx"),
            "--json",
            "-o",
            str(out),
        ]
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"]["raised"] == 1 and data["counts"]["lowered"] == 1
    assert data["old"]["filename"] == "matrix_v1.xlsx"
