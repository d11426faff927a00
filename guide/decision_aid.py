"""The decision aid: what matters to the reader, how each option fits it, readiness, a quiz.

One data file, ``docs/data/decision-aid.yml`` (format: ``schema/decision-aid.schema.json``), holds
the six options, the 8 to 12 things that differ between them (better, worse or the same on each,
with a one-line reason and cite keys), four readiness questions on the ideas of the SURE test, a
short quiz and the questions to ask. The YAML is untrusted, as for checklists:

* it is read by :func:`guide.yamldata.read` and checked against the JSON Schema, with the file,
  line and field in every problem;
* the build then checks what a schema cannot: every option has an entry for every thing, ids are
  unique, cite keys are in ``references.bib``, links go to real pages and headings, the quiz's
  answer is one of its choices;
* every piece of text is escaped (:func:`guide.checklists.inline`); HTML in text is refused.

Pages show it through markers: ``<!-- guide:decision-aid PART -->`` on the decide page (PART is
one of :data:`PARTS`) and ``<!-- guide:decision-summary -->`` on the summary page. Everything is
server-rendered HTML that works without JavaScript; ``overrides/assets/decision-aid.js`` ranks
the options, saves answers on the device and fills the summary.

A translation holds the same data with its own text (``docs-es/data/decision-aid.yml``):
:func:`pair_translation` checks it against the English file. The fixed words (the scale, the fit
labels, the templates' and scripts' text) are in ``guide/words/<code>.yml`` (``decision_aid`` and
``summary``); the scripts read theirs from ``data-ogt-word-*`` attributes.

:func:`rank` is the ranking rule. The script applies the same rule (``rank`` in decision-aid.js);
``tests/fixtures/ranking-cases.json`` holds cases both are tested against.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from guide import checklists, i18n, render, textfile, wording
from guide import yamldata
from guide.errors import Problem
from guide.urls import relative_url
from guide.yamldata import Path_, field_name, read

DATA_FILE = "data/decision-aid.yml"  # inside docs/; mkdocs.yml keeps it out of the site (exclude_docs)
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "decision-aid.schema.json"
SCHEMA_SHOWN = "schema/decision-aid.schema.json"
MARKER = "decision-aid"
SUMMARY_MARKER = "decision-summary"
PARTS = ("values", "results", "leaning", "ready", "quiz")
STORAGE_KEY = "ogt-decision-aid"  # + ":" + version; decision-aid.js uses the same name

# How much a thing matters, 0 to 3 (words: decision_aid.scale_0 to scale_3 in guide/words/<code>.yml).
# The labels are part of the reader's summary.
SCALE_SIZE = 4
FIT_VALUE = {"better": 1, "same": 0, "worse": -1}  # words: decision_aid.fit_better, fit_same, fit_worse
UNSURE = "unsure"  # the leaning "not sure yet"


def scale(code: str | None = None) -> tuple[str, ...]:
    """The scale's labels, 0 to 3, in the language being built (or ``code``)."""
    return tuple(wording.word(f"decision_aid.scale_{n}", code or i18n.current()) for n in range(SCALE_SIZE))


def fit_label(fit: str, code: str | None = None) -> str:
    """'Better', 'Worse' or 'About the same, or not known', in the language being built."""
    return wording.word(f"decision_aid.fit_{fit}", code or i18n.current())


# ---------------------------------------------------------------------------------------------
# The ranking rule


def rank(fits: Mapping[str, Mapping[str, int]], ratings: Mapping[str, int],
         options: Sequence[str]) -> list[tuple[str, int]]:
    """Order the options by how well they fit what the reader rated.

    ``fits[thing][option]`` is +1 (better), 0 (same) or -1 (worse); ``ratings[thing]`` is 0 to 3.
    An option's score is the sum over the rated things of rating x fit. Highest score first;
    equal scores keep the order of ``options``. Rating nothing (or only "not at all") gives no
    ranking: an empty list. Things or values it does not know are ignored.
    """
    rated = {t: w for t, w in ratings.items()
             if t in fits and isinstance(w, int) and not isinstance(w, bool) and 0 < w <= 3}
    if not rated:
        return []
    scores = [(o, sum(w * fits[t].get(o, 0) for t, w in rated.items())) for o in options]
    order = {o: i for i, o in enumerate(options)}
    return sorted(scores, key=lambda pair: (-pair[1], order[pair[0]]))


# ---------------------------------------------------------------------------------------------
# The checked, render-ready data


@dataclass
class Fit:
    fit: str
    reason: str
    cite_keys: list[str] = field(default_factory=list)

    @property
    def value(self) -> int:
        return FIT_VALUE[self.fit]


@dataclass
class Thing:
    id: str
    name: str
    fits: dict[str, Fit]


@dataclass
class Question:
    id: str
    text: str
    if_no: str


@dataclass
class QuizItem:
    id: str
    question: str
    choices: list[str]
    answer: int
    explain: str
    link: tuple[str, str, str]  # (page title, heading or "", site-relative url)


@dataclass
class DecisionAid:
    version: int
    options: list[tuple[str, str]]  # (id, name)
    things: list[Thing]
    readiness_cites: list[str]
    questions: list[Question]
    all_yes: str
    quiz: list[QuizItem]
    questions_to_ask: list[str]
    path: str
    guide_links: dict[str, str] = field(default_factory=dict)  # inline "x.md#a" -> site url
    labels: dict[str, str] = field(default_factory=dict)  # cite key -> "Lagan et al., 2020"
    references_url: str = "about/references/"

    @property
    def cite_keys(self) -> list[str]:
        keys: list[str] = []
        for thing in self.things:
            for fit in thing.fits.values():
                keys.extend(k for k in fit.cite_keys if k not in keys)
        keys.extend(k for k in self.readiness_cites if k not in keys)
        return keys

    def matrix(self) -> dict[str, dict[str, int]]:
        """``{thing: {option: +1/0/-1}}``, the input :func:`rank` takes."""
        return {t.id: {o: f.value for o, f in t.fits.items()} for t in self.things}


# ---------------------------------------------------------------------------------------------
# Loading and checking


def schema() -> dict:
    return yamldata.validator(SCHEMA_PATH).schema


def _validator() -> jsonschema.protocols.Validator:
    return yamldata.validator(SCHEMA_PATH)


def load(path: Path, shown: str, context: checklists.Context) -> tuple[DecisionAid | None, list[Problem]]:
    """Read and check the data file at ``path`` (shown in messages as ``shown``)."""
    text, problems = textfile.read(path, shown)  # UTF-8, no control characters, bounded size
    return (None, problems) if problems else parse(text, shown, context)


def parse(text: str, shown: str, context: checklists.Context | None = None) -> tuple[DecisionAid | None, list[Problem]]:
    """Check one decision-aid file. Returns it (``None`` on any problem) and every problem."""
    context = context or checklists.Context()
    data, lines, problems = yamldata.read_mapping(text, shown, what="the decision aid",
                                                  start="'version:', 'options:' and 'things:'",
                                                  schema_shown=SCHEMA_SHOWN, empty_fix=f"write the fields of {SCHEMA_SHOWN}")
    if problems:
        return None, problems
    checker = checklists._Checker(shown, lines, context, data)  # text, cite and link checks
    out: list[Problem] = [p for error in _validator().iter_errors(data) for p in _schema_problem(error, shown, lines)]
    out += _semantics(data, checker)
    out = sorted(set(out), key=lambda p: (p.line or 0, p.field or "", p.message))
    if out:
        return None, out
    return _build(data, shown, checker), []


def _name(path: Path_) -> str:
    return field_name(path, whole="(decision aid)")


def _schema_problem(error: jsonschema.ValidationError, shown: str, lines) -> list[Problem]:
    path: Path_ = tuple(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    name = _name(path)

    def problem(at: Path_, message: str, fix: str) -> Problem:
        return Problem(shown, lines.of(at), message, fix, field=_name(at))

    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        out = []
        for extra in (k for k in instance if k not in known):
            close = difflib.get_close_matches(str(extra), known, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            out.append(problem(path + (extra,), f"unknown field '{extra}' in {name}",
                               f"{hint}the fields here are: {', '.join(known)}"))
        return out
    if kind == "required":
        return [problem(path + (k,), f"{name} has no '{k}'", f"add '{k}:' (see {SCHEMA_SHOWN})")
                for k in value if k not in instance]
    if kind == "enum":
        return [problem(path, f"'{name}' is '{instance}', which is not one of: {', '.join(map(str, value))}",
                        f"use one of: {', '.join(map(str, value))}")]
    if kind == "pattern" and value == r"\S":
        return [problem(path, f"'{name}' is empty", "write the text")]
    if kind == "pattern" and "cite" in path:
        return [problem(path, f"'{instance}' in '{name}' is not a citation key",
                        "write the key of a references.bib entry, such as 'gentry2019'")]
    if kind == "pattern" and path and path[-1] == "link":
        return [problem(path, f"'link' is '{instance}', which is not a page of the guide",
                        "write a path inside docs/ ending in .md, with an optional #heading, "
                        "e.g. 'understand/risks.md#crisis-care'")]
    if kind == "pattern":
        return [problem(path, f"'{instance}' in '{name}' is not an id",
                        "use lower-case letters, digits and single hyphens, e.g. 'online-group'")]
    if kind == "maxLength":
        return [problem(path, f"'{name}' is {len(instance)} characters; the limit is {value}",
                        "shorten it: one plain line (grade 8 or lower)")]
    if kind in ("minItems", "maxItems"):
        return [problem(path, f"'{name}' has {len(instance)} entries; it needs "
                        f"{'at least' if kind == 'minItems' else 'at most'} {value}",
                        f"compare with {SCHEMA_SHOWN}")]
    if kind == "type":
        return [problem(path, f"'{name}' must be {value}, not {type(instance).__name__}",
                        f"write '{name}' as in {SCHEMA_SHOWN}; put text in double quotes")]
    return [problem(path, f"{name}: {error.message}", f"compare with {SCHEMA_SHOWN}")]


def _semantics(data: dict, checker: checklists._Checker) -> list[Problem]:
    """What the schema cannot check. Uses the checklist checker for text, cites and links."""
    problems: list[Problem] = []

    def fail(path: Path_, message: str, fix: str) -> None:
        problems.append(Problem(checker.shown, checker.lines.of(path), message, fix, field=_name(path)))

    def unique(list_path: Path_, entries: Any) -> list[str]:
        ids: list[str] = []
        for n, entry in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                if entry["id"] in ids:
                    fail(list_path + (n, "id"), f"the id '{entry['id']}' is used twice in '{list_path[-1]}'",
                         "give each entry its own id")
                ids.append(entry["id"])
        return ids

    options = unique(("options",), data.get("options"))
    for n, option in enumerate(data.get("options") or []):
        if isinstance(option, dict):
            checker.text(("options", n, "name"), option.get("name"), links=False)
    unique(("things",), data.get("things"))
    for t, thing in enumerate(data.get("things") or []):
        if not isinstance(thing, dict):
            continue
        checker.text(("things", t, "name"), thing.get("name"), links=False)
        fits = thing.get("fits")
        if not isinstance(fits, dict):
            continue
        label = thing.get("id", f"thing {t + 1}")
        for option in options:
            if option not in fits:
                fail(("things", t, "fits"), f"'{label}' has no entry for the option '{option}'",
                     f"add '{option}: {{fit: better|worse|same, reason: ...}}' under 'fits:'; "
                     "use 'same' with a reason such as 'Not known.' where there is no evidence")
        for option, fit in fits.items():
            if option not in options:
                close = difflib.get_close_matches(str(option), options, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'? " if close else ""
                fail(("things", t, "fits", option), f"'{label}' has an entry for '{option}', which is not an option",
                     f"{hint}use one of: {', '.join(options)}")
            if isinstance(fit, dict):
                checker.text(("things", t, "fits", option, "reason"), fit.get("reason"), links=False)
                checker.cites(("things", t, "fits", option, "cite"), fit.get("cite"))
    readiness = data.get("readiness")
    if isinstance(readiness, dict):
        checker.cites(("readiness", "cite"), readiness.get("cite"))
        unique(("readiness", "questions"), readiness.get("questions"))
        for q, question in enumerate(readiness.get("questions") or []):
            if isinstance(question, dict):
                checker.text(("readiness", "questions", q, "text"), question.get("text"), links=False)
                checker.text(("readiness", "questions", q, "if_no"), question.get("if_no"))
        checker.text(("readiness", "all_yes"), readiness.get("all_yes"))
    unique(("quiz",), data.get("quiz"))
    for q, item in enumerate(data.get("quiz") or []):
        if not isinstance(item, dict):
            continue
        checker.text(("quiz", q, "question"), item.get("question"), links=False)
        checker.text(("quiz", q, "explain"), item.get("explain"), links=False)
        choices = item.get("choices") if isinstance(item.get("choices"), list) else []
        for c, choice in enumerate(choices):
            checker.text(("quiz", q, "choices", c), choice, links=False)
        answer = item.get("answer")
        if isinstance(answer, int) and not isinstance(answer, bool) and choices and answer >= len(choices):
            fail(("quiz", q, "answer"), f"'answer' is {answer}, but there are only {len(choices)} choices",
                 f"count the choices from 0: use a number from 0 to {len(choices) - 1}")
        checker.link(("quiz", q, "link"), item.get("link"))
    for n, text in enumerate(data.get("questions_to_ask") or []):
        checker.text(("questions_to_ask", n), text, links=False)
    return problems + checker.problems


def _build(data: dict, shown: str, checker: checklists._Checker) -> DecisionAid:
    context = checker.context
    links: dict[str, str] = {}

    def collect(text: str) -> str:
        for match in checklists._INLINE_LINK.finditer(text or ""):
            if not match.group(2).lower().startswith("https://"):
                links[match.group(2)] = checker._guide_target((), match.group(2)) or ""
        return text

    things = [Thing(t["id"], t["name"], {o["id"]: Fit(t["fits"][o["id"]]["fit"], t["fits"][o["id"]]["reason"],
                                                      list(t["fits"][o["id"]].get("cite") or []))
                                         for o in data["options"]})
              for t in data["things"]]
    quiz = []
    for item in data["quiz"]:
        page, _, anchor = item["link"].partition("#")
        target = context.targets[page]
        quiz.append(QuizItem(item["id"], item["question"], list(item["choices"]), item["answer"], item["explain"],
                             (target.title, target.anchors.get(anchor, "") if anchor else "",
                              checker._guide_target((), item["link"]) or "")))
    readiness = data["readiness"]
    return DecisionAid(
        version=data["version"],
        options=[(o["id"], o["name"]) for o in data["options"]],
        things=things,
        readiness_cites=list(readiness["cite"]),
        questions=[Question(q["id"], q["text"], collect(q["if_no"])) for q in readiness["questions"]],
        all_yes=collect(readiness["all_yes"]),
        quiz=quiz,
        questions_to_ask=list(data["questions_to_ask"]),
        path=shown,
        guide_links=links,
        labels=dict(context.labels),
        references_url=context.references_url or "",
    )


# ---------------------------------------------------------------------------------------------
# Rendering


def _html(text: str) -> str:
    """One HTML block without blank lines, so Python-Markdown keeps it as raw HTML."""
    return "\n" + "\n".join(line.rstrip() for line in text.splitlines() if line.strip()) + "\n"


def _context(aid: DecisionAid, page_url: str) -> dict:
    def href(target: str) -> str | None:
        site = aid.guide_links.get(target)
        return relative_url(page_url, site) if site else None

    def cites(keys: list[str]) -> list[tuple[str, str]]:
        return [(aid.labels.get(k, k), relative_url(page_url, f"{aid.references_url}#{checklists.REFERENCES_ANCHOR.format(key=k)}"))
                for k in keys]

    inline = checklists.inline
    return {
        "version": aid.version,
        "key": STORAGE_KEY,
        "scale": list(enumerate(scale())),
        "options": [{"id": o, "name": inline(n)} for o, n in aid.options],
        "unsure": UNSURE,
        "things": [{"id": t.id, "name": inline(t.name),
                    "fits": [{"option": o, "option_name": inline(n), "fit": t.fits[o].fit,
                              "value": t.fits[o].value, "label": fit_label(t.fits[o].fit),
                              "reason": inline(t.fits[o].reason), "cites": cites(t.fits[o].cite_keys)}
                             for o, n in aid.options]}
                   for t in aid.things],
        "readiness_cites": cites(aid.readiness_cites),
        "questions": [{"id": q.id, "text": inline(q.text), "if_no": inline(q.if_no, href)} for q in aid.questions],
        "all_yes": inline(aid.all_yes, href),
        "quiz": [{"id": q.id, "question": inline(q.question), "choices": [inline(c) for c in q.choices],
                  "answer": q.answer, "explain": inline(q.explain),
                  "link": checklists._link(q.link, page_url, relative_url)} for q in aid.quiz],
        "questions_to_ask": [inline(q) for q in aid.questions_to_ask],
    }


def render_part(aid: DecisionAid, part: str, page_url: str, summary_url: str | None = None) -> str:
    """One part of the decision aid (one of :data:`PARTS`) for a page at ``page_url``."""
    summary = relative_url(page_url, summary_url) if summary_url else None
    return _html(render.template("decision-aid.html", part=part, summary=summary, **_context(aid, page_url)))


@dataclass
class ChecklistEssentials:
    id: str
    version: str
    title: str
    items: list[tuple[str, str]]  # (item id, text)


def essentials(found: Mapping[str, checklists.Checklist | None]) -> list[ChecklistEssentials]:
    """Every checklist's essential items, for the summary's "still to check" list."""
    out = []
    for cid in sorted(found):
        checklist = found[cid]
        if checklist is None:
            continue
        items = [(i.id, i.text) for i in checklist.items if i.priority == "essential"]
        if items:
            out.append(ChecklistEssentials(checklist.id, checklist.version, checklist.title, items))
    return out


def render_summary(aid: DecisionAid, page_url: str, lists: list[ChecklistEssentials], aid_url: str | None) -> str:
    """The summary page's body: a blank worksheet that decision-aid.js fills from this device."""
    return _html(render.template(
        "decision-summary.html",
        aid=relative_url(page_url, aid_url) if aid_url else None,
        checklists=[{"id": c.id, "version": c.version, "title": checklists.inline(c.title),
                     "entries": [(i, checklists.inline(t)) for i, t in c.items]} for c in lists],
        **_context(aid, page_url)))


# ---------------------------------------------------------------------------------------------
# Markers (dispatched by guide/site.py)


def load_placed(path: Path, shown: str, placed: Sequence[tuple[str, int, str]],
                context: checklists.Context) -> tuple[DecisionAid | None, list[Problem]]:
    """Load the data file ``path`` (``shown`` in messages) when present; a file no page shows, or a
    marker without the file, is a problem. ``placed`` is (page file, line, marker name) of every
    decision-aid or summary marker."""
    if not path.is_file():
        return None, [Problem(page, line, f"'guide:{name}' needs {shown}, which is missing",
                              f"create {shown} (see {SCHEMA_SHOWN}), or remove the marker", field=f"guide:{name}")
                      for page, line, name in placed]
    aid, problems = load(path, shown, context)
    if not placed:
        problems.append(Problem(shown, 1, "the decision aid is not placed on any page",
                                f"add '<!-- guide:{MARKER} values -->' to the page it belongs on, or delete the file"))
    return aid, problems


# ---------------------------------------------------------------------------------------------
# A translation (docs-es/data/decision-aid.yml): the same data with its own text

# The fields a translation words in its own language; every other value (ids, fits, cite keys,
# answers, the version) must be the English one. Choices and questions to ask are lists of text:
# a translation has as many as the English (the quiz's answer counts its choices).
TEXT_FIELDS = i18n.TEXT_FIELDS | {"reason", "if_no", "all_yes", "question", "choices", "explain",
                                  "questions_to_ask", "link"}


def pair_translation(english: Path, english_shown: str, translated: Path, shown: str,
                     translated_docs: Path | None = None) -> list[Problem]:
    """The translation at ``translated`` against the English data file, with
    :func:`guide.i18n.pair_data`: an id it lacks or adds, or a changed fit, cite key, answer or
    version, is a problem naming the file, the line and the id. A quiz ``link`` may name another
    anchor (headings are translated), but names the English page when ``translated_docs`` has a
    translation of it. A file that does not read is left to :func:`load` to report."""
    def data(path: Path, name: str):
        text, problems = textfile.read(path, name)
        found, lines, problems = (None, None, problems) if problems else read(text, name, empty_fix="", nesting_fix="")
        return (None, None) if problems else (found, lines)

    en, _ = data(english, english_shown)
    tr, lines = data(translated, shown)
    if not isinstance(en, dict) or not isinstance(tr, dict):
        return []
    problems = i18n.pair_data(en, tr, shown, lines, english_shown, TEXT_FIELDS)

    def entries(data: dict, name: str) -> dict[str, tuple[int, dict]]:
        items = data.get(name) if isinstance(data.get(name), list) else []
        return {x["id"]: (i, x) for i, x in enumerate(items) if isinstance(x, dict) and isinstance(x.get("id"), str)}

    theirs = entries(tr, "quiz")
    for item_id, (_, item) in entries(en, "quiz").items():
        if item_id not in theirs:
            continue
        i, other = theirs[item_id]
        en_choices, tr_choices = item.get("choices"), other.get("choices")
        if isinstance(en_choices, list) and isinstance(tr_choices, list) and len(en_choices) != len(tr_choices):
            problems.append(Problem(shown, lines.of(("quiz", i, "choices")),
                                    f"quiz '{item_id}' has {len(tr_choices)} choices; the English has {len(en_choices)}",
                                    "translate each English choice, in the same order", field=item_id))
        page, link = str(item.get("link") or "").partition("#")[0], str(other.get("link") or "")
        if translated_docs is not None and (translated_docs / page).is_file() and link.partition("#")[0] != page:
            problems.append(Problem(shown, lines.of(("quiz", i, "link")),
                                    f"quiz '{item_id}' links to '{link}'; the English links to {page}, which is translated",
                                    f"link to {page} (with this language's #heading)", field=item_id))
    en_ask, tr_ask = en.get("questions_to_ask"), tr.get("questions_to_ask")
    if isinstance(en_ask, list) and isinstance(tr_ask, list) and len(en_ask) != len(tr_ask):
        problems.append(Problem(shown, lines.of(("questions_to_ask",)),
                                f"'questions_to_ask' has {len(tr_ask)} questions; the English has {len(en_ask)}",
                                "translate each English question; add no others", field="questions_to_ask"))
    return problems


def check_part(shown: str, line: int, part: str | None, first: int) -> list[Problem]:
    """``<!-- guide:decision-aid PART -->`` at ``line`` of the page ``shown``: a known part, once
    per page (``first`` is the line of the first marker with this part on the page)."""
    if part not in PARTS:
        return [Problem(shown, line, f"'guide:{MARKER}' needs one of: {', '.join(PARTS)}",
                        f"write '<!-- guide:{MARKER} values -->' (or results, leaning, ready, quiz)",
                        field=f"guide:{MARKER}")]
    if line != first:
        return [Problem(shown, line, f"the part '{part}' is already on this page (line {first})",
                        "show each part once per page", field=f"guide:{MARKER}")]
    return []


def cites_of(aid: DecisionAid | None, part: str | None) -> list[str]:
    """The cite keys a part shows: they count as cited on its page (References "Cited on")."""
    if aid is None:
        return []
    if part == "results":
        return [k for t in aid.things for f in t.fits.values() for k in f.cite_keys]
    if part == "ready":
        return list(aid.readiness_cites)
    return []


def check_summary(shown: str, line: int, arg: str | None) -> list[Problem]:
    if arg:
        return [Problem(shown, line, f"'guide:{SUMMARY_MARKER}' takes no argument",
                        f"write '<!-- guide:{SUMMARY_MARKER} -->'", field=f"guide:{SUMMARY_MARKER}")]
    return []
