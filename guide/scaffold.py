"""Start a new article: ``make new-article TITLE="..." SECTION=...``.

Creates ``docs/<section>/<slug>.md`` with all the front matter an article needs (reviewed today,
next review in 12 months) and a body of TODOs, then adds the page to the site menu (``nav`` in
mkdocs.yml) at the end of its section. It never overwrites a file. The build refuses to publish a
page while any TODO is left, so a half-written article cannot go live by mistake.

Run it as ``python -m guide.scaffold --title "Coping with nerves" --section prepare``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from guide import frontmatter
from guide.lint import site_url_of

# The folder of each section, and its heading in the site menu (nav in mkdocs.yml).
SECTIONS = {
    "understand": "Understand",
    "decide": "Decide",
    "choose": "Choose",
    "prepare": "Prepare",
    "about": "About",
}
SLUG_MAX = 60

TEMPLATE = """\
---
title: {title}
description: TODO one sentence of at most 160 characters that says what this page helps the reader do.
reviewed: {reviewed}
next_review: {next_review}
---

# {heading}

!!! abstract "In short"
    TODO: the main points in three or four short sentences.

TODO: one or two sentences on who this page is for and what it helps them decide.

## TODO: the first question the reader has

TODO: short sentences and everyday words. Cite each claim from research right after it
(see "Cite your sources" in CONTRIBUTING.md). If there is no good evidence, say so.

## TODO: the next question

TODO: give the good and the bad points in the same detail, and say how sure the evidence is.

## What to do next

TODO: link to the page the reader should read next, e.g. [Is it right for me?](../decide/is-it-right-for-me.md).
"""


@dataclass
class Result:
    path: Path  # the new article
    nav: str  # what happened to the menu: "added", "no-nav", "manual"
    nav_line: str  # the line to add by hand when nav == "manual"


class ScaffoldError(Exception):
    """Something the editor must change before the article can be created."""


def slugify(title: str) -> str:
    """'Coping with nerves: what's next' -> 'coping-with-nerves-whats-next' (ASCII, 60 characters at most)."""
    text = re.sub(r"['’]", "", title)  # what's -> whats
    text = re.sub(r"[^\w]+", " ", text)  # dashes and other marks separate words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; 29 February becomes 28 February in a common year."""
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: bare when YAML reads it back unchanged, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def render(title: str, on: dt.date) -> str:
    return TEMPLATE.format(title=yaml_text(title), heading=title, reviewed=on.isoformat(),
                           next_review=add_months(on, 12).isoformat())


def create(root: Path, title: str, section: str, *, on: dt.date | None = None, nav: bool = True,
           after: str | None = None) -> Result:
    """Write the new article and (unless ``nav`` is False) add it to the menu. Never overwrites."""
    root = Path(root)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('give the article a title: make new-article TITLE="Your title" SECTION=understand')
    bad = sorted({c for c in title if c in '<>"'})
    if bad:
        raise ScaffoldError(f"the title has {' '.join(repr(c) for c in bad)}; use curly quotes “ ” "
                            "and no < or > (the title goes into the page's HTML as it is)")
    if section not in SECTIONS:
        raise ScaffoldError(f"unknown section '{section}': use one of {', '.join(SECTIONS)}")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("the title needs at least one letter or digit, to name the file")
    path = root / "docs" / section / f"{slug}.md"
    shown = path.relative_to(root).as_posix()
    if path.exists():
        raise ScaffoldError(f"{shown} already exists: edit that file, or choose another title")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        handle.write(render(title, on or frontmatter.today()))
    entry = f"{section}/{slug}.md"
    nav_line = f"      - {yaml_text(title)}: {entry}"
    if not nav:
        return Result(path, "manual", nav_line)
    try:
        return Result(path, add_to_nav(root / "mkdocs.yml", SECTIONS[section], title, entry, after), nav_line)
    except ScaffoldError:
        path.unlink()  # nothing half done: the editor runs the command again with a good AFTER
        raise


def _loader() -> type:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/name etc.
    return loader


def _section_pages(config_text: str, heading: str) -> list | None:
    nav = (yaml.load(config_text, Loader=_loader()) or {}).get("nav")
    if nav is None:
        return None
    for item in nav:
        if isinstance(item, dict) and heading in item and isinstance(item[heading], list):
            return item[heading]
    return []


# Pages that close their section: a new page goes before them, not after.
KEEP_LAST = ("glossary.md", "references.md")


def add_to_nav(config: Path, heading: str, title: str, entry: str, after: str | None = None) -> str:
    """Add ``- title: entry`` to the section ``heading`` of nav, editing mkdocs.yml as text so
    that its comments and layout stay: after the page ``after`` (its file name, e.g. formats.md)
    when given, else at the end of the section but before the Glossary or References that close
    it. Returns "added", "no-nav" (the site has no nav, so MkDocs lists every page itself) or
    "manual" (the section was not found: the editor adds the line)."""
    text = config.read_text(encoding="utf-8")
    if _section_pages(text, heading) is None:
        return "no-nav"
    lines = text.splitlines(keepends=True)
    nav_at = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    if nav_at is None:
        return "manual"
    head = re.compile(rf"^(?P<indent>[ ]*)- {re.escape(heading)}:\s*(?P<empty>\[\s*\])?\s*$")
    start = next((i for i in range(nav_at + 1, len(lines)) if head.match(lines[i])), None)
    if start is None:
        return "manual"
    match = head.match(lines[start])
    indent = len(match.group("indent"))
    if match.group("empty"):  # "- Prepare: []": a section with no page yet
        lines[start] = f"{match.group('indent')}- {heading}:\n"
    last, item_indent, items = start, None, []
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        width = len(line) - len(line.lstrip(" "))
        if width <= indent:
            break
        if item_indent is None and line.lstrip().startswith("- "):
            item_indent = width
        if width == item_indent and line.lstrip().startswith("- "):
            items.append(i)
        last = i
    item_indent = item_indent if item_indent is not None else indent + 4
    new_line = f"{' ' * item_indent}- {yaml_text(title)}: {entry}\n"
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    files = {i: lines[i].rstrip().rsplit(" ", 1)[-1] for i in items}
    if after:
        found = [i for i in items if files[i] == after or files[i].endswith("/" + after)]
        if not found:
            listed = ", ".join(f.rsplit("/", 1)[-1] for f in files.values()) or "none yet"
            raise ScaffoldError(f"there is no page '{after}' in '{heading}' to put the new page after: "
                                f"use one of {listed}, or leave AFTER out")
        at = found[0] + 1
    else:
        closing = [i for i in items if files[i].rsplit("/", 1)[-1] in KEEP_LAST]
        at = closing[0] if closing and all(i in closing for i in items if i > closing[0]) else last + 1
    lines.insert(at, new_line)
    new_text = "".join(lines)
    try:
        ok = {title: entry} in (_section_pages(new_text, heading) or [])
    except yaml.YAMLError:
        ok = False
    if not ok:
        return "manual"
    config.write_text(new_text, encoding="utf-8")
    return "added"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide.scaffold", description="Start a new article.")
    parser.add_argument("--title", default="", help='the page title, e.g. "Coping with nerves"')
    parser.add_argument("--section", default="", help=f"one of: {', '.join(SECTIONS)}")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--no-nav", action="store_true", help="do not add the page to nav in mkdocs.yml")
    parser.add_argument("--after", default="", help="put it in the menu after this page of its section, "
                        "e.g. formats.md (default: last, but before the Glossary or References)")
    args = parser.parse_args(argv)
    try:
        result = create(Path(args.root), args.title, args.section.strip().lower(), nav=not args.no_nav,
                        after=args.after.strip() or None)
    except ScaffoldError as exc:
        print(f"new-article: {exc}", file=sys.stderr)
        return 1
    shown = result.path.relative_to(Path(args.root)).as_posix()
    # `mkdocs serve` serves the site under the path of site_url, e.g. /online-group-therapy-guide/.
    base = urlparse(site_url_of(Path(args.root))).path.strip("/")
    url = "/".join(p for p in (base, shown.removeprefix("docs/").removesuffix(".md")) if p) + "/"
    print(f"Created {shown}")
    if result.nav == "added":
        where = (f"after {args.after.strip()}" if args.after.strip()
                 else "at the end, before the Glossary or References if the section has one")
        print(f"Added it to the site menu: nav in mkdocs.yml, in '{SECTIONS[args.section.strip().lower()]}', {where}."
              " To place it elsewhere, move the line, or start again with AFTER=file.md.")
    elif result.nav == "manual":
        print("Add it to the site menu yourself: in mkdocs.yml, under nav, in its section, add the line")
        print(result.nav_line)
    print("Next:")
    print(f"  1. Open {shown} and replace every TODO. The build refuses a page with a TODO left.")
    print(f"  2. Run 'make serve' and open http://127.0.0.1:8000/{url} to see it.")
    print("  3. Run 'make test', then open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
