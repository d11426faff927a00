"""The Spanish edition in real Chromium: the switch lands on the counterpart, Spanish search
finds Spanish pages, a Spanish checklist ticks, saves and clears, and axe passes after each step
(375x812 and desktop, light and dark). Every Spanish page is also in test_browser_pages.py's
sweep (built_pages includes es/)."""

from __future__ import annotations

import re

import pytest

from tests.browser_support import Watch, axe_violations, origin_of, wait_until

pytestmark = pytest.mark.browser


def test_the_switch_lands_on_the_counterpart_and_back(browser, site_url):
    """The switch is a plain link, so this runs without JavaScript. (With it, the theme's script
    maps the page through sitemap.xml, whose addresses carry site_url's path: that works where the
    site is served at that path, as on the real host and under `make serve`, not on this test
    server at /.)"""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "understand/risks/", wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "en"
    page.get_by_role("link", name="Esta página en español").click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "es/understand/risks/"
    assert page.get_attribute("html", "lang") == "es"
    assert page.locator("h1").inner_text().startswith("Precauciones y riesgos")
    page.get_by_role("link", name="This page in English").click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_url + "understand/risks/"
    assert not watch.console_errors and not watch.foreign
    context.close()


def test_lang_and_hreflang_in_the_head(browser, site_url):
    """The head's hreflang links name each edition's home (the theme fetches sitemap.xml next to
    them); the page-level pairs are in sitemap.xml (tests/test_i18n.py)."""
    page = browser.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "es/about/privacy/", wait_until="networkidle")
    links = page.eval_on_selector_all('link[rel="alternate"][hreflang]', "els => els.map(e => [e.hreflang, e.href])")
    lang = page.get_attribute("html", "lang")
    page.close()
    assert lang == "es"
    assert sorted(links) == [["en", site_url], ["es", site_url + "es/"]]
    assert not watch.foreign and not watch.console_errors


@pytest.mark.parametrize("query, expected", [
    ("crisis", "es/get-help-now/"),
    ("privacidad", "es/about/privacy/"),
    ("terapia de grupo", "es/understand/what-it-is/"),
])
def test_spanish_search_finds_spanish_pages(browser, site_url, query, expected):
    page = browser.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "es/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    page.close()
    pages = [h.split("#")[0].split("?")[0] for h in hrefs]
    assert site_url + expected in pages, hrefs
    assert all("/es/" in h for h in hrefs), f"a Spanish search found English pages: {hrefs}"
    assert not watch.foreign and not watch.console_errors


@pytest.mark.parametrize("size", [{"width": 375, "height": 812}, {"width": 1280, "height": 900}])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_spanish_checklist_ticks_saves_and_clears(browser, site_url, size, scheme):
    context = browser.new_context(viewport=size, color_scheme=scheme)
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "es/prepare/first-session/", wait_until="networkidle")
    form = "form[data-ogt-checklist='first-session']"
    page.wait_for_selector(f"{form}[data-ogt-ready]", state="attached")
    boxes = page.locator(f"{form} input[type=checkbox]")
    total = boxes.count()
    assert page.locator(f"{form} [data-ogt-progress]").inner_text() == f"0 de {total} marcadas"
    boxes.first.check()
    assert page.locator(f"{form} [data-ogt-progress]").inner_text() == f"1 de {total} marcadas"
    assert axe_violations(page) == []
    page.reload(wait_until="networkidle")
    page.wait_for_selector(f"{form}[data-ogt-ready]", state="attached")
    assert page.locator(f"{form} input[type=checkbox]").first.is_checked()
    page.get_by_role("button", name="Borrar mis respuestas").click()
    assert not page.locator(f"{form} input[type=checkbox]").first.is_checked()
    assert re.fullmatch(rf"0 de {total} marcadas", page.locator(f"{form} [data-ogt-progress]").inner_text())
    assert axe_violations(page) == []
    assert not watch.console_errors and not watch.foreign
    context.close()


def test_a_spanish_embed_view_is_spanish_and_clean(browser, site_url):
    page = browser.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "es/embed/understand/risks/", wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "es"
    assert page.locator("header.ogt-embed__crisis a").inner_text() == "Ayuda inmediata"
    assert axe_violations(page) == []
    assert not watch.console_errors and not watch.foreign
    page.close()


def test_the_spanish_clinics_page_copies_with_spanish_words(browser, site_url):
    """The copy button's words come from guide/words/es.yml, through the page's data-ogt-word-*."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + "es/about/clinics/", wait_until="networkidle")
    section = page.locator("#embed-get-help-now")
    section.get_by_role("button", name="Copiar el código").click()
    wait_until(page, "() => document.querySelector('#embed-get-help-now [role=status]').textContent"
                     " === 'Copiado. Péguelo en su página.'")
    assert page.evaluate("() => navigator.clipboard.readText()") == section.locator("pre code").inner_text()
    assert axe_violations(page) == []
    assert not watch.console_errors and not watch.foreign
    context.close()
