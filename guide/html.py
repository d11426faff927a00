"""Small, safe edits to the HTML that Markdown produced."""

from __future__ import annotations

import re

# Only anchors whose href leaves the site: far fewer matches than every <a> on the page.
_ANCHOR = re.compile(r"""<a\s[^>]*?href="(?:https?:)?//[^>]*>""", re.IGNORECASE)
_HREF = re.compile(r'\shref="(?P<href>[^"]*)"', re.IGNORECASE)
_REL = re.compile(r'\srel="(?P<rel>[^"]*)"', re.IGNORECASE)
_H1_END = re.compile(r"</h1>", re.IGNORECASE)


def is_external(href: str) -> bool:
    return href.startswith(("http://", "https://", "//"))


def mark_external_links(html: str) -> str:
    """Give every link to another site ``rel="noopener"``, keeping any rel it has."""

    def fix(match: re.Match) -> str:
        tag = match.group(0)
        href = _HREF.search(tag)
        if not href or not is_external(href.group("href")):
            return tag
        rel = _REL.search(tag)
        if rel is None:
            return tag[:-1].rstrip("/").rstrip() + ' rel="noopener">'
        values = rel.group("rel").split()
        if "noopener" in values:
            return tag
        return tag.replace(rel.group(0), f' rel="{" ".join([*values, "noopener"])}"', 1)

    return _ANCHOR.sub(fix, html)


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
