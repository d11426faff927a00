"""Article metadata: split the YAML front matter from the body and check it.

The rules (see CONTRIBUTING.md):

* ``title``: text.
* ``description``: one sentence of at most 160 characters; it becomes the meta description.
* ``reviewed``: the date of the last review, as YYYY-MM-DD.
* ``next_review``: a date after ``reviewed`` and at most three years later.
* ``reviewers``: optional list of names shown on the page.
* ``changes``: optional list of ``date`` + ``what`` (one line) for each real change
  (guide/changes.py); the newest shows under the title and every one goes into ``feed.xml``.
* Any other field is an error, so a typo is never silently ignored.
* A page whose ``next_review`` has passed still builds and publishes: it shows readers an honest
  notice under the title, and the build summary lists it. A review date never blocks a fix.
  One due within 60 days is listed as a warning. Impossible dates, and a ``next_review`` that is
  not after ``reviewed``, stay errors.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

import yaml

from guide import changes, yamldata
from guide.errors import Problem

DESCRIPTION_MAX = 160
REVIEW_CYCLE_DAYS = 3 * 365 + 1  # three years, leap day included
DUE_SOON_DAYS = 60

REQUIRED = ("title", "description", "reviewed", "next_review")
OPTIONAL = ("reviewers", "changes")  # changes: see guide/changes.py
# A translated page (docs-es/): its English counterpart and the English 'reviewed' date it
# translates; guide.i18n checks them.
TRANSLATION = ("translation_of", "source_reviewed")
# Fields that MkDocs or Material read themselves and that our pages may set. Material's search
# index gives a page's "tags" a very high weight: "Get help now" lists its other names there.
THEME_FIELDS = ("hide", "search", "template", "tags")
KNOWN = REQUIRED + OPTIONAL + TRANSLATION + THEME_FIELDS

_FENCE = re.compile(r"^---[ \t]*$")
FRONT_MATTER_MAX = 16 * 1024  # characters; the guide's longest front matter is under 400
FRONT_MATTER_DEPTH = 4  # e.g. search: {boost: 2}; a list of reviewers
# The C loader when PyYAML has it: the same safe subset of YAML as yaml.safe_load, faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Source:
    """One Markdown page as read from disk, before MkDocs touches it."""

    path: str  # as shown in messages, e.g. docs/understand/formats.md
    meta: dict = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # the file line on which ``body`` starts
    problems: list[Problem] = field(default_factory=list)


def today() -> dt.date:
    """The date the checks measure against. GUIDE_TODAY=YYYY-MM-DD pins it for tests."""
    pinned = os.environ.get("GUIDE_TODAY")
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def split(text: str, path: str) -> Source:
    """Split front matter from body. YAML is parsed with ``safe_load``; errors carry the line."""
    source = Source(path=path, body=text)
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        source.problems.append(
            Problem(path, 1, "the page has no front matter",
                    "start the file with a '---' line, the fields title, description, reviewed "
                    "and next_review, and a closing '---' line (see CONTRIBUTING.md)")
        )
        return source
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        source.problems.append(
            Problem(path, 1, "the front matter is never closed",
                    "add a line with only '---' after the last front-matter field")
        )
        return source
    raw = "".join(lines[1:end])
    source.body = "".join(lines[end + 1:])
    source.body_line = end + 2
    if len(raw) > FRONT_MATTER_MAX:
        source.problems.append(Problem(path, 2, f"the front matter is {len(raw):,} characters; the limit is "
                                       f"{FRONT_MATTER_MAX:,}", "keep only the fields in CONTRIBUTING.md"))
        return source
    try:
        # Anchors, aliases and deep nesting are refused from the token stream, before anything is
        # built (guide/yamldata.py); then duplicate keys, which YAML would silently merge.
        refused = yamldata.scan(raw, path, max_depth=FRONT_MATTER_DEPTH, first_line=2,
                                nesting_fix="front-matter fields are plain values or a short list")
        if refused:
            source.problems.extend(refused)
            return source
        meta, duplicates = _load(raw, path) if raw.strip() else ({}, [])
        if duplicates:
            source.problems.extend(duplicates)
            return source
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        source.problems.append(
            Problem(path, line, f"the front matter is not valid YAML: {reason}",
                    "check the indentation and quote any value that contains ': ' or starts with a symbol")
        )
        return source
    except ValueError:  # YAML reads 2026-02-30 as a date, and Python refuses it
        source.problems.extend(_impossible_dates(lines[1:end], path))
        return source
    if not isinstance(meta, dict):
        source.problems.append(
            Problem(path, 2, "the front matter must be a set of 'name: value' fields",
                    "write one field per line, such as 'title: Formats'")
        )
        return source
    source.meta = meta
    for number, line in enumerate(lines[1:end], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            source.meta_lines.setdefault(match.group(1), number)
    return source


def _load(raw: str, path: str) -> tuple[object, list[Problem]]:
    """Front-matter YAML with the fast C loader, refusing a key written twice."""
    loader = _SAFE_LOADER(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, []
        duplicates = []
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, yaml.MappingNode):
                first: dict = {}
                for key, value in current.value:
                    name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark)
                    if name in first:
                        duplicates.append(Problem(
                            path, key.start_mark.line + 2,
                            f"the field '{name}' is written twice (first on line {first[name]})",
                            "keep one of the two; YAML would silently use the last one", field=str(name)))
                    first.setdefault(name, key.start_mark.line + 2)
                    stack.append(value)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
        if duplicates:
            return None, duplicates
        return loader.construct_document(node), []
    finally:
        loader.dispose()


def check(source: Source, *, on: dt.date | None = None) -> tuple[list[Problem], list[Problem]]:
    """Check the front matter of one page. Returns (errors, warnings)."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    if source.problems:
        return list(source.problems), warnings
    meta, path = source.meta, source.path
    on = on or today()

    def at(name: str) -> int:
        return source.meta_lines.get(name, 1)

    def fail(name: str, message: str, fix: str) -> None:
        errors.append(Problem(path, at(name), message, fix, field=name))

    for name in meta:
        if name not in KNOWN:
            close = [k for k in KNOWN if _similar(name, k)]
            hint = f"did you mean '{close[0]}'? " if close else ""
            fail(name, f"unknown front-matter field '{name}'",
                 f"{hint}the fields are: {', '.join(KNOWN)}")
    for name in REQUIRED:
        if name not in meta or meta[name] in (None, ""):
            errors.append(Problem(path, 1, f"the front matter has no '{name}'",
                                  _REQUIRED_FIX[name], field=name))

    title = meta.get("title")
    if title not in (None, "") and not isinstance(title, str):
        fail("title", "'title' must be text", "write the title as plain text, in quotes if it has a colon")

    description = meta.get("description")
    if description not in (None, ""):
        if not isinstance(description, str):
            fail("description", "'description' must be text", "write one plain sentence")
        else:
            if len(description) > DESCRIPTION_MAX:
                fail("description",
                     f"'description' is {len(description)} characters; the limit is {DESCRIPTION_MAX}",
                     "shorten it to one sentence that says what the page helps the reader do")
            if len(re.findall(r"[.!?](\s|$)", description.strip())) > 1:
                fail("description", "'description' has more than one sentence",
                     "keep one sentence; search engines show only about 160 characters")

    reviewed = _date(meta, "reviewed", fail)
    next_review = _date(meta, "next_review", fail)
    if reviewed and next_review:
        if next_review <= reviewed:
            fail("next_review", f"'next_review' ({next_review}) is not after 'reviewed' ({reviewed})",
                 "set next_review to a later date, usually 12 months after reviewed")
        elif (next_review - reviewed).days > REVIEW_CYCLE_DAYS:
            fail("next_review",
                 f"'next_review' ({next_review}) is more than 3 years after 'reviewed' ({reviewed})",
                 "every article is reviewed at least every 3 years; choose an earlier date")
        if reviewed > on:
            fail("reviewed", f"'reviewed' ({reviewed}) is in the future",
                 "use the date the review was actually done")
    if next_review and not errors:
        if next_review < on:
            warnings.append(Problem(path, at("next_review"),
                                    f"review overdue: 'next_review' was {next_review}",
                                    "review the article, then set 'reviewed' to today and 'next_review' "
                                    "to a later date; until then readers see a 'due for review' notice",
                                    field="next_review"))
        elif (next_review - on).days <= DUE_SOON_DAYS:
            warnings.append(Problem(path, at("next_review"),
                                    f"review due soon: 'next_review' is {next_review}",
                                    "plan the review before that date", field="next_review"))

    reviewers = meta.get("reviewers")
    if reviewers is not None and (
        not isinstance(reviewers, list) or not all(isinstance(r, str) and r.strip() for r in reviewers)
    ):
        fail("reviewers", "'reviewers' must be a list of names",
             "write it as a YAML list, one '- Name, role' per line")
    changes.check(meta, fail, on)
    return errors, warnings


_REQUIRED_FIX = {
    "title": "add 'title: ' with the page title",
    "description": "add 'description: ' with one sentence of at most 160 characters",
    "reviewed": "add 'reviewed: YYYY-MM-DD' with the date of the last review",
    "next_review": "add 'next_review: YYYY-MM-DD', at most 3 years after 'reviewed'",
}


def _date(meta: dict, name: str, fail) -> dt.date | None:
    value = meta.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    fail(name, f"'{name}' is not a valid date: {value!r}",
         "write the date as YYYY-MM-DD, for example 2026-11-28, without quotes")
    return None


def _impossible_dates(lines: list[str], path: str) -> list[Problem]:
    """The fields whose value looks like a date that does not exist, such as 2026-02-30."""
    problems = []
    for number, line in enumerate(lines, start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(\d{4})-(\d{1,2})-(\d{1,2})\b", line)
        if not match:
            continue
        try:
            dt.date(*(int(match.group(i)) for i in (2, 3, 4)))
        except ValueError:
            name, value = match.group(1), line.split(":", 1)[1].strip()
            problems.append(Problem(path, number, f"'{name}' is not a valid date: {value!r}",
                                    "write a real date as YYYY-MM-DD, for example 2026-11-28", field=name))
    return problems or [Problem(path, 1, "the front matter has a date that does not exist",
                                "write each date as YYYY-MM-DD, for example 2026-11-28")]


def _similar(a: str, b: str) -> bool:
    """True when two field names differ by a small typo."""
    a, b = a.lower().replace("-", "_"), b.lower()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 2:
        return False
    # Levenshtein distance of at most 2, computed on these short names.
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= 2


def review_line_html(meta: dict, *, on: dt.date | None = None) -> str:
    """The "Last reviewed / Next review" line shown under each article's title, and, when the
    review date has passed, an honest notice that the page is due for review."""
    from markupsafe import escape

    reviewed, next_review = _as_date(meta.get("reviewed")), _as_date(meta.get("next_review"))
    if reviewed is None or next_review is None:
        return ""
    from guide.i18n import t

    parts = [
        f'<span>{t("last_reviewed")}: <time datetime="{reviewed.isoformat()}">{_human(reviewed)}</time></span>',
        f'<span>{t("next_review")}: <time datetime="{next_review.isoformat()}">{_human(next_review)}</time></span>',
    ]
    reviewers = meta.get("reviewers")
    if isinstance(reviewers, list) and reviewers:
        parts.append(f"<span>{t('reviewed_by')}: {escape(', '.join(map(str, reviewers)))}</span>")
    line = '<p class="ogt-review">' + " · ".join(parts) + "</p>"
    if is_overdue(meta, on=on):
        date = f'<time datetime="{next_review.isoformat()}">{_human(next_review)}</time>'
        line += '<p class="ogt-review-overdue" role="note">' + t("overdue").format(date=date) + "</p>"
    return line


def is_overdue(meta: dict, *, on: dt.date | None = None) -> bool:
    """True when the page's ``next_review`` date has passed."""
    next_review = _as_date(meta.get("next_review"))
    return next_review is not None and next_review < (on or today())


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _human(date: dt.date) -> str:
    from guide.i18n import human_date

    return human_date(date)


def review_status(pages: dict[str, dict], *, on: dt.date | None = None,
                  within: int = DUE_SOON_DAYS) -> list[tuple[dt.date, str, dict]]:
    """The pages overdue or due within ``within`` days, oldest date first: (next_review, path, meta)."""
    on = on or today()
    due = []
    for path, meta in pages.items():
        next_review = _as_date(meta.get("next_review"))
        if next_review is not None and (next_review - on).days <= within:
            due.append((next_review, path, meta))
    return sorted(due, key=lambda d: (d[0], d[1]))


def when_due(next_review: dt.date, on: dt.date) -> str:
    days = (next_review - on).days
    if days == 0:
        return "today"
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return f"in {days} day{'s' if days != 1 else ''}"


def review_summary(pages: dict[str, dict], *, on: dt.date | None = None) -> str:
    """The lines printed at the end of every build: which articles are overdue for review, and
    which are due soon. ``pages`` maps each page's shown path to its front matter."""
    on = on or today()
    due = review_status(pages, on=on)
    if not due:
        return f"Review summary: no reviews overdue or due in the next {DUE_SOON_DAYS} days."
    overdue = [d for d in due if d[0] < on]
    soon = [d for d in due if d[0] >= on]
    lines = []
    if overdue:
        lines.append(f"Review summary: {len(overdue)} article{'s' if len(overdue) != 1 else ''} "
                     "overdue for review (published with a 'due for review' notice):")
        lines += [f"  {path}: next review was {d.isoformat()} ({when_due(d, on)})" for d, path, _ in overdue]
    if soon:
        lines.append(f"Review summary: {len(soon)} article{'s' if len(soon) != 1 else ''} due for review "
                     f"in the next {DUE_SOON_DAYS} days:")
        lines += [f"  {path}: next review {d.isoformat()} ({when_due(d, on)})" for d, path, _ in soon]
    return "\n".join(lines)
