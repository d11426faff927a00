"""The content rules the build checks on every page, before anything renders.

:func:`check_page` runs plain text rules, fast, with no extra packages. ``Build.scan`` runs them, so
``make build`` and ``make serve`` refuse a page that breaks one, and ``make lint`` runs them too:

- ``TODO`` anywhere in the file: the page is not finished;
- raw ``<script>``, ``<iframe>``, ``<object>`` or ``<embed>``, an inline event handler
  (``onclick=`` and the like, in an HTML tag or a ``{ ... }`` attribute list), a ``javascript:``
  link;
- a front-matter title or description with ``<``, ``>`` or ``"`` (the theme puts them in the
  page's HTML without escaping);
- an image without alt text;
- a link to another site over ``http://`` instead of ``https://``;
- a link to one of the guide's own pages by its full address (``site_url`` in mkdocs.yml).

Code in backticks or fenced code blocks is not checked for HTML or links: Markdown shows it as text.
(Links between pages and their anchors are checked across pages by :mod:`guide.links`.)
"""

from __future__ import annotations

import bisect
import os
import re

from guide import frontmatter
from guide.errors import Problem

SNIPPETS = "snippets"  # docs/snippets/: pasted into pages by pymdownx.snippets, never pages themselves

def check_page(text: str, path: str, *, site_url: str = "",
               source: frontmatter.Source | None = None) -> list[Problem]:
    """Every build check on one page file (front matter and body). ``path`` is shown in messages.
    ``source`` is the page's front matter when the caller has already split it (no second parse)."""
    lines = text.splitlines()
    code_free = "\n".join(mask_code(lines))  # same lines, same columns, code blanked out
    starts = [0] + [m.end() for m in re.finditer("\n", code_free)]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos)

    problems = [*_todos(lines, path), *_front_matter_markup(source or frontmatter.split(text, path)),
                *_html(code_free, path, line_of), *_images(code_free, path, line_of),
                *_links(code_free, path, line_of, site_url)]
    return sorted(problems, key=lambda p: p.line or 0)


_TODO = re.compile(r"\bTODO\b")
TODO_MESSAGE = "the page still has a TODO: it is not ready to publish"
DRAFTS_ENV = "GUIDE_DRAFTS"


def drafts_allowed() -> bool:
    """True under ``make serve`` (GUIDE_DRAFTS=1): a page with TODOs can be previewed, and its TODOs
    are listed as warnings. ``make build``, ``make test`` and CI never set it, so they refuse it."""
    return os.environ.get(DRAFTS_ENV) == "1"


def is_todo(problem: Problem) -> bool:
    return problem.message == TODO_MESSAGE


def _todos(lines: list[str], path: str) -> list[Problem]:
    return [
        Problem(path, number, TODO_MESSAGE,
                "replace the TODO with finished text (or delete it); the build refuses pages with TODOs")
        for number, line in enumerate(lines, start=1) if _TODO.search(line)
    ]


def _front_matter_markup(source: frontmatter.Source) -> list[Problem]:
    """Title and description go into the page's HTML head as they are, so they must hold no markup."""
    path = source.path
    problems = []
    for name in ("title", "description"):
        value = source.meta.get(name)
        if isinstance(value, str):
            bad = sorted({c for c in value if c in '<>"'})
            if bad:
                problems.append(Problem(
                    path, source.meta_lines.get(name, 1),
                    f"'{name}' contains {' '.join(repr(c) for c in bad)}, which would break the page's HTML",
                    "use curly quotes “ ” instead of \", and no < or > in the title or description",
                    field=name))
    return problems


_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)")


def mask_code(lines: list[str]) -> list[str]:
    """The lines with code blocks and code spans blanked out, so line numbers stay right."""
    out, fence = [], None
    for line in lines:
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
            out.append("")
            continue
        match = _FENCE_OPEN.match(line)
        if match:
            fence = match.group("fence")
            out.append("")
            continue
        out.append(_INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return out


_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed)\b", re.IGNORECASE)
_TAG = re.compile(r"<[A-Za-z][\w-]*(?=[\s/>]|$)[^>]*>?")  # an HTML tag, not an autolink <https://...>
_ATTR_LIST = re.compile(r"\{[^{}]*\}")
_HANDLER = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
_JS_URL = re.compile(r"(\]\(\s*<?|\]:\s*<?|(?:href|src)\s*=\s*[\"']?\s*)javascript:", re.IGNORECASE)

_NO_SCRIPTS_FIX = ("remove it: pages may not run scripts or embed other sites; "
                   "link to the other site with [text](https://...) instead")


def _html(text: str, path: str, line_of) -> list[Problem]:
    problems = []
    for match in _DANGEROUS_TAG.finditer(text):
        problems.append(Problem(path, line_of(match.start()),
                                f"raw <{match.group(1).lower()}> is not allowed in a page", _NO_SCRIPTS_FIX))
    for container in [*_TAG.finditer(text), *_ATTR_LIST.finditer(text)]:
        for match in _HANDLER.finditer(container.group(0)):
            problems.append(Problem(path, line_of(container.start() + match.start()),
                                    f"inline event handler '{match.group(1)}=' is not allowed in a page",
                                    "remove the attribute: pages may not run scripts"))
    for match in _JS_URL.finditer(text):
        problems.append(Problem(path, line_of(match.start()), "a 'javascript:' link is not allowed in a page",
                                "link to a page or an https:// address instead"))
    return problems


_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\](?=[(\[])")  # ![alt](src) or ![alt][ref]
_HTML_IMAGE = re.compile(r"<img\b[^>]*>?", re.IGNORECASE)
_ALT = re.compile(r"""\salt\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""", re.IGNORECASE)
_ALT_FIX = "describe what the image shows, e.g. ![A laptop showing a video call with six people](call.png)"


def _images(text: str, path: str, line_of) -> list[Problem]:
    problems = []
    for match in _MD_IMAGE.finditer(text):
        if not match.group("alt").strip():
            problems.append(Problem(path, line_of(match.start()), "an image has no alt text", _ALT_FIX))
    for match in _HTML_IMAGE.finditer(text):
        alt = _ALT.search(match.group(0))
        value = next((g for g in alt.groups() if g is not None), "") if alt else ""
        if not value.strip():
            problems.append(Problem(path, line_of(match.start()), "an <img> has no alt text",
                                    'add alt="..." describing what the image shows'))
    return problems


# Places where Markdown or HTML takes a link address.
_LINK_TARGET = re.compile(
    r"""(?:\]\(\s*<?|\]:\s*<?|(?<!\])<(?=[a-z]+:)|(?:href|src)\s*=\s*["']?)(?P<url>[^\s)>"']+)""",
    re.IGNORECASE)


def _links(text: str, path: str, line_of, site_url: str) -> list[Problem]:
    problems = []
    own = _own_site(site_url)
    for match in _LINK_TARGET.finditer(text):
        url, line = match.group("url"), line_of(match.start("url"))
        if own and re.sub(r"^(https?:)?//", "", url, flags=re.IGNORECASE).startswith(own):
            problems.append(Problem(
                path, line, f"link to the guide's own page by its full address: {url}",
                "link to the Markdown file instead, e.g. [Formats](../understand/formats.md): "
                "the build checks such links and they work in previews"))
        elif url.lower().startswith("http://"):
            problems.append(Problem(path, line, f"link uses http://, not https://: {url}",
                                    "use the https:// address (open it in a browser to check it works)"))
    return problems


def _own_site(site_url: str) -> str:
    """``https://host/path/`` -> ``host/path`` (scheme and trailing slash dropped)."""
    return re.sub(r"^(https?:)?//", "", site_url.strip(), flags=re.IGNORECASE).rstrip("/")
