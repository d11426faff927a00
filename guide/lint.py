"""Content lint: what every page must pass before it goes live.

Two groups of checks, each failure a :class:`~guide.errors.Problem` naming the file, the line and
the fix:

* **Build checks** (:func:`check_page`): plain text rules, fast, with no extra packages. The build
  runs them from ``Build.scan``, so ``make build`` and ``make serve`` refuse a page that breaks one:

  - ``TODO`` anywhere in the file: the page is not finished;
  - raw ``<script>``, ``<iframe>``, ``<object>`` or ``<embed>``, an inline event handler
    (``onclick=`` and the like, in an HTML tag or a ``{ ... }`` attribute list), a ``javascript:``
    link;
  - a front-matter title or description with ``<``, ``>`` or ``"`` (the theme puts them in the
    page's HTML without escaping);
  - an image without alt text;
  - a link to another site over ``http://`` instead of ``https://``;
  - a link to one of the guide's own pages by its full address (``site_url`` in mkdocs.yml).

* **Test checks** (:func:`check_prose`, :func:`check_spelling`): slower, run by ``make test`` and
  by ``python -m guide.lint``:

  - Flesch-Kincaid reading grade at most 8 and sentences of 20 words or fewer on average
    (see :mod:`guide.readability`);
  - every sentence over 35 words, listed with its line;
  - spelling, with codespell and the project's word list ``.codespell-words.txt``.

Code in backticks or fenced code blocks is not checked for HTML or links: Markdown shows it as text.
"""

from __future__ import annotations

import argparse
import bisect
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

# textstat 0.7.3 imports pkg_resources, which warns on import; the warning says nothing to an editor.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
from guide import frontmatter, readability  # noqa: E402  (textstat warns on import)
from guide.errors import Problem  # noqa: E402

WORDS_FILE = ".codespell-words.txt"
SNIPPETS = "snippets"

# ---------------------------------------------------------------------------------------------
# Build checks


def check_page(text: str, path: str, *, site_url: str = "",
               source: frontmatter.Source | None = None) -> list[Problem]:
    """Every build check on one page file (front matter and body). ``path`` is shown in messages.
    ``source`` is the page's front matter when the caller has already split it (no second parse)."""
    lines = text.splitlines()
    code_free = "\n".join(_mask_code(lines))  # same lines, same columns, code blanked out
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


def _mask_code(lines: list[str]) -> list[str]:
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


# ---------------------------------------------------------------------------------------------
# Test checks


def check_prose(source: frontmatter.Source, measure: readability.Measure | None = None) -> list[Problem]:
    """Reading grade, average sentence length and long sentences of one page's body."""
    measure = measure or readability.measure(source.body, source.body_line)
    path, at = source.path, source.body_line
    problems = []
    if measure.grade > readability.GRADE_MAX:
        problems.append(Problem(
            path, at, f"reading grade {measure.grade} > {readability.GRADE_MAX:g}",
            "use shorter sentences and everyday words (the longest sentences and words count most)"))
    if measure.average_words > readability.AVERAGE_WORDS_MAX:
        problems.append(Problem(
            path, at, f"sentences average {measure.average_words} words > {readability.AVERAGE_WORDS_MAX:g}",
            "split long sentences: one idea per sentence"))
    for sentence in measure.long_sentences:
        start = sentence.text if len(sentence.text) <= 60 else sentence.text[:57] + "..."
        problems.append(Problem(
            path, sentence.line,
            f"sentence of {sentence.words} words (over {readability.LONG_SENTENCE_WORDS}): \"{start}\"",
            "split it into two or three sentences"))
    return problems


_CODESPELL_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")


def read_words(path: Path) -> list[str]:
    """The project word list: one word per line; blank lines and '#' comments are skipped."""
    if not path.is_file():
        return []
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def check_spelling(files: list[Path], root: Path, words_file: Path | None = None) -> list[Problem]:
    """Run codespell on the files. Each misspelling is a problem with its line and the suggestion."""
    if not files:
        return []
    root = Path(root)
    words = read_words(words_file if words_file is not None else root / WORDS_FILE)
    command = [sys.executable, "-m", "codespell_lib", "--disable-colors"]
    if words:
        command += ["--ignore-words-list", ",".join(words)]
    command += [_shown(f, root) for f in files]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    if result.returncode not in (0, 65):  # 65: misspellings found
        raise RuntimeError(f"codespell failed ({result.returncode}): {result.stderr or result.stdout}")
    problems = []
    for line in result.stdout.splitlines():
        match = _CODESPELL_LINE.match(line.strip())
        if match:
            problems.append(Problem(
                match.group("file"), int(match.group("line")),
                f"spelling: '{match.group('word')}' should probably be '{match.group('fix')}'",
                f"correct it; if the word is right, add it on its own line to {WORDS_FILE}"))
    return problems


# ---------------------------------------------------------------------------------------------
# The whole docs folder


def site_url_of(root: Path) -> str:
    """``site_url`` from mkdocs.yml, read safely (tags such as !!python/name are ignored)."""
    config = Path(root) / "mkdocs.yml"
    if not config.is_file():
        return ""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=loader) or {}
    return str(data.get("site_url") or "")


def articles(docs: Path) -> list[Path]:
    """Every page of the guide: the .md files in docs/, except the shared snippets."""
    return sorted(p for p in Path(docs).rglob("*.md") if SNIPPETS not in p.relative_to(docs).parts[:1])


def snippets(docs: Path) -> list[Path]:
    folder = Path(docs) / SNIPPETS
    return sorted(p for p in folder.rglob("*.md") if p.name != "README.md") if folder.is_dir() else []


def spelling_files(docs: Path) -> list[Path]:
    """What codespell reads: the pages, the snippets and the YAML files (checklists) in docs/."""
    return sorted(p for p in Path(docs).rglob("*")
                  if p.is_file() and p.suffix in (".md", ".yml", ".yaml"))


@dataclass
class Figures:
    """One article's measures, for the table that ``--table`` prints."""

    path: str
    grade: float
    words: int
    average_words: float
    citations: int  # [@key] citations on the page, a block of two keys counting two
    sources: int  # distinct keys cited


def lint_article(path: Path, root: Path, site_url: str = "", *, on=None) -> tuple[list[Problem], Figures]:
    """Front matter, build checks and prose checks of one article (spelling is run for all at once)."""
    shown = _shown(path, root)
    text = path.read_text(encoding="utf-8")
    source = frontmatter.split(text, shown)
    errors, _warnings = frontmatter.check(source, on=on)
    measure = readability.measure(source.body, source.body_line)
    problems = [*errors, *check_page(text, shown, site_url=site_url, source=source), *check_prose(source, measure)]
    keys = cited_keys(source.body)
    figures = Figures(shown, measure.grade, measure.words, measure.average_words, len(keys), len(set(keys)))
    return problems, figures


def cited_keys(markdown: str) -> list[str]:
    """Every key cited in ``[@key]`` or ``[@a; @b]`` blocks, in order, repeats included."""
    return [key for block in re.findall(r"\[(@[^\]]*)\]", markdown)
            for key in re.findall(r"@([A-Za-z0-9_-]+)", block)]


def lint_docs(root: Path, docs: str = "docs", *, spelling: bool = True, on=None
              ) -> tuple[list[Problem], list[Figures]]:
    """Every check on every article in ``root/docs``; snippets get the build checks."""
    root = Path(root)
    folder = root / docs
    site_url = site_url_of(root)
    problems: list[Problem] = []
    table: list[Figures] = []
    for path in articles(folder):
        found, figures = lint_article(path, root, site_url, on=on)
        problems.extend(found)
        table.append(figures)
    for path in snippets(folder):
        problems.extend(check_page(path.read_text(encoding="utf-8"), _shown(path, root), site_url=site_url))
    if spelling:
        problems.extend(check_spelling(spelling_files(folder), root))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return problems, table


def format_table(table: list[Figures]) -> str:
    width = max([len(f.path) for f in table] + [7])
    rows = [f"{'article':<{width}}  grade  words  avg/sentence  citations  sources"]
    for f in table:
        rows.append(f"{f.path:<{width}}  {f.grade:>5}  {f.words:>5}  {f.average_words:>12}  "
                    f"{f.citations:>9}  {f.sources:>7}")
    return "\n".join(rows)


def _shown(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m guide.lint",
        description="Check every article: front matter, TODOs, HTML, images, links, reading level, spelling.")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--table", action="store_true", help="also print grade, words and citations per article")
    parser.add_argument("--no-spelling", action="store_true", help="skip codespell")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "docs").is_dir():
        print(f"{root / 'docs'} is not a folder: run this in the project folder or pass --root", file=sys.stderr)
        return 2
    problems, table = lint_docs(root, spelling=not args.no_spelling)
    if args.table:
        print(format_table(table))
        print()
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{len(table)} article{'s' if len(table) != 1 else ''} checked: "
          + ("no problems." if not count else f"{count} problem{'s' if count != 1 else ''}."))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
