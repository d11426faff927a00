"""``docs/`` holds only content: what an editor's pull request may put there.

The build calls :func:`check` once, before anything renders. Every file under ``docs/`` must be

* a Markdown page or snippet (``.md``), checked as text (:mod:`guide.textfile`: UTF-8, no control
  characters, bounded size); snippets (``docs/snippets/``) also pass the same content rules as
  pages (:func:`guide.rules.check_page`), since ``--8<--`` pastes them into a page;
* an image (PNG, JPEG, WebP, AVIF) or a PDF, whose first bytes must say it is one;
* a YAML data file (``.yml``, read by its own module through :mod:`guide.yamldata`).

HTML, JavaScript, CSS and SVG (which can carry script) are refused with a message saying such
code belongs in ``overrides/``, added by a maintainer: MkDocs would copy them to the site as
they are, and same-origin script passes a ``script-src 'self'`` policy. A symlink anywhere under
``docs/`` is refused (``ln -s /proc/self/environ docs/env.txt`` would publish the build's
environment), and so is any path that resolves outside the project.

A page's ``template:`` may name only a template that the theme or ``overrides/`` defines.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import jsonschema

from guide import frontmatter, rules, textfile
from guide.errors import Problem

PAGE_SUFFIXES = {".md"}
DATA_SUFFIXES = {".yml", ".yaml"}
# suffix -> the magic bytes a real file of that kind starts with
BINARY_SUFFIXES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
    ".avif": (b"\x00\x00\x00",),  # an ISO box size, then 'ftypavif' (checked below)
    ".pdf": (b"%PDF-",),
}
CODE_SUFFIXES = {".html", ".htm", ".xhtml", ".js", ".mjs", ".cjs", ".css", ".svg", ".svgz", ".xml",
                 ".xsl", ".swf", ".wasm", ".php", ".shtml"}
CODE_FIX = ("HTML, scripts, styles and SVG do not go in docs/: they belong in overrides/ and are "
            "added by a maintainer. Write the content in Markdown; use PNG, JPEG, WebP or AVIF for images")
ALLOWED = "Markdown (.md), PNG, JPEG, WebP, AVIF, PDF and YAML data (.yml)"


def check(root: Path, docs_dir: str, *, snippets: str = rules.SNIPPETS, site_url: str = "") -> list[Problem]:
    """Every problem with the files under ``docs_dir`` (relative to ``root``)."""
    root = Path(root).resolve()
    docs = Path(root, docs_dir)
    shown_docs = Path(docs_dir).name
    problems: list[Problem] = []
    if docs.is_symlink() or not docs.resolve().is_relative_to(root):
        return [Problem(shown_docs, None, "the docs folder is a link, or lies outside the project",
                        "make docs/ a plain folder inside the project")]
    for folder, dirs, files in os.walk(docs, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            rel = path.relative_to(docs).as_posix()
            shown = f"{shown_docs}/{rel}"
            if path.is_symlink():
                problems.append(Problem(shown, None, "a symbolic link is not allowed under docs/ "
                                        f"(it points to {os.readlink(path)!r})",
                                        "replace the link with a real file (git: check it is not mode 120000)"))
                continue
            if not path.resolve().is_relative_to(root):
                problems.append(Problem(shown, None, "this path resolves outside the project",
                                        "keep every file of the guide inside the project"))
                continue
            if name in dirs or any(part.startswith(".") for part in rel.split("/")):
                continue  # folders; hidden files, which MkDocs skips too
            problems.extend(_check_file(path, rel, shown, snippets, site_url))
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return problems


def _check_file(path: Path, rel: str, shown: str, snippets: str, site_url: str) -> list[Problem]:
    suffix = path.suffix.lower()
    if suffix in CODE_SUFFIXES:
        return [Problem(shown, None, f"a '{suffix}' file is not allowed under docs/", CODE_FIX)]
    if suffix in PAGE_SUFFIXES:
        text, problems = textfile.read(path, shown)  # before MkDocs decodes it (a traceback)
        if text is None or not rel.startswith(snippets + "/"):
            return problems  # pages: front matter and lint follow in Build.scan
        return rules.check_page(text, shown, site_url=site_url, source=frontmatter.Source(shown))
    if rel.startswith(snippets + "/"):
        return [Problem(shown, None, f"a snippet must be a Markdown (.md) file, not '{suffix or path.name}'",
                        "write the snippet in Markdown; HTML belongs in overrides/ (a maintainer's change)")]
    if suffix in DATA_SUFFIXES:
        return []  # read and checked by its own module (guide/yamldata.py, a JSON Schema)
    if suffix in BINARY_SUFFIXES:
        with open(path, "rb") as handle:
            head = handle.read(16)
        ok = head.startswith(BINARY_SUFFIXES[suffix])
        if suffix == ".webp":
            ok = ok and head[8:12] == b"WEBP"
        if suffix == ".avif":
            ok = head[4:12] in (b"ftypavif", b"ftypavis")
        if not ok:
            return [Problem(shown, None, f"this file is not really a {suffix[1:].upper()} file",
                            "export the image again from an image editor, or rename it to its real type")]
        return []
    return [Problem(shown, None, f"a '{suffix or path.name}' file is not allowed under docs/",
                    f"docs/ holds only {ALLOWED}; other files belong elsewhere (ask a maintainer)")]


def theme_templates(dirs: list[str | Path]) -> set[str]:
    """The page templates the theme and ``overrides/`` define (their top-level ``.html`` files)."""
    return {p.name for d in dirs for p in Path(d).glob("*.html") if p.is_file()}


SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "theme-fields.schema.json"


@functools.lru_cache(maxsize=1)
def _validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def check_theme_fields(source: frontmatter.Source, templates: set[str] | None) -> list[Problem]:
    """``hide``, ``search`` and ``template`` against schema/theme-fields.schema.json; and
    ``template`` must name one of ``templates`` (the theme's)."""
    fields = {k: source.meta[k] for k in frontmatter.THEME_FIELDS if k in source.meta}
    if not fields:
        return []
    problems = []
    for error in _validator().iter_errors(fields):
        name = str(error.absolute_path[0]) if error.absolute_path else "front matter"
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in list(error.absolute_path)[1:])
        fix = _validator().schema["properties"].get(name, {}).get("description", "see CONTRIBUTING.md")
        problems.append(Problem(source.path, source.meta_lines.get(name, 1),
                                f"'{name}{where}': {error.message}", fix, field=name))
    value = fields.get("template")
    if not problems and templates is not None and value is not None and value not in templates:
        problems.append(Problem(source.path, source.meta_lines.get("template", 1),
                                f"'template' names {str(value)[:60]!r}, which is not one of the theme's templates",
                                "remove 'template:' (most pages need none), or use one of: " + ", ".join(sorted(templates)),
                                field="template"))
    return problems
