"""`make serve` shows problems: a failing rebuild is shown in the browser, with the same
file/line/fix messages as the terminal, and live reload keeps working until it is fixed.

This runs the real `mkdocs serve` (live reload, our hook) on a small fixture site in Chromium.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.browser_support import axe_violations
from tests.support import ENV, MINIMAL_BIB, fixture_site, page

pytestmark = pytest.mark.browser

BIB = MINIMAL_BIB + """
@misc{lee2024,
  author = {Lee, Ann},
  title = {Groups online},
  year = {2024},
  url = {https://example.org/groups},
  keywords = {web-article}
}
"""
GOOD = page("Home", "Groups can meet online [@lee2024].")
HEADING = "The preview could not be built"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """`mkdocs serve` on a fixture site; yields (site root, base URL, log file). Stopped by its own pid."""
    config = fixture_site(tmp_path, {"index.md": GOOD}, bib=BIB,
                          extra_config={"watch": [str(tmp_path / "references.bib")]})
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config),
             "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path, env={**ENV, "GUIDE_TODAY": "2026-11-28", "GUIDE_DRAFTS": "1"},
            stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in log.read_text(encoding="utf-8"):
            assert process.poll() is None, "mkdocs serve stopped:\n" + log.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "mkdocs serve did not start:\n" + log.read_text(encoding="utf-8")
            time.sleep(0.2)
        yield tmp_path, f"http://127.0.0.1:{port}/online-group-therapy-guide/", log
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_text(page_, text: str, log: Path):
    try:
        page_.get_by_text(text).first.wait_for(timeout=60_000)
    except Exception as exc:  # say what the server said
        raise AssertionError(f"{text!r} never appeared:\n{log.read_text(encoding='utf-8')[-3000:]}") from exc


def test_a_failing_rebuild_is_shown_in_the_browser_and_live_reload_goes_on(browser, served):
    root, url, log = served
    tab = browser.new_page()
    tab.goto(url)
    assert tab.locator("h1").first.inner_text().startswith("Home")

    # 1. A cite-key typo in a page: the open tab reloads to the error page.
    (root / "docs" / "index.md").write_text(GOOD.replace("@lee2024", "@lee2042"), encoding="utf-8")
    wait_for_text(tab, HEADING, log)
    items = tab.locator("ol.guide-build-errors > li")
    assert items.count() == 2, "the typo, and lee2024 now cited nowhere"
    text = items.first.inner_text()
    assert "docs/index.md:10" in text and "lee2042" in text and "Fix: did you mean lee2024?" in text
    assert "lee2024" in items.nth(1).inner_text() and "references.bib" in items.nth(1).inner_text()
    assert axe_violations(tab) == []
    # the terminal says the same
    assert "docs/index.md:10" in log.read_text(encoding="utf-8")
    # every address shows it, including one that does not exist
    other = browser.new_page()
    other.goto(url + "no/such/page/")
    assert other.get_by_text(HEADING).count() == 1
    other.close()

    # 2. Fixed: the page comes back by itself.
    (root / "docs" / "index.md").write_text(GOOD, encoding="utf-8")
    wait_for_text(tab, "Groups can meet online", log)
    assert tab.get_by_text(HEADING).count() == 0

    # 3. references.bib is watched: breaking it shows its file and line.
    (root / "references.bib").write_text(BIB.replace("year = {2024},", ""), encoding="utf-8")
    wait_for_text(tab, HEADING, log)
    assert "references.bib:" in tab.locator("ol.guide-build-errors").inner_text()

    (root / "references.bib").write_text(BIB, encoding="utf-8")
    wait_for_text(tab, "Groups can meet online", log)

    # 4. A BibTeX syntax error, which mkdocs-bibtex itself cannot read: still our page, not a stuck server.
    (root / "references.bib").write_text(BIB + "\n@misc{broken,\n  title = {unclosed\n", encoding="utf-8")
    wait_for_text(tab, HEADING, log)
    assert "references.bib:" in tab.locator("ol.guide-build-errors").inner_text()
    (root / "references.bib").write_text(BIB, encoding="utf-8")
    wait_for_text(tab, "Groups can meet online", log)
    assert "Traceback" not in log.read_text(encoding="utf-8")
    tab.close()
