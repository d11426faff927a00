"""The bibliography: parse and check ``references.bib``, find citations, format them in APA style.

Why our own parser: the build must stop on any fault with the file, the line and the fix.
pybtex (used by mkdocs-bibtex) reports a duplicate key without a line, and mkdocs-bibtex only
logs a warning for an unknown key, then drops the citation. Here every fault is a
:class:`~guide.errors.Problem` with a line number.

Flow: ``parse`` -> ``check_entries`` -> ``find_citations`` (per page) -> ``check_coverage``
-> ``format_entry`` (APA 7, as segments) -> ``to_html`` / ``to_markdown``.
"""

from __future__ import annotations

import bisect
import codecs
import difflib
import re
from dataclasses import dataclass, field

import datetime as dt
import urllib.parse

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

from guide import textfile
from guide.errors import Problem

# ---------------------------------------------------------------------------------------------
# Kinds of source. The first keyword of an entry names its kind; the References page groups by it.


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str  # shown beside each entry
    heading: str  # the group heading on the References page
    research: bool  # research entries need a DOI or URL


KINDS = {k.slug: k for k in (
    Kind("meta-analysis", "Meta-analysis", "Meta-analyses", True),
    Kind("systematic-review", "Systematic review", "Systematic reviews", True),
    Kind("rct", "Randomised controlled trial", "Randomised controlled trials", True),
    Kind("observational", "Observational study", "Observational studies", True),
    Kind("survey", "Survey", "Surveys", True),
    Kind("narrative-review", "Narrative review", "Narrative reviews", True),
    Kind("practice-review", "Practice review", "Practice reviews", True),
    Kind("standard", "Standard or framework", "Standards and frameworks", False),
    Kind("regulator", "Regulator or official body", "Regulators and official bodies", False),
    Kind("web-article", "Web article", "Web articles", False),
)}
BACKGROUND = "background"  # keyword: kept in the bibliography although no page cites it

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]+$")
# A DOI as printed: "10.", a registrant code, "/", then a suffix. Modern DOIs use only
# letters, digits and -._;()/: but old ones have more, so we refuse only what could break
# out of a link: space, quotes, angle brackets, braces, backslash, backtick, control characters.
DOI_PATTERN = re.compile(r"10\.\d{4,9}/[^\s\"'<>{}\\`^|\x00-\x1f\x7f]+")
_URL_PATTERN = re.compile(r"https://[^\s\"'<>{}\\`^|\x00-\x1f\x7f]+")
REQUIRED_FIELDS = ("author", "title", "year")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

FIX_SYNTAX = "compare the entry with one that builds, e.g. '@article{key,\\n  title = {...},\\n}'"

# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass
class Entry:
    type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def keywords(self) -> list[str]:
        return [k.strip().lower() for k in self.fields.get("keywords", "").split(",") if k.strip()]

    @property
    def kind(self) -> Kind | None:
        words = self.keywords
        return KINDS.get(words[0]) if words else None

    @property
    def background(self) -> bool:
        return BACKGROUND in self.keywords


@dataclass
class Bibliography:
    path: str
    entries: dict[str, Entry] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Syntax(Exception):
    def __init__(self, pos: int, message: str, fix: str = FIX_SYNTAX):
        super().__init__(message)
        self.pos, self.message, self.fix = pos, message, fix


_RUN_ON = re.compile(r"\n\s*[A-Za-z]+\s*=\s*[{\"0-9]")  # a field line inside a value


class _Parser:
    """A small BibTeX reader: @type{key, name = {value} | "value" | 123 | macro # ..., }."""

    def __init__(self, text: str, path: str):
        self.text, self.path, self.pos = text, path, 0
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.macros = {m: MONTH_NAMES[i] for i, m in enumerate(MONTHS)}

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)

    def parse(self) -> Bibliography:
        bib = Bibliography(self.path)
        seen: dict[str, int] = {}
        while True:
            at = self.text.find("@", self.pos)
            if at < 0:
                return bib
            self.pos = at + 1
            try:
                entry = self._item(at)
            except _Syntax as exc:
                bib.problems.append(Problem(self.path, self.line(exc.pos), exc.message, exc.fix))
                self._recover()
                continue
            if entry is None:
                continue
            if entry.key in seen:
                bib.problems.append(Problem(
                    self.path, entry.line,
                    f"duplicate key '{entry.key}' (first defined on line {seen[entry.key]})",
                    "give one of the two entries a different key, or delete the copy"))
                continue
            seen[entry.key] = entry.line
            bib.entries[entry.key] = entry

    def _recover(self) -> None:
        """Skip to the next line that starts an entry, so one fault does not hide the rest."""
        match = re.compile(r"^\s*@", re.MULTILINE).search(self.text, self.pos)
        self.pos = match.start() if match else len(self.text)

    def _skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _expect(self, chars: str, message: str, fix: str = FIX_SYNTAX) -> str:
        self._skip_space()
        if self.pos >= len(self.text) or self.text[self.pos] not in chars:
            raise _Syntax(min(self.pos, len(self.text) - 1), message, fix)
        self.pos += 1
        return self.text[self.pos - 1]

    def _name(self) -> str:
        self._skip_space()
        match = re.compile(r"[A-Za-z][\w.:+/-]*").match(self.text, self.pos)
        if not match:
            return ""
        self.pos = match.end()
        return match.group(0)

    def _item(self, at: int) -> Entry | None:
        kind = self._name().lower()
        if not kind:
            raise _Syntax(at, "'@' is not followed by an entry type",
                          "write the type right after '@', e.g. '@article{', or remove the stray '@'")
        opener = self._expect("{(", f"'@{kind}' is not followed by '{{'", "write '@" + kind + "{key,'")
        closer = "}" if opener == "{" else ")"
        if kind == "comment":
            self._balanced(self.pos - 1, closer)
            return None
        if kind == "preamble":
            self._value()
            self._expect(closer, "the @preamble is not closed", f"end it with '{closer}'")
            return None
        if kind == "string":
            name = self._name()
            self._expect("=", f"@string '{name}' has no '='", "write '@string{name = {value}}'")
            self.macros[name.lower()] = self._value()
            self._expect(closer, f"@string '{name}' is not closed", f"end it with '{closer}'")
            return None
        self._skip_space()
        key_start = self.pos
        match = re.compile(r"[^\s,{}()=\"#%']+").match(self.text, self.pos)
        key = match.group(0) if match else ""
        if not key:
            raise _Syntax(key_start, f"the @{kind} entry has no key",
                          "write a key after the brace, e.g. '@" + kind + "{smith2020,'")
        self.pos = match.end()
        spaced = re.compile(r"[ \t]+([^\s,{}()=\"#%']+(?:[ \t]+[^\s,{}()=\"#%']+)*)[ \t]*,").match(self.text, self.pos)
        if spaced:  # "@article{banbury 2018," : a key cannot hold a space
            whole = key + re.sub(r"[ \t]+", "", spaced.group(1))
            raise _Syntax(key_start, f"the key '{key}{self.text[self.pos:spaced.end(1)]}' has a space in it",
                          f"a key cannot hold spaces: write '@{kind}{{{whole},' and cite it as [@{whole}]")
        entry = Entry(kind, key, self.line(at))
        while True:
            self._skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == closer:
                self.pos += 1
                return entry
            self._expect(",", f"entry '{key}': expected ',' or '{closer}' after "
                         + ("the key" if not entry.fields else f"field '{list(entry.fields)[-1]}'"),
                         "put a comma between fields and close the entry with '}'")
            self._skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == closer:
                self.pos += 1
                return entry
            name_pos = self.pos
            name = self._name().lower()
            if not name:
                raise _Syntax(name_pos, f"entry '{key}': expected a field name",
                              "write 'name = {value},' (the entry may be missing its closing '}')")
            self._expect("=", f"entry '{key}': field '{name}' has no '='", f"write '{name} = {{value}},'")
            if name in entry.fields:
                raise _Syntax(name_pos, f"entry '{key}': field '{name}' appears twice",
                              f"keep one '{name}' field")
            entry.fields[name] = self._value(key, name)
            entry.field_lines[name] = self.line(name_pos)

    def _value(self, key: str = "", name: str = "") -> str:
        parts = []
        while True:
            self._skip_space()
            start = self.pos
            char = self.text[self.pos] if self.pos < len(self.text) else ""
            if char == "{":
                end = self._balanced(start, "}")
                value = self.text[start + 1:end]
                if _RUN_ON.search(value):
                    raise _Syntax(start, f"entry '{key}': the value of '{name}' runs into the next field",
                                  f"a '}}' is probably missing at the end of '{name}'")
                parts.append(value)
            elif char == '"':
                end = self._quoted(start)
                parts.append(self.text[start + 1:end])
            elif char.isdigit():
                match = re.compile(r"\d+").match(self.text, start)
                self.pos = match.end()
                parts.append(match.group(0))
            elif char.isalpha():
                macro = self._name()
                if macro.lower() not in self.macros:
                    raise _Syntax(start, f"entry '{key}': field '{name}' uses an unknown name '{macro}'",
                                  "put the value in braces, e.g. {" + macro + "}")
                parts.append(self.macros[macro.lower()])
            else:
                raise _Syntax(start, f"entry '{key}': field '{name}' has no value",
                              "write the value in braces, e.g. " + name + " = {...},")
            self._skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == "#":
                self.pos += 1
                continue
            return "".join(parts)

    def _balanced(self, start: int, closer: str) -> int:
        depth, pos = 0, start
        while pos < len(self.text):
            char = self.text[pos]
            if char == "\\":
                pos += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0 and closer == "}":
                    self.pos = pos + 1
                    return pos
                if depth < 0:
                    raise _Syntax(pos, "a '}' closes nothing", "remove the extra '}'")
            elif char == closer and depth == 0:
                self.pos = pos + 1
                return pos
            pos += 1
        raise _Syntax(start, f"a '{{' opened on line {self.line(start)} is never closed",
                      "add the missing '}' (every '{' needs a matching '}')")

    def _quoted(self, start: int) -> int:
        depth, pos = 0, start + 1
        while pos < len(self.text):
            char = self.text[pos]
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == 0:
                self.pos = pos + 1
                return pos
            pos += 1
        raise _Syntax(start, "a '\"' is never closed", "add the closing '\"', or use braces instead")


def parse(text: str, path: str = "references.bib") -> Bibliography:
    """Parse BibTeX text. Syntax faults and duplicate keys come back as problems, with lines."""
    return _Parser(text, path).parse()


def load(path: str, shown_as: str | None = None) -> Bibliography:
    text, problems = textfile.read(path, shown_as or path)
    if text is None:
        return Bibliography(shown_as or path, problems=problems)
    bib = parse(text, shown_as or path)
    bib.problems.extend(check_entries(bib))
    return bib


def check_entries(bib: Bibliography) -> list[Problem]:
    """Check each entry's key and fields."""
    problems = []
    kinds = ", ".join(KINDS)
    for entry in bib.entries.values():
        def fail(message: str, fix: str, name: str | None = None) -> None:
            line = entry.field_lines.get(name, entry.line) if name else entry.line
            problems.append(Problem(bib.path, line, f"entry '{entry.key}': {message}", fix, field=name))

        if not KEY_PATTERN.match(entry.key):
            bad = sorted(set(re.sub(r"[A-Za-z0-9_-]", "", entry.key)))
            fail(f"the key has {' '.join(repr(c) for c in bad)}; mkdocs-bibtex cuts keys at such characters",
                 "use only letters, digits, '-' and '_', e.g. 'smith2020'")
        for name in REQUIRED_FIELDS:
            if not entry.fields.get(name, "").strip():
                fail(f"no '{name}' field", f"add '{name} = {{...}},' (for an organisation as author, "
                     "use double braces: author = {{World Health Organization}})")
        year = entry.fields.get("year", "").strip()
        if year and not re.fullmatch(r"\d{4}", year):
            fail(f"year '{year}' is not a four-digit year", "write the year as e.g. {2019}", "year")
        date = entry.fields.get("date", "").strip()
        if date and not _real_date(date):
            fail(f"date '{date}' is not a real date written YYYY-MM-DD",
                 "write the date as e.g. {2020-10-05} (month 01 to 12, a day that month has)", "date")
        if "keywords" not in entry.fields:
            fail("no 'keywords' field giving its kind", f"add 'keywords = {{kind}},' with one of: {kinds}")
        elif entry.kind is None:
            first = entry.keywords[0] if entry.keywords else ""
            fail(f"keywords must start with the entry's kind, not '{first}'",
                 f"start keywords with one of: {kinds}", "keywords")
        elif entry.kind.research and not (entry.fields.get("doi") or entry.fields.get("url")):
            fail(f"a {entry.kind.label.lower()} needs a 'doi' or 'url'",
                 "add 'doi = {10.xxxx/...},' from the journal page, or 'url = {https://...},'")
        doi = entry.fields.get("doi", "").strip()
        if doi and not DOI_PATTERN.fullmatch(doi):
            fail(f"doi {doi[:80]!r} is not a DOI (or has a space, quote, '<', '>' or backslash)",
                 "write the bare DOI, e.g. {10.1177/1357633X18775855}; write a '<' or '>' in an old DOI as %3C or %3E", "doi")
        url = entry.fields.get("url", "").strip()
        if url and not _https_url(url):
            fail(f"url {url[:80]!r} is not an https address (or has a space, quote, '<' or '>')",
                 "use the https:// address of the page, with no spaces, quotes, '<' or '>'", "url")
    return problems


def _real_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:  # month 00 or 13, 30 February
        return False
    return True


def _https_url(value: str) -> bool:
    if not _URL_PATTERN.fullmatch(value):
        return False
    try:
        return bool(urllib.parse.urlsplit(value).hostname)
    except ValueError:  # a bad port or IPv6 literal
        return False


# ---------------------------------------------------------------------------------------------
# Citations in Markdown. This mirrors what mkdocs-bibtex treats as a citation, so that nothing
# it would consume (and possibly drop) escapes our check.

_BLOCK = re.compile(r"\[(.*?)\]")  # mkdocs-bibtex: CITATION_BLOCK_REGEX
_EMAIL = re.compile(r"[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}")  # mkdocs-bibtex: EMAIL_REGEX
_LOOSE = re.compile(r"@[\w-]")  # what mkdocs-bibtex needs to see a citation in a part
_STRICT = re.compile(r"^@(?P<key>[A-Za-z0-9_-]+)$")
_KEYISH = re.compile(r"@(?P<key>[^\s;,\]]+)")


def _blocks(markdown: str):
    """``_BLOCK.finditer(markdown)`` in linear time: each '[' with the nearest ']' after it on the
    same line, scanning on after that ']'. (The pattern itself retries every '[' to the end of
    its line, so 200,000 unclosed '[' on one line would take hours.) Yields (start, end, inner)."""
    line_start = 0
    while line_start <= len(markdown):
        line_end = markdown.find("\n", line_start)
        if line_end < 0:
            line_end = len(markdown)
        pos = line_start
        while True:
            open_at = markdown.find("[", pos, line_end)
            if open_at < 0:
                break
            close_at = markdown.find("]", open_at + 1, line_end)
            if close_at < 0:
                break  # no ']' left on this line: no later '[' on it can match either
            yield open_at, close_at + 1, markdown[open_at + 1:close_at]
            pos = close_at + 1
        line_start = line_end + 1


@dataclass(frozen=True)
class Citation:
    key: str
    file: str
    line: int


def find_citations(markdown: str, path: str, known: set[str] | dict,
                   first_line: int = 1) -> tuple[list[Citation], list[Problem]]:
    """Every ``[@key]`` in a page, and a problem for each one that would go wrong."""
    starts = [0] + [m.end() for m in re.finditer("\n", markdown)]
    found: list[Citation] = []
    problems: list[Problem] = []
    for start, end, inner in _blocks(markdown):
        parts = [p for p in inner.split(";") if _EMAIL.match(p) is None]
        if not any(_LOOSE.search(p) for p in parts):
            continue  # mkdocs-bibtex leaves this block alone
        line = first_line - 1 + bisect.bisect_right(starts, start)
        raw = markdown[start:end]
        for part in (p.strip() for p in parts):
            strict = _STRICT.match(part)
            if strict is None:
                problems.append(_bad_part(part, raw, path, line, known))
                continue
            key = strict.group("key")
            if key not in known:
                close = difflib.get_close_matches(key, list(known), n=3, cutoff=0.6)
                hint = f"did you mean {', '.join(close)}? " if close else ""
                problems.append(Problem(path, line, f"cite key '{key}' is not in references.bib",
                                        f"{hint}use a key from references.bib, or add the source there first"))
                continue
            found.append(Citation(key, path, line))
    return found, problems


def replace_citations(markdown: str, footnote) -> str:
    """Every ``[@key; @key2]`` as ``[^key][^key2]``, with the footnote definitions (``footnote(key)``
    gives each text) appended, in the order of first citation: what mkdocs-bibtex writes, made in
    one pass. (mkdocs-bibtex calls ``str.replace`` on the whole page once per citation, so a page
    with 40,000 citations takes minutes; after this, it finds no citation left to replace.)

    Call only on a page whose citations :func:`find_citations` passed: every block is keys only."""
    order: dict[str, None] = {}
    out, pos = [], 0
    for start, end, inner in _blocks(markdown):
        parts = [p for p in inner.split(";") if _EMAIL.match(p) is None]
        if not any(_LOOSE.search(p) for p in parts):
            continue
        keys = [p.strip()[1:] for p in parts]
        order.update(dict.fromkeys(keys))
        out += [markdown[pos:start], "".join(f"[^{key}]" for key in keys)]
        pos = end
    markdown = "".join(out) + markdown[pos:]
    if not order:
        return markdown
    return markdown + "\n" + "\n".join(f"[^{key}]: {footnote(key)}" for key in order)


def footnote_markdown(entry: Entry) -> str:
    """One source as a footnote's Markdown, as mkdocs-bibtex's registry would print our format."""
    text = to_markdown(format_entry(entry)).replace("\n", " ")
    return text.replace("\\(", "(").replace("\\)", ")").replace("\\.", ".")


def _bad_part(part: str, raw: str, path: str, line: int, known) -> Problem:
    """Explain a part of a citation block that is not a bare '@key'."""
    key = _KEYISH.search(part).group("key")
    if not part.startswith("@"):
        return Problem(path, line, f"citation {raw} has text before the key; mkdocs-bibtex drops it",
                       "write only keys inside the brackets, e.g. 'as one review found [@gentry2019]'")
    bad = sorted(set(re.sub(r"[A-Za-z0-9_-]", "", key)))
    if bad:
        cut = re.match(r"[\w-]*", key).group(0)
        return Problem(path, line,
                       f"cite key '{key}' in {raw} has {' '.join(repr(c) for c in bad)}; "
                       f"mkdocs-bibtex would cut it to '{cut}'",
                       "use the exact key from references.bib; keys have only letters, digits, '-' and '_'")
    return Problem(path, line, f"citation {raw} has text after the key; mkdocs-bibtex drops it",
                   "no page numbers or notes inside the brackets: write them outside, e.g. '[@key]'")


def check_coverage(bib: Bibliography, cited: set[str]) -> list[Problem]:
    """An entry that no page cites is an error, unless its keywords say 'background'."""
    return [
        Problem(bib.path, entry.line, f"entry '{entry.key}' is cited on no page",
                "cite it where it supports a claim, delete it, or add 'background' to its keywords")
        for entry in bib.entries.values()
        if entry.key not in cited and not entry.background
    ]


# ---------------------------------------------------------------------------------------------
# APA 7 formatting. A reference is a list of segments, so the same words render as HTML for
# the References page and as Markdown for the footnotes that mkdocs-bibtex writes on each page.


@dataclass(frozen=True)
class Segment:
    text: str
    style: str = ""  # "" plain, "em" italic, "link" (text is the address)


def latex_to_text(value: str) -> str:
    """Decode LaTeX accents and dashes, then drop the braces BibTeX uses for protection."""
    if "\\" in value or "--" in value:
        value = codecs.decode(value, "ulatex")
    value = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", value).strip()


def _split_names(value: str) -> list[str]:
    names, depth, current = [], 0, ""
    tokens = re.split(r"(\s+and\s+|[{}])", value)
    for token in tokens:
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", token or ""):
            names.append(current.strip())
            current = ""
        else:
            current += token or ""
    names.append(current.strip())
    return [n for n in names if n]


def _initials(given: str) -> str:
    parts = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(p[0] + "." for p in pieces))
    return " ".join(parts)


def format_name(raw: str) -> str:
    """'Gentry, Melanie T.' -> 'Gentry, M. T.'; '{Federal Trade Commission}' stays whole."""
    if raw.startswith("{") and raw.endswith("}"):
        return latex_to_text(raw)
    text = latex_to_text(raw)
    if "," in text:
        last, given = (s.strip() for s in text.split(",", 1))
    else:
        words = text.split()
        last, given = words[-1], " ".join(words[:-1])
    return f"{last}, {_initials(given)}" if given else last


def format_authors(value: str) -> str:
    names = _split_names(value)
    et_al = bool(names) and names[-1].lower() == "others"
    names = [format_name(n) for n in names if n.lower() != "others"]
    if et_al:
        return ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def format_entry(entry: Entry) -> list[Segment]:
    """An APA 7 reference for a journal article or a web page."""
    f = {k: latex_to_text(v) for k, v in entry.fields.items() if k != "author"}
    segments = [Segment(_end(format_authors(entry.fields.get("author", ""))) + " ")]
    date = f.get("date", "")
    if date and entry.type != "article":
        year, month, day = (int(x) for x in date.split("-"))
        segments.append(Segment(f"({year}, {MONTH_NAMES[month - 1]} {day}). "))
    else:
        segments.append(Segment(f"({f.get('year', 'n.d.')}). "))
    title = _end(f.get("title", ""))
    if entry.type == "article":
        segments.append(Segment(title + " "))
        journal = f.get("journal", "")
        if journal:
            segments.append(Segment(journal, "em"))
            if f.get("volume"):
                segments.append(Segment(", "))
                segments.append(Segment(f["volume"], "em"))
                if f.get("number"):
                    segments.append(Segment(f"({f['number']})"))
            if f.get("pages"):
                segments.append(Segment(f", {f['pages'].replace('--', '–')}"))
            segments.append(Segment(". "))
    else:
        segments.append(Segment(title, "em"))
        segments.append(Segment(" "))
        publisher = f.get("howpublished") or f.get("publisher") or f.get("organization")
        if publisher and publisher != format_authors(entry.fields.get("author", "")).rstrip("."):
            segments.append(Segment(_end(publisher) + " "))
    if f.get("doi"):
        segments.append(Segment("https://doi.org/" + f["doi"], "link"))
    elif f.get("url"):
        segments.append(Segment(f["url"], "link"))
    if f.get("note"):
        gap = "" if segments[-1].text.endswith(" ") else " "
        segments.append(Segment(f"{gap}({_end(f['note'])})"))
    text = segments[-1].text
    if segments[-1].style == "" and text.endswith(" "):
        segments[-1] = Segment(text.rstrip())
    return segments


# What may stay as it is in a link address (RFC 3986's reserved and unreserved characters, and
# '%' for escapes already made). Anything else is percent-encoded, so no quote, angle bracket or
# space from a bib field can close the attribute or the Markdown autolink it goes into.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def link_address(text: str) -> str:
    """A bib address made safe for an href and a Markdown autolink (``<...>``), whatever it holds.

    ``check_entries`` already refuses a DOI or URL that needs this; escaping here as well means the
    References page and the footnotes stay inert even for a field that was never checked."""
    address = urllib.parse.quote(text, safe=_URL_SAFE).replace("'", "%27")
    return address if address.startswith("https://") else "https://doi.org/invalid"


def to_html(segments: list[Segment]) -> str:
    """HTML for the References page: text escaped for text, the address for an attribute."""
    from markupsafe import escape

    out = []
    for seg in segments:
        if seg.style == "em":
            out.append(f"<em>{escape(seg.text)}</em>")
        elif seg.style == "link":
            out.append(f'<a href="{escape(link_address(seg.text))}" rel="noopener">{escape(seg.text)}</a>')
        else:
            out.append(str(escape(seg.text)))
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|!])")


def to_markdown(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = seg.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = _MD_SPECIAL.sub(r"\\\1", text).replace("@", "&#64;")
        if seg.style == "em":
            out.append(f"*{text}*")
        elif seg.style == "link":
            out.append(f"<{link_address(seg.text)}>")
        else:
            out.append(text)
    return "".join(out)


def sort_key(entry: Entry) -> tuple:
    first = _split_names(entry.fields.get("author", ""))[:1]
    surname = format_name(first[0]).split(",")[0] if first else ""
    surname = re.sub(r"^(van der|van|von|de|der)\s+", "", surname, flags=re.IGNORECASE)
    return (surname.lower(), entry.fields.get("year", ""), entry.key)
