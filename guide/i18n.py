"""The guide in two languages: English at the site root, Spanish under ``/es/``.

Each language is its own MkDocs build with its own config and docs tree, so every hook feature
(citations, References page, checklists, embeds, review dates, ``_headers``) runs once per
language on a fresh :class:`guide.site.Build`:

=========  =================  ==========  ==========================================
language   config             docs        site
=========  =================  ==========  ==========================================
English    ``mkdocs.yml``     ``docs/``   ``site/``
Spanish    ``mkdocs.es.yml``  ``docs-es/`` ``site/es/`` (built by the English build's hook)
=========  =================  ==========  ==========================================

A Spanish page sits at the same path as its English counterpart (``docs-es/about/privacy.md``
translates ``docs/about/privacy.md``) and says so in its front matter::

    translation_of: about/privacy.md
    source_reviewed: 2026-11-28   # the English page's 'reviewed' date it was translated from

The build refuses a Spanish page whose counterpart is missing or misnamed. When the English page
is reviewed again later than ``source_reviewed``, the Spanish page shows a notice with a link to
the English page and is listed in the review summary; the build never fails for it.

Data files follow the same pattern: ``docs-es/checklists/<id>.yml`` is the Spanish text of
``docs/checklists/<id>.yml`` with the same item ids, priorities and cite keys; see
:func:`pair_checklists`. Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from guide import wording
from guide.errors import Problem

DEFAULT = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, for the switch
    config: str  # the MkDocs config file, relative to the project root
    docs: str  # the docs folder
    prefix: str  # where its pages live, relative to the site root ("" or "es/")


LANGUAGES = {
    "en": Language("en", "English", "mkdocs.yml", "docs", ""),
    "es": Language("es", "Español", "mkdocs.es.yml", "docs-es", "es/"),
}
TRANSLATION_FIELDS = ("translation_of", "source_reviewed")
EDITIONS_ENV = "GUIDE_EDITIONS"  # e.g. GUIDE_EDITIONS=en: build English only (the benchmark compares)

MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre")

_current = DEFAULT  # the language of the build that is rendering now (set by guide.site.Build)


def use(code: str) -> None:
    global _current
    _current = code if code in LANGUAGES else DEFAULT


def current() -> str:
    return _current


def t(key: str, code: str | None = None) -> str:
    """A word from guide/words/<code>.yml: "sources" (the page frame's) or "checklist.print"."""
    return wording.word(key if "." in key else f"page.{key}", code or _current)


def human_date(date: dt.date, code: str | None = None) -> str:
    """'28 November 2026' or '28 de noviembre de 2026'."""
    if (code or _current) == "es":
        return f"{date.day} de {MONTHS_ES[date.month - 1]} de {date.year}"
    return f"{date.day} {date:%B %Y}"


def language_of(theme_language: str | None) -> Language:
    return LANGUAGES.get((theme_language or DEFAULT).split("-")[0], LANGUAGES[DEFAULT])


# -- translation front matter -----------------------------------------------------------------

def editions(root: Path) -> list[Language]:
    """The languages this project has: English, and each translation whose config file exists
    (a fixture site or a fork without mkdocs.es.yml builds English only, with no switch)."""
    import os

    only = os.environ.get(EDITIONS_ENV, "").split(",") if os.environ.get(EDITIONS_ENV) else None
    return [lang for lang in LANGUAGES.values()
            if not lang.prefix or ((Path(root) / lang.config).is_file() and (only is None or lang.code in only))]


def check_translation(source, lang: str, root: Path) -> list[Problem]:
    """A Spanish page must name its English counterpart (which must exist) and the English
    ``reviewed`` date it was translated from. An English page must not carry these fields."""
    meta, path = source.meta, source.path
    at = source.meta_lines.get
    if lang == DEFAULT:
        return [Problem(path, at(name, 1), f"'{name}' is only for translated pages",
                        f"remove '{name}': English pages are the originals", field=name)
                for name in TRANSLATION_FIELDS if name in meta]
    english = LANGUAGES[DEFAULT].docs
    problems = []
    target = meta.get("translation_of")
    if not target:
        problems.append(Problem(path, 1, "the translated page does not name its English counterpart",
                                f"add 'translation_of: PATH.md' with the page's path inside {english}/, "
                                "e.g. 'translation_of: about/privacy.md'", field="translation_of"))
    elif not isinstance(target, str) or not target.endswith(".md") or ".." in Path(target).parts \
            or target.startswith("/"):
        problems.append(Problem(path, at("translation_of", 1),
                                f"'translation_of' must be a page path inside {english}/, like about/privacy.md",
                                "write the English page's path relative to the docs folder", field="translation_of"))
    elif not (root / english / target).is_file():
        problems.append(Problem(path, at("translation_of", 1),
                                f"the English counterpart {english}/{target} does not exist",
                                f"fix the path, or write the English page {english}/{target} first",
                                field="translation_of"))
    if "source_reviewed" not in meta:
        problems.append(Problem(path, 1, "the translated page has no 'source_reviewed'",
                                "add 'source_reviewed: YYYY-MM-DD': the English page's 'reviewed' date "
                                "you translated from", field="source_reviewed"))
    elif not isinstance(meta["source_reviewed"], dt.date):
        problems.append(Problem(path, at("source_reviewed", 1), "'source_reviewed' must be a date",
                                "write it as YYYY-MM-DD", field="source_reviewed"))
    return problems


def english_meta(root: Path, target: str) -> dict:
    """The English counterpart's front matter (read without MkDocs)."""
    from guide import frontmatter

    path = root / LANGUAGES[DEFAULT].docs / target
    return frontmatter.split(path.read_text(encoding="utf-8"), str(path)).meta


def stale_since(meta: dict, english: dict) -> dt.date | None:
    """The English page's newer ``reviewed`` date when the translation is older, else None."""
    source, reviewed = meta.get("source_reviewed"), english.get("reviewed")
    if isinstance(source, dt.date) and isinstance(reviewed, dt.date) and reviewed > source:
        return reviewed
    return None


def stale_notice_html(meta: dict, english: dict, href: str, lang: str = "es") -> str:
    newer = stale_since(meta, english)
    if newer is None:
        return ""
    text = t("newer", lang).format(date=human_date(newer, lang), source=human_date(meta["source_reviewed"], lang),
                                   href=escape(href))
    return f'<p class="ogt-review-overdue ogt-translation-stale" role="note">{text}</p>'


def stale_warning(path: str, meta: dict, english: dict, target: str) -> Problem | None:
    newer = stale_since(meta, english)
    if newer is None:
        return None
    return Problem(path, None, f"translation out of date: docs/{target} was reviewed on {newer}, "
                   f"this page translates the version of {meta['source_reviewed']}",
                   "update the Spanish text, then set 'source_reviewed' to the English 'reviewed' date",
                   field="source_reviewed")


# -- the language switch and the head's alternates --------------------------------------------

def counterpart_path(url: str, lang: str, to_lang: str, exists: bool) -> str:
    """The page's address in ``to_lang`` from the site root: its counterpart, or that language's
    home page when there is none."""
    if to_lang == lang:
        return LANGUAGES[lang].prefix + url
    return LANGUAGES[to_lang].prefix + (url if exists else "")


def url_of(md_path: str) -> str:
    """The directory URL MkDocs gives a page file: about/index.md -> about/, a/b.md -> a/b/."""
    stem = md_path[:-3] if md_path.endswith(".md") else md_path
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative_to_page(url: str, lang: str, target: str) -> str:
    """``target`` (from the site root) as a link from the page ``url`` of language ``lang``."""
    depth = (LANGUAGES[lang].prefix + url).count("/")
    return ("../" * depth + target) or "./"


_ALT_HEAD = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="(?P<lang>[a-z-]+)">')
_ALT_MENU = re.compile(r'<a href="[^"]*" hreflang="(?P<lang>[a-z-]+)" class="md-select__link">')


def fix_alternates(output: str, url: str, lang: str, other_exists: bool, lang_site_url: str) -> str:
    """Point the theme's language menu (``extra.alternate`` in mkdocs.yml) and the head's hreflang
    links at this page's counterpart. The menu links are relative, so they work in previews and
    on any host; the head links are full addresses (search engines want them), with ``x-default``
    for English. A page with no counterpart points to the other language's home page."""
    from urllib.parse import urljoin

    own = LANGUAGES[lang].prefix
    root = lang_site_url[: -len(own)] if own and lang_site_url.endswith(own) else lang_site_url

    def target(code: str) -> str | None:
        return counterpart_path(url, lang, code, other_exists) if code in LANGUAGES else None

    def head(match: re.Match) -> str:
        code = match.group("lang")
        path = target(code)
        if path is None or not root:
            return match.group(0)
        if code != lang and not other_exists:
            return ""  # hreflang names equivalent pages only: a home page is not one
        return f'<link rel="alternate" href="{escape(urljoin(root, path))}" hreflang="{match.group("lang")}">'

    def menu(match: re.Match) -> str:
        path = target(match.group("lang"))
        if path is None:
            return match.group(0)
        href = relative_to_page(url, lang, path)
        return f'<a href="{escape(href)}" hreflang="{match.group("lang")}" class="md-select__link">'

    # The head's links stay as the theme writes them: each language's home page, relative. The
    # theme's script fetches sitemap.xml next to every <link rel="alternate"> it finds, so a
    # page-level link there would fetch a sitemap that does not exist (or, written as a full
    # address, one from another origin). Page-level hreflang pairs are in sitemap.xml instead
    # (merge_sitemaps), where search engines and the theme's language menu both read them.
    return _ALT_MENU.sub(menu, output)


def switch_html(url: str, lang: str, other_exists: bool) -> str:
    """A plain link under the title to the same page in the other language (works without JS)."""
    other = "es" if lang == DEFAULT else DEFAULT
    href = relative_to_page(url, lang, counterpart_path(url, lang, other, other_exists))
    return (f'<p class="ogt-lang-switch"><a href="{escape(href)}" hreflang="{other}" lang="{other}">'
            f'{escape(t("switch", lang))}</a></p>')


# -- the sitemap ------------------------------------------------------------------------------

def merge_sitemaps(site_dir: Path, sub: str) -> None:
    """Add the URLs of ``site_dir/sub/sitemap.xml`` to the root sitemap (and its .gz), and give
    every page that exists in both languages its hreflang pair (``xhtml:link``), which search
    engines read and the theme's language menu uses to find the counterpart."""
    import gzip

    root, child = site_dir / "sitemap.xml", site_dir / sub / "sitemap.xml"
    if not root.is_file() or not child.is_file():
        return
    text, extra = root.read_text(encoding="utf-8"), child.read_text(encoding="utf-8")
    own = re.findall(r"<url>.*?</url>", text, re.DOTALL)
    other = re.findall(r"<url>.*?</url>", extra, re.DOTALL)
    loc = re.compile(r"<loc>([^<]*)</loc>")
    theirs = {loc.search(u).group(1): u for u in other if loc.search(u)}
    sub_code = next((c for c, lang in LANGUAGES.items() if lang.prefix == sub + "/"), sub)
    pairs = {}
    for u in own:
        found = loc.search(u)
        if not found:
            continue
        address = found.group(1)
        site_root = address  # the translation's address is the same path under sub/
        for candidate in theirs:
            if candidate.endswith(sub + "/") and address.endswith("/") and candidate[: -len(sub) - 1] == address:
                pairs[address] = candidate  # the two home pages
        rest = [c for c in theirs if c.replace(f"/{sub}/", "/", 1) == site_root]
        if rest:
            pairs[address] = rest[0]

    def with_links(entry: str, en: str, es: str) -> str:
        links = (f'<xhtml:link rel="alternate" hreflang="{DEFAULT}" href="{en}"/>'
                 f'<xhtml:link rel="alternate" hreflang="{sub_code}" href="{es}"/>'
                 f'<xhtml:link rel="alternate" hreflang="x-default" href="{en}"/>')
        return entry.replace("</url>", links + "</url>", 1)

    by_es = {es: en for en, es in pairs.items()}
    merged = [with_links(u, loc.search(u).group(1), pairs[loc.search(u).group(1)])
              if loc.search(u) and loc.search(u).group(1) in pairs else u for u in own]
    merged += [with_links(u, by_es[loc.search(u).group(1)], loc.search(u).group(1))
               if loc.search(u) and loc.search(u).group(1) in by_es else u for u in other]
    head = text[: text.index("<url>")] if "<url>" in text else text[: text.index("</urlset>")]
    if "xmlns:xhtml" not in head:
        head = head.replace("<urlset ", '<urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" ', 1)
    text = head + "\n".join(merged) + "\n</urlset>\n"
    root.write_text(text, encoding="utf-8")
    with gzip.GzipFile(str(site_dir / "sitemap.xml.gz"), "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


# -- data files in two languages ---------------------------------------------------------------

def english_outline(folder: Path) -> dict[str, tuple[str, dict[str, tuple[Any, list[str]]]]]:
    """What a translation must match in each English checklist: its version, and each item's
    priority and cite keys, by item id. A file that does not read is left out (the English build
    reports it)."""
    from guide import yamldata

    out = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        data, _, problems = yamldata.read(path.read_text(encoding="utf-8"), str(path), empty_fix="", nesting_fix="")
        if problems or not isinstance(data, dict):
            continue
        items = {}
        for section in data.get("sections") or []:
            for item in (section or {}).get("items") or [] if isinstance(section, dict) else []:
                if isinstance(item, dict) and "id" in item:
                    items[str(item["id"])] = (item.get("priority"), sorted(item.get("cite") or []))
        out[path.stem] = (str(data.get("version")), items)
    return out


_ITEM_ID = re.compile(r"^[ \t]*-[ \t]*id:[ \t]*['\"]?(?P<id>[\w-]+)", re.MULTILINE)


def item_lines(text: str) -> dict[str, int]:
    """Item id -> line of its '- id:' in a checklist file (sections have no ids)."""
    return {m.group("id"): text.count("\n", 0, m.start()) + 1 for m in _ITEM_ID.finditer(text)}


def pair_checklists(english: dict[str, tuple[str, dict[str, tuple[Any, list[str]]]]],
                    translated: dict[str, Any], shown: str, lines: dict[str, dict[str, int]],
                    english_shown: str = "docs/checklists") -> list[Problem]:
    """Each translated checklist must have the English checklist's items (same ids, priorities and
    cite keys) and no others; every English checklist needs its translation. ``translated`` maps
    checklist id -> Checklist (None when it failed to load: then nothing more is compared);
    ``lines`` maps checklist id -> item id -> line in the translated file."""
    problems = []
    for cid in sorted(set(english) | set(translated)):
        file = f"{shown}/{cid}.yml"
        if cid not in translated:
            problems.append(Problem(file, None, f"checklist '{cid}' has no translation",
                                    f"copy {english_shown}/{cid}.yml to {file} and translate every text, "
                                    "keeping the ids", field="id"))
            continue
        if cid not in english:
            problems.append(Problem(file, 1, f"checklist '{cid}' has no English original",
                                    f"add {english_shown}/{cid}.yml first, or remove {file}", field="id"))
            continue
        version, en_items = english[cid]
        checklist = translated[cid]
        if checklist is None:
            continue
        es_items = {i.id: i for i in checklist.items}
        where = lines.get(cid, {})
        for item_id in en_items:
            if item_id not in es_items:
                problems.append(Problem(file, None,
                                        f"item '{item_id}' is in {english_shown}/{cid}.yml but not translated here",
                                        f"add an item with 'id: {item_id}' and its translated text", field=item_id))
        for item_id, item in es_items.items():
            line = where.get(item_id)
            if item_id not in en_items:
                problems.append(Problem(file, line, f"item '{item_id}' is not in {english_shown}/{cid}.yml",
                                        "use the English item ids; remove or rename this one", field=item_id))
                continue
            priority, keys = en_items[item_id]
            if item.priority != priority:
                problems.append(Problem(file, line, f"item '{item_id}' has priority '{item.priority}'; the "
                                        f"English has '{priority}'", "use the English priority", field=item_id))
            if sorted(item.cite_keys) != keys:
                problems.append(Problem(file, line, f"item '{item_id}' cites {sorted(item.cite_keys)}; the "
                                        f"English cites {keys}", "cite the same sources as the English",
                                        field=item_id))
        if str(checklist.version) != version:
            problems.append(Problem(file, None, f"version {checklist.version} differs from the English {version}",
                                    "use the English checklist's version", field="version"))
    return problems


def same_language(entry, lang: str) -> bool:
    """Whether a references.bib entry is written in ``lang``: its ``langid`` or ``language`` field,
    English when neither is set. Spanish pages mark the others "(en inglés)"."""
    fields = getattr(entry, "fields", {}) or {}
    said = str(fields.get("langid") or fields.get("language") or "english").strip("{} ").lower()
    names = {"en": ("english", "en", "american", "british"), "es": ("spanish", "es", "español", "espanol")}
    return said in names.get(lang, (lang,))


def translated_texts(root: Path) -> tuple[list[tuple[str, str, str, int]], list[tuple[str, str, str]]]:
    """The translations' pages and checklists for the English build's evidence checks, named
    ``es/<path>`` (so evidence.yml's ``backs`` can name ``es/get-help-now.md``)."""
    from guide import frontmatter

    pages, lists = [], []
    for language in LANGUAGES.values():
        folder = root / language.docs
        if not language.prefix or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            rel = path.relative_to(folder).as_posix()
            if rel.startswith("checklists/") or rel.startswith("snippets/"):
                continue
            shown = f"{language.docs}/{rel}"
            source = frontmatter.split(path.read_text(encoding="utf-8"), shown)
            pages.append((language.prefix + rel, shown, source.body, source.body_line))
        for path in sorted((folder / "checklists").glob("*.yml")):
            lists.append((f"{language.prefix}checklists/{path.name}", f"{language.docs}/checklists/{path.name}",
                          path.read_text(encoding="utf-8")))
    return pages, lists


# -- any data file in two languages (decision aid, crisis lines) -------------------------------

TEXT_FIELDS = frozenset({"name", "title", "intro", "text", "help", "reason", "for", "hours", "cost", "note",
                         "languages", "question", "label", "summary", "description"})


def _key(entry: Any, keys: tuple[str, ...]) -> tuple[str, Any] | None:
    """('id', 'travel') for an entry of a list matched by key, or None."""
    return next(((k, entry[k]) for k in keys if isinstance(entry, dict) and k in entry), None)


def _by_key(english: list, translated: list, keys: tuple[str, ...]):
    """Two lists of entries matched by their ``id`` (or another of ``keys``): each English entry
    with the position of its translation (None when the translation lacks it), and (position,
    key) for each translated entry the English lacks."""
    theirs = {_key(x, keys): i for i, x in enumerate(translated) if _key(x, keys) is not None}
    ours = {_key(x, keys) for x in english}
    pairs = [(entry, theirs.get(_key(entry, keys))) for entry in english]
    extra = [(i, _key(x, keys)) for i, x in enumerate(translated) if _key(x, keys) not in ours]
    return pairs, extra


def pair_data(english: Any, translated: Any, shown: str, lines, english_shown: str,
              text_fields: frozenset[str] = TEXT_FIELDS) -> list[Problem]:
    """The same data in two languages, read by :func:`guide.yamldata.read` (``lines`` is the
    translated file's line index). Lists of mappings with an ``id`` are matched by id: an id the
    translation lacks or adds is a problem naming the file, the line and the id. Every other field
    that is not text (numbers, links, cite keys, priorities, fits) must be equal, and a changed one
    is named by its entries' ids ('things.travel.fits.online-group.fit'); text fields in
    ``text_fields`` are the translation's own. The decision aid uses this
    (:func:`guide.decision_aid.pair_translation`); the crisis lines, whose translation holds only
    words, use :func:`overlay`."""
    problems: list[Problem] = []

    def walk(en: Any, tr: Any, path: tuple, name: tuple) -> None:
        # path: positions, for the line; name: the same with each entry's id, for the message
        where = lines.of(path) if lines is not None else None
        label = ".".join(str(p) for p in name) or "(top)"
        if isinstance(en, dict) and isinstance(tr, dict):
            for key in en:
                if key not in tr:
                    problems.append(Problem(shown, where, f"'{label}' has no '{key}' (the English has it)",
                                            f"add '{key}' as in {english_shown}", field=key))
            for key in tr:
                if key not in en:
                    problems.append(Problem(shown, lines.of(path + (key,)) if lines is not None else None,
                                            f"'{key}' is not in {english_shown}", "remove it, or add it to the English first",
                                            field=key))
                elif key not in text_fields:
                    walk(en[key], tr[key], path + (key,), name + (key,))
            return
        if isinstance(en, list) and isinstance(tr, list) and all(isinstance(x, dict) and "id" in x for x in en + tr):
            pairs, extra = _by_key(en, tr, ("id",))
            for item, i in pairs:
                if i is None:
                    problems.append(Problem(shown, where, f"id '{item['id']}' is in {english_shown} but not translated "
                                            f"here", f"add an entry with 'id: {item['id']}' and its translated text",
                                            field=item["id"]))
                else:
                    walk(item, tr[i], path + (i,), name + (item["id"],))
            for i, (_, item_id) in extra:
                problems.append(Problem(shown, lines.of(path + (i,)) if lines is not None else None,
                                        f"id '{item_id}' is not in {english_shown}",
                                        "use the English ids; remove or rename this one", field=item_id))
            return
        if en != tr:
            problems.append(Problem(shown, where, f"'{label}' is {tr!r}; the English has {en!r}",
                                    "only text is translated: copy this value from the English", field=label))

    walk(english, translated, (), ())
    return problems


# -- words over facts: a translation that carries only text (crisis lines) ----------------------

def overlay(english: Any, words: Any, shown: str, lines, english_shown: str,
            text_fields: frozenset[str] = TEXT_FIELDS, keys: tuple[str, ...] = ("id", "code")
            ) -> tuple[Any, list[Problem]]:
    """The English data with a translation's words laid over it. ``words`` (read by
    :func:`guide.yamldata.read`; ``lines`` is its line index) has the English file's shape but
    only its text: lists of mappings are matched by ``id`` or ``code``, other lists by position.
    Facts (numbers, links, dates, sources) have one home, the English file: one written here is a
    problem, and so is an entry or a text the translation lacks. Returns (merged data, problems);
    the merged data is ``None`` when there is a problem."""
    problems: list[Problem] = []

    def at(path: tuple) -> int | None:
        return lines.of(path) if lines is not None else None

    def walk(en: Any, tr: Any, path: tuple) -> Any:
        label = ".".join(str(p) for p in path) or "(top)"
        if isinstance(en, dict):
            if not isinstance(tr, dict):
                problems.append(Problem(shown, at(path), f"'{label}' should be a set of 'name: text' fields, as in "
                                        f"{english_shown}", f"write the words under '{label}' as the English does"))
                return en
            out = dict(en)
            for key, value in tr.items():
                if key not in en:
                    problems.append(Problem(shown, at(path + (key,)), f"'{key}' is not in {english_shown}",
                                            "remove it, or add it to the English first", field=key))
                elif key in keys:
                    if value != en[key]:
                        problems.append(Problem(shown, at(path + (key,)), f"'{key}' is {value!r}; the English has "
                                                f"{en[key]!r}", "keep the English value", field=key))
                elif key in text_fields:
                    if type(value) is not type(en[key]) or (isinstance(value, list) and len(value) != len(en[key])):
                        problems.append(Problem(shown, at(path + (key,)), f"'{key}' should be like the English "
                                                f"{en[key]!r}", "translate the text and keep its shape", field=key))
                    else:
                        out[key] = value
                elif isinstance(en[key], (dict, list)) and _has_text(en[key], text_fields):
                    out[key] = walk(en[key], value, path + (key,))
                else:
                    problems.append(Problem(shown, at(path + (key,)), f"'{key}' is a fact, not words: it has one home, "
                                            f"{english_shown}", f"remove '{key}' here; change it in {english_shown}",
                                            field=key))
            for key, value in en.items():
                if key in text_fields and key not in tr:
                    problems.append(Problem(shown, at(path), f"'{label}' has no '{key}' (the English has "
                                            f"{value!r})", f"add '{key}' with its translation", field=key))
                elif key not in text_fields and key not in keys and key not in tr and _has_text(value, text_fields):
                    problems.append(Problem(shown, at(path), f"'{label}' has no '{key}' (the English has text there)",
                                            f"add '{key}' with the translated text, as in {english_shown}", field=key))
            return out
        if isinstance(en, list):
            if not isinstance(tr, list):
                problems.append(Problem(shown, at(path), f"'{label}' should be a list, as in {english_shown}",
                                        "write one '- ' entry for each English entry"))
                return en
            if en and all(_key(x, keys) for x in en):
                pairs, extra = _by_key(en, tr, keys)
                out = []
                for entry, i in pairs:
                    if i is None:
                        k = _key(entry, keys)
                        problems.append(Problem(shown, at(path), f"{k[0]} '{k[1]}' is in {english_shown} but not "
                                                "translated here", f"add an entry with '{k[0]}: {k[1]}' and its words",
                                                field=str(k[1])))
                    out.append(entry if i is None else walk(entry, tr[i], path + (i,)))
                for i, k in extra:
                    name = f"{k[0]} '{k[1]}'" if k else f"entry {i + 1}"
                    problems.append(Problem(shown, at(path + (i,)), f"{name} is not in {english_shown}",
                                            "use the English entries; remove or rename this one",
                                            field=str(k[1]) if k else None))
                return out
            if len(tr) != len(en):
                problems.append(Problem(shown, at(path), f"'{label}' has {len(tr)} entries; the English has {len(en)}",
                                        "translate each English entry once, in the same order"))
                return en
            return [walk(a, b, path + (i,)) for i, (a, b) in enumerate(zip(en, tr))]
        problems.append(Problem(shown, at(path), f"'{label}' is a fact, not words: it has one home, {english_shown}",
                                f"remove it here; change it in {english_shown}"))
        return en

    merged = walk(english, words, ())
    return (None if problems else merged), problems


def _has_text(value: Any, text_fields: frozenset[str]) -> bool:
    """Whether a piece of the English data holds any text to translate."""
    if isinstance(value, dict):
        return any(k in text_fields or _has_text(v, text_fields) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_text(x, text_fields) for x in value)
    return False
