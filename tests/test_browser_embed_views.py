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


def test_every_summary_view_passes_axe_after_opening_everything(browser, guide, site_dir):
    names = sorted(p.parent.relative_to(site_dir / "embed").as_posix()
                   for p in (site_dir / "embed").rglob("summary.html"))
    assert len(names) >= 13
    problems: list[str] = []
    context = browser.new_context(viewport=PHONE)
    for name in names:
        page = context.new_page()
        page.goto(f"{guide}embed/{name}/summary.html", wait_until="networkidle")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        boxes = page.locator("input[type=checkbox]")
        if boxes.count():
            boxes.first.check()
        problems += [f"{name}: {v}" for v in axe_violations(page)]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)


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
    assert code.inner_text().startswith('<div data-ogt-embed="get-help-now"><a href=')  # the first page
    builder.get_by_label("Page or checklist").select_option("checklists/first-session")
    builder.get_by_label("A short summary").check()
    builder.get_by_label("Dark").check()
    builder.get_by_label("Use my own colour for links").check()
    builder.locator("input[type=color]").fill("#aa3300")
    shown = code.inner_text()
    assert shown.startswith('<div data-ogt-embed="checklists/first-session" data-view="summary" '
                            'data-theme="dark" data-accent="#aa3300"><a href="' + PUBLIC)
    preview = builder.locator("[data-ogt-builder-preview]")
    assert preview.get_attribute("src").endswith("embed/checklists/first-session/summary.html#theme=dark&accent=%23aa3300")
    inner = page.frame_locator("[data-ogt-builder-preview]")
    inner.locator("form[data-ogt-checklist]").wait_for()
    eventually(page, lambda: next(f for f in page.frames if "/embed/checklists/" in f.url)
               .evaluate("document.body.dataset.mdColorScheme") == "slate", "the preview is not dark")
    # Only the colours change: the preview follows without reloading.
    builder.get_by_label("Light").check()
    eventually(page, lambda: next(f for f in page.frames if "/embed/checklists/" in f.url)
               .evaluate("document.body.dataset.mdColorScheme") == "default", "the preview did not turn light")
    builder.get_by_label("Dark").check()
    assert axe_violations(page) == []
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
    assert frame.evaluate("document.body.dataset.mdColorScheme") == "slate"
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
