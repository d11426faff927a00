"""The References page's evidence facts in real Chromium: keyboard, target size and axe after opening."""

from __future__ import annotations

import pytest

from tests.browser_support import Watch, axe_violations, origin_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", [(375, 812), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_evidence_details_open_by_keyboard_and_stay_accessible(browser, site_url, size, scheme):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "about/references/", wait_until="networkidle")
    summaries = page.locator(".ogt-ref__evidence > summary")
    count = summaries.count()
    assert count >= 12, f"only {count} research entries show their evidence"
    facts = page.locator("#ref-tavares2018 .ogt-ref__facts").inner_text()
    assert facts == "9 studies · older adults, aged 60 and over · groups in a room · depression"

    first = summaries.first
    first.focus()
    page.keyboard.press("Enter")
    assert first.evaluate("s => s.parentElement.open"), "Enter on the summary opens the details"
    assert page.locator(".ogt-ref__evidence[open] .ogt-ref__checked").first.is_visible()
    for i in range(count):  # open them all, then check what appeared
        summaries.nth(i).evaluate("s => { s.parentElement.open = true; }")
        box = summaries.nth(i).bounding_box()
        assert box["height"] >= 24, f"summary {i} is {box['height']} px high"
    page.mouse.wheel(0, 4000)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert not watch.console_errors and not watch.foreign
    context.close()
