"""Interactive checklists: load ``docs/checklists/<id>.yml``, check it, render it as HTML.

A checklist is structured YAML that editors change in a pull request (the format is in
``schema/checklist.schema.json``). The YAML is untrusted:

* It is read by :func:`guide.yamldata.read` (``safe_load`` semantics). The node tree is kept, so every
  problem names the file, the line and the field. Duplicate keys and anchors/aliases are refused.
* The structure is checked against the JSON Schema, then the build checks what a schema cannot:
  unique item ids, cite keys in ``references.bib``, links to real pages and headings, the id
  matching the file name, help for every essential item.
* Every piece of text is escaped. A tiny inline subset is then converted: ``*em*``, ``**strong**``
  and ``[text](url)`` where the url is ``https://`` or a page of the guide. Raw HTML never
  passes through.

Rendering is server-side: a ``form`` with a ``fieldset`` per section and a real checkbox and
label per item. It is complete without JavaScript; ``overrides/assets/checklist.js`` adds
progress, saving on the device and the summary.

Flow: :func:`load_all` (per build) -> :func:`parse` (per file) -> :func:`render` (per marker).
"""

from __future__ import annotations

import difflib
import html as htmllib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jsonschema
from markupsafe import Markup, escape

from guide import textfile
from guide import yamldata
from guide.errors import Problem
from guide.yamldata import Lines as _Lines, Path_, field_name as _field_name, get as _get, read_mapping

FOLDER = "checklists"  # inside docs/; mkdocs.yml keeps its YAML out of the site (exclude_docs)
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "checklist.schema.json"
SCHEMA_SHOWN = "schema/checklist.schema.json"
REFERENCES_ANCHOR = "ref-{key}"  # the id of each entry on the References page

# Their labels are words in guide/words/<code>.yml, under "checklist".
PRIORITIES = ("essential", "important", "nice-to-have")
BANDS = ("essential-unticked", "essential-ticked", "all-ticked")

# ---------------------------------------------------------------------------------------------
# The checked, render-ready form of a checklist


@dataclass(frozen=True)
class Target:
    """A page of the guide that a checklist may link to."""

    url: str  # site-relative, e.g. understand/risks/
    title: str
    anchors: dict[str, str] = field(default_factory=dict)  # heading id -> heading text


@dataclass
class Item:
    id: str
    text: str
    help: str | None = None
    priority: str | None = None
    cites: list[tuple[str, str]] = field(default_factory=list)  # (label, site-relative url)
    cite_keys: list[str] = field(default_factory=list)
    link: tuple[str, str, str] | None = None  # (page title, heading or "", site-relative url)


@dataclass
class Section:
    title: str
    items: list[Item]


@dataclass
class Band:
    when: str
    text: str


@dataclass
class Checklist:
    id: str
    title: str
    intro: str
    version: str
    sections: list[Section]
    results: list[Band]
    path: str  # as shown in messages, e.g. docs/checklists/choose-platform.yml
    guide_links: dict[str, str] = field(default_factory=dict)  # inline "x.md#a" -> site url

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @property
    def cite_keys(self) -> list[str]:
        keys: list[str] = []
        for item in self.items:
            keys.extend(k for k in item.cite_keys if k not in keys)
        return keys


@dataclass
class Context:
    """What a checklist is checked against: the bibliography and the build's pages."""

    keys: Collection[str] = ()
    targets: dict[str, Target] = field(default_factory=dict)  # docs-relative .md path -> page
    references_url: str | None = "about/references/"  # the page with the References list
    labels: dict[str, str] = field(default_factory=dict)  # cite key -> "Lagan et al., 2020"


# ---------------------------------------------------------------------------------------------
# Loading


def load_all(folder: Path, shown_folder: str, context: Context) -> tuple[dict[str, Checklist | None], list[Problem]]:
    """Every checklist in ``folder``. A file that fails is kept as ``None`` so markers that name it
    are not reported a second time; its problems are in the list."""
    found: dict[str, Checklist | None] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir() or any(part.startswith(".") for part in rel.split("/")):
            continue  # folders, and hidden files such as editors' swap files (MkDocs skips them too)
        shown = f"{shown_folder}/{rel}"
        if path.suffix != ".yml" or "/" in rel:
            problems.append(Problem(shown, 1, "this file is not a checklist, so it would be ignored",
                                    f"checklists are '{shown_folder}/<id>.yml' files; rename it to end in "
                                    "'.yml' and put it directly in that folder, or move it elsewhere"))
            continue
        text, unreadable = textfile.read(path, shown)  # UTF-8, no control characters, bounded size
        if text is None:
            problems.extend(unreadable)
            found[path.stem] = None
            continue
        checklist, file_problems = parse(text, shown, path.stem, context)
        problems.extend(file_problems)
        found[path.stem] = checklist
    return found, problems


def unplaced(checklists: dict[str, Checklist | None], placed: set[str], shown_folder: str) -> list[Problem]:
    """A checklist that no page shows would silently never reach a reader."""
    return [
        Problem(f"{shown_folder}/{cid}.yml", 1, f"checklist '{cid}' is not placed on any page",
                f"add the line '<!-- guide:checklist {cid} -->' to the page it belongs on, or delete the file",
                field="id")
        for cid in sorted(checklists) if cid not in placed
    ]


def schema() -> dict:
    return yamldata.validator(SCHEMA_PATH).schema


def _validator() -> jsonschema.protocols.Validator:
    return yamldata.validator(SCHEMA_PATH)


def parse(text: str, shown: str, expected_id: str | None = None,
          context: Context | None = None) -> tuple[Checklist | None, list[Problem]]:
    """Read one checklist. Returns it (``None`` on any problem) and every problem found."""
    context = context or Context()
    data, lines, problems = read_mapping(
        text, shown, what="a checklist", start="'id:', 'title:', 'intro:', 'version:' and 'sections:'",
        schema_shown=SCHEMA_SHOWN, empty_fix=f"write the fields id, title, intro, version and sections (see {SCHEMA_SHOWN})")
    if problems:
        return None, problems
    checker = _Checker(shown, lines, context, data)
    schema_problems = [p for error in _validator().iter_errors(data) for p in checker.schema_error(error)]
    checker.problems.extend(schema_problems)
    checker.semantics(data, expected_id)
    problems = sorted(checker.problems, key=lambda p: (p.line or 0, p.field or "", p.message))
    if problems:
        return None, problems
    return checker.build(data), []


def _where(path: Path_, data: Any = None) -> str:
    """Plain words for a place in the checklist: "item 2 of section 1 ('Privacy')"."""
    if len(path) >= 4 and path[0] == "sections" and path[2] == "items" and isinstance(path[3], int):
        item = _get(data, path[:4])
        name = f" ('{item['id']}')" if isinstance(item, dict) and isinstance(item.get("id"), str) else ""
        return f"item {path[3] + 1}{name} of section {path[1] + 1}"
    if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int):
        return f"section {path[1] + 1}"
    if len(path) >= 2 and path[0] == "results" and isinstance(path[1], int):
        return f"result {path[1] + 1}"
    return "the checklist"


# -- checks ---------------------------------------------------------------------------------------

_SLUG_HELP = "lower-case letters, digits and single hyphens, e.g. 'check-licence'"
_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a set of 'name: value' fields",
               "integer": "a whole number"}
_INLINE_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]*)\)")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")


class _Checker:
    def __init__(self, shown: str, lines: _Lines, context: Context, data: Any = None):
        self.shown, self.lines, self.context, self.data = shown, lines, context, data
        self.problems: list[Problem] = []

    def fail(self, path: Path_, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, self.lines.of(path), message, fix, field=_field_name(path)))

    # The JSON Schema's findings, in plain words.
    def schema_error(self, error: jsonschema.ValidationError) -> list[Problem]:
        path: Path_ = tuple(error.absolute_path)
        kind, value, instance = error.validator, error.validator_value, error.instance
        if path and isinstance(path[-1], int):  # an entry of a list, e.g. a cite key
            name = f"entry {path[-1] + 1} of '{path[-2]}'" if len(path) > 1 else "entry"
        else:
            name = str(path[-1]) if path else "the checklist"
        root = _where(path, self.data)
        out: list[Problem] = []

        def add(at: Path_, message: str, fix: str, field: Path_ | None = None) -> None:
            out.append(Problem(self.shown, self.lines.of(at), message, fix,
                               field=_field_name(field if field is not None else at)))

        if kind == "additionalProperties":
            known = list(error.schema.get("properties", {}))
            for extra in (k for k in instance if k not in known):
                close = difflib.get_close_matches(str(extra), known, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                add(path + (extra,), f"unknown field '{extra}' in {root}",
                    f"{hint}the fields here are: {', '.join(known)}")
        elif kind == "required":
            for missing in (k for k in value if k not in instance):
                add(path, f"{root} has no '{missing}'", _REQUIRED_FIX.get(missing, f"add '{missing}:'"),
                    field=path + (missing,))
        elif kind == "minItems" and name == "items":
            add(path, f"section {path[1] + 1} has no items", "add at least one item, or delete the empty section")
        elif kind == "type" and name == "items" and instance is None and len(path) == 3:
            add(path, f"section {path[1] + 1} has no items", "add at least one item, or delete the empty section")
        elif kind == "minItems" or (kind == "type" and instance is None and name in ("sections", "results", "cite")):
            add(path, f"'{name}' is empty in {root}", f"add at least one entry to '{name}', or remove the field")
        elif kind == "type" and instance is None:
            add(path, f"'{name}' has no value in {root}", f"write a value after '{name}:', or remove the field")
        elif kind == "type" and name == "cite" and isinstance(instance, str):  # cite: banbury2018
            keys = [k.strip().lstrip("@").strip() for k in instance.strip("[]").replace(";", ",").split(",")]
            add(path, f"'cite' in {root} must be a list of keys in square brackets, not text",
                f"write it as 'cite: [{', '.join(k for k in keys if k)}]'")
        elif kind == "type":
            wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in (value if isinstance(value, list) else [value]))
            got = type(instance).__name__
            fix = ("put the value in double quotes" if got in ("date", "datetime", "bool", "int", "float")
                   else f"write '{name}' as {wanted} (see {SCHEMA_SHOWN})")
            add(path, f"'{name}' in {root} must be {wanted}, not {_describe(instance)}", fix)
        elif kind == "enum":
            add(path, f"'{name}' in {root} is '{instance}', which is not one of: {', '.join(map(str, value))}",
                f"use one of: {', '.join(map(str, value))}")
        elif kind == "pattern" and value == r"\S":
            add(path, f"'{name}' in {root} is empty", f"write the {name}, or remove the field if it is optional")
        elif kind == "pattern" and name in ("id",):
            add(path, f"'id' in {root} is '{instance}': an id must be {_SLUG_HELP}", f"rename it with {_SLUG_HELP}")
        elif kind == "pattern" and name == "link":
            add(path, f"'link' in {root} is '{instance}', which is not a page of the guide",
                "write a path inside docs/ ending in .md, with an optional #heading, "
                "e.g. 'understand/risks.md#confidentiality'")
        elif kind == "pattern" and "cite" in path:
            add(path, f"'{instance}' in 'cite' of {root} is not a citation key", _cite_key_fix(str(instance)))
        elif kind == "pattern" and name == "version":
            add(path, f"'version' is '{instance}'", "write a whole number such as 2, or short text such as '2026-11'")
        elif kind == "maxLength":
            add(path, f"'{name}' in {root} is {len(instance)} characters; the limit is {value}",
                "shorten it: keep checklist text short and plain (grade 8 or lower)")
        elif kind == "uniqueItems":
            add(path, f"'{name}' in {root} lists the same key twice", "list each key once")
        elif kind == "minimum":
            add(path, f"'{name}' is {instance}; it must be {value} or more", f"use {value} or a higher number")
        else:
            add(path, f"{root}: {error.message}", f"compare with {SCHEMA_SHOWN}")
        return out

    # What the schema cannot check.
    def semantics(self, data: dict, expected_id: str | None) -> None:
        cid = data.get("id")
        if expected_id is not None and isinstance(cid, str) and cid != expected_id:
            self.fail(("id",), f"'id' is '{cid}' but the file is named '{expected_id}.yml'",
                      f"make them the same: set 'id: {expected_id}' or rename the file to '{cid}.yml'")
        self.text(("title",), data.get("title"), links=False)
        self.text(("intro",), data.get("intro"))
        seen: dict[str, int] = {}
        essentials = 0
        sections = data.get("sections")
        for s, section in enumerate(sections if isinstance(sections, list) else []):
            if not isinstance(section, dict):
                continue
            self.text(("sections", s, "title"), section.get("title"), links=False)
            items = section.get("items")
            for i, item in enumerate(items if isinstance(items, list) else []):
                if not isinstance(item, dict):
                    continue
                path = ("sections", s, "items", i)
                item_id = item.get("id")
                if isinstance(item_id, str):
                    if item_id in seen:
                        self.fail(path + ("id",), f"duplicate item id '{item_id}' (first used on line {seen[item_id]})",
                                  "give each item its own id; keep the old id on the item it was first "
                                  "written for, so readers' saved answers stay right")
                    else:
                        seen[item_id] = self.lines.of(path + ("id",))
                self.text(path + ("text",), item.get("text"), links=False)
                self.text(path + ("help",), item.get("help"))
                if item.get("priority") == "essential":
                    essentials += 1
                    if not item.get("help"):
                        self.fail(path + ("priority",), f"essential {_where(path, data)} has no 'help'",
                                  "add 'help:' saying why it matters: the summary shows it when the item is not ticked")
                self.cites(path + ("cite",), item.get("cite"))
                self.link(path + ("link",), item.get("link"))
        results = data.get("results")
        when_seen: dict[str, int] = {}
        for r, band in enumerate(results if isinstance(results, list) else []):
            if not isinstance(band, dict):
                continue
            when = band.get("when")
            self.text(("results", r, "text"), band.get("text"))
            if not isinstance(when, str):
                continue
            if when in when_seen:
                self.fail(("results", r, "when"), f"two results are for '{when}' (first on line {when_seen[when]})",
                          "merge them into one")
            else:
                when_seen[when] = self.lines.of(("results", r, "when"))
            if when.startswith("essential-") and essentials == 0:
                self.fail(("results", r, "when"), f"result '{when}' can never show: no item is essential",
                          "mark the items a reader must not skip with 'priority: essential', or use 'all-ticked'")

    def text(self, path: Path_, value: Any, *, links: bool = True) -> None:
        if not isinstance(value, str):
            return
        tag = _HTML_TAG.search(value)
        if tag:
            self.fail(path, f"HTML is not allowed in '{path[-1]}': {tag.group(0)[:40]!r}",
                      "write plain text; you may use *emphasis*, **strong** and [text](https://...) links")
        if "[@" in value:
            self.fail(path, f"a citation is written in the text of '{path[-1]}'",
                      "remove '[@...]' from the text and list the key under the item's 'cite:' instead")
        for match in _INLINE_LINK.finditer(value):
            target = match.group(2)
            if not links:
                self.fail(path, f"'{path[-1]}' cannot hold a link ('{match.group(0)[:60]}')",
                          "a checkbox label must not contain a link: put it in 'help', or use the item's 'link:' field")
                continue
            if target.lower().startswith("https://") and len(target) > len("https://"):
                continue
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("//"):
                self.fail(path, f"the link '{target[:60]}' in '{path[-1]}' is not allowed",
                          "links may only go to https:// addresses or to pages of the guide, such as 'understand/risks.md'")
                continue
            self._guide_target(path, target)
        if "](" in _INLINE_LINK.sub("", value):
            self.fail(path, f"a link in '{path[-1]}' is not written as [text](address)",
                      "write links as [text](https://...) or [text](page.md#heading), with no spaces "
                      "or brackets in the address")

    def cites(self, path: Path_, keys: Any) -> None:
        if not isinstance(keys, list):
            return
        known = self.context.keys
        for n, key in enumerate(keys):
            if not isinstance(key, str) or key in known or not re.fullmatch(r"[A-Za-z0-9_-]+", key):
                continue
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.fail(path + (n,), f"unknown cite key '{key}': it is not in references.bib",
                      f"{hint}use the key of an entry in references.bib, or add the entry there first")
        if keys and self.context.references_url is None:
            self.fail(path, "this item cites sources, but no page shows the References list",
                      "add a page with the marker '<!-- guide:references -->' (about/references.md)")

    def link(self, path: Path_, value: Any) -> None:
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z0-9_./-]+\.md(#[A-Za-z0-9_-]+)?", value):
            self._guide_target(path, value)

    def _guide_target(self, path: Path_, value: str) -> str | None:
        page, _, anchor = value.partition("#")
        target = self.context.targets.get(page)
        if target is None:
            close = difflib.get_close_matches(page, list(self.context.targets), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            self.fail(path, f"the link '{value}' goes to no page: there is no docs/{page}",
                      f"{hint}write the path inside docs/, e.g. 'understand/risks.md#confidentiality'")
            return None
        if anchor and anchor not in target.anchors:
            close = difflib.get_close_matches(anchor, list(target.anchors), n=1, cutoff=0.5)
            hint = f"did you mean '#{close[0]}'? " if close else ""
            self.fail(path, f"the link '{value}' goes to no heading: docs/{page} has no '#{anchor}'",
                      f"{hint}use the id of a heading on that page (its title in lower case, "
                      "spaces as hyphens), or drop the '#...' part")
            return None
        return target.url + (f"#{anchor}" if anchor else "")

    # The render-ready checklist, once every check has passed.
    def build(self, data: dict) -> Checklist:
        links: dict[str, str] = {}

        def collect(text: str | None) -> None:
            for match in _INLINE_LINK.finditer(text or ""):
                url = match.group(2)
                if not url.lower().startswith("https://"):
                    links[url] = self._guide_target((), url) or ""

        sections = []
        for section in data["sections"]:
            items = []
            for raw in section["items"]:
                link = None
                if raw.get("link"):
                    page, _, anchor = raw["link"].partition("#")
                    target = self.context.targets[page]
                    link = (target.title, target.anchors[anchor] if anchor else "",
                            self._guide_target((), raw["link"]) or "")
                keys = list(raw.get("cite") or [])
                cites = [(self.context.labels.get(k, k),
                          f"{self.context.references_url}#{REFERENCES_ANCHOR.format(key=k)}") for k in keys]
                collect(raw.get("help"))
                items.append(Item(raw["id"], raw["text"], raw.get("help"), raw.get("priority"), cites, keys, link))
            sections.append(Section(section["title"], items))
        results = [Band(b["when"], b["text"]) for b in data.get("results") or []]
        collect(data["intro"])
        for band in results:
            collect(band.text)
        return Checklist(data["id"], data["title"], data["intro"], str(data["version"]), sections, results,
                         self.shown, links)


_REQUIRED_FIX = {
    "id": "add 'id:' with the file name without '.yml'",
    "title": "add 'title:' with the checklist's heading",
    "intro": "add 'intro:' with one or two sentences on what the checklist is for",
    "version": "add 'version: 1' (raise it when a change makes saved answers wrong)",
    "sections": "add 'sections:' with at least one section of items",
    "items": "add 'items:' with at least one item",
    "text": "add 'text:' with what the reader ticks",
    "when": "add 'when:' with essential-unticked, essential-ticked or all-ticked",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, str):
        return "text"
    return f"{type(value).__name__} {value!s}"


# ---------------------------------------------------------------------------------------------
# Pages: the headings a link may point to


_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_ATTR_ID = re.compile(r"[ \t]*\{[^}]*#([\w-]+)[^}]*\}$")
_HTML_ID = re.compile(r"<[A-Za-z][^<>]*\sid=[\"']([\w-]+)[\"']")
_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def anchors(markdown: str) -> dict[str, str]:
    """The ids that Python-Markdown's toc extension gives a page's headings, and HTML ids.
    Maps each id to the heading's text, used as the link's label."""
    from markdown.extensions.toc import slugify, unique

    body = _FENCE.sub("", markdown)
    out: dict[str, str] = {}
    ids: set[str] = set()
    for match in _HEADING.finditer(body):
        text = match.group(2).rstrip("#").rstrip()
        explicit = _ATTR_ID.search(text)
        if explicit:
            text = text[: explicit.start()]
        plain = _MARKUP.sub(lambda m: m.group(1) or "", htmllib.unescape(re.sub(r"<[^>]+>", "", text))).strip()
        anchor = explicit.group(1) if explicit else unique(slugify(plain, "-"), ids)
        ids.add(anchor)
        out[anchor] = plain
    for match in _HTML_ID.finditer(body):
        out.setdefault(match.group(1), "")
    return out


def _cite_key_fix(value: str) -> str:
    """The fix for a cite entry that is not a key: the '@' habit from Markdown, or a space."""
    bare = value.strip().lstrip("@").strip()
    if value.strip().startswith("@"):
        return f"remove the @: in a YAML file a cite key is written without it, as 'cite: [{bare}]'"
    if re.search(r"\s", bare):
        joined = "".join(bare.split())
        return f"a key has no spaces: write '{joined}' if that is the key in references.bib"
    return "write the key of a references.bib entry, such as 'lagan2020'"


# ---------------------------------------------------------------------------------------------
# Rendering

_STRONG = re.compile(r"\*\*(?=[^\s*])([^*<>]+?)(?<=[^\s*])\*\*")
_EM = re.compile(r"\*(?=[^\s*])([^*<>]+?)(?<=[^\s*])\*")


def _emphasis(escaped: str) -> str:
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EM.sub(r"<em>\1</em>", escaped)


def inline(text: str, link_href: Callable[[str], str | None] | None = None) -> Markup:
    """Escape ``text``, then turn the tiny Markdown subset into HTML.

    ``link_href`` maps a link target to an href, or ``None`` to leave it as text. Without it, only
    ``https://`` links become links. Newlines and runs of spaces become one space, so the HTML
    has no blank line that would end Python-Markdown's HTML block.
    """
    escaped = str(escape(" ".join(str(text).split())))
    out: list[str] = []
    pos = 0
    for match in _INLINE_LINK.finditer(escaped):
        out.append(_emphasis(escaped[pos:match.start()]))
        url = htmllib.unescape(match.group(2))
        if url.lower().startswith("https://") and len(url) > len("https://"):
            href: str | None = url
        else:
            href = link_href(url) if link_href and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|//", url) else None
        if href is None:
            out.append(_emphasis(match.group(0)))
        else:
            out.append(f'<a href="{escape(href)}">{_emphasis(match.group(1))}</a>')
        pos = match.end()
    out.append(_emphasis(escaped[pos:]))
    # Brackets left over could be read as Markdown links or footnotes by a later plugin.
    result = re.sub(r"(<[^>]*>)|\[|\]", lambda m: m.group(1) or ("&#91;" if m.group(0) == "[" else "&#93;"),
                    "".join(out))
    return Markup(result)


def render(checklist: Checklist, page_url: str) -> str:
    """The checklist as one HTML block (no blank lines) for a page at ``page_url``."""
    from guide import i18n
    from guide import render as templates
    from guide.urls import relative_url

    def href(target: str) -> str | None:
        site = checklist.guide_links.get(target)
        return relative_url(page_url, site) if site else None

    dom = f"ogt-{checklist.id}"
    sections = []
    for number, section in enumerate(checklist.sections, start=1):
        items = []
        for item in section.items:
            items.append({
                "dom": f"{dom}-{item.id}",
                "name": item.id,
                "text": inline(item.text),
                "help": inline(item.help, href) if item.help else None,
                "priority": item.priority,
                "priority_label": i18n.t(f"checklist.{item.priority}") if item.priority in PRIORITIES else "",
                "link": _link(item.link, page_url, relative_url) if item.link else None,
                "cites": [(label, relative_url(page_url, url)) for label, url in item.cites],
            })
        sections.append({"title": inline(section.title), "dom": f"{dom}-s{number}", "entries": items})
    html = templates.template(
        "checklist.html",
        dom=dom,
        id=checklist.id,
        version=checklist.version,
        title=inline(checklist.title),
        intro=inline(checklist.intro, href),
        sections=sections,
        total=sum(len(s["entries"]) for s in sections),
        essentials=sum(1 for s in sections for i in s["entries"] if i["priority"] == "essential"),
        results=[{"when": b.when, "label": i18n.t(f"checklist.{b.when}"), "text": inline(b.text, href)}
                 for b in checklist.results],
    )
    return "\n".join(line.rstrip() for line in html.splitlines() if line.strip())


def _link(link: tuple[str, str, str], page_url: str, relative_url) -> tuple[str, str]:
    """(label, href): "Page: Heading", or just the heading when it is on this same page."""
    title, heading, url = link
    same_page = url.partition("#")[0] == page_url
    label = heading if same_page and heading else (f"{title}: {heading}" if heading else title)
    return label, relative_url(page_url, url)


def short_cite(entry) -> str:
    """'Lagan et al., 2020' for an entry of references.bib (guide.bibliography.Entry)."""
    from guide import bibliography

    names = bibliography._split_names(entry.fields.get("author", ""))
    others = bool(names) and names[-1].lower() == "others"
    names = [n for n in names if n.lower() != "others"]
    surnames = [bibliography.format_name(n).split(",")[0] if not n.startswith("{")
                else bibliography.format_name(n) for n in names]
    if not surnames:
        who = entry.key
    elif len(surnames) > 2 or others:
        who = f"{surnames[0]} et al."
    elif len(surnames) == 2:
        who = f"{surnames[0]} & {surnames[1]}"
    else:
        who = surnames[0]
    year = bibliography.latex_to_text(entry.fields.get("year", "")) or "n.d."
    return f"{who}, {year}"
