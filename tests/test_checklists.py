"""Checklists: every kind of bad YAML is refused with file, line and field; all text is escaped;
the real checklists are valid, plain and placed; a bad checklist stops ``mkdocs build``."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide import checklists as c
from guide import readability
from guide.errors import GuideError, Problem
from tests import support
from tests.support import ROOT, build_fixture, line_of, page, replace_once

SHOWN = "docs/checklists/demo.yml"
CONTEXT = c.Context(
    keys={"lagan2020", "smith2021"},
    targets={
        "understand/risks.md": c.Target("understand/risks/", "Caveats and risks",
                                        {"confidentiality": "Confidentiality", "crisis-care": "Crisis care"}),
        "choose/platform.md": c.Target("choose/platform/", "Choosing a platform", {"red-flags": "Red flags"}),
        "about/references.md": c.Target("about/references/", "References", {}),
    },
    references_url="about/references/",
    labels={"lagan2020": "Lagan et al., 2020", "smith2021": "Smith, 2021"},
)

GOOD = """\
id: demo
title: A demo checklist
intro: Work through this *calmly*. See [the risks](understand/risks.md#confidentiality).
version: 1
sections:
  - title: First part
    items:
      - id: licence
        text: The leader is licensed where **I** live.
        help: A licence elsewhere may not cover you. See [the register](https://example.org/register?a=1&b=2).
        priority: essential
        cite: [lagan2020]
        link: understand/risks.md#crisis-care
      - id: price
        text: I know the full price.
  - title: Second part
    items:
      - id: rules
        text: The group has rules.
        priority: important
        link: choose/platform.md
results:
  - when: essential-unticked
    text: Ask about each essential item first.
  - when: all-ticked
    text: Well done.
"""


def parse(text: str, expected: str | None = "demo", context: c.Context = CONTEXT):
    return c.parse(text, SHOWN, expected, context)


def only_problem(text: str, **kwargs) -> Problem:
    return support.only_problem(parse(text, **kwargs))


def edit(old: str, new: str, text: str = GOOD) -> str:
    return replace_once(old, new, text)


# -- a good checklist ---------------------------------------------------------------------------

def test_good_checklist_loads():
    checklist, problems = parse(GOOD)
    assert problems == []
    assert checklist.id == "demo" and checklist.version == "1"
    assert [s.title for s in checklist.sections] == ["First part", "Second part"]
    first = checklist.sections[0].items[0]
    assert first.priority == "essential"
    assert first.cites == [("Lagan et al., 2020", "about/references/#ref-lagan2020")]
    assert first.link == ("Caveats and risks", "Crisis care", "understand/risks/#crisis-care")
    assert checklist.cite_keys == ["lagan2020"]
    assert checklist.guide_links == {"understand/risks.md#confidentiality": "understand/risks/#confidentiality"}


def test_schema_is_valid_and_accepts_the_good_checklist():
    schema = json.loads((ROOT / "schema" / "checklist.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(GOOD), schema)


# -- every kind of bad input: file, line, field, and a fix --------------------------------------

BAD = [
    # (name, yaml, line (int or needle), field, words in the message)
    ("yaml syntax: bad indent", edit("        text: I know the full price.", "       text: I know the full price."),
     "text: I know the full price.", "text", "not valid YAML"),
    ("yaml syntax: unclosed quote", edit("title: First part", 'title: "First part'), None, "title", "not valid YAML"),
    ("yaml syntax: tab", edit("        text: I know the full price.", "\ttext: I know the full price."),
     "\ttext: I know", "text", "not valid YAML"),
    ("unknown top field", edit("title: A demo checklist", "titel: A demo checklist\ntitle: A demo checklist"),
     "titel:", "titel", "unknown field 'titel'"),
    ("unknown item field", edit("        text: I know the full price.", "        text: I know the full price.\n        hepl: x"),
     "hepl:", "sections[0].items[1].hepl", "unknown field 'hepl' in item 2 ('price') of section 1"),
    ("missing top field", edit("version: 1\n", ""), 1, "version", "has no 'version'"),
    ("missing item text", edit("        text: I know the full price.\n", ""),
     "- id: price", "sections[0].items[1].text", "has no 'text'"),
    ("duplicate item id", edit("      - id: rules", "      - id: licence"), ("- id: licence", 2), "sections[1].items[0].id",
     "duplicate item id 'licence' (first used on line 8)"),
    ("duplicate yaml key", edit("        text: I know the full price.", "        text: I know the full price.\n        text: Again."),
     "text: Again.", "sections[0].items[1].text", "written twice"),
    ("empty section list", edit("""    items:
      - id: rules
        text: The group has rules.
        priority: important
        link: choose/platform.md
""", "    items: []\n"), "items: []", "sections[1].items", "section 2 has no items"),
    ("empty section null", edit("""    items:
      - id: rules
        text: The group has rules.
        priority: important
        link: choose/platform.md
""", "    items:\n"), ("    items:", 2), "sections[1].items", "section 2 has no items"),
    ("no sections", GOOD[:GOOD.index("sections:")] + "sections: []\n",
     "sections: []", "sections", "'sections' is empty"),
    ("bad cite key", edit("cite: [lagan2020]", "cite: [lagan2021]"), "cite:", "sections[0].items[0].cite[0]",
     "unknown cite key 'lagan2021'"),
    ("cite key not a key", edit("cite: [lagan2020]", "cite: [lagan 2020]"), "cite:", "sections[0].items[0].cite[0]",
     "is not a citation key"),
    ("cite twice", edit("cite: [lagan2020]", "cite: [lagan2020, lagan2020]"), "cite:", "sections[0].items[0].cite",
     "same key twice"),
    ("bad link page", edit("link: choose/platform.md", "link: choose/platfrom.md"), "link: choose/platfrom.md",
     "sections[1].items[0].link", "there is no docs/choose/platfrom.md"),
    ("bad link anchor", edit("link: understand/risks.md#crisis-care", "link: understand/risks.md#crisis"),
     "link: understand/risks.md#crisis", "sections[0].items[0].link", "has no '#crisis'"),
    ("link not a page", edit("link: choose/platform.md", "link: https://example.org"), "link: https://example.org",
     "sections[1].items[0].link", "not a page of the guide"),
    ("bad inline link page", edit("[the risks](understand/risks.md#confidentiality)", "[the risks](understand/risk.md)"),
     "intro:", "intro", "there is no docs/understand/risk.md"),
    ("javascript link", edit("[the register](https://example.org/register?a=1&b=2)", "[the register](javascript:void0)"),
     "help:", "sections[0].items[0].help", "is not allowed"),
    ("malformed link", edit("[the register](https://example.org/register?a=1&b=2)", "[the register](javascript:alert(1))"),
     "help:", "sections[0].items[0].help", "is not written as [text](address)"),
    ("http link", edit("[the register](https://example.org/register?a=1&b=2)", "[the register](http://example.org)"),
     "help:", "sections[0].items[0].help", "is not allowed"),
    ("link in item text", edit("text: I know the full price.", "text: I know the [price](https://example.org)."),
     "text: I know the [price]", "sections[0].items[1].text", "cannot hold a link"),
    ("html in text", edit("text: I know the full price.", 'text: "I know <img src=x onerror=alert(1)>"'),
     "text: \"I know <img", "sections[0].items[1].text", "HTML is not allowed"),
    ("citation in text", edit("text: I know the full price.", 'text: "I know the price [@lagan2020]."'),
     "[@lagan2020]", "sections[0].items[1].text", "citation is written in the text"),
    ("bad priority", edit("priority: important", "priority: high"), "priority: high", "sections[1].items[0].priority",
     "'high', which is not one of: essential, important, nice-to-have"),
    ("bad item id", edit("- id: price", "- id: Full Price"), "- id: Full Price", "sections[0].items[1].id",
     "an id must be lower-case"),
    ("id does not match file", edit("id: demo", "id: other"), 1, "id", "but the file is named 'demo.yml'"),
    ("empty text", edit("text: I know the full price.", 'text: "  "'), 'text: "  "', "sections[0].items[1].text",
     "'text' in item 2 ('price') of section 1 is empty"),
    ("text is a number", edit("text: I know the full price.", "text: 42"), "text: 42",
     "sections[0].items[1].text", "must be text"),
    ("version is a date", edit("version: 1", "version: 2026-11-28"), "version:", "version", "must be"),
    ("version zero", edit("version: 1", "version: 0"), "version:", "version", "it must be 1 or more"),
    ("too long", edit("text: I know the full price.", "text: " + "word " * 40), "text: word", "sections[0].items[1].text",
     "the limit is 160"),
    ("essential without help", edit("        priority: important", "        priority: essential"),
     ("priority: essential", 2), "sections[1].items[0].priority", "has no 'help'"),
    ("results twice", edit("  - when: all-ticked", "  - when: essential-unticked"), ("when: essential-unticked", 2),
     "results[1].when", "two results are for 'essential-unticked'"),
    ("unknown result", edit("  - when: all-ticked", "  - when: sometimes"), "when: sometimes", "results[1].when",
     "not one of"),
    ("alias", edit("title: Second part", "title: *t"), "title: *t", "title", "anchors and aliases are not allowed here"),
    ("anchor", edit("title: First part", "title: &t First part"), "title: &t", "title", "found '&'"),
    ("not a mapping", "- just\n- a list\n", 1, None, "must be a set of 'name: value' fields"),
    ("empty file", "# nothing here\n", 1, None, "is empty"),
]


@pytest.mark.parametrize("name,text,where,field,words", BAD, ids=[b[0] for b in BAD])
def test_bad_checklist_names_file_line_and_field(name, text, where, field, words):
    problem = only_problem(text)
    if isinstance(where, str):
        where = line_of(text, where)
    elif isinstance(where, tuple):
        where = line_of(text, *where)
    if where is not None:
        assert problem.line == where, str(problem)
    else:
        assert problem.line and problem.line > 1
    assert problem.file == SHOWN
    assert problem.field == field, str(problem)
    assert words in problem.message, str(problem)
    assert problem.fix
    shown = str(problem)
    assert shown.startswith(f"{SHOWN}:{problem.line}:")
    if field:
        assert f"[{field}]" in shown


def test_every_problem_of_a_file_is_reported_at_once():
    text = edit("cite: [lagan2020]", "cite: [nope]")
    text = edit("link: choose/platform.md", "link: choose/nowhere.md", text)
    text = edit("- id: rules", "- id: licence", text)
    text = edit("title: A demo checklist", "title: A demo checklist\ncolour: red", text)
    checklist, problems = parse(text)
    assert checklist is None
    messages = " | ".join(p.message for p in problems)
    for words in ("unknown cite key 'nope'", "docs/choose/nowhere.md", "duplicate item id", "unknown field 'colour'"):
        assert words in messages
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_unknown_field_suggests_the_right_one():
    problem = only_problem(edit("        text: I know the full price.", "        text: I know the full price.\n        hepl: x"))
    assert "did you mean 'help'" in problem.fix


def test_bad_cite_suggests_a_close_key():
    problem = only_problem(edit("cite: [lagan2020]", "cite: [lagan2021]"))
    assert "did you mean 'lagan2020'" in problem.fix


def test_cite_needs_a_references_page():
    context = c.Context(keys=CONTEXT.keys, targets=CONTEXT.targets, references_url=None)
    problem = only_problem(GOOD, context=context)
    assert "no page shows the References list" in problem.message and problem.field == "sections[0].items[0].cite"


def test_load_all_flags_files_that_would_be_ignored(tmp_path):
    (tmp_path / "demo.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yml").write_bytes(b"id: bad\ntitle: \xff\n")
    (tmp_path / ".demo.yml.swp").write_bytes(b"\x00")
    found, problems = c.load_all(tmp_path, "docs/checklists", CONTEXT)
    assert found["demo"] is not None and found["bad"] is None
    shown = [str(p) for p in problems]
    assert any(s.startswith("docs/checklists/other.yaml:") and "not a checklist" in s for s in shown), shown
    assert any(s.startswith("docs/checklists/bad.yml:2: column 8:") and "not UTF-8" in s for s in shown), shown
    assert len(problems) == 2 and set(found) == {"demo", "bad"}


def test_a_checklist_on_no_page_is_reported():
    problems = c.unplaced({"demo": None, "used": None}, {"used"}, "docs/checklists")
    assert [str(p).splitlines()[0] for p in problems] == [
        "docs/checklists/demo.yml:1: [id] checklist 'demo' is not placed on any page"]


# -- headings a link may point to ----------------------------------------------------------------

def test_anchors_follow_the_toc_extension():
    text = ("# Title\n\n## 1. Access and background\n\n## Safety: crisis plan\n\n## Same\n\n## Same\n\n"
            "## Named {#my-id}\n\n```bash\n# not a heading\n```\n\n<div id=\"raw-id\"></div>\n")
    found = c.anchors(text)
    assert found["1-access-and-background"] == "1. Access and background"
    assert "safety-crisis-plan" in found and "same" in found and "same_1" in found
    assert found["my-id"] == "Named"
    assert "raw-id" in found and "not-a-heading" not in found


# -- rendering ------------------------------------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def rendered(text: str = GOOD, page_url: str = "choose/platform/") -> str:
    checklist, problems = parse(text)
    assert not problems, problems
    return c.render(checklist, page_url)


def test_render_is_semantic_html():
    out = rendered()
    tags = Tags(out).tags
    form = next(a for t, a in tags if t == "form")
    assert form["data-ogt-checklist"] == "demo" and form["data-ogt-version"] == "1"
    assert [t for t, _ in tags].count("fieldset") == 2 and [t for t, _ in tags].count("legend") == 2
    boxes = [a for t, a in tags if t == "input"]
    assert len(boxes) == 3 and all(a["type"] == "checkbox" for a in boxes)
    labels = {a["for"] for t, a in tags if t == "label"}
    assert {b["id"] for b in boxes} == labels
    ids = {a.get("id") for _, a in tags}
    described = [b["aria-describedby"] for b in boxes if "aria-describedby" in b]
    assert described == ["ogt-demo-licence-help"] and described[0] in ids
    assert "data-ogt-essential" in boxes[0] and "data-ogt-essential" not in boxes[1]
    assert '<span class="ogt-checklist__badge ogt-checklist__badge--essential">Essential</span></label>' in out
    assert 'aria-live="polite"' in out
    # Cites go to the References page, links to the page and heading, relative to this page.
    assert '<a href="../../about/references/#ref-lagan2020">Lagan et al., 2020</a>' in out
    assert '<a href="../../understand/risks/#crisis-care">Caveats and risks: Crisis care</a>' in out
    assert '<a href="./">Choosing a platform</a>' in out
    assert '<a href="../../understand/risks/#confidentiality">the risks</a>' in out
    assert '<a href="https://example.org/register?a=1&amp;b=2">the register</a>' in out
    assert "Work through this <em>calmly</em>" in out and "licensed where <strong>I</strong> live" in out
    # Without JavaScript: the results are static text; the JavaScript-only parts are hidden.
    assert "If an essential item is not ticked:</strong> Ask about each essential item first." in out
    for name in ("tools", "actions", "summary"):
        assert re.search(rf"data-ogt-{name} hidden", out), name


def test_render_is_one_html_block_for_markdown():
    text = edit("intro: Work through this *calmly*.", "intro: |\n  Work through this *calmly*.\n\n\n  Second paragraph.")
    out = rendered(text)
    assert out.startswith("<form ") and out.endswith("</form>")
    assert "\n\n" not in out and not re.search(r"\n[ \t]*\n", out)


def test_link_to_a_heading_on_the_same_page_is_labelled_by_the_heading():
    assert '<a href="./#crisis-care">Crisis care</a>' in rendered(page_url="understand/risks/")


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "[x](javascript:alert(1))",
    '[x](https://e.org/" onerror="alert(1))',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "**<b>bold</b>** *<i>em</i>*",
    "&lt;script&gt; &#60;script&#62;",
    "--8<-- \"secret.txt\"",
    "<!-- guide:checklist demo -->",
]
ALLOWED_TAGS = {"form", "h3", "h4", "p", "div", "fieldset", "legend", "ul", "li", "input", "label", "span",
                "a", "em", "strong", "button"}


def unsafe(out: str) -> list[str]:
    """Tags outside the template's set, event handler attributes, and non-http(s)/relative links."""
    bad = []
    for tag, attrs in Tags(out).tags:
        if tag not in ALLOWED_TAGS:
            bad.append(f"tag <{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "src", "srcdoc", "formaction", "action"):
                bad.append(f"attribute {name}={value!r}")
            if name == "href" and re.match(r"^\s*[a-z][a-z0-9+.-]*:", value or "", re.I) \
                    and not value.startswith("https://"):
                bad.append(f"href {value!r}")
    return bad


def raw_checklist(text: str) -> c.Checklist:
    """A checklist with ``text`` in every text field, made without the checks (which refuse HTML)."""
    item = c.Item(id="x", text=text, help=text, priority="essential",
                  cites=[(text, "about/references/#ref-x")], cite_keys=["x"], link=(text, text, "understand/risks/"))
    return c.Checklist(id="demo", title=text, intro=text, version="1",
                       sections=[c.Section(text, [item, c.Item(id="y", text=text)])],
                       results=[c.Band("essential-unticked", text), c.Band("all-ticked", text)], path=SHOWN)


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_text_comes_out_inert(attack):
    out = c.render(raw_checklist(attack), "choose/platform/")
    assert unsafe(out) == []
    assert "<script" not in out and "<img" not in out and "<svg" not in out and "<b>" not in out
    assert not re.search(r"<[^>]*\son\w+=", out), "an event handler attribute got into a tag"
    assert "<!--" not in out and "\n--8<--" not in out


@pytest.mark.parametrize("attack", ATTACKS)
def test_hostile_text_is_refused_or_rendered_as_text(attack):
    """Through the checks too: the text is either refused with file and line, or shown as text."""
    text = edit("text: I know the full price.", "text: " + json.dumps(attack))
    checklist, problems = parse(text)
    if problems:
        assert all(p.file == SHOWN and p.line == line_of(text, "text: \"") for p in problems)
    else:
        assert unsafe(c.render(checklist, "choose/platform/")) == []


def test_inline_subset():
    assert c.inline("a *b* **c** [d](https://e.org/f)") == \
        'a <em>b</em> <strong>c</strong> <a href="https://e.org/f">d</a>'
    assert c.inline("[d](javascript:x)") == "&#91;d&#93;(javascript:x)"
    assert c.inline("[d](page.md)") == "&#91;d&#93;(page.md)"
    assert c.inline("[d](page.md)", lambda url: "../page/") == '<a href="../page/">d</a>'
    assert c.inline("[d](//evil.org)", lambda url: "../x/") == "&#91;d&#93;(//evil.org)"
    assert c.inline("2 * 3 * 4") == "2 * 3 * 4"
    assert c.inline("a\n\n\nb   c") == "a b c"
    assert c.inline("<b>") == "&lt;b&gt;"


# -- property-based: any text renders escaped ----------------------------------------------------

INLINE_TAG = re.compile(r'</?(?:em|strong)>|<a href="[^"<>]*">|</a>')


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_is_escaped_by_inline(text):
    out = str(c.inline(text, lambda url: "../x/"))
    leftover = INLINE_TAG.sub("", out)
    assert "<" not in leftover and ">" not in leftover and '"' not in leftover
    assert "\n" not in out
    if not set(text) & set("*[]"):
        assert out == str(html.escape(" ".join(text.split()))).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")
    for tag, attrs in Tags(out).tags:
        assert tag in ("em", "strong", "a")
        assert set(attrs) <= {"href"}
        assert tag != "a" or attrs["href"].startswith("https://") or attrs["href"] == "../x/"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_any_text_in_any_field_renders_inert(text):
    out = c.render(raw_checklist(text), "choose/platform/")
    assert unsafe(out) == []
    assert not re.search(r"\n[ \t]*\n", out)
    counts = [t for t, _ in Tags(out).tags]
    assert counts.count("input") == 2 and counts.count("form") == 1


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_valid_text_survives_the_checks_and_renders_inert(text):
    value = json.dumps(text)  # JSON strings are valid YAML double-quoted scalars
    source = edit("text: I know the full price.", f"text: {value}")
    checklist, problems = parse(source)
    if problems:
        assert all(p.file == SHOWN and p.line for p in problems)
        return
    out = c.render(checklist, "choose/platform/")
    assert unsafe(out) == []


# -- the guide's own checklists ------------------------------------------------------------------

REAL = sorted((ROOT / "docs" / "checklists").glob("*.yml"))
PLACED = {"choose-platform": ("choose/platform.md", "## Your checklist"),
          "right-for-me": ("decide/is-it-right-for-me.md", "## Weigh what matters to you"),
          "first-session": ("prepare/first-session.md", "## Your checklist")}


def test_the_three_checklists_exist():
    assert set(PLACED) <= {p.stem for p in REAL}, "the three checklists the articles need are missing"


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_checklist_matches_the_published_schema(path):
    schema = json.loads((ROOT / "schema" / "checklist.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/")


@pytest.mark.parametrize("cid", sorted(PLACED))
def test_real_checklist_is_placed_under_its_heading(cid):
    src, heading = PLACED[cid]
    text = (ROOT / "docs" / src).read_text(encoding="utf-8")
    section = text[text.index("\n" + heading + "\n") + 1:]
    section = section.split("\n## ", 1)[0]
    assert f"<!-- guide:checklist {cid} -->" in section


@pytest.mark.parametrize("path", REAL, ids=[p.stem for p in REAL])
def test_real_checklist_is_plain_language(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = [data["intro"]] + [b["text"] for b in data.get("results", [])]
    for section in data["sections"]:
        for item in section["items"]:
            lines += [item["text"]] + ([item["help"]] if "help" in item else [])
    measure = readability.measure("\n".join(f"- {line}" for line in lines))
    assert measure.grade <= readability.GRADE_MAX, f"{path.name}: grade {measure.grade}"
    assert all(len(item["text"].split()) <= 16 for s in data["sections"] for item in s["items"])


def test_the_real_site_renders_the_checklists(site_dir):
    for cid, (src, _) in PLACED.items():
        out = (site_dir / src.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        assert f'data-ogt-checklist="{cid}"' in out
        assert "assets/checklist.js" in out
    # site/checklists/ holds only the printable pages (checklists/<id>/index.html), never the raw YAML.
    published = [p.relative_to(site_dir).as_posix() for p in (site_dir / "checklists").rglob("*") if p.is_file()]
    assert published and all(re.fullmatch(r"checklists/[a-z0-9-]+/index\.html", p) for p in published), published
    assert (site_dir / "assets" / "checklist.js").is_file() and (site_dir / "assets" / "checklist.css").is_file()


# -- through mkdocs build ------------------------------------------------------------------------

FIXTURE_BIB = """@misc{lagan2020,
  author = {{Test Body}},
  title = {A test source},
  year = {2020},
  url = {https://example.org/source},
  keywords = {standard}
}
"""
FIXTURE_YAML = """\
id: demo
title: Demo
intro: A short list.
version: 1
sections:
  - title: Part one
    items:
      - id: first
        text: The first thing.
        help: Why it matters.
        priority: essential
        cite: [lagan2020]
        link: other.md#a-heading
"""


def fixture_docs(yaml_text: str = FIXTURE_YAML, marker: str = "demo") -> dict[str, str]:
    return {
        "index.md": page("Home", f"## Checklist\n\n<!-- guide:checklist {marker} -->\n"),
        "other.md": page("Other", "## A heading\n\nText."),
        "about/references.md": page("References", "<!-- guide:references -->"),
        "checklists/demo.yml": yaml_text,
    }


def test_fixture_site_with_a_checklist_builds(tmp_path):
    result = build_fixture(tmp_path, fixture_docs(), bib=FIXTURE_BIB)
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<form class="ogt-checklist" id="ogt-demo"' in out and 'type="checkbox"' in out
    assert '<a href="other/#a-heading">Other: A heading</a>' in out
    assert '<a href="about/references/#ref-lagan2020">Test Body, 2020</a>' in out
    refs = (tmp_path / "site" / "about" / "references" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'id="ref-lagan2020".*?Cited on:\s*<a href="[^"]*">Home</a>', refs, re.S)
    assert not (tmp_path / "site" / "checklists").exists()


BUILD_FAILURES = [
    ("syntax", FIXTURE_YAML.replace("title: Part one", 'title: "Part one'), 6, "title", "not valid YAML"),
    ("unknown field", FIXTURE_YAML.replace("        help:", "        hlep:"), 10, "sections[0].items[0].hlep",
     "unknown field 'hlep'"),
    ("missing field", FIXTURE_YAML.replace("intro: A short list.\n", ""), 1, "intro", "has no 'intro'"),
    ("duplicate id", FIXTURE_YAML + "      - id: first\n        text: Again.\n", 14, "sections[0].items[1].id",
     "duplicate item id 'first'"),
    ("empty section", FIXTURE_YAML + "  - title: Part two\n    items: []\n", 15, "sections[1].items",
     "section 2 has no items"),
    ("bad cite", FIXTURE_YAML.replace("[lagan2020]", "[lagan2021]"), 12, "sections[0].items[0].cite[0]",
     "unknown cite key 'lagan2021'"),
    ("bad link", FIXTURE_YAML.replace("other.md#a-heading", "other.md#no-heading"), 13, "sections[0].items[0].link",
     "has no '#no-heading'"),
]


@pytest.mark.parametrize("name,text,line,field,words", BUILD_FAILURES, ids=[b[0] for b in BUILD_FAILURES])
def test_bad_yaml_fails_the_build_with_file_line_and_field(tmp_path, name, text, line, field, words):
    result = build_fixture(tmp_path, fixture_docs(text), bib=FIXTURE_BIB)
    assert result.returncode != 0
    assert f"docs/checklists/demo.yml:{line}: [{field}]" in result.stderr, result.stderr[-3000:]
    assert words in result.stderr and "fix:" in result.stderr


def test_marker_for_a_missing_checklist_fails_the_build(tmp_path):
    docs = fixture_docs(marker="demo")
    docs["other.md"] = page("Other", "## A heading\n\n<!-- guide:checklist nothing-here -->\n")
    result = build_fixture(tmp_path, docs, bib=FIXTURE_BIB)
    assert result.returncode != 0
    assert "docs/other.md:12: [guide:checklist] there is no checklist 'nothing-here'" in result.stderr, result.stderr
    assert "fix: create docs/checklists/nothing-here.yml, or use one of: demo" in result.stderr


def test_checklist_twice_on_a_page_fails_the_build(tmp_path):
    docs = fixture_docs()
    docs["index.md"] = page("Home", "<!-- guide:checklist demo -->\n\n<!-- guide:checklist demo -->\n")
    result = build_fixture(tmp_path, docs, bib=FIXTURE_BIB)
    assert result.returncode != 0
    assert "docs/index.md:12: [guide:checklist] checklist 'demo' is already on this page (line 10)" in result.stderr


def test_build_object_reports_checklist_problems_without_mkdocs(tmp_path):
    """The same checks through guide.site.Build alone, as the hook calls it."""
    from guide import bibliography
    from guide.site import Build

    (tmp_path / "docs" / "checklists").mkdir(parents=True)
    (tmp_path / "docs" / "checklists" / "demo.yml").write_text(FIXTURE_YAML.replace("[lagan2020]", "[x]"),
                                                               encoding="utf-8")
    (tmp_path / "docs" / "checklists" / "unused.yml").write_text(FIXTURE_YAML.replace("id: demo", "id: unused"),
                                                                 encoding="utf-8")
    bib = bibliography.parse(FIXTURE_BIB, "references.bib")
    build = Build(tmp_path, "docs", bib)
    docs = fixture_docs()
    pages = {k: v for k, v in docs.items() if k.endswith(".md")}
    urls = {"index.md": "", "other.md": "other/", "about/references.md": "about/references/"}
    with pytest.raises(GuideError) as caught:
        build.scan(pages, urls)
    report = str(caught.value)
    assert "docs/checklists/demo.yml:12: [sections[0].items[0].cite[0]] unknown cite key 'x'" in report
    assert "docs/checklists/unused.yml:1: [id] checklist 'unused' is not placed on any page" in report


# -- the script: small, private ---------------------------------------------------------------

SCRIPT = ROOT / "overrides" / "assets" / "checklist.js"


def test_script_is_under_budget():
    import gzip

    raw = SCRIPT.read_bytes()
    assert len(gzip.compress(raw, 9)) < 4 * 1024, "checklist.js must stay under 4 KB gzipped"


def test_script_cannot_send_anything():
    source = SCRIPT.read_text(encoding="utf-8")
    for api in ("fetch(", "XMLHttpRequest", "sendBeacon", "WebSocket", "EventSource", "import(", "new Image",
                "innerHTML", "insertAdjacentHTML", "document.write", "eval(", "cookie"):
        assert api not in source, f"checklist.js uses {api}"
