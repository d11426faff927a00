"""The decision aid and "My decision summary" in real Chromium, on the real built site: the whole
flow from ratings to summary, print, copy and clear; keyboard only; axe after interaction on a
desktop and a phone; no JavaScript; corrupt and blocked storage; no request on any interaction;
the same flow inside a clinic's embed on another origin; and the JS ranking rule against the
cases the Python rule is tested on. Each flow runs on the English pages and on the Spanish ones
(/es/), with the words each edition shows (guide/words/<code>.yml, data-ogt-word-* for the scripts)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest

from tests.browser_support import Watch, axe_violations, origin_of, wait_until
from tests.support import ROOT, serve
from tests.test_browser_embed import assert_fits, embeds, eventually, host_page, snippet

pytestmark = pytest.mark.browser

DECIDE = "decide/weigh/"
INFO = "decide/is-it-right-for-me/"  # has the right-for-me checklist
SUMMARY = "decide/summary/"
KEY = "ogt-decision-aid:1"
CASES = json.loads((ROOT / "tests" / "fixtures" / "ranking-cases.json").read_text(encoding="utf-8"))["cases"]
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 375, "height": 812}


@dataclass(frozen=True)
class Edition:
    """One language's pages and the words the tests expect to see there."""
    code: str
    prefix: str  # where its pages live: "" or "es/"
    best: str  # the first option of the ranking, with its label
    said: tuple[str, ...]  # the ranking's reasons for it: travel a lot, cost quite a lot, attention a little
    advice: str
    right: str
    sent: str  # "nothing was sent", on the summary
    scale: tuple[str, ...]  # Not at all .. A lot
    not_answered: str
    online_group: str
    online_one: str
    yes: str
    no: str
    sure: str  # the readiness question 'sure'
    private_place: str  # checklist item right-for-me/private-place
    not_in_crisis: str  # checklist item right-for-me/not-in-crisis
    first_to_ask: str
    circle: str
    copied: str
    cleared: str
    blank: str


EDITIONS = [
    Edition("en", "", "Online group: fits your answers best",
            ("You said not having to travel matters a lot: you join from home.",
             "You said keeping the cost low matters quite a lot: groups are often cheaper",
             "But you said one therapist's full attention matters a little: the leader shares"),
            "A way to think, not advice.", "Right.", "Nothing was sent anywhere",
            ("Not at all", "A little", "Quite a lot", "A lot"), "Not answered", "Online group", "Online one-to-one",
            "Yes", "No", "Does one choice feel right for you now?", "I have a private place where no one can overhear me.",
            "I am not in crisis and I feel safe right now.", "Which of these options could I get", "Circle one",
            "Copied", "Cleared", "blank worksheet"),
    Edition("es", "es/", "Grupo en línea: es la que mejor encaja con sus respuestas",
            ("Usted dijo que no tener que viajar le importa mucho: se une desde casa.",
             "Usted dijo que gastar poco le importa bastante: los grupos suelen costar menos",
             "Pero usted dijo que toda la atención de un terapeuta le importa un poco: quien guía el grupo reparte"),
            "Una forma de pensar, no un consejo.", "Correcto.", "No se envió nada",
            ("Nada", "Un poco", "Bastante", "Mucho"), "Sin responder", "Grupo en línea", "Individual en línea",
            "Sí", "No", "¿Siente ahora que una opción es la adecuada para usted?",
            "Tengo un lugar privado donde nadie me oye.", "No estoy en crisis y ahora me siento a salvo.",
            "¿A cuáles de estas opciones puedo acceder", "Marque una", "Copiado", "Borrado", "hoja en blanco"),
]


@pytest.fixture(params=EDITIONS, ids=[e.code for e in EDITIONS])
def ed(request) -> Edition:
    return request.param


BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {
  configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }
});
"""


def settled_axe(page, context=None) -> list[str]:
    """axe once every CSS transition has finished: Material fades its "Back to top" button in
    after a scroll, and axe would measure its contrast half-way through the fade."""
    wait_until(page, "document.getAnimations().every(a => a.playState !== 'running')")
    return axe_violations(page, context)


def open_decide(context, url, path=DECIDE, ed: Edition = EDITIONS[0]):
    page = context.new_page()
    watch = Watch(page, origin_of(url))
    page.goto(url + ed.prefix + path, wait_until="networkidle")
    page.wait_for_selector("[data-ogt-aid=values][data-ogt-ready]", state="attached")
    return page, watch


def answer(frame):
    """The reader's answers: travel a lot, cost quite a lot, attention a little; leaning online
    group; not sure yet (readiness 'sure' = no, the rest yes); one quiz answer."""
    frame.check("[name=matters-travel][value='3']")
    frame.check("[name=matters-cost][value='2']")
    frame.check("[name=matters-attention][value='1']")
    frame.check("[name=leaning][value=online-group]")
    frame.check("[name=ready-sure][value=no]")
    for q in ("know", "values", "support"):
        frame.check(f"[name=ready-{q}][value=yes]")
    frame.check("[name=quiz-crisis][value='1']")


def check_decide_results(frame, ed: Edition = EDITIONS[0]):
    ranked = frame.locator("[data-ogt-aid-list] > li")
    first = ranked.first.inner_text()
    assert first.startswith(ed.best)
    for reason in ed.said:
        assert reason in first, (reason, first)
    assert ranked.count() == 6
    assert ed.advice in frame.locator("[data-ogt-aid=results]").inner_text()
    steps = frame.locator("[data-ogt-aid-steps]")
    assert steps.is_visible()
    assert frame.locator("[data-ogt-aid-step=sure]").is_visible()
    assert not frame.locator("[data-ogt-aid-step=know]").is_visible()
    assert not frame.locator("[data-ogt-aid-step=all-yes]").is_visible()
    quiz = frame.locator("#ogt-aid-quiz-crisis")
    assert quiz.locator("[data-ogt-aid-feedback]").inner_text() == ed.right
    assert quiz.locator("[data-ogt-aid-explain]").get_attribute("open") is not None


def has_storage(frame) -> bool:
    return frame.evaluate("(() => { try { return !!localStorage; } catch (e) { return false; } })()")


def check_summary(frame, ticked: bool = False, ed: Edition = EDITIONS[0]):
    frame.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    root = frame.locator("[data-ogt-summary-page]")
    stored = has_storage(frame)
    note = frame.locator("[data-ogt-sum-made]" if stored else "[data-ogt-sum-passed]")
    assert note.is_visible() and ed.sent in note.inner_text()
    assert frame.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.scale[3]
    assert frame.locator("[data-ogt-sum-rating=cost]").inner_text() == ed.scale[2]
    assert frame.locator("[data-ogt-sum-rating=attention]").inner_text() == ed.scale[1]
    assert frame.locator("[data-ogt-sum-rating=privacy]").inner_text() == ed.not_answered
    assert frame.locator("[data-ogt-sum-best] li").first.inner_text() == ed.online_group
    assert frame.locator("[data-ogt-sum-leaning]").inner_text() == ed.online_group
    assert frame.locator("[data-ogt-sum-ready=sure]").inner_text() == ed.no
    assert frame.locator("[data-ogt-sum-ready=support]").inner_text() == ed.yes
    # An essential checklist item ticked (and saved) is gone; one not ticked is listed.
    item = frame.locator("[data-ogt-sum-checklist=right-for-me] [data-ogt-sum-item=not-in-crisis]")
    assert item.is_visible() is not (ticked and stored)
    assert frame.locator("[data-ogt-sum-checklist=right-for-me] [data-ogt-sum-item=private-place]").is_visible()
    assert frame.locator("[data-ogt-sum-checklist=choose-platform]").is_visible()
    assert not frame.locator("[data-ogt-aid-nojs]").first.is_visible()
    return root


@pytest.fixture
def printing(browser):
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def test_js_rank_matches_the_python_cases(context, site_url, ed):
    page, watch = open_decide(context, site_url, ed=ed)
    for case in CASES:
        got = page.evaluate("c => window.ogtDecisionAid.rank(c.fits, c.ratings, c.options)", case)
        assert got == case["expected"], case["name"]
    assert watch.console_errors == []


def test_ratings_to_summary_then_print_copy_and_clear(printing, site_url, ed):
    info = printing.new_page()  # tick an essential item of the checklist on the page before
    info.goto(site_url + ed.prefix + INFO, wait_until="networkidle")
    info.wait_for_selector("form[data-ogt-checklist='right-for-me'][data-ogt-ready]", state="attached")
    info.check("#ogt-right-for-me-not-in-crisis")
    assert info.locator("a[href='../weigh/']").count()  # the page leads on to this one
    info.close()
    page, watch = open_decide(printing, site_url, ed=ed)
    assert page.locator("html").get_attribute("lang") == ed.code
    labels = page.locator("[data-ogt-aid=values] fieldset").first.locator("label").all_inner_texts()
    assert [label.strip() for label in labels] == list(ed.scale)  # the scale in this edition's words
    assert not page.locator("[data-ogt-aid-ranking] [data-ogt-aid-list] li").count()
    assert page.locator("[data-ogt-aid-empty]").is_visible()
    loaded = len(watch.requests)
    answer(page)
    check_decide_results(page, ed)
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["ratings"] == {"travel": 3, "cost": 2, "attention": 1} and saved["leaning"] == "online-group"
    assert len(watch.requests) == loaded, watch.requests[loaded:]  # no request on any interaction

    # Answers come back after a reload.
    page.reload(wait_until="networkidle")
    page.wait_for_selector("[data-ogt-aid=values][data-ogt-ready]", state="attached")
    assert page.is_checked("[name=matters-travel][value='3']") and page.is_checked("[name=ready-sure][value=no]")
    check_decide_results(page, ed)

    page.click("a[data-ogt-aid-local]")
    page.wait_for_url(re.compile(re.escape(ed.prefix + SUMMARY) + "$"))
    page.wait_for_load_state("networkidle")
    watch = Watch(page, origin_of(site_url))  # from here on: interactions only
    check_summary(page, ticked=True, ed=ed)

    page.click("[data-ogt-sum-print]")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    printed = page.locator("[data-ogt-summary-page]").inner_text()
    travel = page.locator("[data-ogt-sum-rating=travel]").locator("xpath=..").locator("th").inner_text()
    for text in (f"{travel}\t{ed.scale[3]}", ed.online_group, f"{ed.sure}\t{ed.no}", ed.private_place, ed.first_to_ask):
        assert text in printed, text
    assert not page.locator("[data-ogt-sum-actions]").is_visible()
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, f"the summary prints on {pages} A4 pages"
    page.emulate_media(media="screen")

    page.click("[data-ogt-sum-copy]")
    eventually(page, lambda: ed.copied in page.locator("[data-ogt-sum-status]").inner_text(), "copy said nothing")
    text = page.evaluate("navigator.clipboard.readText()")
    assert f"{travel}: {ed.scale[3]}" in text and f"- {ed.online_group}" in text
    assert f"{ed.sure}: {ed.no}" in text
    assert ed.circle not in text

    page.click("[data-ogt-sum-clear]")
    assert ed.cleared in page.locator("[data-ogt-sum-status]").inner_text()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ogt-'))") == []
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    assert page.locator("[data-ogt-sum-leaning]").inner_text() == ed.not_answered
    assert page.locator("[data-ogt-sum-checklist=right-for-me] [data-ogt-sum-item=not-in-crisis]").is_visible()
    assert watch.requests == [] and watch.console_errors == []


def test_keyboard_alone_rates_answers_and_reaches_the_summary(context, site_url, ed):
    page, watch = open_decide(context, site_url, ed=ed)
    page.focus("[name=matters-travel][value='0']")  # the first radio of the first question
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # arrows move along a radio group and select
    assert page.is_checked("[name=matters-travel][value='3']")
    page.keyboard.press("Tab")  # to the next question
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.name") == "matters-cost"
    assert page.is_checked("[name=matters-cost][value='0']")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("[name=matters-cost][value='1']")
    assert page.locator("[data-ogt-aid-list] > li").first.inner_text().startswith(ed.online_group)
    link = page.locator("a[data-ogt-aid-local]")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(ed.prefix + SUMMARY) + "$"))
    page.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.scale[3]
    page.focus("[data-ogt-sum-clear]")
    page.keyboard.press("Enter")
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    assert watch.console_errors == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x720", "375x812"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_after_interaction(browser, site_url, viewport, scheme, ed):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page, watch = open_decide(context, site_url, ed=ed)
    assert settled_axe(page) == []
    answer(page)
    page.locator("#ogt-aid-fits-travel > summary").click()
    page.locator("[name=quiz-data][value='1']").check()
    page.locator("a[data-ogt-aid-local]").focus()
    assert settled_axe(page) == []
    sizes = page.eval_on_selector_all(
        "[data-ogt-aid] .ogt-aid__choice, [data-ogt-aid] summary",
        "els => els.filter(e => e.offsetParent).map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), [s for s in sizes if min(s) < 24][:5]
    assert ed.best in page.locator("[data-ogt-aid-list]").inner_text()  # the script's words, in this language
    page.goto(site_url + ed.prefix + SUMMARY, wait_until="networkidle")
    page.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert settled_axe(page) == []
    page.locator("[data-ogt-sum-clear]").focus()
    page.keyboard.press("Enter")
    assert settled_axe(page) == []
    assert watch.console_errors == [] and watch.foreign == []
    context.close()


def test_without_javascript_the_summary_is_a_blank_printable_worksheet(browser, site_url, ed):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + ed.prefix + SUMMARY)
    note = page.locator("[data-ogt-summary-page] [data-ogt-aid-nojs]").first
    assert note.is_visible() and ed.blank in note.inner_text()
    assert not page.locator("[data-ogt-sum-actions]").is_visible()
    text = page.locator("[data-ogt-summary-page]").inner_text()
    assert f"{ed.circle}: {' / '.join(ed.scale)}" in text
    assert ed.sure in text and f"{ed.yes} / {ed.no}" in text
    assert f"{ed.online_group} / {ed.online_one}" in text
    assert ed.not_in_crisis in text
    page.emulate_media(media="print")
    assert page.locator("[data-ogt-sum-rating=travel]").is_visible()
    assert page.pdf(format="A4").startswith(b"%PDF")
    # The decide page: every question is there, and so is every next step.
    page.emulate_media(media="screen")
    page.goto(site_url + ed.prefix + DECIDE)
    assert page.locator("[data-ogt-aid=values] input[type=radio]").count() == 11 * 4
    assert page.locator("[data-ogt-aid-step]").count() == 5
    assert all(page.locator("[data-ogt-aid-step]").nth(i).is_visible() for i in range(5))
    assert page.locator("[data-ogt-aid-nojs]").first.is_visible()
    context.close()


@pytest.mark.parametrize("stored", ['{"ratings":', '["travel"]', '{"ratings": "lots", "ready": [1], "best": 7}',
                                    '{"ratings": {"travel": "3"}, "leaning": 5}'])
def test_corrupt_saved_answers_are_ignored(context, site_url, stored, ed):
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + ed.prefix + SUMMARY)
    page.evaluate("([k, v]) => { localStorage.setItem(k, v); localStorage.setItem('ogt-decision-aid:0', '{}'); }",
                  [KEY, stored])
    page.reload(wait_until="networkidle")
    page.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    assert page.locator("[data-ogt-sum-leaning]").inner_text() == ed.not_answered
    page.goto(site_url + ed.prefix + DECIDE, wait_until="networkidle")
    page.wait_for_selector("[data-ogt-aid=values][data-ogt-ready]", state="attached")
    assert page.evaluate("localStorage.getItem('ogt-decision-aid:0')") is None  # an old version is dropped
    page.check("[name=matters-travel][value='2']")
    assert page.locator("[data-ogt-aid-list] > li").count() == 6
    assert watch.console_errors == []


def test_blocked_storage_works_and_says_so(browser, site_url, ed):
    context = browser.new_context()
    context.add_init_script(BLOCK_STORAGE)
    baseline = context.new_page()  # Material's own palette script throws without storage
    frame_errors = Watch(baseline, origin_of(site_url))
    baseline.goto(site_url + ed.prefix + "understand/risks/", wait_until="networkidle")
    baseline.close()
    page = context.new_page()
    watch = Watch(page, origin_of(site_url))
    page.goto(site_url + ed.prefix + DECIDE, wait_until="networkidle")
    page.wait_for_selector("[data-ogt-aid=values][data-ogt-ready]", state="attached")
    assert page.locator("[data-ogt-aid=values] [data-ogt-aid-unsaved]").is_visible()
    page.check("[name=matters-travel][value='3']")
    page.check("[name=ready-sure][value=no]")
    assert page.locator("[data-ogt-aid-list] > li").first.inner_text().startswith(ed.online_group)
    # The answers travel to the summary in the link's #fragment, which no request carries.
    page.click("a[data-ogt-aid-local]")
    page.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert page.locator("[data-ogt-sum-passed]").is_visible()
    assert not page.locator("[data-ogt-sum-made]").is_visible()
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.scale[3]
    assert page.locator("[data-ogt-sum-ready=sure]").inner_text() == ed.no
    assert not any("answers" in u for u in watch.requests)
    page.click("[data-ogt-sum-clear]")
    assert page.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    assert "answers" not in page.url
    # Opened directly, without storage and without answers: a blank worksheet that says why.
    page.goto(site_url + ed.prefix + SUMMARY, wait_until="networkidle")
    page.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert page.locator("[data-ogt-sum-unsaved]").is_visible()
    # Material's own palette script throws once per page without storage; ours adds nothing.
    assert watch.console_errors and set(watch.console_errors) <= set(frame_errors.console_errors)
    assert len(watch.console_errors) == 3 * len(frame_errors.console_errors)
    context.close()


@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clinic-aid")
    url, server = serve(folder)
    yield folder, url.replace("127.0.0.1", "localhost")
    server.shutdown()


def test_the_same_flow_inside_an_embed_on_another_origin(browser, site_url, clinic, ed):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(host_page(clinic, f"decide-{ed.code}.html", snippet(site_url + ed.prefix, DECIDE.strip("/"))))
    [(element, frame)] = embeds(page)
    frame.wait_for_selector("[data-ogt-aid=values][data-ogt-ready]", state="attached")
    loaded = len(requests)
    answer(frame)
    check_decide_results(frame, ed)
    assert len(requests) == loaded, requests[loaded:]
    link = frame.locator("a[data-ogt-aid-local]")
    assert link.get_attribute("target") is None  # the summary opens in the same frame
    link.click()
    eventually(page, lambda: f"/{ed.prefix}embed/" + SUMMARY + "#id=" in frame.url,
               f"the summary did not open in the frame: {frame.url}")
    check_summary(frame, ed=ed)
    assert_fits(page, element, frame)  # the frame kept its #id, so the host still sizes it
    assert not [u for u in requests if "answers" in u]  # the #fragment never leaves the device
    frame.click("[data-ogt-sum-print]")
    assert frame.evaluate("window.__printed") == 1
    # Storage is partitioned per top-level site: the guide itself does not see the clinic's answers.
    own = context.new_page()
    own.goto(site_url + ed.prefix + SUMMARY, wait_until="networkidle")
    own.wait_for_selector("[data-ogt-summary-page][data-ogt-ready]", state="attached")
    assert own.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    frame.click("[data-ogt-sum-clear]")
    assert frame.locator("[data-ogt-sum-rating=travel]").inner_text() == ed.not_answered
    guide, host = origin_of(site_url), origin_of(clinic[1])
    assert not [u for u in requests if origin_of(u) not in (guide, host) and not u.startswith("data:")]
    context.close()
