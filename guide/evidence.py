"""Evidence records: what each source studied and found, and a check that cited numbers are in it.

``evidence.yml`` (next to ``references.bib``) holds one record per source, in our own words:
the design, who and what was studied, where (online or in a room; group or one-to-one; video,
phone or chat), the counts, the main findings and the limits the authors state, each with where
in the source it is, the day we checked it and the claims it backs. The format is in
``schema/evidence.schema.json``. The YAML is untrusted: it comes in through
:func:`guide.yamldata.read` and every problem names the file, the line and the field.

The build checks, beyond the schema (:func:`check_build`):

* every key is in ``references.bib``, and every research entry has a record that says its design,
  population, conditions, setting and limits;
* a source sold by an online-therapy company (keyword ``vendor``) is background only, never cited;
* every page or checklist a record says it backs exists and cites the source;
* **the numbers rule**: each number in a cited passage must appear in the record of at least one
  source that the passage cites (see :func:`numbers_in` for what counts as a number, and
  :func:`cited_passages` for what a passage is).

The References page shows :meth:`Record.summary` under each research entry, e.g.
"9 studies · older adults · groups in a room · depression".
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from guide.errors import Problem
from guide.yamldata import Lines, field_name, read

FILE = "evidence.yml"  # at the top of the project, next to references.bib
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "evidence.schema.json"
SCHEMA_SHOWN = "schema/evidence.schema.json"
VENDOR = "vendor"  # keyword: published by a company that sells online therapy
RESEARCH_FIELDS = ("design", "population", "conditions", "setting", "limits")
COUNT_WORDS = {"studies": ("study", "studies"), "papers": ("paper", "papers"), "trials": ("randomised trial", "randomised trials"),
               "participants": ("person", "people"), "countries": ("country", "countries")}

# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Place:
    text: str
    where: str


@dataclass
class Record:
    key: str
    line: int
    checked: str
    read: str
    findings: list[Place]
    limits: list[Place] = field(default_factory=list)
    backs: list[tuple[str, str, int]] = field(default_factory=list)  # (page, claim, line)
    design: str | None = None
    population: str | None = None
    conditions: list[str] = field(default_factory=list)
    setting: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    numbers: frozenset[str] = frozenset()  # every number the record states, normalised

    def setting_label(self) -> str:
        """'groups in a room', 'online groups (video, phone, chat)', 'one-to-one online'..."""
        where, fmt = self.setting.get("where"), self.setting.get("format")
        if not where:
            return ""
        if where == "not therapy":  # e.g. trials of decision aids: no care was given
            return "not a study of therapy"
        by = self.setting.get("by") or []
        how = f" ({', '.join(by)})" if by and where != "in a room" else ""
        if fmt == "group":
            label = {"online": "online groups", "in a room": "groups in a room",
                     "online and in a room": "groups online and in a room"}[where]
        elif fmt == "one-to-one":
            label = {"online": "one-to-one online", "in a room": "one-to-one in a room",
                     "online and in a room": "one-to-one, online and in a room"}[where]
        elif fmt == "group and one-to-one":
            label = {"online": "online, groups and one-to-one", "in a room": "in a room, groups and one-to-one",
                     "online and in a room": "groups and one-to-one, online and in a room"}[where]
        else:
            label = {"online": "online care in general", "in a room": "care in a room in general",
                     "online and in a room": "care online and in a room, not groups in particular"}[where]
        return label + how

    def summary(self) -> str:
        """One line of facts for the References page."""
        parts = []
        for name, (one, many) in COUNT_WORDS.items():
            if name in self.counts:
                value = self.counts[name]
                parts.append(f"{value:,} {one if value == 1 else many}")
        if self.design and not self.counts:
            parts.append(f"a {self.design}" if self.design[0] not in "aeiou" else f"an {self.design}")
        for part in (self.population, self.setting_label(), ", ".join(self.conditions)):
            if part:
                parts.append(part)
        return " · ".join(parts)


def template_fields(record: Record | None) -> dict[str, Any]:
    """What the References template shows for one entry (nothing for an entry without a record)."""
    if record is None:
        return {"facts": None}
    return {
        "facts": record.summary(),
        "findings": [(p.text, p.where) for p in record.findings],
        "limits": [(p.text, p.where) for p in record.limits],
        "checked": _day(record.checked),
        "read": record.read,
    }


def _day(iso: str) -> str:
    """'2026-11-28' -> '28 November 2026'."""
    try:
        return dt.date.fromisoformat(iso).strftime("%-d %B %Y")
    except ValueError:
        return iso


# ---------------------------------------------------------------------------------------------
# Loading


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _validator():
    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def load(path: Path, shown: str = FILE) -> tuple[dict[str, Record], list[Problem]]:
    if not Path(path).is_file():
        return {}, [Problem(shown, None, "the evidence file is missing",
                            f"create {shown} at the top of the project (see {SCHEMA_SHOWN} and CONTRIBUTING.md, "
                            "'How to cite honestly')")]
    return parse(Path(path).read_text(encoding="utf-8"), shown)


def parse(text: str, shown: str = FILE) -> tuple[dict[str, Record], list[Problem]]:
    """Read evidence.yml. Returns the records (empty on any problem) and every problem found."""
    data, lines, problems = read(text, shown, empty_fix=f"start with 'records:' (see {SCHEMA_SHOWN})",
                                 nesting_fix=f"compare the file with {SCHEMA_SHOWN}")
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Problem(shown, 1, "the evidence file must start with 'records:'",
                            f"write 'records:' and a list of records under it (see {SCHEMA_SHOWN})")]
    problems = [_schema_problem(error, lines, shown, data) for error in _validator().iter_errors(data)]
    records: dict[str, Record] = {}
    for n, raw in enumerate(data.get("records") or []):
        if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
            continue
        key = raw["key"]
        if key in records:
            problems.append(Problem(shown, lines.of(("records", n, "key")),
                                    f"two records for '{key}' (first on line {records[key].line})",
                                    "merge them into one record", field=_field(("records", n, "key"))))
            continue
        records[key] = _record(raw, lines.of(("records", n, "key")), lines, n)
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return ({}, problems) if problems else (records, [])


def _record(raw: dict, line: int, lines: Lines, n: int) -> Record:
    def places(name: str) -> list[Place]:
        return [Place(p.get("text", ""), p.get("where", "")) for p in raw.get(name) or [] if isinstance(p, dict)]

    backs = [(b.get("page", ""), b.get("claim", ""), lines.of(("records", n, "backs", i)))
             for i, b in enumerate(raw.get("backs") or []) if isinstance(b, dict)]
    record = Record(
        key=raw["key"], line=line, checked=str(raw.get("checked", "")), read=str(raw.get("read", "")),
        findings=places("findings"), limits=places("limits"), backs=backs,
        design=raw.get("design"), population=raw.get("population"),
        conditions=list(raw.get("conditions") or []), setting=dict(raw.get("setting") or {}),
        counts=dict(raw.get("counts") or {}))
    said = [str(v) for v in record.counts.values()]
    said += [p.text for p in record.findings + record.limits]
    said += [record.population or "", *record.conditions]
    record.numbers = frozenset(n for text in said for n, _ in numbers_in(text, exempt=False))
    return record


def _field(path: tuple) -> str:
    return field_name(path, whole="(evidence file)")


def _schema_problem(error: jsonschema.ValidationError, lines: Lines, shown: str, data: Any) -> Problem:
    path = tuple(error.absolute_path)
    where = _where(path, data)
    kind, value, instance = error.validator, error.validator_value, error.instance
    name = str(path[-1]) if path and not isinstance(path[-1], int) else (
        f"entry {path[-1] + 1} of '{path[-2]}'" if len(path) > 1 else "records")
    at, field_path = path, path
    if kind == "required":
        missing = [k for k in value if k not in instance]
        field_path = path + (missing[0],) if missing else path
        message = f"{where} has no '{', '.join(missing)}'"
        fix = f"add '{missing[0]}:' (see {SCHEMA_SHOWN})" if missing else f"compare with {SCHEMA_SHOWN}"
    elif kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known]
        field_path = at = path + (extra[0],) if extra else path
        close = difflib.get_close_matches(str(extra[0]), known, n=1, cutoff=0.6) if extra else []
        message = f"unknown field '{extra[0] if extra else '?'}' in {where}"
        fix = (f"did you mean '{close[0]}'? " if close else "") + f"the fields here are: {', '.join(known)}"
    elif kind == "enum":
        message = f"'{name}' in {where} is '{instance}', which is not one of: {', '.join(map(str, value))}"
        fix = f"use one of: {', '.join(map(str, value))}"
    elif kind == "pattern" and name == "checked":
        message = f"'checked' in {where} is '{instance}', not a date written as \"YYYY-MM-DD\""
        fix = "write the day you checked the source in double quotes, e.g. checked: \"2026-11-28\""
    elif kind == "type" and name == "checked":
        message = f"'checked' in {where} must be text, not a bare date"
        fix = "put the date in double quotes, e.g. checked: \"2026-11-28\""
    elif kind == "pattern" and name == "page":
        message = f"'page' in {where} is '{instance}', which is not a page or checklist file"
        fix = "write a path inside docs/, e.g. understand/research.md or checklists/right-for-me.yml"
    elif kind in ("minItems", "minProperties") or (kind == "type" and instance is None):
        message = f"'{name}' is empty in {where}"
        fix = f"fill in '{name}', or remove it if it is optional (see {SCHEMA_SHOWN})"
    elif kind == "maxLength":
        message = f"'{name}' in {where} is {len(instance)} characters; the limit is {value}"
        fix = "shorten it: one plain sentence"
    else:
        message = f"{where}: {error.message}"
        fix = f"compare with {SCHEMA_SHOWN}"
    return Problem(shown, lines.of(at), message, fix, field=_field(field_path))


def _where(path: tuple, data: Any) -> str:
    if len(path) >= 2 and path[0] == "records" and isinstance(path[1], int):
        try:
            key = data["records"][path[1]].get("key")
        except (AttributeError, IndexError, KeyError, TypeError):
            key = None
        return f"record {path[1] + 1}" + (f" ('{key}')" if isinstance(key, str) else "")
    return "the evidence file"


# ---------------------------------------------------------------------------------------------
# Checks against the bibliography and the pages


def check_against_bib(records: dict[str, Record], bib, shown: str = FILE) -> list[Problem]:
    """Every record's key is in references.bib; every research entry has a full record."""
    problems = []
    for key, record in records.items():
        entry = bib.entries.get(key)
        if entry is None:
            close = difflib.get_close_matches(key, list(bib.entries), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(shown, record.line, f"record '{key}' is for a key that is not in references.bib",
                                    f"{hint}use the key of a references.bib entry, or delete the record",
                                    field="key"))
            continue
        if entry.kind is not None and entry.kind.research:
            for name in RESEARCH_FIELDS:
                if not getattr(record, name):
                    problems.append(Problem(
                        shown, record.line, f"record '{key}' has no '{name}'; a {entry.kind.label.lower()} needs one",
                        f"add '{name}:' from what the source says (see {SCHEMA_SHOWN})", field=name))
    for key, entry in bib.entries.items():
        if entry.kind is not None and entry.kind.research and key not in records:
            problems.append(Problem(
                bib.path, entry.line, f"research entry '{key}' has no evidence record",
                f"add a record with 'key: {key}' to {shown}: its design, who and what was studied, the setting, "
                "the counts, the findings and the limits (see CONTRIBUTING.md, 'How to cite honestly')"))
    return problems


def check_vendors(bib, cited: Iterable[str]) -> list[Problem]:
    """A source published by a company that sells online therapy is background, never evidence."""
    cited = set(cited)
    problems = []
    for key, entry in bib.entries.items():
        if VENDOR not in entry.keywords:
            continue
        if key in cited:
            problems.append(Problem(bib.path, entry.line,
                                    f"'{key}' is published by a company that sells online therapy, but a page cites it",
                                    "cite an independent source for that claim instead; keep this entry as background"))
        elif not entry.background:
            problems.append(Problem(bib.path, entry.line, f"'{key}' is marked 'vendor' but not 'background'",
                                    "add 'background' to its keywords: it may never be cited as evidence"))
    return problems


def check_backs(records: dict[str, Record], cites: dict[str, set[str]], shown: str = FILE) -> list[Problem]:
    """Every page a record backs exists and cites the source. ``cites`` maps a docs-relative
    page ('understand/research.md', 'checklists/right-for-me.yml') to the keys it cites."""
    problems = []
    for key, record in records.items():
        citing = sorted(page for page, keys in cites.items() if key in keys)
        if citing and not record.backs:
            problems.append(Problem(shown, record.line, f"record '{key}' lists no page it backs, but {citing[0]} cites it",
                                    "add 'backs:' with each page that cites the source and the claim it makes there",
                                    field="backs"))
        for page, _, line in record.backs:
            if page not in cites:
                close = difflib.get_close_matches(page, list(cites), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                problems.append(Problem(shown, line, f"record '{key}' backs '{page}', which is not a page or checklist",
                                        f"{hint}write a path inside docs/", field="backs"))
            elif key not in cites[page]:
                problems.append(Problem(shown, line, f"record '{key}' says it backs '{page}', but that page does not cite it",
                                        f"remove this entry from 'backs', or cite [@{key}] on the page", field="backs"))
    return problems


# ---------------------------------------------------------------------------------------------
# The numbers rule

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_NUMBER = re.compile(r"(?<![\w.,/#-])[$£€]?\d+(?:,\d{3})*(?:\.\d+)?(?![\w/]|\.\d|,\d{3})")
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b")
_CITATION = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
_STRIP = [
    re.compile(r"<!--.*?-->", re.S),  # comments and markers
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\[\^[^\]]+\]"),  # footnote references
    re.compile(r"\[[^\[\]]*\]\((?:tel|sms):[^)]*\)"),  # phone numbers, written as links
    re.compile(r"<[a-z]+:[^>]*>"),  # autolinks
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"https?://\S+"),  # bare addresses
]
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_SIGN = re.compile(r"(?:(?<=[\s(:=])|^)[-\u2212](?=\d)")  # "RD -0.04": the sign, not a hyphen in COVID-19


def normalise(token: str) -> str:
    return token.lstrip("$£€").replace(",", "")


def numbers_in(text: str, *, exempt: bool = True) -> list[tuple[str, str]]:
    """The numbers a reader would take as facts: ``[(normalised, as written)]``.

    Exempt (when ``exempt``): years (1900-2099 written as four digits), days of a month next to
    a month name, phone numbers written as ``tel:``/``sms:`` links, footnote numbers, numbers
    inside link addresses, code and HTML, and digits inside words (COVID-19, 988lifeline).
    List numbering never reaches this function (see :func:`cited_passages`)."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    text = _SIGN.sub("", _LINK_TARGET.sub("]", text))
    if exempt:
        text = _DAY_MONTH.sub(" ", text)
    found = []
    for match in _NUMBER.finditer(text):
        written = match.group(0)
        value = normalise(written)
        if exempt and re.fullmatch(r"(19|20)\d\d", written):
            continue  # a year
        found.append((value, written))
    return found


@dataclass(frozen=True)
class Passage:
    """Text that a citation covers: from the start of its paragraph, list item or table row (or
    the previous citation in it) up to the citation."""

    file: str
    line: int
    text: str
    keys: tuple[str, ...]


_UNIT_START = re.compile(r"^(?:\|| {0,3}(?:[-*+]|\d+[.)])\s|:\s{1,4}|#{1,6}\s|!!!|\?\?\?|===)")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)]|:)\s+")


def cited_passages(body: str, shown: str, first_line: int = 1) -> list[Passage]:
    """Split a page into paragraphs, list items and table rows, then each of those into the
    passages its citations cover. Text after the last citation of a unit is not checked."""
    units: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fence = False

    def flush():
        if current:
            units.append((start, " ".join(current)))
            current.clear()

    for number, raw in enumerate(body.split("\n"), start=first_line):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            fence = not fence
            flush()
            continue
        if fence or not line:
            flush()
            continue
        if line.startswith("#") or re.fullmatch(r"\|?[\s:|-]+\|?", line) or _UNIT_START.match(raw.lstrip()) \
                or _UNIT_START.match(raw):
            flush()
        if line.startswith(("#", "!!!", "???", "===")) or re.fullmatch(r"\|?[\s:|-]+\|?", line):
            continue  # headings, admonition titles, tab labels and table rules carry no claims
        if not current:
            start = number
        current.append(_LIST_MARK.sub("", line, count=1))
    flush()
    out = []
    for line, text in units:
        previous = 0
        for match in _CITATION.finditer(text):
            parts = (part.strip() for part in match.group(0)[1:-1].split(";"))
            keys = tuple(part[1:] for part in parts if re.fullmatch(r"@[A-Za-z0-9_-]+", part))
            if keys:
                out.append(Passage(shown, line, text[previous:match.start()], keys))
            previous = match.end()
    return out


def check_numbers(passages: Iterable[Passage], records: dict[str, Record]) -> list[Problem]:
    problems = []
    for passage in passages:
        have = set().union(*(records[k].numbers for k in passage.keys if k in records))
        for value, written in numbers_in(passage.text):
            if value in have:
                continue
            keys = ", ".join(passage.keys)
            others = sorted(k for k, r in records.items() if value in r.numbers and k not in passage.keys)
            hint = (f" It is in the record of {', '.join(others[:3])}, which this passage does not cite:"
                    " cite that source here, or" if others else "")
            missing = [k for k in passage.keys if k not in records]
            note = f" ({', '.join(missing)} has no record)" if missing else ""
            problems.append(Problem(
                passage.file, passage.line,
                f"the number '{written}' is not in the evidence record of {keys}{note}",
                f"check the number against the source.{hint} correct the number, or add it to the record's "
                f"findings in {FILE} if the source states it (years, dates and tel: links are exempt)",
                field=written))
    return problems


def checklist_passages(text: str, shown: str) -> list[Passage]:
    """Each checklist item that cites a source: its text and help, with the keys it cites."""
    data, lines, problems = read(text, shown, empty_fix="-", nesting_fix="-")
    out = []
    if problems or not isinstance(data, dict):
        return out
    for s, section in enumerate(data.get("sections") or []):
        for i, item in enumerate((section or {}).get("items") or [] if isinstance(section, dict) else []):
            if not isinstance(item, dict) or not isinstance(item.get("cite"), list):
                continue
            words = " ".join(str(item.get(name) or "") for name in ("text", "help"))
            keys = tuple(k for k in item["cite"] if isinstance(k, str))
            out.append(Passage(shown, lines.of(("sections", s, "items", i, "text")), words, keys))
    return out


def check_build(records: dict[str, Record], bib, pages: Iterable[tuple[str, str, str, int]],
                checklist_files: Iterable[tuple[str, str, str]], cited: Iterable[str]) -> list[Problem]:
    """Everything the build checks once the pages are known.

    ``pages``: (docs-relative src, shown path, body, first line of the body);
    ``checklist_files``: (docs-relative src, shown path, text)."""
    cites: dict[str, set[str]] = {}
    passages: list[Passage] = []
    for src, shown, body, first in pages:
        found = cited_passages(body, shown, first)
        passages += found
        cites[src] = {k for p in found for k in p.keys} | set(re.findall(r"\[@([A-Za-z0-9_-]+)", body))
    for src, shown, text in checklist_files:
        found = checklist_passages(text, shown)
        passages += found
        cites[src] = {k for p in found for k in p.keys}
    return (check_vendors(bib, cited) + check_backs(records, cites)
            + check_numbers(passages, records))
