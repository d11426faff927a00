"""Embed views: every article as a small page that a clinic can show in an iframe.

For a page at ``choose/platform/`` the build writes ``embed/choose/platform/index.html``. It is
made from the page's rendered HTML (checklists included), never kept by hand, and carries:

* a "Skip past this embedded guide" link as the first tab stop;
* the content without permalinks, with every link rewritten to an absolute URL on the guide that
  opens in a new tab (in-page anchors such as footnotes stay in the frame), and every image or
  media source rewritten so it still loads from the embed's own path;
* a short crisis-help line, the attribution and the "Last reviewed" date;
* the page's own stylesheets and scripts (Material's CSS, ``guide.css``, the checklist assets),
  less Material's navigation bundle, plus ``assets/embed-frame.js``, which applies the clinic's
  theme and accent and tells the host page its height.

Beside it: ``summary.html`` (``data-view="summary"``, see guide/compact.py) and ``oembed.json``
(for sites that strip scripts). Each checklist gets the same at ``embed/checklists/<id>/``, and a
printable page at ``checklists/<id>/`` (the PARTS table says which parts get embeds of their own).

The clinics page lists every embed with a copy-ready snippet through the marker
``<!-- guide:embed-catalogue -->``, and offers a builder through ``<!-- guide:embed-builder -->``.
The build gives this module plain data (:class:`Article`); nothing here imports MkDocs or the
build (guide/site.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urljoin, urlsplit

from markupsafe import escape

from guide import compact, frontmatter, i18n, markup, render
from guide.errors import Problem, raise_if_any
from guide.urls import relative_url

EMBED_DIR = "embed"
CRISIS_PAGE = "get-help-now/"
FRAME_SCRIPT = "assets/embed-frame.js"
STYLES = "assets/embed.css"  # the embed views' layout
CATALOGUE_STYLES = "assets/embed-catalogue.css"  # the clinics page's catalogue and builder
COPY_SCRIPT = "assets/embed-copy.js"  # the catalogue's copy buttons
LOADER = "embed.js"
CATALOGUE_MARKER = "embed-catalogue"
BUILDER_MARKER = "embed-builder"
BUILDER_SCRIPT = "assets/embed-builder.js"
# The views a clinic can choose with data-view; each is a file in the embed's folder.
VIEWS = {"full": "index.html", "summary": "summary.html"}
# The parts of a page that have embed views of their own. kind: (folder of their names, the
# attribute that marks the part's one element in the page's HTML; its value is the part's id).
# Another part, such as the decision aid wrapped in one element, is one more line here (and its
# title in Build.part_title).
PARTS = {
    "checklist": ("checklists", "data-ogt-checklist"),
}
CHECKLIST_PREFIX = PARTS["checklist"][0]  # a checklist on its own: embed/checklists/<id>/
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

@dataclass(frozen=True)
class Article:
    """What the embeds need to know of one page: plain data, given by the build."""

    src: str  # docs-relative, e.g. choose/platform.md
    url: str  # site-relative, e.g. choose/platform/
    title: str
    description: str = ""
    meta: dict = field(default_factory=dict, hash=False, compare=False)
    lists_embeds: bool = False  # the page holds the embed catalogue: no embed of it (no iframe loops)
    parts: tuple[tuple[str, str, str], ...] = ()  # (kind, id, title) of each part with its own embed
    path: str = ""  # as shown in messages, e.g. docs/choose/platform.md


@dataclass(frozen=True)
class Standalone:
    """A part of a page that has an embed view of its own (see PARTS)."""

    kind: str  # a key of PARTS, e.g. "checklist"
    id: str  # e.g. the checklist's id; its name is checklists/<id>
    title: str
    article: Article  # the page it sits on

    @property
    def name(self) -> str:
        return f"{PARTS[self.kind][0]}/{self.id}"

    @property
    def fragment(self) -> str:
        return f"ogt-{self.id}"  # the part's id on the full page


def is_embeddable(article: Article) -> bool:
    """Every article with a URL of its own, except a page that lists embeds (no iframe loops)."""
    return bool(name_for(article.url)) and not article.lists_embeds


def embeddable(articles: list[Article], nav_order: list[str]) -> list[Article]:
    """The pages that get an embed view, in the order of the site's navigation."""
    order = {src: i for i, src in enumerate(nav_order)}
    pages = [a for a in articles if is_embeddable(a)]
    return sorted(pages, key=lambda a: (order.get(a.src, len(order)), a.src))


def standalones(articles: list[Article], nav_order: list[str]) -> list[Standalone]:
    """Every part (checklist) of an embeddable page, as its own embed, in page order."""
    return [Standalone(kind, pid, title, a) for a in embeddable(articles, nav_order)
            for kind, pid, title in a.parts if kind in PARTS]


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

def trim(content: str) -> str:
    """The page's HTML without what only the full site needs: the "¶" permalinks after headings
    (in a frame they would be tab stops that lead nowhere useful)."""
    if "headerlink" not in content:
        return content
    return markup.join(markup.drop(markup.tokens(content),
                                   lambda t: t.tag == "a" and "headerlink" in t.classes()))


def rewrite_links(content: str, page_url: str, site_url: str, *, here: str = "") -> str:
    """Make the page's HTML work from the embed's path and inside another site.

    * ``<a href>``: relative links become absolute URLs on the guide, and open in a new tab with
      ``rel="noopener"``. In-page anchors (``#fn:key``, footnote numbers and their back-links)
      stay as they are, so they move within the frame. Links with a scheme other than
      http(s), mailto or tel lose their ``href``.
    * ``src``/``srcset``/``poster`` that point into the site are made relative to the embed.
    """
    page_abs = urljoin(site_root(site_url), page_url)
    here = here or embed_url(page_url)

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
    href = next(v for n, v in pairs if n.lower() == "href").strip()
    if href.startswith("#") and len(href) > 1:  # footnotes, back-links, the skip link: stay in the frame
        return "".join(f' {n}="{escape(v)}"' for n, v in pairs
                       if n.lower() not in ("target",)) + (f" {rest}" if rest else "")
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
    description: str = ""  # the summary view's "In short" box when the page has none
    name: str = ""  # the embed's name; default: the page's (a checklist's is checklists/<id>)
    fragment: str = ""  # where on the full page the embed's part is, e.g. the checklist's id
    crisis_lines: str = ""  # guide.crisis.render_embed_line: each country's lines, for data-region


def render_page(page: EmbedPage, view: str = "full") -> str:
    """The complete embed page, through ``templates/embed.html`` (autoescaped). ``view`` is
    "full" (the whole page), "summary" (see guide/compact.py) or "handout" (a checklist's
    printable page at checklists/<id>/: a page of its own, not made for a frame)."""
    name = page.name or name_for(page.page_url)
    here = f"{name}/" if view == "handout" else f"{EMBED_DIR}/{name}/"
    root = site_root(page.site_url)
    content = page.content
    if 'class="ogt-review"' not in content:
        from guide.html import insert_after_title

        content = insert_after_title(content, frontmatter.review_line_html(page.meta))
    content = trim(content)
    if view == "summary" and not page.fragment:
        content = compact.summary(content, page.description)
    reviewed = page.meta.get("reviewed")
    scripts = [s for s in page.scripts if s != FRAME_SCRIPT] + ([] if view == "handout" else [FRAME_SCRIPT])
    styles = [s for s in page.stylesheets if s != STYLES] + [STYLES]
    page_abs = urljoin(root, page.page_url)
    return render.template(
        "embed.html",
        # oEmbed discovery: a CMS given this view's address (WordPress) finds the plain iframe here.
        oembed_abs=urljoin(root, f"{here}{OEMBED}") if view != "handout" else "",
        language=page.language if page.language != "en" else i18n.current(),
        title=page.title,
        site_name=page.site_name,
        site_abs=root,
        page_abs=page_abs + (f"#{page.fragment}" if page.fragment else ""),
        view=view,
        crisis_abs=urljoin(root, CRISIS_PAGE),
        content=rewrite_links(content, page.page_url, page.site_url, here=here),
        stylesheets=[relative_url(here, s) for s in styles],
        scripts=[relative_url(here, s) for s in scripts],
        icon=relative_url(here, page.icon) if page.icon else "",
        reviewed=reviewed.isoformat() if isinstance(reviewed, dt.date) else "",
        reviewed_human=_human(reviewed) if isinstance(reviewed, dt.date) else "",
        crisis_lines=page.crisis_lines,
    )


def _human(date: dt.date) -> str:
    return i18n.human_date(date)


def embeds_for(article: Article, content: str, output: str, *, site_url: str, site_name: str,
               crisis_lines: str = "") -> list[tuple[str, str]]:
    """(file to write, HTML) for every embed view of one page: the page in each view, and each
    of its checklists on its own. Empty for a page that has no embed."""
    if not is_embeddable(article):
        return []
    styles, scripts, icon = page_assets(output, article.url)
    content = trim(content)  # once for every view (render_page then finds no permalink to drop)
    base = EmbedPage(title=article.title, page_url=article.url, content=content, meta=article.meta,
                     site_url=site_url, site_name=site_name, stylesheets=tuple(styles),
                     scripts=tuple(scripts), icon=icon, description=article.description,
                     crisis_lines=crisis_lines)
    made = [(f"{embed_url(article.url)}{file}", render_page(base, view)) for view, file in VIEWS.items()]
    if site_url:
        made.append((f"{embed_url(article.url)}{OEMBED}",
                     oembed(name_for(article.url), article.title, site_url, site_name)))
    head = None
    for kind, pid, title in article.parts:
        if kind not in PARTS:
            continue
        one = Standalone(kind, pid, title, article)
        element = compact.find_part(content, PARTS[kind][1], pid)
        if not element:
            continue
        if head is None:  # the title and review dates: the same for every part
            head = compact.head(content)
        part = dataclasses.replace(base, content=head + element, name=one.name,
                                   fragment=one.fragment)
        html = render_page(part, "full")
        made += [(f"{EMBED_DIR}/{part.name}/{file}", html) for file in VIEWS.values()]
        made.append((f"{part.name}/index.html", render_page(part, "handout")))  # printable, not framed
        if site_url:
            made.append((f"{EMBED_DIR}/{part.name}/{OEMBED}", oembed(
                part.name, title, site_url, site_name, page_url=f"{article.url}#{one.fragment}")))
    return made


NAMES_PLACEHOLDER = "var NAMES = null;"


def bake_names(loader: str, known: list[str], shown: str = "overrides/embed.js") -> str:
    """The loader's text with every embeddable name in it, so a mistyped name gets a warning
    that names the nearest real one, with no extra request."""
    if loader.count(NAMES_PLACEHOLDER) != 1:
        raise_if_any([Problem(shown, None, f"the loader must hold '{NAMES_PLACEHOLDER}' once",
                              f"put the line '{NAMES_PLACEHOLDER}' back into {shown}")])
    names_js = json.dumps([n for n in known if NAME.match(n)], separators=(",", ":"))
    return loader.replace(NAMES_PLACEHOLDER, f"var NAMES = {names_js};")


# -- routes for sites that strip scripts: a plain iframe, and oEmbed -------------------------

OEMBED = "oembed.json"
IFRAME_HEIGHT = 800  # px: about one phone screen of the summary view
SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals"


def iframe_snippet(name: str, title: str, site_url: str, site_name: str, *, page_url: str = "") -> str:
    """For a site that keeps iframes but strips scripts: the summary view at a fixed height (it
    scrolls inside), and a "show more" link to the full page under it."""
    root = site_root(site_url)
    src = urljoin(root, f"{EMBED_DIR}/{name}/{VIEWS['summary']}")
    page_abs = urljoin(root, page_url or name + "/")
    return (f'<iframe src="{escape(src)}" title="{escape(title)} ({escape(site_name)})" width="100%" '
            f'height="{IFRAME_HEIGHT}" loading="lazy" referrerpolicy="no-referrer" sandbox="{SANDBOX}"></iframe>\n'
            f'<p><a href="{escape(page_abs)}">Show more: {escape(title)} ({escape(site_name)})</a></p>')


def oembed(name: str, title: str, site_url: str, site_name: str, *, page_url: str = "") -> str:
    """The oEmbed 1.0 answer for one embed, as a static JSON file ("rich": the plain iframe)."""
    return json.dumps({
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": site_name,
        "provider_url": site_root(site_url),
        "html": iframe_snippet(name, title, site_url, site_name, page_url=page_url),
        "width": 640,
        "height": IFRAME_HEIGHT,
        "cache_age": 86400,
    }, ensure_ascii=False, indent=1) + "\n"


def names(articles: list[Article], nav_order: list[str]) -> list[str]:
    """Every name a clinic can embed: the pages, then their parts (checklists)."""
    return ([name_for(a.url) for a in embeddable(articles, nav_order)]
            + [s.name for s in standalones(articles, nav_order)])


# -- the snippet and the catalogue ------------------------------------------------------------

def snippet(name: str, title: str, site_url: str, site_name: str, *, page_url: str = "",
            options: dict[str, str] | None = None) -> str:
    """The two lines a clinic pastes: a div holding a plain link, and the loader script.
    ``page_url`` is the full page the link opens (site-relative; default: the name's page);
    ``options`` are data- attributes (view, theme, accent), already checked."""
    root = site_root(site_url)
    page_abs = urljoin(root, page_url or name + "/")
    link_text = f"{title} ({site_name})"
    extra = "".join(f' data-{k}="{escape(v)}"' for k, v in (options or {}).items())
    return (f'<div data-ogt-embed="{escape(name)}" data-region=""{extra}><a href="{escape(page_abs)}">{escape(link_text)}</a></div>\n'
            f'<script src="{escape(urljoin(root, LOADER))}" async referrerpolicy="no-referrer"></script>')


def check_catalogue(articles: list[Article], nav_order: list[str], site_url: str,
                    shown: str, line: int | None, arg: str, marker: str = CATALOGUE_MARKER) -> list[Problem]:
    problems = []
    if arg:
        problems.append(Problem(shown, line, f"'guide:{marker}' takes no argument", f"write '<!-- guide:{marker} -->'"))
    if not site_url or urlsplit(site_url).scheme not in ("http", "https"):
        problems.append(Problem("mkdocs.yml", None,
                                "site_url is not set to an http(s) address; the embed snippets need it",
                                "set site_url to the guide's public address, e.g. https://example.org/guide/"))
    for other in embeddable(articles, nav_order):
        if not other.url.endswith("/") or other.url.endswith(".html"):
            problems.append(Problem(other.path, None,
                                    f"the page's URL '{other.url}' is not a folder; embeds need folder URLs",
                                    "keep use_directory_urls: true in mkdocs.yml"))
        elif not NAME.match(name_for(other.url)):
            problems.append(Problem(other.path, None,
                                    f"the page's address '{name_for(other.url)}' cannot be embedded",
                                    "name the file with lowercase letters, digits, '-' or '_' only"))
        elif name_for(other.url).split("/")[0] in {folder for folder, _ in PARTS.values()}:
            folder = name_for(other.url).split("/")[0]
            problems.append(Problem(other.path, None,
                                    f"the page's address '{name_for(other.url)}' is kept for {folder} embeds",
                                    f"move the page out of a folder named '{folder}'"))
    return problems


def _item(name: str, title: str, description: str, page: str, from_url: str, site_url: str, site_name: str,
          kind: str) -> dict:
    return {
        "id": "embed-" + re.sub(r"[^a-z0-9]+", "-", name).strip("-"),
        "name": name,
        "title": title,
        "kind": kind,
        "description": description,
        "snippet": snippet(name, title, site_url, site_name, page_url=page),
        "page": relative_url(from_url, page.split("#")[0]) + (f"#{page.split('#')[1]}" if "#" in page else ""),
        "preview": relative_url(from_url, f"{EMBED_DIR}/{name}/"),
        "handout": relative_url(from_url, f"{name}/") if kind in PARTS else "",  # checklists/<id>/
    }


def catalogue_items(articles: list[Article], nav_order: list[str], site_url: str, site_name: str,
                    from_url: str) -> list[dict]:
    """One item per embeddable page, then one per checklist: what the catalogue and the builder list."""
    items = [_item(name_for(a.url), a.title, a.description, a.url, from_url, site_url, site_name, "page")
             for a in embeddable(articles, nav_order)]
    items += [_item(s.name, s.title, f"The {s.kind.replace('-', ' ')} on its own, from the page "
                    f"\u201c{s.article.title}\u201d.", f"{s.article.url}#{s.fragment}", from_url, site_url,
                    site_name, s.kind)
              for s in standalones(articles, nav_order)]
    return items


def render_catalogue(articles: list[Article], nav_order: list[str], site_url: str, site_name: str,
                     from_url: str) -> str:
    items = catalogue_items(articles, nav_order, site_url, site_name, from_url)
    # The catalogue's style and scripts load only on the page that shows it (overrides/main.html).
    return "\n" + render.template("embed-catalogue.html", items=items) + "\n"


def render_builder(articles: list[Article], nav_order: list[str], site_url: str, site_name: str,
                   from_url: str, countries: Sequence[tuple[str, str]] = ()) -> str:
    """The snippet builder: a form over the same items as the catalogue (the script shows it).
    ``countries`` are (code, name) of the crisis data's countries, for the country choice that
    sets the snippet's ``data-region`` (the first choice, "General", leaves it empty)."""
    items = catalogue_items(articles, nav_order, site_url, site_name, from_url)
    groups = [(label, [i for i in items if i["kind"] == kind])
              for kind, label in [("page", "Pages"), *[(k, k.replace("-", " ").capitalize() + "s") for k in PARTS]]]
    return "\n" + render.template("embed-builder.html", groups=[g for g in groups if g[1]],
                                  embed_base=relative_url(from_url, EMBED_DIR + "/"),
                                  frame_height=IFRAME_HEIGHT, sandbox=SANDBOX, countries=countries) + "\n"
