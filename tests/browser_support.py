"""Browser helpers: watch a page's requests and console, run axe-core on it."""

from __future__ import annotations

from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_axe = Axe()


class Watch:
    """Records console errors, page errors and requests that leave the page's origin."""

    def __init__(self, page, origin: str):
        self.origin = origin.rstrip("/")
        self.console_errors: list[str] = []
        self.foreign: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request):
        self.requests.append(request.url)
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about"):
            return
        if f"{parsed.scheme}://{parsed.netloc}" != self.origin:
            self.foreign.append(request.url)


# What an editor can do about each rule axe reports, in plain words (the selector alone is not
# enough for someone who edits Markdown).
ADVICE = {
    "target-size": "a link or button is smaller than 24 x 24 px and too close to another one. Do not put "
                   "links side by side in tiny text; if it is in the nav or a component, fix its CSS "
                   "(overrides/assets/*.css) so it is at least 24 px tall",
    "color-contrast": "text is too faint against its background. Use the palette in overrides/assets/guide.css; "
                      "do not set colours in a page",
    "link-name": "a link has no text a screen reader can read. Write the link text, e.g. [Get help now](...)",
    "image-alt": "an image has no alt text. Write ![what the image shows](file.png)",
    "heading-order": "a heading level is skipped. Go from ## to ###, never from ## to ####",
    "empty-heading": "a heading is empty. Write words after the #",
    "duplicate-id": "two elements share an id. Give each heading or {#anchor} a different name",
    "list": "a list holds something that is not a list item. Check the indentation of the list in the Markdown",
    "label": "a form control has no label. Every checkbox and radio button needs label text",
    "scrollable-region-focusable": "a wide table or code block scrolls but cannot be reached by keyboard. "
                                   "Shorten it or split it",
}


def axe_violations(page, context=None, *, where: str = "") -> list[str]:
    """axe-core's WCAG 2.2 A/AA violations on the page, one line each. Each line names the page
    (``where``, else its address), what to change in plain words, then the elements axe found."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, context=context, options=options)
    out = []
    place = where or page.url
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        texts = [node.get("html", "")[:80] for node in violation["nodes"][:2]]
        advice = ADVICE.get(violation["id"], violation["help"])
        out.append(f"{place}: {advice} [axe {violation['id']} ({violation['impact']}): {violation['help']}; "
                   f"at {targets}; e.g. {texts}]")
    return out


def origin_of(url: str) -> str:
    parsed = urlparse(url)
    return f"{parsed.scheme}://{parsed.netloc}"


def wait_until(target, expression: str, arg=None, timeout_ms: int = 15000) -> None:
    """Poll ``expression`` (a JS expression, or a function of ``arg``) in a page or frame until it
    is truthy. Playwright's ``wait_for_function`` builds its predicate with ``eval``, which the
    pages' own CSP (no 'unsafe-eval', issue #11) rightly blocks; ``evaluate`` is not affected."""
    waited = 0
    while not (target.evaluate(expression, arg) if arg is not None else target.evaluate(expression)):
        if waited >= timeout_ms:
            raise AssertionError(f"timed out after {timeout_ms} ms waiting for: {expression}")
        target.wait_for_timeout(50)
        waited += 50
