"""Change notes: what changed on a page and when, from its front matter, and the Atom feed of them.

An editor who makes a real change to a page adds a line to the page's ``changes`` list:

    changes:
      - date: 2026-11-28
        what: Added the phone numbers for Ireland.

Each page shows its newest note next to its review dates. ``feed.xml`` lists every change and
every page's last review, newest first, so a clinic that embeds a page learns when it changes.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urljoin

from markupsafe import escape

from guide import render

WHAT_MAX = 160
FIELD = "changes"
FEED = "feed.xml"
FIX = "write it as a list, one '- date: YYYY-MM-DD' line with a 'what: One line on what changed.' under it"


@dataclass(frozen=True)
class Change:
    date: dt.date
    what: str


def check(meta: dict, fail: Callable[[str, str, str], None], on: dt.date) -> None:
    """Report every fault of the ``changes`` field through ``fail(field, message, fix)``."""
    value = meta.get(FIELD)
    if value is None:
        return
    if not isinstance(value, list) or not value:
        fail(FIELD, "'changes' must be a list of changes", FIX)
        return
    for number, item in enumerate(value, start=1):
        where = f"change {number}"
        if not isinstance(item, dict) or set(item) != {"date", "what"}:
            keys = ", ".join(map(str, item)) if isinstance(item, dict) else type(item).__name__
            fail(FIELD, f"{where} must have exactly 'date' and 'what' (it has: {keys})", FIX)
            continue
        date, what = item["date"], item["what"]
        if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
            fail(FIELD, f"{where}: 'date' is not a date: {date!r}",
                 "write the date as YYYY-MM-DD, for example 2026-11-28, without quotes")
        elif date > on:
            fail(FIELD, f"{where}: 'date' ({date}) is in the future", "use the date the change was made")
        if not isinstance(what, str) or not what.strip():
            fail(FIELD, f"{where}: 'what' must be one line of text", "say in one plain line what changed")
        elif "\n" in what.strip() or len(what) > WHAT_MAX:
            fail(FIELD, f"{where}: 'what' must be one line of at most {WHAT_MAX} characters",
                 "keep it to one short sentence; the details belong in the pull request")


def changes(meta: dict) -> list[Change]:
    """The page's valid changes, newest first (an unchecked page may have bad ones: skipped)."""
    out = []
    for item in meta.get(FIELD) or []:
        if isinstance(item, dict) and isinstance(item.get("date"), dt.date) and isinstance(item.get("what"), str):
            out.append(Change(item["date"], item["what"].strip()))
    return sorted(out, key=lambda c: c.date, reverse=True)


def _human(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def note_html(meta: dict) -> str:
    """The newest change note, for the line under the title; empty without one."""
    found = changes(meta)
    if not found:
        return ""
    last = found[0]
    return (f'<p class="ogt-change">Last change (<time datetime="{last.date.isoformat()}">{_human(last.date)}'
            f"</time>): {escape(last.what)}</p>")


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.date
    summary: str


@dataclass(frozen=True)
class PageInfo:
    title: str
    url: str  # site-relative
    meta: dict


def entries(pages: list[PageInfo], site_url: str) -> list[Entry]:
    """One entry per change, and one per page for its last review, newest first."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    out = []
    for page in pages:
        link = urljoin(root, page.url)
        for change in changes(page.meta):
            out.append(Entry(f"{link}#change-{change.date.isoformat()}-{_digest(change.what)}",
                             f"Changed: {page.title}", link, change.date, change.what))
        reviewed, next_review = page.meta.get("reviewed"), page.meta.get("next_review")
        if isinstance(reviewed, dt.date):
            summary = f"Reviewed on {_human(reviewed)}."
            if isinstance(next_review, dt.date):
                summary += f" Next review by {_human(next_review)}."
            out.append(Entry(f"{link}#reviewed-{reviewed.isoformat()}", f"Reviewed: {page.title}", link,
                             reviewed, summary))
    return sorted(out, key=lambda e: (e.updated, e.id), reverse=True)


def feed(pages: list[PageInfo], site_url: str, site_name: str, author: str) -> str:
    """The Atom 1.0 feed. Its dates come from the pages, so the same pages give the same file."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    found = entries(pages, root)
    updated = max((e.updated for e in found), default=dt.date(2000, 1, 1))
    return render.template("feed.xml", title=f"{site_name}: changes and reviews", site=root,
                           self_url=urljoin(root, FEED), updated=_stamp(updated), author=author,
                           entries=[{**e.__dict__, "updated": _stamp(e.updated)} for e in found])


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"
