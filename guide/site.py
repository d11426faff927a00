"""One build of the guide: the checks that span pages, and the page transforms.

The MkDocs hook calls, in order:

1. :meth:`Build.start` when the config is read: load and check ``references.bib``.
2. :meth:`Build.scan` once the page files are known: check every page's front matter,
   citations, markers and content rules (:func:`guide.rules.check_page`), links and anchors
   (:func:`guide.links.check`), and index which page
   cites which source. Nothing renders yet, so one run reports every problem in every file.
3. :meth:`Build.page_markdown` per page: replace markers, add the "Sources" heading, turn
   ``[@key]`` citations into footnotes (before mkdocs-bibtex, which then finds none).
4. :meth:`Build.page_html` per page: the review dates and the newest change note under the title,
   commas between grouped citation numbers, the crisis lines a printed checklist carries, then the
   sanitiser's allowlist (:mod:`guide.sanitise`) over the whole content.
5. :meth:`Build.page_output` per page: ``rel="noopener noreferrer"`` on every external link, a name for
   the search dialog.

Markers are HTML comments, ``<!-- guide:NAME ARGUMENT -->``, on a line of their own. One
pattern dispatches to one small function per name; an unknown name stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

from markupsafe import escape

from guide import (bibliography, changes, checklists, citations, crisis, decision_aid, docs_tree, embed, evidence,
                   frontmatter, headers, html, i18n, ipdas, links, pagelimits, render, rules, sanitise)
from guide.errors import Problem, raise_if_any
from guide.urls import relative_url

MARKER = re.compile(r"^[ \t]*<!--\s*guide:(?P<name>[\w-]+)(?:[ \t]+(?P<arg>[^\n]*?))?\s*-->[ \t]*$",
                    re.MULTILINE)
SOURCES_HEADING = "Sources"
FOOTNOTES_MARKER = "///Sources///"  # must match footnotes.PLACE_MARKER in mkdocs.yml


@dataclass
class Marker:
    name: str
    arg: str
    line: int


@dataclass
class Page:
    src: str  # docs-relative path, e.g. understand/formats.md
    url: str  # site-relative URL, e.g. understand/formats/
    source: frontmatter.Source
    citations: list[bibliography.Citation] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.source.meta.get("title") or self.src)


class Build:
    """State for one build. Created afresh on every (re)build."""

    def __init__(self, root: Path, docs_dir: str = "docs", bib: bibliography.Bibliography | None = None,
                 *, site_url: str = "", site_name: str = "", nav_order: list[str] | None = None,
                 lang: str = i18n.DEFAULT):
        self.root = Path(root)
        self.lang = lang  # "en", or "es" for the Spanish edition (guide.i18n)
        i18n.use(lang)
        self.stale: list[Problem] = []  # translated pages whose English page was reviewed since
        self.docs_dir = docs_dir
        self.bib = bib or bibliography.Bibliography("references.bib")
        self.site_url = site_url  # from mkdocs.yml; links to it by full address fail
        self.site_name = site_name  # from mkdocs.yml, for embeds and their snippets
        self.nav_order = nav_order or []  # the nav's Markdown files in order (embed catalogue)
        self.pages: dict[str, Page] = {}
        self.cited_on: dict[str, list[str]] = {}
        self.warnings: list[Problem] = []
        self.checklists: dict[str, checklists.Checklist | None] = {}
        self.decision_aid: decision_aid.DecisionAid | None = None  # docs/data/decision-aid.yml
        self.ipdas: dict | None = None  # docs/data/ipdas.yml, our IPDAS self-assessment
        self.drafts = rules.drafts_allowed()  # `make serve`: TODOs warn instead of failing
        self.site_code = headers.SiteCode()  # inline code of every written page, for the CSP
        self.evidence: dict[str, evidence.Record] = {}  # evidence.yml, by cite key (see Build.start)
        self.crisis: crisis.CrisisData | None = None  # docs/data/crisis.yml (guide/crisis.py)
        self.templates: set[str] | None = None  # the theme's page templates, for 'template:'
        self._crisis_embed: str | None = None  # the crisis lines every embed view carries
        self._footnotes: dict[str, str] = {}  # each source's footnote text, formatted once

    def check_docs(self, theme_dirs: list) -> None:
        """Before any page is read: docs/ holds only content (:mod:`guide.docs_tree`)."""
        self.templates = docs_tree.theme_templates(theme_dirs)
        raise_if_any(docs_tree.check(self.root, self.docs_dir, site_url=self.site_url))

    # -- step 1 -------------------------------------------------------------------------------
    @classmethod
    def start(cls, root: Path, docs_dir: str = "docs", bib_file: str = "references.bib", **site) -> "Build":
        """Load and check references.bib; ``site`` passes site_url, site_name and nav_order on."""
        bib_path = Path(root) / bib_file
        if not bib_path.is_file():
            raise_if_any([Problem(bib_file, None, "the bibliography file is missing",
                                  f"create {bib_file} at the top of the project")])
        bib = bibliography.load(str(bib_path), shown_as=bib_file)
        raise_if_any(bib.problems)
        records, problems = evidence.load(Path(root) / evidence.FILE)  # what each source found
        raise_if_any(problems or evidence.check_against_bib(records, bib))
        build = cls(Path(root), docs_dir, bib, **site)
        build.evidence = records
        return build

    # -- step 2 -------------------------------------------------------------------------------
    def scan(self, pages: dict[str, str], urls: dict[str, str]) -> "Build":
        problems: list[Problem] = []
        docs = Path(self.docs_dir).name
        for src in sorted(pages):
            shown = f"{docs}/{src}"
            source = frontmatter.split(pages[src], shown)
            errors, warnings = frontmatter.check(source)
            problems.extend(errors)
            problems.extend(docs_tree.check_theme_fields(source, self.templates))
            problems.extend(pagelimits.check(source.body, shown, source.body_line))
            self.warnings.extend(warnings)
            problems.extend(i18n.check_translation(source, self.lang, self.root))
            page = Page(src, urls.get(src, ""), source)
            page.citations, cite_problems = bibliography.find_citations(
                source.body, shown, self.bib.entries, source.body_line)
            problems.extend(cite_problems)
            content = rules.check_page(pages[src], shown, site_url=self.site_url, source=source)
            if self.drafts:  # a draft previews; the build and the tests still refuse its TODOs
                self.warnings.extend(p for p in content if rules.is_todo(p))
                content = [p for p in content if not rules.is_todo(p)]
            problems.extend(content)
            page.markers = self._markers(source)
            self.pages[src] = page
            for citation in page.citations:
                on = self.cited_on.setdefault(citation.key, [])
                if src not in on:
                    on.append(src)
        problems.extend(self._check_links(pages))
        problems.extend(self._load_checklists())
        problems.extend(self._load_decision_aid())
        problems.extend(ipdas.unplaced(self.root / self.docs_dir / ipdas.DATA_FILE, self._data_shown(ipdas.DATA_FILE),
                                       self.page_with(ipdas.MARKER) is not None))
        if self.lang == i18n.DEFAULT:
            self.crisis, crisis_problems = crisis.load(self.root / self.docs_dir, docs)
        else:  # the English file's numbers, with this language's words (docs-es/data/crisis.yml)
            english = i18n.LANGUAGES[i18n.DEFAULT].docs
            self.crisis, crisis_problems = crisis.load_translation(self.root / english, self.root / self.docs_dir,
                                                                   docs, english)
        problems.extend(crisis_problems)
        if self.lang != i18n.DEFAULT and not problems:
            self.stale = self._stale_translations()
            self.warnings.extend(self.stale)
        for page in self.pages.values():
            for marker in page.markers:
                problems.extend(self._check_marker(page, marker))
        if self.lang == i18n.DEFAULT:  # one references.bib: a source cited only in a translation counts
            problems.extend(bibliography.check_coverage(self.bib, set(self.cited_on) | self._cited_in_translations()))
        if self.lang == i18n.DEFAULT:  # the numbers rule, vendors, records' "backs": both languages at once
            folder = self.root / self.docs_dir / checklists.FOLDER
            lists = [(f"{checklists.FOLDER}/{f.name}", f"{docs}/{checklists.FOLDER}/{f.name}", f.read_text(encoding="utf-8"))
                     for f in sorted(folder.glob("*.yml"))] if folder.is_dir() else []
            texts = [(p.src, p.source.path, p.source.body, p.source.body_line) for p in self.pages.values()]
            more_texts, more_lists = i18n.translated_texts(self.root)
            problems.extend(evidence.check_build(self.evidence, self.bib, texts + more_texts, lists + more_lists,
                                                 self.cited_on))
        raise_if_any(problems)
        return self

    def _check_links(self, texts: dict[str, str]) -> list[Problem]:
        """Relative links and #anchors between pages, with our file/line/fix messages."""
        pages = {src: links.LinkPage(page.source.path, texts[src],
                                     {"sources"} if page.citations else set(), bool(page.markers))
                 for src, page in self.pages.items()}
        return links.check(pages, links.docs_files(self.root / self.docs_dir))

    def _load_checklists(self) -> list[Problem]:
        """Load and check every docs/checklists/*.yml once, against the bibliography and the pages."""
        shown = f"{Path(self.docs_dir).name}/{checklists.FOLDER}"
        references = next((p.url for p in self.pages.values() if any(m.name == "references" for m in p.markers)), None)
        context = checklists.Context(
            keys=self.bib.entries, references_url=references,
            targets={src: checklists.Target(p.url, p.title, checklists.anchors(p.source.body))
                     for src, p in self.pages.items()},
            labels={key: checklists.short_cite(entry) for key, entry in self.bib.entries.items()})
        folder = self.root / self.docs_dir / checklists.FOLDER
        self.checklists, problems = checklists.load_all(folder, shown, context)
        placed = {m.arg for p in self.pages.values() for m in p.markers if m.name == "checklist"}
        if self.lang != i18n.DEFAULT:  # the same items as the English checklists, in this language
            english = i18n.LANGUAGES[i18n.DEFAULT].docs
            lines = {cid: i18n.item_lines((folder / f"{cid}.yml").read_text(encoding="utf-8"))
                     for cid in self.checklists}
            problems += i18n.pair_checklists(i18n.english_outline(self.root / english / checklists.FOLDER),
                                             self.checklists, shown, lines, f"{english}/{checklists.FOLDER}")
        return problems + checklists.unplaced(self.checklists, placed, shown)

    def _stale_translations(self) -> list[Problem]:
        out = []
        for page in self.pages.values():
            target = page.source.meta.get("translation_of")
            warning = i18n.stale_warning(page.source.path, page.source.meta,
                                         i18n.english_meta(self.root, target), target) if target else None
            if warning:
                out.append(warning)
        return out

    def translated_citations(self) -> dict[str, list[tuple[str, str]]]:
        """For the English References page: key -> (title, site-root URL) of each translated page
        that cites it. Empty in a translation's own build."""
        if self.lang != i18n.DEFAULT:
            return {}
        if not hasattr(self, "_translated"):
            found: dict[str, list[tuple[str, str]]] = {}
            for language in i18n.editions(self.root):
                folder = self.root / language.docs
                if not language.prefix or not folder.is_dir():
                    continue
                for path in sorted(folder.rglob("*.md")):
                    rel = path.relative_to(folder).as_posix()
                    source = frontmatter.split(path.read_text(encoding="utf-8"), str(path))
                    title = str(source.meta.get("title") or rel)
                    cites, _ = bibliography.find_citations(source.body, str(path), self.bib.entries, 1)
                    for key in dict.fromkeys(c.key for c in cites):
                        found.setdefault(key, []).append((title, language.prefix + i18n.url_of(rel)))
            self._translated = found
        return self._translated

    def _cited_in_translations(self) -> set[str]:
        keys: set[str] = set()
        for language in i18n.LANGUAGES.values():
            folder = self.root / language.docs
            if not language.prefix or not folder.is_dir():
                continue
            for path in folder.rglob("*.md"):
                found, _ = bibliography.find_citations(path.read_text(encoding="utf-8"), str(path), self.bib.entries, 1)
                keys.update(c.key for c in found)
            for path in (folder / checklists.FOLDER).glob("*.yml"):
                keys.update(k for k in self.bib.entries if k in path.read_text(encoding="utf-8"))
        return keys

    def has_counterpart(self, src: str) -> bool:
        """Whether the page ``src`` exists in the other language (same path in the other tree)."""
        other = i18n.DEFAULT if self.lang != i18n.DEFAULT else "es"
        return (self.root / i18n.LANGUAGES[other].docs / src).is_file()

    def _markers(self, source: frontmatter.Source) -> list[Marker]:
        starts = [0] + [m.end() for m in re.finditer("\n", source.body)]
        out = []
        for match in MARKER.finditer(source.body):
            line = source.body_line + sum(1 for s in starts if s <= match.start()) - 1
            out.append(Marker(match.group("name"), (match.group("arg") or "").strip(), line))
        return out

    def _check_marker(self, page: Page, marker: Marker) -> list[Problem]:
        shown = page.source.path
        handler = MARKERS.get(marker.name)
        if handler is None:
            return [Problem(shown, marker.line, f"unknown marker 'guide:{marker.name}'",
                            f"use one of: {', '.join('guide:' + n for n in sorted(MARKERS))}")]
        return handler.check(self, page, marker)

    # -- step 3 -------------------------------------------------------------------------------
    def page_markdown(self, src: str, markdown: str) -> str:
        page = self.pages.get(src)
        if page is None:
            return markdown

        def render(match: re.Match) -> str:
            marker = Marker(match.group("name"), (match.group("arg") or "").strip(), 0)
            return MARKERS[marker.name].render(self, page, marker)

        markdown = MARKER.sub(render, markdown)
        if page.citations:
            markdown = (markdown.rstrip() + f"\n\n## {i18n.t('sources', self.lang)} {{#sources}}\n\n"
                        + FOOTNOTES_MARKER + "\n")
            # [@key] -> footnotes here, in one pass (mkdocs-bibtex's own loop is quadratic).
            markdown = bibliography.replace_citations(markdown, self._footnote)
        return markdown

    def _footnote(self, key: str) -> str:
        if key not in self._footnotes:
            entry = self.bib.entries[key]  # a source in another language says so: "(en inglés)"
            self._footnotes[key] = bibliography.footnote_markdown(entry) + (
                "" if i18n.same_language(entry, self.lang) else i18n.t("other_language", self.lang))
        return self._footnotes[key]

    # -- step 4 -------------------------------------------------------------------------------
    def page_html(self, src: str, content: str, meta: dict) -> str:
        """The review dates, the newest change note, the language switch and a stale-translation
        notice under the title; commas between grouped citation numbers; the crisis lines a printed
        checklist carries; then the sanitiser (:mod:`guide.sanitise`): the page carries its output,
        and anything it would change stops the build."""
        page = self.pages.get(src)
        extra = ""
        if page is not None:
            if len(i18n.editions(self.root)) > 1:
                extra = i18n.switch_html(page.url, self.lang, self.has_counterpart(src))
            target = meta.get("translation_of")
            if self.lang != i18n.DEFAULT and target:
                href = i18n.relative_to_page(page.url, self.lang, i18n.url_of(target))  # the English page
                extra += i18n.stale_notice_html(meta, i18n.english_meta(self.root, target), href, self.lang)
        content = html.insert_after_title(content, frontmatter.review_line_html(meta) + changes.note_html(meta) + extra)
        content = citations.separate(content)  # "2, 3, 4", not "234"
        if "data-ogt-checklist=" in content:  # a printed checklist carries the crisis lines (print CSS)
            help_url = (self.site_url.rstrip("/") + "/" if self.site_url else "") + embed.CRISIS_PAGE
            content += "\n" + crisis.render_print_line(self.crisis, help_url)
        source = page.source if page else frontmatter.Source(f"{Path(self.docs_dir).name}/{src}")
        cleaned, problems = sanitise.check(content, source.path, source.body, source.body_line)
        raise_if_any(problems)
        return cleaned

    def page_output(self, output: str, src: str = "") -> str:
        """The whole rendered page, theme included: every link to another site gets noopener noreferrer,
        the search dialog gets a name, and the head links the change feed.

        The feed link is relative: Material's bundle fetches ``sitemap.xml`` beside every
        ``<link rel=alternate>`` (for language versions), so it must point into this site's root.
        For the same reason the oEmbed links sit in the embed views, which load no bundle."""
        output = html.name_search_dialog(html.mark_external_links(output))
        page = self.pages.get(src)
        if page is None:
            return output
        feed = relative_url(page.url, changes.FEED)
        return html.insert_in_head(output, f'<link rel="alternate" type="application/atom+xml" '
                                           f'title="Changes and reviews" href="{escape(feed)}">')

    def feed(self) -> str:
        """feed.xml: every change note and last review, newest first."""
        pages = [changes.PageInfo(p.title, p.url, p.source.meta) for p in self.pages.values()]
        return changes.feed(pages, self.site_url, self.site_name, f"The editors of {self.site_name}")

    # -- decision aid and IPDAS: their modules get plain data, never the Build ------------------
    def _data_shown(self, name: str) -> str:
        return f"{Path(self.docs_dir).name}/{name}"

    def page_with(self, name: str, arg: str | None = None) -> Page | None:
        """The first page with the marker ``name`` (and argument ``arg``, when given)."""
        return next((p for p in self.pages.values()
                     if any(m.name == name and (arg is None or m.arg == arg) for m in p.markers)), None)

    def targets(self) -> dict[str, checklists.Target]:
        return {src: checklists.Target(p.url, p.title, checklists.anchors(p.source.body))
                for src, p in self.pages.items()}

    def _load_decision_aid(self) -> list[Problem]:
        placed = [(p.source.path, m.line, m.name) for p in self.pages.values() for m in p.markers
                  if m.name in (decision_aid.MARKER, decision_aid.SUMMARY_MARKER)]
        references = self.page_with("references")
        context = checklists.Context(
            keys=self.bib.entries, references_url=references.url if references else None, targets=self.targets(),
            labels={key: checklists.short_cite(entry) for key, entry in self.bib.entries.items()})
        path = self.root / self.docs_dir / decision_aid.DATA_FILE
        self.decision_aid, problems = decision_aid.load_placed(path, self._data_shown(decision_aid.DATA_FILE),
                                                               placed, context)
        if self.lang != i18n.DEFAULT and path.is_file():  # the English data, in this language's words
            english = i18n.LANGUAGES[i18n.DEFAULT].docs
            problems += decision_aid.pair_translation(
                self.root / english / decision_aid.DATA_FILE, f"{english}/{decision_aid.DATA_FILE}",
                path, self._data_shown(decision_aid.DATA_FILE), self.root / self.docs_dir)
        return problems

    # -- embeds: guide/embed.py gets plain data, never the Build -------------------------------
    def article(self, page: Page) -> embed.Article:
        return embed.Article(
            src=page.src, url=page.url, title=page.title, path=page.source.path, meta=page.source.meta,
            description=str(page.source.meta.get("description") or ""),
            lists_embeds=any(m.name in (embed.CATALOGUE_MARKER, embed.BUILDER_MARKER) for m in page.markers),
            parts=tuple((m.name, m.arg, self.part_title(m)) for m in page.markers
                        if m.name in embed.PARTS and self.part_title(m)))

    def part_title(self, marker: Marker) -> str:
        """The title of a part with an embed of its own, by its marker (guide/embed.py PARTS)."""
        if marker.name == "checklist":
            checklist = self.checklists.get(marker.arg)
            return checklist.title if checklist else ""
        return ""

    def articles(self) -> list[embed.Article]:
        return [self.article(p) for p in self.pages.values()]

    def embeds_for(self, src: str, content: str, output: str) -> list[tuple[str, str]]:
        """(file, HTML) of every embed view of the page ``src``."""
        page = self.pages.get(src)
        if page is None:
            return []
        if self._crisis_embed is None:  # every country's lines, for the clinic's data-region
            self._crisis_embed = crisis.render_embed_line(
                self.crisis, urljoin(embed.site_root(self.site_url), embed.CRISIS_PAGE))
        return embed.embeds_for(self.article(page), content, output, site_url=self.site_url,
                                site_name=self.site_name, crisis_lines=self._crisis_embed)

    def bake_loader(self, loader: str) -> str:
        """embed.js with the names of every embed of this build."""
        return embed.bake_names(loader, embed.names(self.articles(), self.nav_order))

    # -- the References page ------------------------------------------------------------------
    def references_markdown(self, from_url: str) -> str:
        """Every entry, grouped by kind and ordered by first author, with "Cited on" links."""
        groups: dict[str, list[bibliography.Entry]] = {}
        for entry in sorted(self.bib.entries.values(), key=bibliography.sort_key):
            groups.setdefault(entry.kind.slug, []).append(entry)
        parts = []
        for slug, kind in bibliography.KINDS.items():
            if slug not in groups:
                continue
            items = []
            for entry in groups[slug]:
                cited = [self.pages[src] for src in self.cited_on.get(entry.key, [])]
                elsewhere = [(f"{title} (en español)", relative_url(from_url, url))
                             for title, url in self.translated_citations().get(entry.key, [])]
                items.append({
                    "key": entry.key,
                    "kind": kind.label,
                    "reference": bibliography.to_html(bibliography.format_entry(entry))
                    + (i18n.t("other_language", self.lang) if not i18n.same_language(entry, self.lang) else ""),
                    "cited_on": [(p.title, relative_url(from_url, p.url)) for p in cited] + elsewhere,
                    **evidence.template_fields(self.evidence.get(entry.key) if kind.research else None),
                })
            parts.append(f"## {kind.heading} {{#kind-{slug}}}\n\n"
                         + render.template("references.html", items=items) + "\n")
        return "\n".join(parts)


@dataclass(frozen=True)
class MarkerHandler:
    check: Callable[[Build, Page, Marker], list[Problem]]
    render: Callable[[Build, Page, Marker], str]


def _no_argument(build: Build, page: Page, marker: Marker) -> list[Problem]:
    if marker.arg:
        return [Problem(page.source.path, marker.line, f"'guide:{marker.name}' takes no argument",
                        f"write '<!-- guide:{marker.name} -->'")]
    return []


def _checklist(build: Build, page: Page, marker: Marker) -> list[Problem]:
    """``<!-- guide:checklist ID -->``: the checklist must exist, once per page. Its cite keys
    count as cited on this page (References "Cited on" and the coverage check)."""
    shown = page.source.path
    names = ", ".join(sorted(build.checklists)) or "none yet"
    if not marker.arg or " " in marker.arg:
        return [Problem(shown, marker.line, "'guide:checklist' needs one checklist id",
                        f"write '<!-- guide:checklist ID -->' with one of: {names}", field="guide:checklist")]
    if marker.arg not in build.checklists:
        return [Problem(shown, marker.line, f"there is no checklist '{marker.arg}'",
                        f"create docs/{checklists.FOLDER}/{marker.arg}.yml, or use one of: {names}",
                        field="guide:checklist")]
    first = next(m.line for m in page.markers if m.name == "checklist" and m.arg == marker.arg)
    if marker.line != first:
        return [Problem(shown, marker.line, f"checklist '{marker.arg}' is already on this page (line {first})",
                        "show each checklist once per page", field="guide:checklist")]
    checklist = build.checklists[marker.arg]
    for key in checklist.cite_keys if checklist else []:
        on = build.cited_on.setdefault(key, [])
        if page.src not in on:
            on.append(page.src)
    return []


def _crisis_lines(build: Build, page: Page, marker: Marker) -> list[Problem]:
    """``<!-- guide:crisis-lines -->``: the countries' crisis lines from docs/data/crisis.yml."""
    problems = _no_argument(build, page, marker)
    path = build.root / build.docs_dir / crisis.FILE
    if not path.is_file():
        problems.append(Problem(page.source.path, marker.line, f"'guide:{marker.name}' needs {crisis.FILE}",
                                f"create docs/{crisis.FILE} (see {crisis.SCHEMA_SHOWN})", field="guide:crisis-lines"))
    return problems


def _decision_aid(build: Build, page: Page, marker: Marker) -> list[Problem]:
    first = next(m.line for m in page.markers if m.name == marker.name and m.arg == marker.arg)
    problems = decision_aid.check_part(page.source.path, marker.line, marker.arg, first)
    if not problems:
        for key in decision_aid.cites_of(build.decision_aid, marker.arg):
            on = build.cited_on.setdefault(key, [])
            if page.src not in on:
                on.append(page.src)
    return problems


def _decision_aid_html(build: Build, page: Page, marker: Marker) -> str:
    summary = build.page_with(decision_aid.SUMMARY_MARKER)
    return decision_aid.render_part(build.decision_aid, marker.arg, page.url, summary.url if summary else None)


def _decision_summary_html(build: Build, page: Page, marker: Marker) -> str:
    aid_page = build.page_with(decision_aid.MARKER, "values")
    return decision_aid.render_summary(build.decision_aid, page.url, decision_aid.essentials(build.checklists),
                                       aid_page.url if aid_page else None)


def _ipdas(build: Build, page: Page, marker: Marker) -> list[Problem]:
    build.ipdas, problems = ipdas.check_marker(
        page.source.path, marker.line, marker.arg, build.root / build.docs_dir / ipdas.DATA_FILE,
        build._data_shown(ipdas.DATA_FILE), build.targets())
    return problems


MARKERS: dict[str, MarkerHandler] = {
    "references": MarkerHandler(_no_argument, lambda b, p, m: b.references_markdown(p.url)),
    embed.CATALOGUE_MARKER: MarkerHandler(
        lambda b, p, m: embed.check_catalogue(b.articles(), b.nav_order, b.site_url, p.source.path, m.line, m.arg),
        lambda b, p, m: embed.render_catalogue(b.articles(), b.nav_order, b.site_url, b.site_name, p.url)),
    embed.BUILDER_MARKER: MarkerHandler(  # site_url and page names: checked once, by the catalogue
        _no_argument,
        lambda b, p, m: embed.render_builder(b.articles(), b.nav_order, b.site_url, b.site_name, p.url,
                                             [(c.code, c.name) for c in b.crisis.countries] if b.crisis else [])),
    crisis.MARKER: MarkerHandler(_crisis_lines, lambda b, p, m: "\n" + crisis.render_page(b.crisis) + "\n"
                                 if b.crisis else ""),
    "checklist": MarkerHandler(_checklist, lambda b, p, m: "\n" + checklists.render(b.checklists[m.arg], p.url) + "\n"),
    decision_aid.MARKER: MarkerHandler(_decision_aid, _decision_aid_html),
    decision_aid.SUMMARY_MARKER: MarkerHandler(
        lambda b, p, m: decision_aid.check_summary(p.source.path, m.line, m.arg), _decision_summary_html),
    ipdas.MARKER: MarkerHandler(_ipdas, lambda b, p, m: ipdas.render_markdown(b.ipdas, p.url)),
}
