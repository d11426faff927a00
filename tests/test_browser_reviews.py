"""An overdue page in the browser: the notice under the title is seen, and the page stays
accessible (axe, WCAG 2.2 AA) on a phone and a desktop."""

from __future__ import annotations

import pytest

from tests.browser_support import axe_violations
from tests.support import MINIMAL_BIB, build_fixture, page, serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [{"width": 375, "height": 812}, {"width": 1280, "height": 800}])
def test_overdue_notice_is_shown_and_accessible(browser, tmp_path, size):
    result = build_fixture(tmp_path, {"index.md": page("Home", "You can join a group from home.")},
                           bib=MINIMAL_BIB, env={"GUIDE_TODAY": "2027-11-02", "GUIDE_DRAFTS": ""})
    assert result.returncode == 0, result.stderr[-3000:]
    url, server = serve(tmp_path / "site")
    try:
        context = browser.new_context(viewport=size)
        tab = context.new_page()
        tab.goto(url)
        notice = tab.locator("p.ogt-review-overdue")
        assert notice.is_visible()
        assert notice.inner_text() == "This page was due for review on 1 November 2027; we are working on it."
        h1 = tab.locator("h1").first.bounding_box()
        box = notice.bounding_box()
        assert box["y"] > h1["y"] and box["y"] - (h1["y"] + h1["height"]) < 120, "right under the title"
        assert axe_violations(tab) == []
        context.close()
    finally:
        server.shutdown()
