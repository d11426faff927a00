"""Crisis help by country: load ``docs/data/crisis.yml``, check it, render it.

The file is the one home of every crisis number in the guide (the format is in
``schema/crisis.schema.json``). It is untrusted YAML from a pull request:

* It is read by :func:`guide.yamldata.read` (safe loader, no anchors or aliases, no duplicate
  keys), and every problem names the file, the line and the field.
* The structure is checked against the JSON Schema; then the build checks what a schema cannot:
  each country code once, a real ``verified`` date that is not in the future, and that every
  ``tel:`` and ``sms:`` link made from a number is valid.
* Every piece of text is escaped by the autoescaping templates.

A ``verified`` date more than 12 months old is *not* an error: a stale date must never stop a
fix from being published. :func:`stale` lists such countries for the build's review summary, and
the page says honestly when each country was last checked.

Three things render from the data:

* :func:`render_page` for ``<!-- guide:crisis-lines -->`` on "Get help now": a "Find your
  country" list, then one section per country (anchor ``#us``, ``#gb`` ...), emergency number
  first, every call or text link a large tap target;
* :func:`render_embed_line` for the crisis line of every embed: the general line, plus each
  country's line hidden, for ``assets/embed-frame.js`` to show the one ``data-region`` names;
* :func:`render_print_line` for printouts of checklists: the same, shown only in print.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from guide import i18n, render, textfile, yamldata
from guide.errors import Problem
from guide.yamldata import Lines, Path_, field_name, read

FILE = "data/crisis.yml"  # inside docs/; mkdocs.yml keeps it out of the site (exclude_docs)
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "crisis.schema.json"
SCHEMA_SHOWN = "schema/crisis.schema.json"
STALE_DAYS = 365  # a check older than this is listed in the review summary
MARKER = "crisis-lines"

TEL = re.compile(r"^tel:\+?[0-9]{2,15}$")
SMS = re.compile(r"^sms:\+?[0-9]{2,15}$")


@dataclass(frozen=True)
class Contact:
    how: str  # call, text or chat
    number: str | None = None  # as shown, e.g. "116 123"
    url: str | None = None  # chat: an https address
    note: str | None = None  # a short tip, e.g. "For Spanish, press 2."

    @property
    def href(self) -> str:
        if self.how == "call":
            return tel_href(self.number or "")
        if self.how == "text":
            return sms_href(self.number or "")
        return self.url or ""

    @property
    def label(self) -> str:
        """"Call", "Text" or "Chat online", in the language being built (guide/words)."""
        return i18n.t(f"crisis.{self.how}")

    @property
    def shown(self) -> str:
        """What the link shows in large type: the number, or the site's name for a chat."""
        if self.number:
            return self.number
        return re.sub(r"^https://(www\.)?", "", self.url or "").rstrip("/")


@dataclass(frozen=True)
class Line:
    name: str
    for_whom: str
    hours: str
    contacts: list[Contact]
    languages: list[str] = field(default_factory=list)
    cost: str | None = None


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    emergency: str
    lines: list[Line]
    sources: list[str]
    verified: dt.date
    also_emergency: str | None = None

    @property
    def emergency_href(self) -> str:
        return tel_href(self.emergency)

    @property
    def also_emergency_href(self) -> str | None:
        return tel_href(self.also_emergency) if self.also_emergency else None


@dataclass(frozen=True)
class General:
    name: str
    url: str
    text: str
    sources: list[str]
    verified: dt.date


@dataclass
class CrisisData:
    general: General
    countries: list[Country]
    path: str = FILE

    def country(self, code: str) -> Country | None:
        return next((c for c in self.countries if c.code == code), None)

    @property
    def numbers(self) -> list[str]:
        """Every number in the data, for the search synonyms."""
        out: list[str] = []
        for country in self.countries:
            for number in [country.emergency, country.also_emergency,
                           *(c.number for line in country.lines for c in line.contacts)]:
                if number and number not in out:
                    out.append(number)
        return out


def tel_href(number: str) -> str:
    """``tel:`` link for a number as shown: spaces and hyphens dropped (RFC 3966 global or local
    digits). Raises ValueError for anything else."""
    href = "tel:" + re.sub(r"[ -]", "", number)
    if not TEL.match(href):
        raise ValueError(f"not a phone number: {number!r}")
    return href


def sms_href(number: str) -> str:
    """``sms:`` link (RFC 5724) for a number as shown."""
    href = "sms:" + re.sub(r"[ -]", "", number)
    if not SMS.match(href):
        raise ValueError(f"not a phone number: {number!r}")
    return href


# ---------------------------------------------------------------------------------------------
# Loading and checking


def load(docs_dir: Path, shown_docs: str = "docs") -> tuple[CrisisData | None, list[Problem]]:
    """The crisis data of a site, or ``None`` (and no problem) when the site has no such file."""
    path = Path(docs_dir) / FILE
    if not path.is_file():
        return None, []
    text, problems = textfile.read(path, f"{shown_docs}/{FILE}")  # UTF-8, no control characters, bounded
    return (None, problems) if problems else parse(text, f"{shown_docs}/{FILE}")


def load_translation(english_docs: Path, docs_dir: Path, shown_docs: str, english_shown_docs: str = "docs"
                     ) -> tuple[CrisisData | None, list[Problem]]:
    """A translation's crisis data: the facts of ``docs/data/crisis.yml`` (numbers, links, dates
    and sources have one home) with the words of ``<docs_dir>/data/crisis.yml`` laid over them
    (:func:`guide.i18n.overlay`). ``None`` and no problem when the English site has no such file."""
    english_path, path = Path(english_docs) / FILE, Path(docs_dir) / FILE
    shown, english_shown = f"{shown_docs}/{FILE}", f"{english_shown_docs}/{FILE}"
    if not english_path.is_file():
        return None, []
    text, problems = textfile.read(english_path, english_shown)
    if problems:
        return None, problems
    facts, facts_lines, problems = _read(text, english_shown)
    if not problems:  # the facts are checked once, as the English file, before any words go over them
        problems = check(facts, facts_lines, english_shown)[1]
    if problems:
        return None, problems
    if not path.is_file():
        return None, [Problem(shown, None, "the crisis lines have no words in this language",
                              f"create {shown} with the text of {english_shown} translated (names, 'for', 'hours', "
                              "'cost', 'languages', notes); the numbers stay in the English file")]
    text, problems = textfile.read(path, shown)
    if problems:
        return None, problems
    words, lines, problems = read(text, shown,
                                  empty_fix=f"write the words of {english_shown} (see its 'general:' and 'countries:')",
                                  nesting_fix=f"compare the file with {english_shown}")
    if problems:
        return None, problems
    merged, problems = i18n.overlay(facts, words, shown, lines, english_shown)
    if problems:
        return None, problems
    return check(merged, lines, shown)


def _validator() -> jsonschema.protocols.Validator:
    return yamldata.validator(SCHEMA_PATH)


def parse(text: str, shown: str = f"docs/{FILE}", *, today: dt.date | None = None
          ) -> tuple[CrisisData | None, list[Problem]]:
    """Read the crisis file. Returns the data (``None`` on any problem) and every problem."""
    data, lines, problems = _read(text, shown)
    if problems:
        return None, problems
    return check(data, lines, shown, today=today)


def _read(text: str, shown: str) -> tuple[Any, Lines, list[Problem]]:
    return yamldata.read_mapping(text, shown, what="the crisis file", start="'general:' and 'countries:'",
                                 schema_shown=SCHEMA_SHOWN, empty_fix=f"write 'general:' and 'countries:' (see {SCHEMA_SHOWN})")


def check(data: Any, lines: Lines, shown: str, *, today: dt.date | None = None
          ) -> tuple[CrisisData | None, list[Problem]]:
    """Check data read from ``shown`` by :func:`_read` (a set of fields): the schema, then what a
    schema cannot, and build it."""
    checker = _Checker(shown, lines, today or dt.date.today())
    checker.data = data
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        checker.schema_error(error)
    checker.semantics(data)
    problems = sorted(checker.problems, key=lambda p: (p.line or 0, p.field or "", p.message))
    if problems:
        return None, problems
    return _build(data, shown), []


def _where(path: Path_, data: Any) -> str:
    """Plain words for a place in the file: "country 3 ('gb'), line 1"."""
    out = []
    if len(path) >= 2 and path[0] == "countries" and isinstance(path[1], int):
        country = data["countries"][path[1]] if isinstance(data.get("countries"), list) else None
        code = country.get("code") if isinstance(country, dict) else None
        out.append(f"country {path[1] + 1}" + (f" ('{code}')" if isinstance(code, str) else ""))
        if len(path) >= 4 and path[2] == "lines" and isinstance(path[3], int):
            out.append(f"line {path[3] + 1}")
            if len(path) >= 6 and path[4] == "contacts" and isinstance(path[5], int):
                out.append(f"contact {path[5] + 1}")
    elif path and path[0] == "general":
        out.append("the general line")
    return ", ".join(out) or "the crisis file"


_FIXES = {
    "number": "write the number in double quotes as people dial it, digits with spaces or hyphens "
              "between groups, e.g. \"116 123\" or \"+44 116 123\"",
    "emergency": "write the number in double quotes as people dial it, e.g. \"999\"",
    "also_emergency": "write the number in double quotes as people dial it, e.g. \"112\"",
    "url": "write a full https:// address, e.g. https://988lifeline.org",
    "code": "write the two-letter ISO country code in lower case, e.g. 'gb' for the United Kingdom",
}


class _Checker:
    def __init__(self, shown: str, lines: Lines, today: dt.date):
        self.shown, self.lines, self.today = shown, lines, today
        self.problems: list[Problem] = []
        self.data: Any = {}

    def fail(self, path: Path_, message: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, self.lines.of(path), message, fix,
                                     field=field_name(path, "(crisis file)")))

    def schema_error(self, error: jsonschema.ValidationError) -> None:
        path: Path_ = tuple(error.absolute_path)
        kind, value, instance = error.validator, error.validator_value, error.instance
        name = str(path[-2] if path and isinstance(path[-1], int) and len(path) > 1 else (path[-1] if path else ""))
        where = _where(path, self.data)
        if kind == "additionalProperties":
            known = ", ".join(error.schema.get("properties", {}))
            for extra in (k for k in instance if k not in error.schema.get("properties", {})):
                self.fail(path + (extra,), f"unknown field '{extra}' in {where}", f"the fields here are: {known}")
        elif kind == "required":
            for missing in (k for k in value if k not in instance):
                self.fail(path + (missing,), f"{where} has no '{missing}'",
                          f"add '{missing}:' (see {SCHEMA_SHOWN})")
        elif kind == "pattern" and name in ("number", "emergency", "also_emergency"):
            self.fail(path, f"'{instance}' in {where} is not a phone number", _FIXES[name])
        elif kind == "pattern" and (name in ("url", "sources") or "https" in value):
            self.fail(path, f"'{instance}' in {where} is not an https:// address",
                      "use the page's https:// address; http:, javascript: and other links are not allowed")
        elif kind == "pattern" and name == "code":
            self.fail(path, f"'{instance}' in {where} is not a country code", _FIXES["code"])
        elif kind == "pattern" and value == r"\S":
            self.fail(path, f"'{name}' in {where} is empty", f"write the {name}")
        elif kind == "type" and instance is None:
            self.fail(path, f"'{name}' has no value in {where}", f"write a value after '{name}:'")
        elif kind == "type":
            fix = _FIXES.get(name, f"compare with {SCHEMA_SHOWN}")
            if isinstance(instance, int) and name in ("number", "emergency", "also_emergency"):
                fix = "put the number in double quotes, so a leading 0 or a space is kept: " + _FIXES[name]
            self.fail(path, f"'{name}' in {where} has the wrong kind of value ({type(instance).__name__})", fix)
        elif kind == "enum":
            self.fail(path, f"'{name}' in {where} is '{instance}'", f"use one of: {', '.join(map(str, value))}")
        elif kind == "minItems":
            self.fail(path, f"'{name}' is empty in {where}", f"add at least one entry to '{name}'")
        elif kind == "maxLength":
            self.fail(path, f"'{name}' in {where} is {len(instance)} characters; the limit is {value}",
                      "shorten it: a reader in crisis needs a few plain words")
        else:
            self.fail(path, f"{where}: {error.message}", f"compare with {SCHEMA_SHOWN}")

    def semantics(self, data: dict) -> None:
        self.data = data
        self.date(("general", "verified"), (data.get("general") or {}).get("verified")
                  if isinstance(data.get("general"), dict) else None)
        seen: dict[str, int] = {}
        countries = data.get("countries")
        for n, country in enumerate(countries if isinstance(countries, list) else []):
            if not isinstance(country, dict):
                continue
            code = country.get("code")
            if isinstance(code, str):
                if code in seen:
                    self.fail(("countries", n, "code"), f"country code '{code}' is used twice (first on line {seen[code]})",
                              "list each country once; put all its lines under one entry")
                else:
                    seen[code] = self.lines.of(("countries", n, "code"))
            self.date(("countries", n, "verified"), country.get("verified"))
            for key in ("emergency", "also_emergency"):
                self.dialable(("countries", n, key), country.get(key), tel_href)
            lines = country.get("lines")
            for m, line in enumerate(lines if isinstance(lines, list) else []):
                contacts = line.get("contacts") if isinstance(line, dict) else None
                for k, contact in enumerate(contacts if isinstance(contacts, list) else []):
                    if not isinstance(contact, dict):
                        continue
                    path = ("countries", n, "lines", m, "contacts", k)
                    how = contact.get("how")
                    if how in ("call", "text"):
                        if "number" not in contact:
                            self.fail(path + ("how",), f"{_where(path, data)} says '{how}' but gives no 'number'",
                                      f"add 'number:' with the number to {how}")
                        if "url" in contact:
                            self.fail(path + ("url",), f"{_where(path, data)}: a '{how}' contact takes a number, not a url",
                                      "remove 'url:', or make it a separate 'how: chat' contact")
                        self.dialable(path + ("number",), contact.get("number"),
                                      tel_href if how == "call" else sms_href)
                    elif how == "chat":
                        if "url" not in contact:
                            self.fail(path + ("how",), f"{_where(path, data)} says 'chat' but gives no 'url'",
                                      "add 'url:' with the https:// address of the chat page")
                        if "number" in contact:
                            self.fail(path + ("number",), f"{_where(path, data)}: a 'chat' contact takes a url, not a number",
                                      "remove 'number:', or make it a separate 'how: call' contact")

    def dialable(self, path: Path_, number: Any, make) -> None:
        if not isinstance(number, str) or not re.fullmatch(r"\+?[0-9]+(?:[ -][0-9]+)*", number):
            return  # the schema has reported it
        try:
            make(number)
        except ValueError:
            self.fail(path, f"'{number}' in {_where(path, self.data)} makes an invalid "
                      f"{'tel:' if make is tel_href else 'sms:'} link (2 to 15 digits allowed)",
                      "check the number on the service's own website and write it as people dial it")

    def date(self, path: Path_, value: Any) -> None:
        if value is None:
            return  # the schema reports a missing date
        day = _as_date(value)
        if day is None:
            self.fail(path, f"'verified' in {_where(path, self.data)} is '{value}', which is not a date",
                      "write the day you checked the numbers as YYYY-MM-DD, e.g. 2026-11-28")
        elif day > self.today:
            self.fail(path, f"'verified' in {_where(path, self.data)} is {day.isoformat()}, a day in the future",
                      "write the day you actually checked the numbers on the sources")


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _build(data: dict, shown: str) -> CrisisData:
    g = data["general"]
    general = General(g["name"], g["url"], g["text"], list(g["sources"]), _as_date(g["verified"]))
    countries = []
    for c in data["countries"]:
        lines = [Line(line["name"], line["for"], line["hours"],
                      [Contact(x["how"], x.get("number"), x.get("url"), x.get("note")) for x in line["contacts"]],
                      list(line.get("languages") or []), line.get("cost"))
                 for line in c["lines"]]
        countries.append(Country(c["code"], c["name"], c["emergency"], lines, list(c["sources"]),
                                 _as_date(c["verified"]), c.get("also_emergency")))
    return CrisisData(general, countries, shown)


# ---------------------------------------------------------------------------------------------
# Review: old checks are listed, never failed


def stale(data: CrisisData | None, on: dt.date | None = None) -> list[tuple[str, dt.date]]:
    """(name, verified) of every entry checked more than :data:`STALE_DAYS` days before ``on``."""
    if data is None:
        return []
    on = on or dt.date.today()
    entries = [(data.general.name, data.general.verified)] + [(c.name, c.verified) for c in data.countries]
    return [(name, day) for name, day in entries if (on - day).days > STALE_DAYS]


def review_summary(data: CrisisData | None, on: dt.date | None = None) -> str:
    """The crisis data's lines in the build's review summary (empty when all is fresh)."""
    old = stale(data, on)
    if not old:
        return ""
    head = (f"Crisis numbers: {len(old)} entr{'ies' if len(old) != 1 else 'y'} in {data.path} last checked "
            f"more than 12 months ago. Check the numbers on the sources and update 'verified':")
    return "\n".join([head, *(f"  {name}: verified {day.isoformat()}" for name, day in old)])


def _host(url: str) -> str:
    """The site's name for a source link, e.g. samaritans.org."""
    host = urlsplit(url).hostname or url
    return host[4:] if host.startswith("www.") else host


def _long_date(day: dt.date) -> str:
    return i18n.human_date(day)


# ---------------------------------------------------------------------------------------------
# Rendering


def render_page(data: CrisisData, on: dt.date | None = None) -> str:
    """The country list and sections of "Get help now". Its styles, assets/crisis.css, load only
    on the page that holds it (overrides/main.html looks for ``data-ogt-crisis-lines``)."""
    on = on or dt.date.today()
    old = {name for name, _ in stale(data, on)}
    before, _, after = i18n.t("crisis.none_yet").partition("{link}")
    return render.template("crisis-lines.html", data=data, general=data.general, none_yet=(before, after),
                           checked={c.code: _long_date(c.verified) for c in data.countries},
                           sources={c.code: [(url, _host(url)) for url in c.sources] for c in data.countries},
                           old={c.code for c in data.countries if c.name in old},
                           general_checked=_long_date(data.general.verified),
                           general_old=data.general.name in old)


def render_embed_line(data: CrisisData | None, help_url: str, *, print_only: bool = False) -> str:
    """The crisis lines of an embed: the general line, plus every country's line hidden for the
    snippet's ``data-region`` to pick (``assets/embed-frame.js``). ``print_only``: the block a
    printed checklist carries, with every country's line and the help page's full address."""
    return render.template("crisis-embed.html", data=data, help_url=help_url, print_only=print_only)


def render_print_line(data: CrisisData | None, help_url: str) -> str:
    """The crisis lines that a printed page carries (shown by print CSS only)."""
    return render_embed_line(data, help_url, print_only=True)
