"""Small, safe edits to the HTML that Markdown produced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import escape

_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def is_external(href: str) -> bool:
    return href.lower().startswith(("http://", "https://", "//"))


class _Tag(HTMLParser):
    """The attributes of one start tag, as a browser's HTML parser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str | None]] | None = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = attrs

    handle_startendtag = handle_starttag


# The page read left to right as an HTML parser does: comments, <script> and <style> (whose text
# is never read as tags) and every start tag whole, so "<a" inside another tag's quoted attribute
# value (which may hold ">") is never taken for a link.
_SKIP_OR_TAG = re.compile(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>"
    r"|<(?P<name>[a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE | re.DOTALL)


def _anchors(page: str):
    """(start, end, attributes) of every ``<a>`` start tag. Only those tags go through the HTML
    parser, so a 100 KB page costs a pattern scan, not a full parse."""
    for match in _SKIP_OR_TAG.finditer(page):
        if (match.group("name") or "").lower() != "a":
            continue
        parser = _Tag()
        parser.feed(match.group(0))
        parser.close()
        if parser.attrs is not None:
            yield match.start(), match.end(), parser.attrs


LINK_REL = ("noopener", "noreferrer")


def mark_external_links(page: str) -> str:
    """Give every link to another site, and every link that opens a new tab (``target``, in any
    quoting), ``rel="noopener noreferrer"``, keeping any rel it has. Each tag's attributes are read
    by an HTML parser, and the tag is rewritten with every attribute value escaped."""
    if "<a" not in page and "<A" not in page:
        return page
    out, pos = [], 0
    for start, end, attrs in _anchors(page):
        values = dict(attrs)
        href = (values.get("href") or "").strip()
        if not (is_external(href) or values.get("target")):
            continue
        rel = (values.get("rel") or "").split()
        if all(r in rel for r in LINK_REL):
            continue
        rel += [r for r in LINK_REL if r not in rel]
        attrs = [(k, v) for k, v in attrs if k != "rel"] + [("rel", " ".join(rel))]
        tag = "<a" + "".join(f' {k}="{escape(v)}"' if v is not None else f" {k}" for k, v in attrs) + ">"
        out += [page[pos:start], tag]
        pos = end
    return "".join(out) + page[pos:]


def insert_after_title(html: str, snippet: str) -> str:
    """Place ``snippet`` right after the page's first heading, or at the top if it has none."""
    if not snippet:
        return html
    match = _H1_END.search(html)
    if match is None:
        return snippet + html
    return html[: match.end()] + snippet + html[match.end():]


_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def name_search_dialog(page: str) -> str:
    """Give Material's search dialog an accessible name (its template leaves it without one)."""
    return page.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def insert_in_head(page: str, snippet: str) -> str:
    """Place ``snippet`` just before the page's ``</head>`` (Material's head has no inline code
    that holds that text), or leave the page as it is without one."""
    at = page.find("</head>")
    if not snippet or at < 0:
        return page
    return page[:at] + snippet + page[at:]
