"""MkDocs adapter for the guide: a few lines per event; the logic lives in ``guide/``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # make ``guide`` importable

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402

from guide import assets, crisis, embed, footnotes, frontmatter, headers, i18n, render  # noqa: E402
from guide.errors import GuideError  # noqa: E402
from guide.preview import Preview  # noqa: E402
from guide.site import Build  # noqa: E402

log = get_plugin_logger("guide")
build: Build | None = None
preview = Preview()  # under `mkdocs serve`, a failed build shows its problems in the browser


def on_startup(command, dirty):
    preview.start(command)


def _secure(rel: str, html: str) -> str:
    """Check a written page's inline code for the CSP (guide/headers.py) and put the policy in its
    head. Not while serving: MkDocs' live-reload script is inline, and the policy would block it."""
    if preview.serving:
        build.site_code.add(rel, html)
        return html
    return build.site_code.secure(rel, html)


def _fail(exc: GuideError) -> None:
    """Stop the build; while serving, keep the problems for the error page instead."""
    if not preview.record(exc):
        raise PluginError(str(exc)) from None


@event_priority(100)  # before mkdocs-bibtex reads references.bib, so faults get file and line
def on_config(config):
    global build
    preview.reset()
    footnotes.install()  # footnote ids in constant time: build time linear in citations
    site = dict(site_url=config.site_url or "", site_name=config.site_name, nav_order=embed.nav_files(config.nav),
                lang=i18n.language_of(config.theme.get("language")).code)
    try:
        build = Build.start(Path(config.config_file_path).parent, config.docs_dir, **site)
        build.site_code.theme = headers.ThemeCode.read(config.theme.dirs)  # the CSP trusts only these
    except GuideError as exc:
        _fail(exc)  # only returns while serving: then the pages become the error page
        build = Build(Path(config.config_file_path).parent, config.docs_dir, **site)
        config.plugins["bibtex"].config.bib_file = preview.empty_bib()


@event_priority(-100)
def on_files(files, config):
    try:
        if not preview.failed:
            build.check_docs(config.theme.dirs)  # before MkDocs decodes a page: bad bytes get a line
            pages = {f.src_uri: f.content_string for f in files.documentation_pages()}
            urls = {f.src_uri: f.url for f in files.documentation_pages()}
            build.scan(pages, urls)
    except GuideError as exc:
        _fail(exc)
    for warning in build.warnings:
        log.info("%s", warning)  # info: "review due soon" must not fail a strict build
    return files


def on_env(env, config, files):
    env.bytecode_cache = render.SHARED_BYTECODE  # the second language's build reuses the first's
    return env


@event_priority(100)  # before mkdocs-bibtex turns [@key] into footnotes
def on_page_markdown(markdown, page, config, files):
    if preview.failed:  # nothing of a broken page reaches the other plugins
        return "Build failed."
    return build.page_markdown(page.file.src_uri, markdown)


def on_page_content(html, page, config, files):
    if preview.failed:
        return html
    try:  # the sanitiser (guide/sanitise.py) stops the build on anything it would change
        return build.page_html(page.file.src_uri, html, page.meta)
    except GuideError as exc:
        _fail(exc)  # only returns while serving: the page becomes the error page
        return html


def on_post_page(output, page, config):
    if preview.failed:
        return preview.page(config.site_name)
    output = i18n.fix_alternates(build.page_output(output, page.file.src_uri), page.url, build.lang,
                                 build.has_counterpart(page.file.src_uri), config.site_url or "")
    output = _secure(page.file.dest_uri, output)  # inline code checked; CSP <meta> added
    # The page's embed views (embed/<page>/, its checklists alone), from the same rendered content.
    for file, html in build.embeds_for(page.file.src_uri, page.content, output):
        if file.endswith(".html"):
            html = _secure(file, build.page_output(html))
        path = Path(config.site_dir) / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return output


def on_post_template(output_content, template_name, config):
    if preview.failed:
        return preview.page(config.site_name)
    if template_name.endswith(".html"):  # 404.html: served by hosts for unknown paths
        return _secure(template_name, build.page_output(output_content))
    return output_content


def on_post_build(config):
    global build
    if preview.failed:  # info, not error: under strict, an error would abort and the browser would not reload
        log.info("The build failed; the browser shows these problems too.\n%s", preview.report())
        return
    mine = build
    translations = []
    if mine.lang == i18n.DEFAULT:  # the Spanish edition: its own config and Build, into site/es/
        for language in i18n.editions(Path(config.config_file_path).parent):
            if language.prefix:
                translations.append((language, _build_translation(config, language)))
        build = mine  # the same hook module ran the nested build: restore this build's state
        i18n.use(mine.lang)
    # The last lines of every build, so due-soon reviews are seen and not lost among INFO lines.
    summary = {p.source.path: p.source.meta for b in [mine] + [t for _, t in translations] for p in b.pages.values()}
    log.info(frontmatter.review_summary(summary))
    for _, other in translations:
        for stale in other.stale:
            log.info("Review summary: %s: %s", stale.file, stale.message)
    old_numbers = crisis.review_summary(build.crisis)  # checked over 12 months ago: listed, never failed
    if old_numbers:
        log.info(old_numbers)
    # Our stylesheets and scripts without their comments (about half a stylesheet's weight).
    assets.strip_site_css(Path(config.site_dir), Path(config.theme.custom_dir) / "assets")
    (Path(config.site_dir) / "feed.xml").write_text(build.feed(), encoding="utf-8")  # changes and reviews
    try:  # the loader learns every embed's name, to warn about a mistyped one
        loader = Path(config.site_dir) / embed.LOADER
        loader.write_text(build.bake_loader(loader.read_text(encoding="utf-8")), encoding="utf-8")
    except GuideError as exc:
        raise PluginError(str(exc)) from None
    if mine.lang != i18n.DEFAULT:
        return  # the English build writes _headers for both
    try:  # security headers for static hosts, from the built pages (CSP hashes of inline scripts)
        site = Path(config.site_dir)
        for language, other in translations:
            mine.site_code.merge(other.site_code)
        text = headers.headers_file(site, build.site_code, sub_sites=[lang.prefix.rstrip("/") for lang, _ in translations])
        (site / "_headers").write_text(text, encoding="utf-8")
    except GuideError as exc:
        raise PluginError(str(exc)) from None


def _build_translation(config, language):
    """Build one translation with its own config into site_dir/<prefix>; returns its Build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    root = Path(config.config_file_path).parent
    other = load_config(str(root / language.config), site_dir=str(Path(config.site_dir) / language.prefix),
                        strict=config.strict)
    # No on_startup here: this hook module is shared by both configs (MkDocs caches hook modules),
    # and under `make serve` the preview must stay in serve mode for the Spanish build too.
    mkdocs_build(other)
    i18n.merge_sitemaps(Path(config.site_dir), language.prefix.rstrip("/"))
    return build
