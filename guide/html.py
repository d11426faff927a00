"""Small, safe edits to the HTML that Markdown produced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import escape

_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def is_external(href: str) -> bool:
    return href.lower().startswith(("http://", "https://", "//"))


class _Anchors(HTMLParser):
    """The start tag of every ``<a>``: where it is in the text, and its attributes."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.found: list[tuple[int, int, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            line, column = self.getpos()
            start = self.starts[line - 1] + column
            self.found.append((start, start + len(self.get_starttag_text() or ""), attrs))

    handle_startendtag = handle_starttag


LINK_REL = ("noopener", "noreferrer")


def mark_external_links(page: str) -> str:
    """Give every link to another site, and every link that opens a new tab (``target``, in any
    quoting), ``rel="noopener noreferrer"``, keeping any rel it has. The tags are found with an
    HTML parser, not a pattern, and rewritten with every attribute value escaped."""
    if "<a" not in page and "<A" not in page:
        return page
    parser = _Anchors(page)
    parser.feed(page)
    parser.close()
    out, pos = [], 0
    for start, end, attrs in parser.found:
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
