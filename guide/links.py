"""Links between the guide's pages, and the #anchors they point at, checked before anything renders.

For every relative link in a page (Markdown ``[text](target)``, a reference definition
``[name]: target``, or an HTML ``href=``/``src=``), the target must be a page or a file in docs/,
and its ``#anchor``, if any, an id on that page: a heading's id, computed the way Python-Markdown's
toc extension does (``## Is it safe?`` -> ``#is-it-safe``; ``## Costs {#money}`` -> ``#money``), or
an HTML ``id="..."``. Each broken link is one :class:`~guide.errors.Problem` with the file, the line
and a fix ("did you mean ...?"). ``make lint`` and the build (``Build.scan``) run the same check,
so MkDocs' own link warnings, which have no line and no fix, are never the first word.

Links to other sites (``https:``, ``tel:``, ``mailto:`` ...) are not followed: nothing here goes
to the network. Code spans and code blocks are skipped: Markdown shows them as text.
"""

from __future__ import annotations

import bisect
import difflib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from guide import checklists
from guide.errors import Problem
from guide.rules import mask_code

# docs/ content that MkDocs does not publish: mkdocs.yml's exclude_docs.
EXCLUDED = ("snippets/", "checklists/")

_INLINE = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]*)")
_REFDEF = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(?P<url>[^\s>]+)", re.MULTILINE)
_HTML = re.compile(r"""\b(?:href|src)\s*=\s*["'](?P<url>[^"']*)["']""", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class LinkPage:
    """One page as the link check sees it."""

    shown: str  # e.g. docs/understand/formats.md
    text: str  # the whole file, so line numbers count from its first line
    extra_anchors: set[str] = field(default_factory=set)  # ids the build adds, e.g. "sources"
    open_anchors: bool = False  # generated content (a checklist, the References) adds more ids

    def anchors(self) -> set[str]:
        return set(checklists.anchors(self.text)) | self.extra_anchors


def targets(text: str) -> list[tuple[str, int]]:
    """Every link address in a page, with its line, code spans and code blocks left out."""
    masked = "\n".join(mask_code(text.splitlines()))
    starts = [0] + [m.end() for m in re.finditer("\n", masked)]
    found = []
    for pattern in (_INLINE, _REFDEF, _HTML):
        for match in pattern.finditer(masked):
            found.append((match.group("url"), bisect.bisect_right(starts, match.start("url"))))
    return sorted(found, key=lambda t: t[1])


def docs_files(folder: Path) -> set[str]:
    """The files in docs/ that the site publishes and that are not pages (images, PDFs ...)."""
    folder = Path(folder)
    out = set()
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and path.suffix != ".md" and not rel.startswith(EXCLUDED) \
                and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            out.add(rel)
    return out


def check(pages: dict[str, LinkPage], files: set[str] = frozenset()) -> list[Problem]:
    """Every broken relative link and anchor in ``pages`` (docs-relative path -> page)."""
    problems = []
    anchors: dict[str, set[str]] = {}

    def anchors_of(src: str) -> set[str]:
        if src not in anchors:
            anchors[src] = pages[src].anchors()
        return anchors[src]

    for src, page in pages.items():
        for url, line in targets(page.text):
            problem = _check_one(src, page, url, line, pages, files, anchors_of)
            if problem:
                problems.append(problem)
    return problems


def _check_one(src, page, url, line, pages, files, anchors_of) -> Problem | None:
    # As a browser reads it (entities decoded, tabs and line breaks dropped): an address with a
    # scheme, even a disguised one such as 'java&#115;cript:', is the sanitiser's to judge.
    seen = re.sub(r"[\t\n\r]", "", html.unescape(url))
    if not url or _SCHEME.match(seen) or seen.startswith("//"):
        return None
    path, _, anchor = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    here = posixpath.dirname(src)

    def problem(message: str, fix: str) -> Problem:
        return Problem(page.shown, line, message, fix, field="link")

    if path.startswith("/"):
        return problem(f"link '{url}' starts with '/', so it breaks when the site is not at the top of its address",
                       "link to the Markdown file by a relative path, for example "
                       f"'{_relative(here, _best_page(path.lstrip('/'), pages) or 'index.md')}'")
    if not path:
        target = src
    else:
        target = posixpath.normpath(posixpath.join(here, path))
        if target.startswith("../") or target == "..":
            return problem(f"link '{url}' points outside the docs/ folder",
                           "link to a page of the guide by its .md file, or to another site by its https:// address")
    if target not in pages:
        if target in files:
            return None
        folder_page = posixpath.join(target, "index.md") if target != "." else "index.md"
        if folder_page in pages:
            return problem(f"link '{url}' points at a folder, not a page",
                           f"link to the page's Markdown file: '{_relative(here, folder_page)}'")
        if target.endswith(".html") and target[:-5] + ".md" in pages:
            return problem(f"link '{url}' points at the built .html file",
                           f"link to the Markdown file: '{_relative(here, target[:-5] + '.md')}'")
        if not target.endswith(".md"):
            guess = _best_page(target, dict.fromkeys(files))
            hint = f"did you mean '{_relative(here, guess)}'? " if guess else ""
            return problem(f"link '{url}' points at docs/{target}, which does not exist",
                           f"{hint}put the file in docs/{posixpath.dirname(target) or ''} or correct the path")
        guess = _best_page(target, pages)
        hint = f"did you mean '{_relative(here, guess)}'? " if guess else ""
        return problem(f"link '{url}' points at docs/{target}, which does not exist",
                       f"{hint}link to an existing page by its .md file, relative to this page")
    if not anchor:
        return None
    known = anchors_of(target)
    if anchor in known or pages[target].open_anchors:
        return None
    where = "this page" if target == src else f"docs/{target}"
    close = difflib.get_close_matches(anchor, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '#{close[0]}'? " if close else ""
    listed = ", ".join("#" + a for a in sorted(known)[:12]) or "none"
    return problem(f"link '{url}' points at '#{anchor}', but {where} has no heading or id '{anchor}'",
                   f"{hint}a heading's anchor is its text in lower case, with spaces as '-' and "
                   f"punctuation removed; the anchors there are: {listed}")


def _best_page(target: str, pages) -> str | None:
    names = sorted(pages)
    close = difflib.get_close_matches(target, names, n=1, cutoff=0.6)
    if close:
        return close[0]
    base = posixpath.basename(target)
    same = [p for p in names if posixpath.basename(p) == base]
    return same[0] if len(same) == 1 else None


def _relative(here: str, target: str) -> str:
    return posixpath.relpath(target, here or ".")
