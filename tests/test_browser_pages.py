"""Every page in real Chromium: no console errors, nothing fetched from another origin, axe clean."""

from __future__ import annotations

import pytest

from tests.browser_support import Watch, axe_violations, origin_of
from tests.test_site import built_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_in_the_browser(browser, site_dir, site_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    problems: list[str] = []
    checked = 0
    for path in built_pages(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        if rel.rsplit("/", 1)[-1] == "404.html":  # 404.html and es/404.html: served only for unknown paths
            continue
        url = site_url + rel.removesuffix("index.html")
        page = context.new_page()
        watch = Watch(page, origin_of(site_url))
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        problems += [f"{rel}: console: {e}" for e in watch.console_errors]
        problems += [f"{rel}: request to another origin: {u}" for u in watch.foreign]
        problems += [f"{rel} ({scheme}): axe: {v}" for v in axe_violations(page)]
        page.close()
        checked += 1
    context.close()
    assert checked >= 14, f"only {checked} pages were checked"
    assert not problems, "\n".join(problems)


def test_keyboard_reaches_crisis_link_first(browser, site_url):
    """The first Tab stops are the skip link and the crisis link: help is one key press away."""
    page = browser.new_page()
    page.goto(site_url + "understand/formats/")
    names = []
    for _ in range(3):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.textContent.trim()"))
    page.close()
    assert "Get help now" in names, names
