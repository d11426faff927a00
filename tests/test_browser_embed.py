"""Embeds in real Chromium: a clinic's page on another origin, the loader, the embed views, and
the security headers from ``_headers`` served as a static host would serve them.

The guide is served on 127.0.0.1 and every host page on ``localhost`` (another port), so the two
are different origins, as a clinic's site and the guide are.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from guide import embed, headers
from tests.browser_support import Watch, axe_violations, origin_of, wait_until
from tests.support import serve
from tests.test_site import built_pages

pytestmark = pytest.mark.browser

PUBLIC = "https://ogt-guide.github.io/online-group-therapy-guide/"  # site_url in mkdocs.yml
VIEWPORT = {"width": 1000, "height": 800}

# Records CSP violations in every frame, from the first line of every document.
CSP_WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + e.blockedURI + " " + (e.sample || ""));
});
"""


@pytest.fixture(scope="module")
def guide(site_dir):
    """The built guide with the headers from its own _headers file."""
    rules = headers.parse((site_dir / "_headers").read_text(encoding="utf-8"))
    url, server = serve(site_dir, headers_for=lambda path: headers.headers_for(rules, path))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A clinic's site: a folder served on another origin. Tests write their pages into it."""
    folder = tmp_path_factory.mktemp("clinic")
    url, server = serve(folder)
    yield folder, url.replace("127.0.0.1", "localhost")
    server.shutdown()


def host_page(host, name: str, body: str) -> str:
    folder, url = host
    (folder / name).write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Riverside Clinic</title>'
        '<link rel="icon" href="data:,"></head>'
        f'<body style="max-width: 50rem; margin: 0 auto"><h1>Riverside Clinic</h1>{body}</body></html>',
        encoding="utf-8")
    return url + name


def snippet(guide: str, name: str, **options) -> str:
    text = embed.snippet(name, name, guide, "Online Group Therapy guide")
    extra = "".join(f' data-{k}="{v}"' for k, v in options.items())
    return text.replace(f'data-ogt-embed="{name}"', f'data-ogt-embed="{name}"{extra}', 1)


def checklist_pages(site_dir: Path) -> list[str]:
    names = []
    for path in sorted((site_dir / "embed").rglob("index.html")):
        if "data-ogt-checklist=" in path.read_text(encoding="utf-8"):
            names.append(path.parent.relative_to(site_dir / "embed").as_posix())
    return names


def eventually(page, check, what: str, tries: int = 100):
    """Poll ``check`` until it returns a true value; fail with ``what`` if it never does."""
    value = None
    for _ in range(tries):
        value = check()
        if value:
            return value
        page.wait_for_timeout(100)
    pytest.fail(f"{what} (last value: {value!r})")


def embeds(page) -> list:
    """Each loader-made iframe as (element, frame), after scrolling it into view so it loads."""
    out = []
    for element in page.query_selector_all("[data-ogt-embed] > iframe"):
        element.scroll_into_view_if_needed()
        frame = eventually(page, lambda: (f := element.content_frame()) and "/embed/" in f.url and f,
                           "the iframe never loaded its embed view")
        frame.wait_for_selector("main.ogt-embed__content", state="attached")
        out.append((element, frame))
    return out


def sizes(element, frame) -> dict:
    inner = frame.evaluate("""() => ({
        content: document.body.getBoundingClientRect().height,
        scrollHeight: document.documentElement.scrollHeight,
        clientHeight: document.documentElement.clientHeight,
        gutter: window.innerWidth - document.documentElement.clientWidth })""")
    inner["iframe"] = element.bounding_box()["height"]
    return inner


def assert_fits(page, element, frame):
    def fits():
        s = sizes(element, frame)
        return s if abs(s["iframe"] - s["content"]) <= 3 and s["scrollHeight"] <= s["clientHeight"] + 1 else None

    s = eventually(page, fits, f"the iframe never matched its content: {sizes(element, frame)}")
    assert s["gutter"] == 0, f"the embed shows a scrollbar: {s}"
    assert s["content"] > 300, s


def test_two_embeds_on_another_origin(browser, guide, host, site_dir):
    checklist = checklist_pages(site_dir)
    assert checklist, "no embed view has a checklist: the checklist pages should be embeddable"
    body = snippet(guide, checklist[0]) + "<p>Between the embeds.</p>" + snippet(guide, "understand/formats")
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(host_page(host, "two.html", body))
    pair = embeds(page)
    assert len(pair) == 2
    titles = [element.get_attribute("title") for element, _ in pair]
    assert titles == [f"{checklist[0]} (Online Group Therapy guide)", "understand/formats (Online Group Therapy guide)"]
    for element, frame in pair:
        assert element.get_attribute("loading") == "lazy"
        assert element.get_attribute("sandbox") == \
            "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals"
        assert_fits(page, element, frame)

    # A checklist inside can be ticked, and the iframe follows the content's new height.
    element, frame = pair[0]
    box = frame.locator("form[data-ogt-checklist] input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    eventually(page, lambda: re.match(r"1 of \d+ ticked",
                                      frame.locator("[data-ogt-progress]").first.inner_text()),
               "the checklist's progress did not count the tick")
    assert_fits(page, element, frame)
    # "Print or save as PDF" works in the sandbox (it needs allow-modals).
    ignored: list[str] = []
    page.on("console", lambda m: "Ignored call to 'print()'" in m.text and ignored.append(m.text))
    frame.evaluate("() => { window.__printed = 0; addEventListener('beforeprint', () => window.__printed++); }")
    frame.locator("[data-ogt-print]").first.click()
    eventually(page, lambda: frame.evaluate("() => window.__printed") == 1 or ignored,
               "printing the checklist did nothing")
    assert not ignored, ignored

    # A narrow screen: the content grows taller and the iframe follows.
    before = sizes(*pair[1])["iframe"]
    page.set_viewport_size({"width": 420, "height": 800})
    eventually(page, lambda: sizes(*pair[1])["iframe"] > before, "the iframe did not grow on a narrow screen")
    assert_fits(page, *pair[1])

    for _, frame in pair:  # the guide's policy for embed views, applied inside another site
        assert frame.evaluate("() => window.__csp") == []
    guide_origin, host_origin = origin_of(guide), origin_of(host[1])
    others = [u for u in requests if origin_of(u) not in (guide_origin, host_origin) and not u.startswith("data:")]
    assert not others, f"requests to third parties: {others}"
    context.close()


def test_forged_messages_are_ignored(browser, guide, host):
    body = snippet(guide, "understand/formats")
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(host_page(host, "forged.html", body))
    (element, frame), = embeds(page)
    assert_fits(page, element, frame)
    height = element.evaluate("f => f.style.height")
    embed_id = parse_qs(urlsplit(element.get_attribute("src")).fragment)["id"][0]
    # Count every message the host receives, so we know the loader has seen each forgery.
    page.evaluate("() => { window.__seen = 0; addEventListener('message', () => { window.__seen++; }); }")

    def forge(source, data):
        seen = page.evaluate("() => window.__seen")
        source.evaluate("data => window.parent === window ? window.postMessage(data, '*') "
                        ": window.parent.postMessage(data, '*')", data)
        eventually(page, lambda: page.evaluate("() => window.__seen") > seen, "the message never arrived")
        return element.evaluate("f => f.style.height")

    good = {"type": "ogt-embed:height", "id": embed_id, "height": 77}
    # From the host page itself: the wrong origin.
    assert forge(page, good) == height
    # From another frame of the guide's own origin, which the loader did not make.
    page.evaluate("src => new Promise(done => { const f = document.createElement('iframe'); "
                  "f.onload = done; f.src = src; f.title = 'Other'; document.body.append(f); })",
                  guide + "embed/about/privacy/")
    intruder = next(f for f in page.frames if f.url.startswith(guide + "embed/about/privacy/"))
    assert forge(intruder, good) == height
    # From the embed itself, but not of the expected shape.
    for data in [{**good, "id": "someone-else"}, {**good, "height": "77"}, {**good, "height": -5},
                 {**good, "height": 1e9}, {**good, "type": "resize"}, "ogt-embed:height 77", None]:
        assert forge(frame, data) == height, data
    # The one message that counts: from the iframe the loader made, with its id.
    assert forge(frame, good) == "77px"
    page.close()


def test_theme_and_accent_are_validated(browser, guide, host):
    body = (snippet(guide, "understand/formats", theme="dark", accent="#aa3300")
            + snippet(guide, "understand/benefits", theme="purple", accent="red")
            + snippet(guide, "understand/risks", accent="#fff;background:url(//evil.example/x)"))
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(host_page(host, "accent.html", body))
    (dark, dark_frame), (odd, odd_frame), (bad, bad_frame) = embeds(page)
    assert "accent=%23aa3300" in dark.get_attribute("src") and "theme=dark" in dark.get_attribute("src")
    for element in (odd, bad):
        assert "accent" not in element.get_attribute("src") and "theme" not in element.get_attribute("src")
    style = "() => [document.body.dataset.mdColorScheme, document.body.style.getPropertyValue('--md-typeset-a-color')]"
    assert dark_frame.evaluate(style) == ["slate", "#aa3300"]
    link = dark_frame.locator("main p > a[href]").first
    assert link.evaluate("a => getComputedStyle(a).color") == "rgb(170, 51, 0)"
    assert odd_frame.evaluate(style) == ["default", ""]
    assert bad_frame.evaluate(style) == ["default", ""]
    # The embed view checks again: a bad value written straight into its address is ignored too.
    direct = browser.new_page()
    direct.goto(guide + "embed/understand/formats/#theme=dark&accent=red%3Bcolor%3Ablue")
    wait_until(direct, "document.body.dataset.mdColorScheme === 'slate'")
    assert direct.evaluate(style) == ["slate", ""]
    direct.close()
    page.close()


def test_snippet_pasted_twice_makes_each_embed_once(browser, guide, host):
    one, two = snippet(guide, "understand/formats"), snippet(guide, "decide/is-it-right-for-me")
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(host_page(host, "twice.html", one + two + one))
    page.wait_for_load_state("load")
    eventually(page, lambda: page.evaluate(
        "() => [...document.querySelectorAll('[data-ogt-embed]')].every(d => d.querySelector('iframe'))"),
        "not every div got its iframe")
    counts = page.evaluate("() => [...document.querySelectorAll('[data-ogt-embed]')]"
                           ".map(d => d.querySelectorAll('iframe').length)")
    assert counts == [1, 1, 1]
    assert page.evaluate("() => document.querySelectorAll('iframe').length") == 3
    assert page.evaluate("() => document.querySelectorAll('script[src$=\"embed.js\"]').length") == 3
    for element, frame in embeds(page):
        assert_fits(page, element, frame)
    page.close()


def test_without_scripts_the_snippet_is_a_link(browser, guide, host):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(host_page(host, "nojs.html", snippet(guide, "choose/platform")))
    assert page.locator("iframe").count() == 0
    link = page.locator("[data-ogt-embed] a")
    assert link.get_attribute("href") == guide + "choose/platform/"
    assert link.is_visible()
    context.close()


def test_storage_blocked_checklist_works_and_says_so(browser, guide, host, site_dir):
    """A browser that blocks storage for third-party frames: reading localStorage throws."""
    name = checklist_pages(site_dir)[0]
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script("""if (window !== window.top) {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("blocked", "SecurityError"); } });
    }""")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(host_page(host, "blocked.html", snippet(guide, name)))
    (element, frame), = embeds(page)
    frame.wait_for_selector("[data-ogt-unsaved]", state="visible")
    assert frame.locator("[data-ogt-saved]").first.is_hidden()
    box = frame.locator("form[data-ogt-checklist] input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    eventually(page, lambda: frame.locator("[data-ogt-progress]").first.inner_text().startswith("1 of"),
               "the checklist did not count the tick without storage")
    assert not errors, errors
    context.close()


def test_embed_views_pass_axe_and_stay_private(browser, guide, site_dir):
    names = sorted(p.parent.relative_to(site_dir / "embed").as_posix()
                   for p in (site_dir / "embed").rglob("index.html"))
    assert len(names) >= 13
    problems: list[str] = []
    for theme in ("light", "dark"):
        context = browser.new_context(color_scheme=theme)
        for name in names:
            page = context.new_page()
            watch = Watch(page, origin_of(guide))
            response = page.goto(f"{guide}embed/{name}/#theme={theme}", wait_until="networkidle")
            assert response is not None and response.ok, name
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            assert scheme == ("slate" if theme == "dark" else "default"), name
            problems += [f"{name} ({theme}): console: {e}" for e in watch.console_errors]
            problems += [f"{name} ({theme}): request to another origin: {u}" for u in watch.foreign]
            problems += [f"{name} ({theme}): axe: {v}" for v in axe_violations(page)]
            page.close()
        context.close()
    assert not problems, "\n".join(problems)


def test_no_csp_violation_on_any_page(browser, guide, site_dir):
    """Every page and every embed view, served with the headers of _headers: nothing is blocked."""
    urls = [guide + p.relative_to(site_dir).as_posix().removesuffix("index.html")
            for p in built_pages(site_dir) if p.name != "404.html"]
    urls += [guide + p.parent.relative_to(site_dir).as_posix() + "/"
             for p in sorted((site_dir / "embed").rglob("index.html"))]
    context = browser.new_context()
    context.add_init_script(CSP_WATCH)
    problems: list[str] = []
    for url in urls:
        page = context.new_page()
        page.on("console", lambda m, url=url: (
            m.type in ("error", "warning") and re.search(r"Content Security Policy|Permissions-Policy|Refused",
                                                        m.text) and problems.append(f"{url}: console: {m.text}")))
        response = page.goto(url, wait_until="networkidle")
        assert "frame-ancestors" in response.headers["content-security-policy"], url
        if url.endswith("about/clinics/"):  # the previews: same-origin iframes of embed views
            page.locator("details.ogt-embed-item__preview summary").first.click()
            preview = page.locator("details.ogt-embed-item__preview iframe").first
            preview.scroll_into_view_if_needed()
            page.frame_locator("details.ogt-embed-item__preview iframe").first \
                .locator("main.ogt-embed__content h1").wait_for()
        if "/embed/" not in url and "/checklists/" not in url:  # Material's search loads under the policy
            page.keyboard.press("/")
            page.keyboard.type("group")
            page.wait_for_selector(".md-search-result__item", state="attached")
        for frame in [f for f in page.frames if f.url.startswith(guide)]:  # lazy previews never load
            problems += [f"{url} ({frame.url}): {v}" for v in frame.evaluate("() => window.__csp || []")]
        page.close()
    context.close()
    assert len(urls) >= 28
    assert not problems, "\n".join(problems)


def test_only_embed_views_can_be_framed_by_another_site(browser, guide, host):
    body = (f'<iframe title="page" src="{guide}choose/platform/"></iframe>'
            f'<iframe title="embed" src="{guide}embed/choose/platform/"></iframe>')
    page = browser.new_page()
    page.goto(host_page(host, "framing.html", body), wait_until="networkidle")
    frames = {f.url: f for f in page.frames if f != page.main_frame}
    embedded = next(f for u, f in frames.items() if "/embed/" in u)
    assert embedded.locator("main.ogt-embed__content h1").count() == 1
    blocked = [f for u, f in frames.items() if "/embed/" not in u]
    assert len(blocked) == 1
    assert blocked[0].evaluate("() => !!document.querySelector('.md-header')") is False, \
        "a normal page of the guide rendered inside another site"
    page.close()


def test_clinic_copies_a_snippet_from_the_clinics_page(browser, guide, host, site_dir):
    """As a new user: open the clinics page, copy a snippet, paste it into a blank page elsewhere."""
    name = checklist_pages(site_dir)[0]
    context = browser.new_context(viewport=VIEWPORT)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(guide + "about/clinics/")
    section = page.locator(f"#embed-{re.sub(r'[^a-z0-9]+', '-', name)}")
    section.get_by_role("button", name="Copy the code").first.click()  # the first: the two-line snippet
    status = section.locator("[role=status]").first
    eventually(page, lambda: "Copied" in status.inner_text(), "the copy button did not say it copied")
    shown = section.locator("pre code").first.inner_text()
    # The live preview is the embed view itself.
    section.locator("details.ogt-embed-item__preview summary").click()
    section.frame_locator("iframe").locator("main.ogt-embed__content h1").wait_for()

    blank = context.new_page()
    blank.goto(host_page(host, "blank.html", ""))
    pasted = blank.evaluate("() => navigator.clipboard.readText()")
    assert pasted == shown and pasted.count("\n") == 1 and PUBLIC in pasted
    # The snippet names the public guide; this test's guide runs on loopback instead.
    blank.goto(host_page(host, "clinic.html", pasted.replace(PUBLIC, guide)))
    (element, frame), = embeds(blank)
    assert_fits(blank, element, frame)
    assert frame.locator("h1").first.inner_text().strip()
    crisis = frame.locator(".ogt-embed__crisis a")
    assert crisis.get_attribute("href") == PUBLIC + "get-help-now/" and crisis.get_attribute("target") == "_blank"
    box = frame.locator("form[data-ogt-checklist] input[type=checkbox]").first
    box.check()
    assert box.is_checked()
    context.close()
