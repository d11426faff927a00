"""Our IPDAS self-assessment: ``docs/data/ipdas.yml``, shown through ``<!-- guide:ipdas -->``.

The International Patient Decision Aid Standards have qualifying, certifying and quality
criteria (Joseph-Williams et al. 2014). The data file rates the guide on each, in our own short
words: met, partly or not-met, with a link to where a reader can check it. The build stops, with
file, line and field, when a link goes to no page or heading, when a "met" criterion has no link,
or when a "partly" or "not-met" one does not say why. Format: ``schema/ipdas.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jsonschema

from guide import checklists, render
from guide import yamldata
from guide.errors import Problem
from guide.urls import relative_url
from guide.yamldata import field_name

DATA_FILE = "data/ipdas.yml"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "ipdas.schema.json"
SCHEMA_SHOWN = "schema/ipdas.schema.json"
MARKER = "ipdas"
GROUPS = {  # the three kinds of IPDAS criteria, in order, with our heading for each
    "qualifying": "Qualifying criteria: what makes it a decision aid",
    "certifying": "Certifying criteria: what a trustworthy aid must also do",
    "quality": "Quality criteria: what makes an aid better",
}
STATUS = {"met": "Met", "partly": "Partly met", "not-met": "Not met"}


@dataclass
class Criterion:
    id: str
    text: str
    status: str
    where: tuple[str, str] | None  # (label, site-relative url)
    note: str


def _validator() -> jsonschema.protocols.Validator:
    return yamldata.validator(SCHEMA_PATH)


def parse(text: str, shown: str, context: checklists.Context) -> tuple[dict[str, list[Criterion]] | None, list[Problem]]:
    data, lines, problems = yamldata.read_mapping(
        text, shown, what="the self-assessment", start="'version:', then 'qualifying:', 'certifying:' and 'quality:'",
        schema_shown=SCHEMA_SHOWN, empty_fix=f"write the fields of {SCHEMA_SHOWN}")
    if problems:
        return None, problems
    checker = checklists._Checker(shown, lines, context, data)

    def fail(path, message: str, fix: str) -> None:
        checker.problems.append(Problem(shown, lines.of(path), message, fix, field=field_name(path, "(ipdas)")))

    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            known = ", ".join(error.schema.get("properties", {}))
            for extra in (k for k in error.instance if k not in error.schema.get("properties", {})):
                fail(path + (extra,), f"unknown field '{extra}'", f"the fields here are: {known}")
        elif error.validator == "required":
            for missing in (k for k in error.validator_value if k not in error.instance):
                fail(path + (missing,), f"'{field_name(path, '(ipdas)')}' has no '{missing}'", f"add '{missing}:'")
        else:
            fail(path, error.message, f"compare with {SCHEMA_SHOWN}")
    for group in GROUPS:
        for n, item in enumerate(data.get(group) if isinstance(data.get(group), list) else []):
            if not isinstance(item, dict):
                continue
            path = (group, n)
            checker.text(path + ("criterion",), item.get("criterion"), links=False)
            checker.text(path + ("note",), item.get("note"), links=False)
            checker.link(path + ("where",), item.get("where"))
            if item.get("status") == "met" and not item.get("where"):
                fail(path + ("status",), f"'{item.get('id')}' is marked met but has no 'where' link",
                     "add 'where:' with the page (and #heading) where a reader can see it is met, "
                     "or mark it 'partly' or 'not-met' with a note")
            if item.get("status") in ("partly", "not-met") and not item.get("note"):
                fail(path + ("status",), f"'{item.get('id')}' is marked {item.get('status')} but does not say why",
                     "add 'note:' with one plain sentence on what is missing")
    found = sorted(set(checker.problems), key=lambda p: (p.line or 0, p.field or "", p.message))
    if found:
        return None, found
    out: dict[str, list[Criterion]] = {}
    for group in GROUPS:
        out[group] = []
        for item in data[group]:
            where = None
            if item.get("where"):
                page, _, anchor = item["where"].partition("#")
                target = context.targets[page]
                heading = target.anchors.get(anchor, "") if anchor else ""
                where = (f"{target.title}: {heading}" if heading else target.title,
                         checker._guide_target((), item["where"]) or "")
            out[group].append(Criterion(item["id"], item["criterion"], item["status"], where, item.get("note") or ""))
    return out, []


def render_markdown(groups: dict[str, list[Criterion]], page_url: str) -> str:
    """A heading per group (code's own words, so safe as Markdown) and an escaped HTML table."""
    parts = []
    for group, heading in GROUPS.items():
        rows = [{"text": checklists.inline(c.text), "status": c.status, "label": STATUS[c.status],
                 "note": checklists.inline(c.note) if c.note else "",
                 "where": (c.where[0], relative_url(page_url, c.where[1])) if c.where else None}
                for c in groups[group]]
        met = sum(1 for c in groups[group] if c.status == "met")
        table = render.template("ipdas.html", rows=rows, met=met, total=len(rows))
        parts.append(f"## {heading} {{#{group}}}\n\n"
                     + "\n".join(line.rstrip() for line in table.splitlines() if line.strip()) + "\n")
    return "\n".join(parts)


# -- the marker (dispatched by guide/site.py) ---------------------------------------------------

def check_marker(shown_page: str, line: int, arg: str | None, path: Path, shown: str,
                 targets: dict[str, checklists.Target]) -> tuple[dict[str, list[Criterion]] | None, list[Problem]]:
    """``<!-- guide:ipdas -->`` at ``line`` of ``shown_page``: takes no argument, and needs the data
    file ``path`` (``shown`` in messages), which is read and checked against the site's pages."""
    if arg:
        return None, [Problem(shown_page, line, f"'guide:{MARKER}' takes no argument",
                              f"write '<!-- guide:{MARKER} -->'", field=f"guide:{MARKER}")]
    if not path.is_file():
        return None, [Problem(shown_page, line, f"'guide:{MARKER}' needs {shown}, which is missing",
                              f"create {shown} (see {SCHEMA_SHOWN}), or remove the marker", field=f"guide:{MARKER}")]
    return parse(path.read_text(encoding="utf-8"), shown, checklists.Context(targets=targets))


def unplaced(path: Path, shown: str, placed: bool) -> list[Problem]:
    """A self-assessment file that no page shows would silently never reach a reader."""
    if not path.is_file() or placed:
        return []
    return [Problem(shown, 1, "the IPDAS self-assessment is not placed on any page",
                    f"add the line '<!-- guide:{MARKER} -->' to the page it belongs on (about/ipdas.md), or delete the file")]
