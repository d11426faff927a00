"""Embed views: every article as a small page that a clinic can show in an iframe.

For a page at ``choose/platform/`` the build writes ``embed/choose/platform/index.html``. It is
made from the page's rendered HTML (checklists included), never kept by hand, and carries:

* the content, with every link rewritten to an absolute URL on the guide that opens in a new
  tab, and every image or media source rewritten so it still loads from the embed's own path;
* a short crisis-help line, the attribution and the "Last reviewed" date;
* the page's own stylesheets and scripts (Material's CSS, ``guide.css``, the checklist assets),
  less Material's navigation bundle, plus ``assets/embed-frame.js``, which applies the clinic's
  theme and accent and tells the host page its height.

The clinics page lists every embeddable page with a copy-ready snippet through the marker
``<!-- guide:embed-catalogue -->``. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from markupsafe import escape

from guide import frontmatter, i18n, render
from guide.errors import Problem
from guide.urls import relative_url

if TYPE_CHECKING:  # pragma: no cover - only for type names
    from guide.site import Build, Marker, Page

EMBED_DIR = "embed"
CRISIS_PAGE = "get-help-now/"
FRAME_SCRIPT = "assets/embed-frame.js"
STYLES = "assets/embed.css"  # the embed view's layout and the catalogue's blocks
COPY_SCRIPT = "assets/embed-copy.js"  # the catalogue's copy buttons
LOADER = "embed.js"
CATALOGUE_MARKER = "embed-catalogue"
# The names the loader accepts (overrides/embed.js checks the same pattern).
NAME = re.compile(r"^[a-z0-9_-]+(?:/[a-z0-9_-]+)*$")
ACCENT = re.compile(r"^#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?$")
# Material's bundle drives navigation, search and the palette switch: an embed view has none.
SKIPPED_SCRIPTS = re.compile(r"(^|/)assets/javascripts/bundle\.[^/]*\.js$")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")

# The tags whose addresses an embed must change: links, and every HTML element with src or poster.
_TAG = re.compile(r"<(?P<name>a|img|source|video|audio|track|iframe|embed|input|script)\b(?P<attrs>[^>]*)>",
                  re.IGNORECASE)
_ATTR = re.compile(r'(?P<lead>\s)(?P<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)="(?P<value>[^"]*)"')
_STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.IGNORECASE)
_ICON = re.compile(r"<link\b[^>]*\brel=\"icon\"[^>]*>", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc=\"(?P<src>[^\"]+)\"[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\bhref="(?P<href>[^"]+)"', re.IGNORECASE)
_RESOURCE_ATTRS = {"src", "poster"}


# -- names and addresses ---------------------------------------------------------------------

def name_for(page_url: str) -> str:
    """The name a clinic writes in ``data-ogt-embed``: the page URL without slashes at the ends.
    The home page (``./`` or empty) has none."""
    name = page_url.strip("/")
    return "" if name in (".", "") else name


def embed_url(page_url: str) -> str:
    """The embed view's site-relative URL, e.g. ``embed/choose/platform/``."""
    return f"{EMBED_DIR}/{name_for(page_url)}/"


def embed_file(page_url: str) -> str:
    """The file the build writes, relative to the site folder."""
    return f"{embed_url(page_url)}index.html"


def site_root(site_url: str) -> str:
    return site_url if site_url.endswith("/") else site_url + "/"


def site_path(page_url: str, link: str) -> str:
    """Resolve a link written on the page at ``page_url`` to a site-relative path."""
    resolved = urljoin("http://site.invalid/" + page_url, link)
    return urlsplit(resolved).path.lstrip("/")


# -- which pages ------------------------------------------------------------------------------

def is_embeddable(page: "Page") -> bool:
    """Every article with a URL of its own, except a page that lists embeds (no iframe loops)."""
    if not name_for(page.url):
        return False  # the home page: its links are the site's navigation
    return not any(m.name == CATALOGUE_MARKER for m in page.markers)


def embeddable(build: "Build") -> list["Page"]:
    """The pages that get an embed view, in the order of the site's navigation."""
    order = {src: i for i, src in enumerate(build.nav_order)}
    pages = [p for p in build.pages.values() if is_embeddable(p)]
    return sorted(pages, key=lambda p: (order.get(p.src, len(order)), p.src))


def nav_files(nav) -> list[str]:
    """The Markdown files of a ``nav`` setting from mkdocs.yml, in order."""
    out: list[str] = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) and item else item
        if isinstance(value, list):
            out.extend(nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            out.append(value)
    return out


# -- the embed page ---------------------------------------------------------------------------

def rewrite_links(content: str, page_url: str, site_url: str) -> str:
    """Make the page's HTML work from the embed's path and inside another site.

    * ``<a href>``: relative links and in-page anchors become absolute URLs on the guide;
      every link opens in a new tab with ``rel="noopener"``. Links with a scheme other than
      http(s), mailto or tel lose their ``href``.
    * ``src``/``srcset``/``poster`` that point into the site are made relative to the embed.
    """
    page_abs = urljoin(site_root(site_url), page_url)
    here = embed_url(page_url)

    def fix_tag(match: re.Match) -> str:
        name = match.group("name").lower()
        attrs = match.group("attrs")
        if name == "a":
            return "<a" + _fix_anchor(attrs, page_abs) + ">"
        if "src" not in attrs and "poster" not in attrs:  # nothing to move
            return match.group(0)
        return f"<{match.group('name')}" + _fix_resources(attrs, page_url, here) + ">"

    return _TAG.sub(fix_tag, content)


def _fix_anchor(attrs: str, page_abs: str) -> str:
    pairs = [(m.group("name"), unescape(m.group("value"))) for m in _ATTR.finditer(attrs)]
    rest = _ATTR.sub("", attrs).strip().rstrip("/").strip()  # attributes without quotes, kept
    names = [n.lower() for n, _ in pairs]
    if "href" not in names:
        return attrs  # a named anchor, not a link
    out: list[tuple[str, str]] = []
    for name, value in pairs:
        low = name.lower()
        if low == "href":
            target = _absolute(value, page_abs)
            if target is None:
                return "".join(f' {n}="{escape(v)}"' for n, v in pairs
                               if n.lower() not in ("href", "target")) + (f" {rest}" if rest else "")
            out.append((name, target))
        elif low != "target" and low != "rel":
            out.append((name, value))
    rel = next((v for n, v in pairs if n.lower() == "rel"), "").split()
    out += [("target", "_blank"), ("rel", " ".join(rel + [r for r in ("noopener",) if r not in rel]))]
    return "".join(f' {n}="{escape(v)}"' for n, v in out) + (f" {rest}" if rest else "")


@functools.lru_cache(maxsize=4096)  # the same links recur on every page (nav, footnotes, sources)
def _absolute(href: str, page_abs: str) -> str | None:
    """The absolute URL for a link on the page, or None for a scheme we do not keep."""
    href = href.strip()
    scheme = urlsplit(href).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if scheme in ("mailto", "tel"):
        return href
    return urljoin(page_abs, href)


def _fix_resources(attrs: str, page_url: str, here: str) -> str:
    def fix(match: re.Match) -> str:
        name = match.group("name").lower()
        value = unescape(match.group("value"))
        if name in _RESOURCE_ATTRS:
            value = _move(value, page_url, here)
        elif name == "srcset":
            parts = []
            for item in value.split(","):
                bits = item.strip().split(None, 1)
                if bits:
                    bits[0] = _move(bits[0], page_url, here)
                    parts.append(" ".join(bits))
            value = ", ".join(parts)
        else:
            return match.group(0)
        return f'{match.group("lead")}{match.group("name")}="{escape(value)}"'

    return _ATTR.sub(fix, attrs)


def _move(link: str, page_url: str, here: str) -> str:
    """A resource link written for ``page_url``, rewritten for the embed at ``here``."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("#", "/")) or not link:
        return link
    moved = relative_url(here, site_path(page_url, parts.path))
    return moved + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def page_assets(output: str, page_url: str) -> tuple[list[str], list[str], str]:
    """The site-relative stylesheets, scripts and icon that the full page loads, in order.

    Third-party addresses are left out (the site has none), and so is Material's bundle.
    """
    styles, scripts, icon = [], [], ""
    for tag in _ICON.findall(output)[:1]:
        href = _HREF.search(tag)
        if href and not _is_foreign(href.group("href")):
            icon = site_path(page_url, unescape(href.group("href")))
    for tag in _STYLESHEET.findall(output):
        href = _HREF.search(tag)
        if href and not _is_foreign(href.group("href")):
            styles.append(site_path(page_url, unescape(href.group("href"))))
    for match in _SCRIPT_SRC.finditer(output):
        src = unescape(match.group("src"))
        if _is_foreign(src):
            continue
        path = site_path(page_url, src)
        if not SKIPPED_SCRIPTS.search(path):
            scripts.append(path)
    return _unique(styles), _unique(scripts), icon


def _is_foreign(link: str) -> bool:
    parts = urlsplit(link)
    return bool(parts.scheme or parts.netloc)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(frozen=True)
class EmbedPage:
    title: str
    page_url: str  # site-relative, e.g. choose/platform/
    content: str  # the page's rendered HTML
    meta: dict
    site_url: str
    site_name: str
    stylesheets: tuple[str, ...] = ()  # site-relative
    scripts: tuple[str, ...] = ()  # site-relative
    icon: str = ""  # site-relative; without one, browsers ask for /favicon.ico
    language: str = "en"


def render_page(page: EmbedPage) -> str:
    """The complete embed page, through ``templates/embed.html`` (autoescaped)."""
    here = embed_url(page.page_url)
    root = site_root(page.site_url)
    content = page.content
    if 'class="ogt-review"' not in content:
        from guide.html import insert_after_title

        content = insert_after_title(content, frontmatter.review_line_html(page.meta))
    reviewed = page.meta.get("reviewed")
    scripts = [s for s in page.scripts if s != FRAME_SCRIPT] + [FRAME_SCRIPT]
    styles = [s for s in page.stylesheets if s != STYLES] + [STYLES]
    return render.template(
        "embed.html",
        language=page.language if page.language != "en" else i18n.current(),
        title=page.title,
        site_name=page.site_name,
        site_abs=root,
        page_abs=urljoin(root, page.page_url),
        crisis_abs=urljoin(root, CRISIS_PAGE),
        content=rewrite_links(content, page.page_url, page.site_url),
        stylesheets=[relative_url(here, s) for s in styles],
        scripts=[relative_url(here, s) for s in scripts],
        icon=relative_url(here, page.icon) if page.icon else "",
        reviewed=reviewed.isoformat() if isinstance(reviewed, dt.date) else "",
        reviewed_human=_human(reviewed) if isinstance(reviewed, dt.date) else "",
    )


def _human(date: dt.date) -> str:
    return i18n.human_date(date)


def embed_for(build: "Build", src: str, content: str, output: str) -> tuple[str, str] | None:
    """(file to write, HTML) for the page ``src`` of this build, or None if it has no embed."""
    page = build.pages.get(src)
    if page is None or not is_embeddable(page):
        return None
    styles, scripts, icon = page_assets(output, page.url)
    html = render_page(EmbedPage(
        title=page.title, page_url=page.url, content=content, meta=page.source.meta,
        site_url=build.site_url, site_name=build.site_name,
        stylesheets=tuple(styles), scripts=tuple(scripts), icon=icon))
    return embed_file(page.url), html


# -- the snippet and the catalogue ------------------------------------------------------------

def snippet(name: str, title: str, site_url: str, site_name: str) -> str:
    """The two lines a clinic pastes: a div holding a plain link, and the loader script."""
    root = site_root(site_url)
    page_abs = urljoin(root, name + "/")
    link_text = f"{title} ({site_name})"
    return (f'<div data-ogt-embed="{escape(name)}"><a href="{escape(page_abs)}">{escape(link_text)}</a></div>\n'
            f'<script src="{escape(urljoin(root, LOADER))}" async referrerpolicy="no-referrer"></script>')


def check_catalogue(build: "Build", page: "Page", marker: "Marker") -> list[Problem]:
    problems = []
    if marker.arg:
        problems.append(Problem(page.source.path, marker.line, f"'guide:{marker.name}' takes no argument",
                                f"write '<!-- guide:{marker.name} -->'"))
    if not build.site_url or urlsplit(build.site_url).scheme not in ("http", "https"):
        problems.append(Problem("mkdocs.yml", None,
                                "site_url is not set to an http(s) address; the embed snippets need it",
                                "set site_url to the guide's public address, e.g. https://example.org/guide/"))
    for other in embeddable(build):
        if not other.url.endswith("/") or other.url.endswith(".html"):
            problems.append(Problem(other.source.path, None,
                                    f"the page's URL '{other.url}' is not a folder; embeds need folder URLs",
                                    "keep use_directory_urls: true in mkdocs.yml"))
        elif not NAME.match(name_for(other.url)):
            problems.append(Problem(other.source.path, None,
                                    f"the page's address '{name_for(other.url)}' cannot be embedded",
                                    "name the file with lowercase letters, digits, '-' or '_' only"))
    return problems


def render_catalogue(build: "Build", page: "Page", marker: "Marker") -> str:
    items = []
    for other in embeddable(build):
        name = name_for(other.url)
        items.append({
            "id": "embed-" + re.sub(r"[^a-z0-9]+", "-", name).strip("-"),
            "name": name,
            "title": other.title,
            "description": str(other.source.meta.get("description") or ""),
            "snippet": snippet(name, other.title, build.site_url, build.site_name),
            "page": relative_url(page.url, other.url),
            "preview": relative_url(page.url, embed_url(other.url)),
        })
    # The catalogue's style and copy script load only on the page that shows it.
    return "\n" + render.template("embed-catalogue.html", items=items,
                                  stylesheet=relative_url(page.url, STYLES),
                                  script=relative_url(page.url, COPY_SCRIPT)) + "\n"
