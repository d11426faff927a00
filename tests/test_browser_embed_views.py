"""Embed views as a keyboard user and a phone user meet them, on a clinic's page on another origin:
the skip link, footnotes that stay in the frame, compact views, checklist-only views, errors.

Uses the guide and host servers of tests/test_browser_embed.py.
"""

from __future__ import annotations

import pytest

from tests.browser_support import axe_violations
from tests.test_browser_embed import (VIEWPORT, embeds, eventually, guide, host, host_page,  # noqa: F401
                                      snippet)

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 812}


def active(frame_or_page) -> str:
    return frame_or_page.evaluate(
        "() => { const e = document.activeElement; return e ? (e.id || e.textContent.trim().slice(0, 40)) : ''; }")


def test_skip_link_is_the_first_tab_stop_and_leaves_the_frame(browser, guide, host):
    body = ('<p><a href="#top" id="before">Before the embeds</a></p>' + snippet(guide, "understand/formats")
            + '<p><a href="#top" id="after">After the first embed</a></p>' + snippet(guide, "understand/risks"))
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(host_page(host, "skip.html", body))
    (first, frame), _ = embeds(page)
    page.focus("#before")
    page.keyboard.press("Tab")
    eventually(page, lambda: active(frame) == "Skip past this embedded guide", "Tab did not reach the skip link")
    assert frame.locator(".ogt-embed__skip").is_visible()  # shown when it has focus
    page.keyboard.press("Enter")
    eventually(page, lambda: page.evaluate("() => document.activeElement.parentElement.dataset.ogtEmbed")
               == "understand/formats", "the skip link did not move focus past the frame")
    page.keyboard.press("Tab")
    assert active(page) == "after"
    # The frame has no ¶ permalinks: every heading is plain text.
    assert frame.locator("a.headerlink").count() == 0
    assert frame.locator("h2").count() > 2
    page.close()


def test_footnotes_and_back_links_move_within_the_frame(browser, guide, host):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(host_page(host, "notes.html", snippet(guide, "understand/formats")))
    (element, frame), = embeds(page)
    url = frame.url
    number = frame.locator("sup[id^='fnref'] a.footnote-ref").first
    assert number.get_attribute("target") is None and number.get_attribute("href").startswith("#fn:")
    box = number.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    number.scroll_into_view_if_needed()
    number.click()
    note = number.get_attribute("href")[1:]
    eventually(page, lambda: active(frame) == note, "the footnote did not get focus")

    def on_screen(selector: str) -> bool:
        top = element.bounding_box()["y"] + frame.locator(selector).first.evaluate("e => e.getBoundingClientRect().top")
        return 0 <= top <= VIEWPORT["height"] - 20

    eventually(page, lambda: on_screen(f"[id='{note}']"), "the host page did not scroll to the footnote")
    frame.locator(f"[id='{note}'] a.footnote-backref").first.click()
    eventually(page, lambda: active(frame).startswith("fnref"), "the back-link did not return to the number")
    eventually(page, lambda: on_screen("sup[id^='fnref']"), "the host page did not scroll back")
    assert frame.url == url and len(context.pages) == 1, "a footnote opened a new page"
    assert axe_violations(frame) == []
    context.close()
