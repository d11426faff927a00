"""``make lint``: every content rule the build checks, and the prose checks, without rendering.

One run reports every problem in every file, each a :class:`~guide.errors.Problem` with the file,
the line and the fix:

* **The build's own checks**, run through the same code as ``make build`` (``Build.start`` and
  ``Build.scan`` in :mod:`guide.site`), so lint and build never disagree:

  - ``references.bib``: syntax, duplicate keys, missing fields, entries no page cites;
  - front matter: missing, unknown or badly formed fields, impossible review dates
    (an overdue review is listed, never refused);
  - cite keys: ``[@key]`` must be in references.bib, written the way mkdocs-bibtex reads it;
  - the content rules of :mod:`guide.rules`: TODOs, raw ``<script>`` and event handlers,
    images without alt text, ``http://`` links, links to our own site by full address;
  - links between pages and their ``#anchors`` (:mod:`guide.links`);
  - checklists in docs/checklists/ (schema, cite keys, links) and the ``<!-- guide:... -->`` markers.

* **Prose checks**, slower, that only lint and ``make test`` run:

  - Flesch-Kincaid reading grade at most 8 and sentences of 20 words or fewer on average, with
    the hardest sentences listed by line whenever a page fails or comes within 1 grade
    (see :mod:`guide.readability`);
  - every sentence over 35 words, listed with its line;
  - checklist text: the grade of each ``help:`` line and a word limit per item;
  - spelling, with codespell and the project's word list ``.codespell-words.txt``;
  - the Spanish edition (``docs-es/``): Fernández-Huerta reading ease, the same sentence limits
    and Spanish spelling (:mod:`guide.prose_es`).

Nothing renders and nothing goes to the network: on the real guide ``make lint`` uses about
0.6 s of CPU time (most of it importing textstat and running codespell).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

# textstat 0.7.3 imports pkg_resources, which warns on import; the warning says nothing to an editor.
warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
from guide import checklists, embed, frontmatter, readability, yamldata  # noqa: E402  (textstat warns on import)
from guide.errors import GuideError, Problem  # noqa: E402
from guide.rules import (  # noqa: E402,F401  (the build checks, also used from here by tests)
    DRAFTS_ENV, SNIPPETS, TODO_MESSAGE, check_page, drafts_allowed, is_todo)
from guide.site import Build  # noqa: E402

WORDS_FILE = ".codespell-words.txt"

# ---------------------------------------------------------------------------------------------
# Test checks


def check_prose(source: frontmatter.Source, measure: readability.Measure | None = None) -> list[Problem]:
    """Reading grade, average sentence length and long sentences of one page's body. When the
    page fails its grade, its hardest sentences are listed with their lines and grades."""
    measure = measure or readability.measure(source.body, source.body_line)
    path, at = source.path, source.body_line
    problems = []
    if measure.grade > readability.GRADE_MAX:
        problems.append(Problem(
            path, at, f"reading grade {measure.grade} > {readability.GRADE_MAX:g}",
            "use shorter sentences and everyday words (the longest sentences and words count most); "
            "start with the hardest sentences, listed below"))
        problems.extend(_hardest(path, measure, "split it, or use shorter, everyday words"))
    if measure.average_words > readability.AVERAGE_WORDS_MAX:
        problems.append(Problem(
            path, at, f"sentences average {measure.average_words} words > {readability.AVERAGE_WORDS_MAX:g}",
            "split long sentences: one idea per sentence"))
    for sentence in measure.long_sentences:
        problems.append(Problem(
            path, sentence.line,
            f"sentence of {sentence.words} words (over {readability.LONG_SENTENCE_WORDS}): \"{_start(sentence.text)}\"",
            "split it into two or three sentences"))
    return problems


def prose_notes(source: frontmatter.Source, measure: readability.Measure) -> list[Problem]:
    """A page that passes but comes within 1 grade of the limit: its hardest sentences, as notes."""
    if measure.grade > readability.GRADE_MAX or not measure.near_limit:
        return []
    return [Problem(source.path, source.body_line,
                    f"reading grade {measure.grade}: within {readability.NEAR:g} of the limit "
                    f"({readability.GRADE_MAX:g})", "the hardest sentences are listed below"),
            *_hardest(source.path, measure, "if you can, split it or use shorter words")]


def _hardest(path: str, measure: readability.Measure, fix: str) -> list[Problem]:
    return [Problem(path, sentence.line, f"hard sentence, grade {grade}: \"{_start(sentence.text)}\"", fix)
            for sentence, grade in measure.hardest]


def _start(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


# Checklist text: an item is one line a reader ticks; its help is a sentence or two.
ITEM_WORDS_MAX = 20
HELP_WORDS_MAX = 30


def checklist_texts(path: Path, shown: str) -> list[readability.ShortText]:
    """The text of every item and help line of one checklist file, with its line."""
    data, lines, problems = yamldata.read(path.read_text(encoding="utf-8"), shown, empty_fix="", nesting_fix="")
    if problems or not isinstance(data, dict):
        return []  # the build's checks report what is wrong with the file
    out = []
    for s, section in enumerate(data.get("sections") or []):
        for i, item in enumerate((section or {}).get("items") or [] if isinstance(section, dict) else []):
            if not isinstance(item, dict):
                continue
            for name, words, grade in (("text", ITEM_WORDS_MAX, None),
                                       ("help", HELP_WORDS_MAX, readability.GRADE_MAX)):
                value = item.get(name)
                if isinstance(value, str):
                    where = ("sections", s, "items", i, name)
                    out.append(readability.ShortText(shown, lines.of(where), yamldata.field_name(where),
                                                     value, words, grade))
    return out


def checklist_prose(root: Path, docs: str = "docs") -> list[Problem]:
    """Word limits of every checklist item and help line, and the reading grade of each help line."""
    folder = Path(root) / docs / checklists.FOLDER
    texts = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        texts.extend(checklist_texts(path, _shown(path, root)))
    return readability.check_short(texts)


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


def config_of(root: Path) -> dict:
    """mkdocs.yml, read safely (tags such as !!python/name are ignored)."""
    config = Path(root) / "mkdocs.yml"
    if not config.is_file():
        return {}
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=loader)
    return data if isinstance(data, dict) else {}


def site_url_of(root: Path) -> str:
    """``site_url`` from mkdocs.yml."""
    return str(config_of(root).get("site_url") or "")


def page_url(src: str) -> str:
    """The address MkDocs gives a page (use_directory_urls): a/b.md -> a/b/, a/index.md -> a/."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


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


def scan(root: Path, docs: str = "docs") -> tuple[list[Problem], Build | None]:
    """The build's checks (references.bib, front matter, cite keys, content rules, links and
    anchors, checklists, markers), run through ``Build`` exactly as ``make build`` runs them."""
    root = Path(root)
    config = config_of(root)
    site = dict(site_url=str(config.get("site_url") or ""), site_name=str(config.get("site_name") or ""),
                nav_order=embed.nav_files(config.get("nav")))
    try:
        build = Build.start(root, docs, **site)
    except GuideError as exc:
        return exc.problems, None
    texts = {path.relative_to(root / docs).as_posix(): path.read_text(encoding="utf-8")
             for path in articles(root / docs)}
    config_file = root / "mkdocs.yml"
    menu = nav_problems(config, set(texts), docs,
                        config_file.read_text(encoding="utf-8") if config_file.is_file() else "")
    try:
        build.scan(texts, {src: page_url(src) for src in texts})
    except GuideError as exc:
        return exc.problems + menu, build
    return menu, build


def nav_problems(config: dict, pages: set[str], docs: str = "docs", config_text: str = "") -> list[Problem]:
    """The site menu (nav in mkdocs.yml): every page is in it, and every entry is a page.
    The build checks this too (MkDocs' validation), but without a fix."""
    if not config.get("nav"):
        return []  # no nav: MkDocs lists every page itself
    listed = embed.nav_files(config["nav"])
    problems = [Problem(f"{docs}/{src}", 1, "the page is not in the site menu (nav in mkdocs.yml)",
                        f"add a line '      - Title: {src}' under its section of nav in mkdocs.yml",
                        field="nav") for src in sorted(pages - set(listed))]
    lines = config_text.splitlines()

    def line_of(src: str) -> int | None:
        return next((n for n, line in enumerate(lines, 1) if line.rstrip().endswith(" " + src)), None)

    problems += [Problem("mkdocs.yml", line_of(src), f"the menu (nav) lists '{src}', which is not a page in {docs}/",
                         "correct the path, or remove the line", field="nav")
                 for src in listed if src not in pages]
    return problems


def lint_article(source: frontmatter.Source, measure: readability.Measure) -> tuple[list[Problem], Figures]:
    """The prose checks of one article, and its line in the table."""
    keys = cited_keys(source.body)
    figures = Figures(source.path, measure.grade, measure.words, measure.average_words, len(keys), len(set(keys)))
    return check_prose(source, measure), figures


def cited_keys(markdown: str) -> list[str]:
    """Every key cited in ``[@key]`` or ``[@a; @b]`` blocks, in order, repeats included."""
    return [key for block in re.findall(r"\[(@[^\]]*)\]", markdown)
            for key in re.findall(r"@([A-Za-z0-9_-]+)", block)]


@dataclass
class Report:
    problems: list[Problem]
    table: list[Figures]
    notes: list[Problem]  # not failures: reviews overdue or due soon, pages near the grade limit


def lint_docs(root: Path, docs: str = "docs", *, spelling: bool = True
              ) -> tuple[list[Problem], list[Figures]]:
    """Every check on every article in ``root/docs``: (problems, table)."""
    report = lint_report(root, docs, spelling=spelling)
    return report.problems, report.table


def lint_report(root: Path, docs: str = "docs", *, spelling: bool = True) -> Report:
    """Every check on every article in ``root/docs``; snippets get the content rules."""
    root = Path(root)
    folder = root / docs
    problems, build = scan(root, docs)
    notes: list[Problem] = list(build.warnings) if build else []
    table: list[Figures] = []
    for path in articles(folder):
        shown = _shown(path, root)
        page = build.pages.get(path.relative_to(folder).as_posix()) if build else None
        source = page.source if page else frontmatter.split(path.read_text(encoding="utf-8"), shown)
        measure = readability.measure(source.body, source.body_line)
        found, figures = lint_article(source, measure)
        problems.extend(found)
        notes.extend(prose_notes(source, measure))
        table.append(figures)
    problems.extend(checklist_prose(root, docs))
    site_url = site_url_of(root)
    for path in snippets(folder):
        problems.extend(check_page(path.read_text(encoding="utf-8"), _shown(path, root), site_url=site_url))
    if spelling:
        problems.extend(check_spelling(spelling_files(folder), root))
    unique = list(dict.fromkeys(problems))
    unique.sort(key=lambda p: (p.file, p.line or 0))
    return Report(unique, table, notes)


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
    report = lint_report(root, spelling=not args.no_spelling)
    problems, table = report.problems, report.table
    from guide import prose_es  # the Spanish edition (docs-es/): Fernández-Huerta, sentences, spelling

    spanish, spanish_table = prose_es.lint(root, spelling=not args.no_spelling)
    problems = problems + spanish
    for note in report.notes:
        print(f"note: {note}")
    if args.table:
        print(format_table(table))
        print()
        if spanish_table:
            print(prose_es.format_table(spanish_table))
            print()
    for problem in problems:
        print(problem)
    count = len(problems)
    print(f"{len(table) + len(spanish_table)} article{'s' if len(table) + len(spanish_table) != 1 else ''} checked: "
          + ("no problems." if not count else f"{count} problem{'s' if count != 1 else ''}."))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
