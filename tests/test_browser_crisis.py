"""Crisis help and site-wide accessibility in real Chromium (issue 12): tap targets on "Get help
now", the crisis bar on phones after scrolling, search order, focus never under the sticky header
or the bar, and 24 px targets with a long nav, all measured."""

from __future__ import annotations

import shutil

import pytest

from tests.browser_support import axe_violations, wait_until
from tests.support import ROOT, fixture_site, run_mkdocs, serve

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 720}
LONG_PAGES = ["decide/is-it-right-for-me/", "choose/platform/"]


def new_page(browser, viewport, **kwargs):
    context = browser.new_context(viewport=viewport, **kwargs)
    return context, context.new_page()


# -- "Get help now" ------------------------------------------------------------------------------

def test_every_call_and_text_link_is_a_large_tap_target_on_a_phone(browser, site_url):
    context, page = new_page(browser, PHONE, has_touch=True, is_mobile=True)
    page.goto(site_url + "get-help-now/")
    taps = page.eval_on_selector_all("a.ogt-help__tap", """els => els.map(a => {
        const r = a.getBoundingClientRect();
        const n = a.querySelector('.ogt-help__number');
        return {href: a.getAttribute('href'), w: r.width, h: r.height,
                font: parseFloat(getComputedStyle(n).fontSize)};
    })""")
    context.close()
    phone = [t for t in taps if t["href"].startswith(("tel:", "sms:"))]
    assert len(phone) >= 12, taps
    small = [t for t in taps if t["w"] < 44 or t["h"] < 44]
    assert not small, f"tap targets under 44 x 44 px: {small}"
    assert min(t["font"] for t in phone) >= 24, "the number is shown in large type (24 px or more)"
    print(f"\ntap targets: {len(taps)}, smallest {min(t['w'] for t in taps):.0f} x {min(t['h'] for t in taps):.0f} px")


def test_each_country_starts_with_its_emergency_number_and_the_list_links_to_it(browser, site_url):
    context, page = new_page(browser, PHONE)
    page.goto(site_url + "get-help-now/")
    sections = page.eval_on_selector_all("div.ogt-help__country", """els => els.map(s => ({
        id: s.id, first: (s.querySelector('a.ogt-help__tap') || {}).className || '',
        href: (s.querySelector('a.ogt-help__tap') || {}).getAttribute?.('href') || ''}))""")
    links = page.eval_on_selector_all(".ogt-help__countries a", "els => els.map(a => a.getAttribute('href'))")
    top = page.evaluate("document.querySelector('div.ogt-help__country').getBoundingClientRect().top")
    page.click(".ogt-help__countries a[href='#gb']")
    gb_top = page.evaluate("document.getElementById('gb').getBoundingClientRect().top")
    context.close()
    countries = [s for s in sections if s["id"] != "elsewhere"]
    assert {s["id"] for s in countries} >= {"us", "ca", "gb", "ie", "au", "nz"}
    for s in countries:
        assert "ogt-help__tap--emergency" in s["first"] and s["href"].startswith("tel:"), s
    assert links == [f"#{s['id']}" for s in sections]
    assert top < 812 * 2, "the numbers start within two screens of the top"
    assert 0 <= gb_top < 200, f"#gb lands below the sticky header, at {gb_top}px"


# -- the crisis bar on phones --------------------------------------------------------------------

@pytest.mark.parametrize("path", LONG_PAGES + ["understand/risks/"])
def test_crisis_link_stays_on_screen_and_tappable_after_scrolling_on_a_phone(browser, site_url, path):
    context, page = new_page(browser, PHONE, has_touch=True, is_mobile=True)
    page.goto(site_url + path)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    box = page.evaluate("""() => {
        const a = document.querySelector('.ogt-crisis a');
        const r = a.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const footer = document.querySelector('.md-footer').getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, w: r.width, h: r.height, hit: a.contains(hit),
                bar: a.closest('[data-md-component=announce]').getBoundingClientRect().top,
                footer: footer.bottom, scrolled: window.scrollY};
    }""")
    assert box["scrolled"] > 1000, box
    assert 0 <= box["top"] and box["bottom"] <= PHONE["height"], f"the crisis link is off screen: {box}"
    assert box["w"] >= 44 and box["h"] >= 44, f"the crisis link is {box['w']:.0f} x {box['h']:.0f} px"
    assert box["hit"], "something covers the crisis link"
    assert box["footer"] <= box["bar"] + 1, "the bar covers the end of the page"
    page.tap(".ogt-crisis a")
    page.wait_for_url("**/get-help-now/")
    context.close()
    print(f"\n{path}: crisis link {box['w']:.0f} x {box['h']:.0f} px at {box['top']:.0f}-{box['bottom']:.0f}")


def test_crisis_link_stays_on_screen_on_a_desktop_and_covers_no_nav_link(browser, long_nav_site):
    """With 10 extra pages in the nav: the bar stays in view, and both sidebars end above it."""
    context, page = new_page(browser, DESKTOP)
    page.goto(long_nav_site + "choose/platform/")
    page.evaluate("window.scrollTo(0, 3000)")
    page.evaluate("document.querySelectorAll('.md-sidebar__scrollwrap').forEach(s => s.scrollTop = s.scrollHeight)")
    page.wait_for_timeout(200)
    state = page.evaluate("""() => {
        const a = document.querySelector('.ogt-crisis a'), r = a.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const links = [...document.querySelectorAll('.md-sidebar .md-nav__link')].filter(l => l.offsetParent);
        const last = links.map(l => l.getBoundingClientRect()).filter(b => b.height)
            .reduce((m, b) => Math.max(m, b.bottom), 0);
        return {top: r.top, bottom: r.bottom, h: r.height, hit: a.contains(hit), last,
                wraps: [...document.querySelectorAll('.md-sidebar__scrollwrap')].map(w => w.getBoundingClientRect().bottom)};
    }""")
    context.close()
    assert 0 <= state["top"] and state["bottom"] <= DESKTOP["height"] and state["h"] >= 44, state
    assert state["hit"], "something covers the crisis link"
    assert max(state["wraps"]) <= state["top"] - 4 + 1, f"a sidebar reaches under the bar: {state}"


# -- search ------------------------------------------------------------------------------------

TERMS = ["crisis", "suicide", "emergency", "hotline", "helpline", "urgent", "988", "Samaritans", "help now"]
OTHER_TERMS = ["group", "licence", "privacy"]  # help comes first for help, not for everything


def test_search_lists_get_help_now_first(browser, site_url):
    context, page = new_page(browser, DESKTOP)
    page.goto(site_url)
    failures = []
    for term in TERMS + OTHER_TERMS:
        page.keyboard.press("/")
        field = page.locator("input.md-search__input")
        field.press("Control+a")
        field.press("Backspace")
        field.press_sequentially(term, delay=20)
        wait_until(page, 
            "t => document.querySelector('.md-search-result__meta')?.textContent.match(/\\d+ matching|No matching/)"
            " && document.querySelector('input.md-search__input').value === t", arg=term)
        first = page.evaluate("() => { const a = document.querySelector('.md-search-result__item a');"
                              " return a ? a.getAttribute('href') : '' }")
        if term in TERMS and "get-help-now/" not in first:
            failures.append(f"{term!r}: first result is {first or 'nothing'}")
        if term in OTHER_TERMS and (not first or "get-help-now/" in first):
            failures.append(f"{term!r}: first result is {first or 'nothing'}, not an article")
        if term in TERMS and page.locator(".md-search-result .md-tag").first.is_visible():
            failures.append(f"{term!r}: the page's search tags show in the results")
        page.keyboard.press("Escape")
    context.close()
    assert not failures, "\n".join(failures)


# -- focus never hidden (WCAG 2.4.11) ----------------------------------------------------------

FOCUS_CHECK = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    if (el.closest('.md-header, [data-md-component=announce], .md-sidebar, .md-search, .md-dialog, .md-skip')) return {skip: true};
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return {skip: true};
    const header = document.querySelector('.md-header').getBoundingClientRect();
    const bar = document.querySelector('[data-md-component=announce]');
    const barTop = bar && getComputedStyle(bar).position === 'fixed' ? bar.getBoundingClientRect().top : innerHeight;
    const name = (el.id || el.getAttribute('href') || el.textContent || el.tagName).trim().slice(0, 40);
    return {name, top: r.top, bottom: r.bottom, header: header.bottom, bar: barTop,
            hidden: r.top < header.bottom - 1 || r.bottom > barTop + 1};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x812", "1280x720"])
@pytest.mark.parametrize("path", LONG_PAGES)
def test_focus_is_never_under_the_header_or_the_bar(browser, site_url, path, viewport):
    context, page = new_page(browser, viewport)
    page.goto(site_url + path)
    hidden, stops = [], 0
    for key in ("Tab", "Shift+Tab"):
        if key == "Shift+Tab":
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.locator(".md-footer a").last.focus()
        seen = 0
        for _ in range(400):
            page.keyboard.press(key)
            state = page.evaluate(FOCUS_CHECK)
            if state is None:
                break
            if state.get("skip"):
                continue
            seen += 1
            if state["hidden"]:
                hidden.append(f"{key} {state['name']!r}: {state['top']:.0f}-{state['bottom']:.0f} px, "
                              f"header ends {state['header']:.0f}, bar starts {state['bar']:.0f}")
            if key == "Tab" and seen > 20 and page.evaluate("!!document.activeElement.closest('.md-footer')"):
                break
            if key == "Shift+Tab" and page.evaluate("!!document.activeElement.closest('.md-content h1')"):
                break
        stops += seen
    context.close()
    assert stops >= 60, f"only {stops} focus stops were checked on {path}"
    assert not hidden, f"{path}: focus hidden at {len(hidden)} of {stops} stops:\n" + "\n".join(hidden)
    print(f"\n{path} {viewport['width']}x{viewport['height']}: {stops} focus stops, none hidden")


# -- 24 px targets, with the real nav and a long one (WCAG 2.5.8) --------------------------------

def _axe_after_scrolling(page, url, where):
    page.goto(url)
    out = []
    for y in ("0", "document.documentElement.scrollHeight / 2", "document.documentElement.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.evaluate("document.querySelectorAll('.md-sidebar__scrollwrap')"
                      ".forEach(s => s.scrollTop = s.scrollHeight / 2)")
        page.wait_for_timeout(100)
        out += axe_violations(page, where=where)
    return sorted(set(out))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x812", "1280x720"])
def test_axe_is_clean_after_scrolling_with_the_real_nav(browser, site_url, viewport):
    context, page = new_page(browser, viewport)
    problems = []
    for path in ["", "get-help-now/", "understand/formats/", "understand/glossary/"] + LONG_PAGES:
        problems += _axe_after_scrolling(page, site_url + path, f"docs/{path or 'index'}")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def long_nav_site(tmp_path_factory):
    """The real guide with 10 extra pages in "Understand"."""
    import yaml

    tmp = tmp_path_factory.mktemp("longnav")
    docs = {p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8")
            for p in (ROOT / "docs").rglob("*") if p.is_file()}
    extra = {f"understand/extra-{n}.md": (f"---\ntitle: Extra page {n}\ndescription: A page for a test.\n"
                                          f"reviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n"
                                          f"# Extra page {n}\n\nA short page.\n") for n in range(1, 11)}
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    understand = next(item for item in nav if "Understand" in item)["Understand"]
    understand += [{f"Extra page {n}": f"understand/extra-{n}.md"} for n in range(1, 11)]
    config = fixture_site(tmp, {**docs, **extra}, nav=nav)
    shutil.copytree(ROOT / "docs" / "snippets", tmp / "docs" / "snippets", dirs_exist_ok=True)
    # The Spanish edition too: some sources are cited only there.
    shutil.copytree(ROOT / "docs-es", tmp / "docs-es", dirs_exist_ok=True)
    spanish = yaml.safe_load((ROOT / "mkdocs.es.yml").read_text(encoding="utf-8"))
    spanish.pop("watch", None)  # `make serve` paths; a fixture site is never served
    (tmp / "mkdocs.es.yml").write_text(yaml.safe_dump(spanish, sort_keys=False, allow_unicode=True),
                                       encoding="utf-8")
    result = run_mkdocs(config, tmp / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    url, server = serve(tmp / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x812", "1280x720"])
def test_axe_is_clean_with_ten_more_pages_in_a_section(browser, long_nav_site, viewport):
    context, page = new_page(browser, viewport)
    problems = []
    for path in ["understand/formats/", "understand/extra-10/", "understand/risks/"]:
        problems += _axe_after_scrolling(page, long_nav_site + path, f"{path} (10 extra pages in Understand)")
    sizes = page.eval_on_selector_all(".md-nav__link", """els => els.filter(e => e.offsetParent)
        .map(e => e.getBoundingClientRect().height)""")
    context.close()
    assert sizes and min(sizes) >= 24, f"nav links as short as {min(sizes):.0f} px"
    assert not problems, "\n".join(problems)


# -- embeds show the clinic's country ------------------------------------------------------------

from tests.test_browser_embed import embeds, guide, host, host_page  # noqa: E402,F401  (fixtures)


def region_snippet(guide_url: str, name: str, region: str | None) -> str:
    from guide import embed

    text = embed.snippet(name, name, guide_url, "Online Group Therapy guide")
    assert 'data-region=""' in text, "the catalogue's snippets carry data-region for the clinic to fill in"
    return text if region is None else text.replace('data-region=""', f'data-region="{region}"', 1)


SHOWN_LINE = """() => [...document.querySelectorAll('[data-ogt-crisis-line] [data-ogt-region]')]
    .filter(p => !p.hidden && p.offsetParent).map(p => p.dataset.ogtRegion)"""


def test_data_region_shows_that_countrys_numbers_in_the_embed(browser, guide, host):
    body = "".join(region_snippet(guide, name, region) for name, region in
                   [("understand/formats", "gb"), ("understand/risks", "AU"), ("understand/benefits", None)])
    context, page = new_page(browser, PHONE, has_touch=True, is_mobile=True)
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host_page(host, "region.html", body))
    (gb, gb_frame), (au, au_frame), (plain, plain_frame) = embeds(page)
    assert "region=gb" in gb.get_attribute("src") and "region=au" in au.get_attribute("src")
    assert "region" not in plain.get_attribute("src")
    assert gb_frame.evaluate(SHOWN_LINE) == ["gb"]
    assert au_frame.evaluate(SHOWN_LINE) == ["au"]
    assert plain_frame.evaluate(SHOWN_LINE) == ["general"]
    samaritans = gb_frame.locator('[data-ogt-region="gb"] a[href="tel:116123"]')
    box = samaritans.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    assert gb_frame.locator('[data-ogt-region="gb"] a[href="tel:999"]').is_visible()
    assert au_frame.locator('[data-ogt-region="au"] a[href="tel:131114"]').is_visible()
    assert not warnings, warnings
    context.close()


@pytest.mark.parametrize("region", ["zz", "United Kingdom"])
def test_unknown_region_shows_the_general_line_and_warns_once(browser, guide, host, region):
    context, page = new_page(browser, DESKTOP)
    warnings = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host_page(host, f"unknown-{len(region)}.html", region_snippet(guide, "understand/formats", region)))
    (element, frame), = embeds(page)
    wait_until(frame, "document.readyState === 'complete'")
    page.wait_for_timeout(300)
    assert frame.evaluate(SHOWN_LINE) == ["general"]
    assert len(warnings) == 1 and "data-region" in warnings[0] and "general crisis line" in warnings[0], warnings
    context.close()


def test_without_scripts_the_embed_view_shows_the_general_line_and_the_link(browser, guide):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(guide + "embed/understand/formats/#region=gb")
    assert page.evaluate(SHOWN_LINE) == ["general"]
    assert page.locator(".ogt-embed__crisis a").get_attribute("href").endswith("/get-help-now/")
    assert page.locator('[data-ogt-region="general"] a[href="https://findahelpline.com"]').is_visible()
    context.close()


# -- printed checklists carry the crisis lines ---------------------------------------------------

def test_printed_checklist_shows_the_crisis_lines(browser, site_url):
    context, page = new_page(browser, DESKTOP)
    page.goto(site_url + "choose/platform/")
    assert not page.locator(".ogt-crisis-line--print").is_visible()
    page.emulate_media(media="print")
    block = page.locator(".ogt-crisis-line--print")
    assert block.is_visible()
    text = block.inner_text()
    context.close()
    assert "Get help now: https://" in text and "get-help-now/" in text
    for words in ("In danger now, call your local emergency number", "United Kingdom: 999, 116 123", "988",
                  "Australia: 000, 13 11 14"):
        assert words in text, words


def test_get_help_now_and_its_embed_load_only_files_that_exist(site_dir):
    """crisis.css loads from the page's head (overrides/main.html), so the embed view finds it too."""
    import re
    from urllib.parse import urljoin

    for rel in ("get-help-now/index.html", "embed/get-help-now/index.html"):
        html = (site_dir / rel).read_text(encoding="utf-8")
        refs = re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="([^"#:]+)"', html)
        assert any(r.endswith("assets/crisis.css") for r in refs), rel
        for ref in refs:
            target = urljoin("http://x/" + rel, ref).removeprefix("http://x/")
            assert (site_dir / target).exists(), f"{rel}: {ref} does not exist"
    assert "assets/crisis.css" not in (site_dir / "understand/formats/index.html").read_text(encoding="utf-8")


def test_axe_failure_names_the_page_and_says_what_to_change(browser):
    context, page = new_page(browser, PHONE)
    page.set_content('<!doctype html><html lang="en"><head><title>T</title></head><body><main><h1>T</h1>'
                     '<p><a href="#a" style="font-size:8px;display:inline-block">a</a>'
                     '<a href="#b" style="font-size:8px;display:inline-block">b</a></p>'
                     '<img src="data:," width="10" height="10"></main></body></html>')
    problems = axe_violations(page, where="docs/understand/demo.md")
    context.close()
    by_rule = {p.split("[axe ")[1].split(" ")[0]: p for p in problems}
    assert by_rule["target-size"].startswith("docs/understand/demo.md: a link or button is smaller than 24 x 24 px")
    assert by_rule["image-alt"].startswith("docs/understand/demo.md: an image has no alt text. Write ![")


def test_printed_embed_shows_the_clinics_country(browser, guide):
    """A clinic's embedded checklist, printed: its country's line, then every country's numbers."""
    context, page = new_page(browser, PHONE)
    page.goto(guide + "embed/choose/platform/#region=gb")
    wait_until(page, "!document.querySelector('[data-ogt-region=\"gb\"]').hidden")
    page.emulate_media(media="print")
    shown = page.evaluate(SHOWN_LINE)
    gb = page.locator('.ogt-embed__lines [data-ogt-region="gb"]').inner_text()
    block = page.locator(".ogt-crisis-line--print").inner_text()
    context.close()
    assert shown == ["gb"], shown
    assert "999" in gb and "116 123" in gb
    assert "United Kingdom: 999, 116 123" in block
