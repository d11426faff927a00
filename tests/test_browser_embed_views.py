"""Embed views as a keyboard user and a phone user meet them, on a clinic's page on another origin:
the skip link, footnotes that stay in the frame, compact views, checklist-only views, errors.

Uses the guide and host servers of tests/test_browser_embed.py.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.browser_support import axe_violations
from tests.test_browser_crisis import SHOWN_LINE
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
    frame.wait_for_load_state("load")  # under load, a frame still loading can miss the first Tab
    frame.wait_for_selector(".ogt-embed__skip", state="attached")
    page.focus("#before")
    page.keyboard.press("Tab")
    eventually(page, lambda: active(frame) == "Skip past this embedded guide",
               f"Tab did not reach the skip link (host focus: {active(page)!r})")
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


def element_height(locator) -> float:
    return round(locator.bounding_box()["height"])


def column_widths(frame) -> list[float]:
    """The width of every paragraph, list item and checklist label that shows."""
    return frame.evaluate("""() => [...document.querySelectorAll('main p, main li, main label')]
        .filter(e => e.checkVisibility()).map(e => e.getBoundingClientRect().width)""")


def test_summary_view_on_a_phone_is_short_and_its_checklist_works(browser, guide, host):
    page = browser.new_page(viewport=PHONE)
    warnings: list[str] = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host_page(host, "summary.html", snippet(guide, "choose/platform", view="summary")))
    (element, frame), = embeds(page)
    assert frame.url.split("#")[0].endswith("/embed/choose/platform/summary.html")
    eventually(page, lambda: abs(element.bounding_box()["height"] - frame.evaluate(
        "document.body.getBoundingClientRect().height")) <= 3, "the frame never matched its content")
    first = element.bounding_box()["height"]
    assert 300 < first <= 3 * PHONE["height"], first
    assert frame.locator("main .admonition-title", has_text="In short").count() == 1
    sections = frame.locator("details.ogt-embed__section")
    assert sections.count() >= 5
    assert frame.evaluate("() => [...document.querySelectorAll('details.ogt-embed__section')].every(d => !d.open)")
    assert frame.locator(".ogt-embed__crisis a", has_text="Get help now").is_visible()
    more = frame.get_by_role("link", name="Read the full page")
    assert more.get_attribute("href").endswith("/choose/platform/") and more.get_attribute("target") == "_blank"
    assert min(column_widths(frame)) >= 300
    # Open the checklist's section: it works as on the full page, and the frame grows to fit.
    checklist = frame.locator("details.ogt-embed__section", has=frame.locator("form[data-ogt-checklist]"))
    checklist.locator("summary").click()
    box = checklist.locator("input[type=checkbox]").first
    box.check()
    eventually(page, lambda: checklist.locator("[data-ogt-progress]").inner_text().startswith("1 of"),
               "the checklist did not count the tick")
    eventually(page, lambda: element.bounding_box()["height"] > first + 1000, "the frame did not grow")
    assert min(column_widths(frame)) >= 300, "a column is under 300 px once the checklist shows"
    assert axe_violations(frame) == []
    assert warnings == []
    page.close()


def test_full_view_text_column_on_a_phone(browser, guide, host):
    page = browser.new_page(viewport=PHONE)
    page.goto(host_page(host, "phone.html", snippet(guide, "choose/platform")))
    (element, frame), = embeds(page)
    frame.wait_for_selector("form[data-ogt-checklist]", state="attached")
    widths = column_widths(frame)
    assert len(widths) > 50 and min(widths) >= 300, min(widths)
    page.close()


def test_checklist_only_embeds(browser, guide, host, site_dir):
    names = sorted(p.parent.relative_to(site_dir / "embed").as_posix()
                   for p in (site_dir / "embed" / "checklists").glob("*/index.html"))
    assert len(names) >= 3
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(host_page(host, "lists.html", "".join(snippet(guide, n) for n in names)))
    pairs = embeds(page)
    assert len(pairs) == len(names)
    for (element, frame), name in zip(pairs, names):
        form = frame.locator("form[data-ogt-checklist]")
        assert form.count() == 1 and form.get_attribute("data-ogt-checklist") == name.split("/")[1]
        assert frame.locator("main h2").count() == 0, "a checklist embed shows only the checklist"
        assert frame.locator(".ogt-review").count() == 1
        box = form.locator("input[type=checkbox]").first
        box.check()
        eventually(page, lambda: form.locator("[data-ogt-progress]").inner_text().startswith("1 of"),
                   f"{name}: the tick was not counted")
        full = frame.locator(".ogt-embed__footer a").first.get_attribute("href")
        assert full.endswith(f"#ogt-{name.split('/')[1]}"), full
        assert axe_violations(frame) == [], name
    page.close()


def test_mistyped_name_and_bad_options_warn(browser, guide, host):
    body = (snippet(guide, "choose/platforms") + snippet(guide, "checklists/first-sesion")
            + snippet(guide, "understand/formats", view="short", theme="blue"))
    page = browser.new_page(viewport=VIEWPORT)
    warnings: list[str] = []
    page.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    page.goto(host_page(host, "typo.html", body))
    page.wait_for_load_state("load")
    eventually(page, lambda: len(warnings) >= 4, "the loader did not warn")
    assert any('"choose/platforms" is not a page' in w and '"choose/platform"' in w for w in warnings), warnings
    assert any('"checklists/first-sesion"' in w and '"checklists/first-session"' in w for w in warnings), warnings
    assert any('data-view "short"' in w for w in warnings) and any('data-theme "blue"' in w for w in warnings)
    # No 404 page in a frame: the link stays, and opens the nearest real page.
    typo = page.locator('[data-ogt-embed="choose/platforms"]')
    assert typo.locator("iframe").count() == 0
    link = typo.locator("a")
    assert link.is_visible() and link.get_attribute("href") == guide + "choose/platform/"
    assert page.request.get(link.get_attribute("href")).ok
    # A bad option is ignored: the full view loads.
    (element, frame), = embeds(page)
    assert frame.url.split("#")[0].endswith("/embed/understand/formats/")
    page.close()


def test_every_embed_view_passes_axe_after_interaction(browser, guide, site_dir):
    """Each view of each embed, on a phone, after a reader has used it: every section opened,
    a box ticked, a source number followed. (tests/test_browser_embed.py checks fresh loads.)"""
    views = sorted(p.relative_to(site_dir / "embed").as_posix()
                   for p in (site_dir / "embed").rglob("*.html"))
    assert len(views) >= 32
    problems: list[str] = []
    context = browser.new_context(viewport=PHONE)
    for view in views:
        page = context.new_page()
        page.goto(f"{guide}embed/{view.removesuffix('index.html')}#theme=auto", wait_until="networkidle")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        boxes = page.locator("form[data-ogt-checklist] input[type=checkbox]")
        if boxes.count():
            boxes.first.check()
        numbers = page.locator("a.footnote-ref")
        if numbers.count():
            numbers.first.click()
            if page.evaluate("document.activeElement.id").startswith("fn:") is False:
                problems.append(f"{view}: a source number did not move focus to its source")
        problems += [f"{view}: {v}" for v in axe_violations(page)]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


def preview_lines(page) -> list[str]:
    """The crisis lines the builder's preview shows (tests/test_browser_crisis.py SHOWN_LINE)."""
    frame = next(f for f in page.frames if "/embed/" in f.url)
    return frame.evaluate(SHOWN_LINE)


def test_builder_makes_a_snippet_that_loads(browser, guide, host):
    from tests.test_browser_embed import PUBLIC

    context = browser.new_context(viewport=VIEWPORT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(guide + "about/clinics/")
    builder = page.locator("form[data-ogt-builder]")
    assert builder.is_visible()
    code = builder.locator("[data-ogt-builder-code]")
    assert code.inner_text().startswith('<div data-ogt-embed="get-help-now" data-region=""><a href=')  # the first page
    builder.get_by_label("Page or checklist").select_option("checklists/first-session")
    builder.get_by_label("A short summary").check()
    builder.get_by_label("Dark").check()
    builder.get_by_label("Use my own colour for links").check()
    builder.locator("input[type=color]").fill("#aa3300")
    preview = builder.locator("[data-ogt-builder-preview]")
    inner = page.frame_locator("[data-ogt-builder-preview]")
    inner.locator("form[data-ogt-checklist]").wait_for()
    assert preview_lines(page) == ["general"]
    builder.get_by_label("Country for the crisis numbers").select_option("gb")
    shown = code.inner_text()
    assert shown.startswith('<div data-ogt-embed="checklists/first-session" data-region="gb" data-view="summary" '
                            'data-theme="dark" data-accent="#aa3300"><a href="' + PUBLIC)
    assert shown.count("data-region") == 1
    assert preview.get_attribute("src").endswith(
        "embed/checklists/first-session/summary.html#theme=dark&accent=%23aa3300&region=gb")
    # Only the hash changed: the preview shows the UK lines without reloading.
    eventually(page, lambda: preview_lines(page) == ["gb"], "the preview does not show the UK lines")
    assert inner.locator('[data-ogt-region="gb"] a[href="tel:116123"]').is_visible()
    assert axe_violations(page) == []
    eventually(page, lambda: next(f for f in page.frames if "/embed/checklists/" in f.url)
               .evaluate("document.body.dataset.mdColorScheme") == "slate", "the preview is not dark")
    # Only the colours change: the preview follows without reloading.
    builder.get_by_label("Light").check()
    eventually(page, lambda: next(f for f in page.frames if "/embed/checklists/" in f.url)
               .evaluate("document.body.dataset.mdColorScheme") == "default", "the preview did not turn light")
    builder.get_by_label("Dark").check()
    assert axe_violations(page) == []
    # The other kinds of code: the plain frame is exactly the build's (as in oEmbed), and the address.
    from guide import embed

    builder.get_by_label("Page or checklist").select_option("choose/platform")
    builder.get_by_label("Country for the crisis numbers").select_option("")
    builder.get_by_label("Light").check()
    builder.get_by_label("Use my own colour for links").uncheck()
    builder.get_by_label("A plain frame").check()
    title = "Choosing a platform and a facilitator"
    assert code.inner_text() == embed.iframe_snippet("choose/platform", title, PUBLIC, "Online Group Therapy — a decision guide")
    builder.get_by_label("Dark").check()
    assert 'summary.html#theme=dark" title=' in code.inner_text()
    builder.get_by_label("An address").check()
    assert code.inner_text() == PUBLIC + "embed/choose/platform/"
    builder.get_by_label("Country for the crisis numbers").select_option("gb")
    assert code.inner_text() == PUBLIC + "embed/choose/platform/#region=gb"
    builder.get_by_label("A plain frame").check()
    assert 'summary.html#theme=dark&amp;region=gb" title=' in code.inner_text()
    # Back to the two lines, as chosen before.
    builder.get_by_label("Page or checklist").select_option("checklists/first-session")
    builder.get_by_label("Two lines with a script").check()
    builder.get_by_label("Use my own colour for links").check()
    assert code.inner_text() == shown
    builder.get_by_role("button", name="Copy the code").click()
    eventually(page, lambda: "Copied" in builder.locator("[role=status]").inner_text(), "nothing was copied")
    clinic = context.new_page()  # the guide's own pages may not read the clipboard: the clinic's may
    clinic.goto(host_page(host, "blank.html", ""))
    pasted = clinic.evaluate("() => navigator.clipboard.readText()")
    assert pasted == code.inner_text() and pasted.count("\n") == 1
    warnings: list[str] = []
    clinic.on("console", lambda m: m.type == "warning" and warnings.append(m.text))
    clinic.goto(host_page(host, "built.html", pasted.replace(PUBLIC, guide)))
    (element, frame), = embeds(clinic)
    src = element.get_attribute("src")
    assert "/embed/checklists/first-session/summary.html#" in src and "theme=dark" in src and "accent=%23aa3300" in src
    assert "region=gb" in src
    assert frame.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert frame.evaluate(SHOWN_LINE) == ["gb"]
    assert frame.locator("form[data-ogt-checklist='first-session']").count() == 1
    assert warnings == [] and errors == []
    context.close()


def test_without_scripts_the_builder_hides_and_the_catalogue_stays(browser, guide):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(guide + "about/clinics/")
    assert page.locator("form[data-ogt-builder]").is_hidden()
    codes = page.locator(".ogt-embed-item pre code")
    assert codes.count() >= 16  # every page and every checklist
    assert any("checklists/" in codes.nth(i).inner_text() for i in range(codes.count()))
    context.close()


def test_oembed_discovery_gives_a_plain_iframe_that_loads(browser, guide, host, site_dir):
    """As WordPress does: find the page's oEmbed link, read the JSON, paste its HTML into a page."""
    import json

    from tests.test_browser_embed import PUBLIC

    page = browser.new_page(viewport=PHONE)
    page.goto(guide + "embed/choose/platform/")  # the address the clinics page says to paste
    link = page.locator('head link[rel=alternate][type="application/json+oembed"]')
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href == PUBLIC + "embed/choose/platform/oembed.json"
    response = page.request.get(href.replace(PUBLIC, guide))
    assert response.ok
    data = json.loads(response.text())
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert data["title"] == "Choosing a platform and a facilitator"
    assert isinstance(data["width"], int) and isinstance(data["height"], int)
    assert "<script" not in data["html"]
    # Full pages carry none: Material's bundle would fetch a sitemap.xml beside it.
    page.goto(guide + "choose/platform/")
    assert page.locator('link[type="application/json+oembed"]').count() == 0
    # Every embed view points to its own file, and the file is there.
    views = list((site_dir / "embed").rglob("*.html"))
    assert len(views) >= 32
    for view in views:
        found = re.search(r'type="application/json\+oembed" href="([^"]+)"', view.read_text(encoding="utf-8"))
        assert found, view
        assert (site_dir / found.group(1).replace(PUBLIC, "")).is_file(), found.group(1)

    # The consumer's page: scripts stripped, only the oEmbed HTML.
    context = browser.new_context(viewport=PHONE)
    context.add_init_script("""window.__csp = []; document.addEventListener("securitypolicyviolation",
        e => window.__csp.push(e.violatedDirective));""")
    clinic = context.new_page()
    clinic.goto(host_page(host, "oembed.html", data["html"].replace(PUBLIC, guide)))
    frame_el = clinic.locator("iframe")
    assert frame_el.get_attribute("height") == "800"
    frame_el.scroll_into_view_if_needed()
    frame = eventually(clinic, lambda: (f := frame_el.element_handle().content_frame()) and "/embed/" in f.url and f,
                       "the oEmbed iframe never loaded")
    frame.wait_for_selector("details.ogt-embed__section", state="attached")
    assert frame.url.endswith("/embed/choose/platform/summary.html")
    # Fixed height, and a "show more" link to the full page.
    assert 800 <= element_height(frame_el) <= 804  # the browser's default 2 px border
    more = clinic.get_by_role("link", name=re.compile("Show more"))
    assert more.get_attribute("href") == guide + "choose/platform/"
    # A footnote still moves within the frame, which scrolls itself (no loader here).
    section = frame.locator("details.ogt-embed__section", has=frame.locator("a.footnote-ref")).first
    section.locator("summary").click()
    assert frame.evaluate("window.scrollY") == 0
    section.locator("a.footnote-ref").first.click()
    eventually(clinic, lambda: frame.evaluate("window.scrollY") > 0, "the frame did not scroll to the source")
    assert frame.evaluate("document.activeElement.id").startswith("fn:")
    assert axe_violations(frame) == []
    assert clinic.evaluate("window.__csp") == []
    context.close()
    page.close()


CSP_WATCH = """window.__csp = []; document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));"""


def advised_policy(site_dir) -> str:
    """The policy the clinics page tells a clinic to send, exactly as the page shows it."""
    html = (site_dir / "about/clinics/index.html").read_text(encoding="utf-8")
    found = re.search(r"Content-Security-Policy: ([^<\n]+)", html)
    assert found, "the clinics page shows no policy"
    return unescape(found.group(1)).strip()


def policy_host(tmp_path, policy: str):
    from tests.support import serve

    url, server = serve(tmp_path, headers_for=lambda path: {"Content-Security-Policy": policy})
    return tmp_path, url.replace("127.0.0.1", "localhost"), server


def test_host_page_with_the_advised_policy_loads_the_embed_cleanly(browser, guide, site_dir, tmp_path):
    from tests.test_browser_embed import PUBLIC

    advised = advised_policy(site_dir)
    assert "script-src" in advised and "frame-src" in advised and PUBLIC.rstrip("/").rsplit("/", 1)[0] in advised
    origin = PUBLIC.split("/")[0] + "//" + PUBLIC.split("/")[2]
    policy = advised.replace(origin, guide.rstrip("/"))
    folder, url, server = policy_host(tmp_path, policy)
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(host_page((folder, url), "csp.html", snippet(guide, "understand/formats", view="summary")))
    (element, frame), = embeds(page)
    eventually(page, lambda: element.bounding_box()["height"] > 300, "the frame was never sized")
    assert page.evaluate("window.__csp") == []
    assert frame.evaluate("window.__csp") == []
    context.close()
    server.shutdown()


@pytest.mark.parametrize("policy, blocked", [
    ("script-src 'self'; frame-src 'self' GUIDE", "script-src"),
    ("script-src 'self' GUIDE; frame-src 'self'", "frame-src"),
])
def test_host_page_missing_a_directive_behaves_as_the_page_says(browser, guide, tmp_path, policy, blocked):
    folder, url, server = policy_host(tmp_path, policy.replace("GUIDE", guide.rstrip("/")))
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    page.goto(host_page((folder, url), "strict.html", snippet(guide, "understand/formats")))
    eventually(page, lambda: any(v.startswith(blocked) for v in page.evaluate("window.__csp")),
               f"no {blocked} violation")
    if blocked == "script-src":  # "Readers then see only the plain link."
        assert page.locator("[data-ogt-embed] a").is_visible() and page.locator("iframe").count() == 0
    else:  # "Readers then see an empty box."
        frame = page.locator("[data-ogt-embed] iframe")
        assert frame.count() == 1
        assert "/embed/" not in (frame.element_handle().content_frame().url or "")
    context.close()
    server.shutdown()


def test_printable_checklist_page(browser, guide, site_dir):
    names = sorted(p.parent.name for p in (site_dir / "checklists").glob("*/index.html"))
    assert names == sorted(p.parent.name for p in (site_dir / "embed" / "checklists").glob("*/index.html"))
    page = browser.new_page(viewport=PHONE)
    for name in names:
        response = page.goto(f"{guide}checklists/{name}/", wait_until="networkidle")
        assert response.ok
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        assert page.locator(f"form[data-ogt-checklist='{name}']").count() == 1
        assert page.locator(".ogt-embed__skip").count() == 0  # a page of its own, not a frame
        assert page.locator(".ogt-embed__crisis a", has_text="Get help now").is_visible()
        page.emulate_media(media="print")
        assert page.locator("[data-ogt-actions]").is_hidden()
        assert page.locator("form[data-ogt-checklist] input[type=checkbox]").first.is_visible()
        page.emulate_media(media="screen")
    page.close()
