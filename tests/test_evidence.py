"""Evidence records and the numbers rule: good input, bad input (with file, line and field), the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide import bibliography, evidence as ev
from tests.support import ROOT, build_fixture, page

REAL_BIB = bibliography.load(str(ROOT / "references.bib"), "references.bib")
REAL, REAL_PROBLEMS = ev.load(ROOT / "evidence.yml")

RECORD = """  - key: {key}
    checked: "2026-11-28"
    read: abstract
    design: systematic review
    population: older adults
    conditions: [depression]
    setting: {{where: in a room, format: group}}
    counts: {{studies: 9}}
    findings:
      - text: {finding}
        where: abstract
    limits:
      - text: Long-term effects were unclear.
        where: abstract
    backs:
      - page: index.md
        claim: A claim.
"""


def records(*pairs: tuple[str, str]) -> str:
    return "records:\n" + "".join(RECORD.format(key=k, finding=f) for k, f in pairs)


def parsed(*pairs):
    recs, problems = ev.parse(records(*pairs), "evidence.yml")
    assert problems == []
    return recs


BIB = """@article{smith2020,
  author = {Smith, Jane},
  title = {A trial},
  journal = {J},
  year = {2020},
  doi = {10.1000/x},
  keywords = {rct}
}

@article{jones2021,
  author = {Jones, Ann},
  title = {A review},
  journal = {J},
  year = {2021},
  doi = {10.1000/y},
  keywords = {systematic-review}
}

@misc{body2021,
  author = {{Test Body}},
  title = {A page},
  year = {2021},
  url = {https://example.org/},
  keywords = {regulator}
}
"""


# -- the real data ---------------------------------------------------------------------------

def test_real_evidence_file_is_clean_and_covers_every_research_entry():
    assert REAL_PROBLEMS == []
    assert ev.check_against_bib(REAL, REAL_BIB) == []
    research = {k for k, e in REAL_BIB.entries.items() if e.kind.research}
    assert research and research <= set(REAL)
    for key in research:
        record = REAL[key]
        assert record.design and record.population and record.conditions and record.limits, key
        assert record.setting["where"] in ("online", "in a room", "online and in a room", "not therapy"), key
        assert record.backs, f"{key}: the audit records which claims it backs"


def test_real_summaries_say_where_the_evidence_comes_from():
    assert "not a study of therapy" in REAL["witteman2021"].summary()
    assert REAL["tavares2018"].summary() == "9 studies · older adults, aged 60 and over · groups in a room · depression"
    assert "groups in a room" in REAL["schwartze2019"].summary()
    assert REAL["currie2022"].summary().startswith("21 randomised trials · 2,438 people · 7 countries")
    assert "online groups (video, phone, chat)" in REAL["currie2022"].summary()
    assert "not groups in particular" in REAL["renn2019"].summary()


# -- reading the file: bad input names file, line and field ----------------------------------

@pytest.mark.parametrize("text, line, field, words", [
    (records(("a1", "One.")).replace("    read: abstract\n", "    read: abstract\n    colour: red\n"),
     5, "records[0].colour", "unknown field 'colour'"),
    (records(("a1", "One.")).replace('checked: "2026-11-28"', "checked: 2026-11-28"),
     3, "records[0].checked", "must be text, not a bare date"),
    (records(("a1", "One.")).replace("where: in a room", "where: on the moon"),
     8, "records[0].setting.where", "is 'on the moon', which is not one of"),
    (records(("a1", "One.")).replace("    findings:\n      - text: One.\n        where: abstract\n", ""),
     2, "records[0].findings", "has no 'findings'"),
    (records(("a1", "One.")).replace("        where: abstract\n    limits", "    limits", 1),
     11, "records[0].findings[0].where", "has no 'where'"),
    (records(("a1", "One."), ("a1", "Two.")), 19, "records[1].key", "two records for 'a1' (first on line 2)"),
    (records(("a1", "One.")).replace("page: index.md", "page: /etc/passwd"),
     17, "records[0].backs[0].page", "not a page or checklist file"),
    ("records:\n  - &x {key: a1}\n  - *x\n", 2, None, "anchors and aliases"),
])
def test_bad_records_are_refused_with_line_and_field(text, line, field, words):
    recs, problems = ev.parse(text, "evidence.yml")
    assert recs == {}
    match = [p for p in problems if words in p.message]
    assert match, problems
    assert match[0].file == "evidence.yml" and match[0].line == line
    if field:
        assert match[0].field == field
    assert match[0].fix


def test_missing_file_is_a_problem(tmp_path):
    recs, problems = ev.load(tmp_path / "evidence.yml")
    assert recs == {} and "missing" in problems[0].message and "create evidence.yml" in problems[0].fix


# -- against the bibliography ------------------------------------------------------------------

def test_every_research_entry_needs_a_record_and_every_record_a_key():
    bib = bibliography.parse(BIB)
    problems = ev.check_against_bib(parsed(("smith2020", "One."), ("smtih2021", "Two.")), bib)
    messages = [str(p) for p in problems]
    assert any("record 'smtih2021' is for a key that is not in references.bib" in m and "smith2020" in m
               for m in messages), messages
    missing = [p for p in problems if "jones2021" in p.message]
    assert missing and missing[0].file == "references.bib" and missing[0].line == 10
    assert "add a record with 'key: jones2021'" in missing[0].fix
    assert not any("body2021" in m for m in messages), "a regulator needs no record"


def test_a_research_record_needs_its_design_and_setting():
    text = records(("smith2020", "One.")).replace("    design: systematic review\n", "")
    text = text.replace("    setting: {where: in a room, format: group}\n", "")
    recs, problems = ev.parse(text)
    assert problems == []
    found = ev.check_against_bib(recs, bibliography.parse(BIB.split("\n\n")[0]))
    assert {p.field for p in found} == {"design", "setting"}
    assert all(p.line == 2 for p in found)


def test_a_vendor_source_is_background_only():
    bib = bibliography.parse("@misc{ad2020,\n  author = {{Therapy Co}},\n  title = {Buy},\n  year = {2020},\n"
                             "  keywords = {web-article, background, vendor}\n}\n"
                             "@misc{ad2021,\n  author = {{Therapy Co}},\n  title = {Buy},\n  year = {2021},\n"
                             "  keywords = {web-article, vendor}\n}\n")
    unmarked = ev.check_vendors(bib, set())
    assert len(unmarked) == 1 and "'ad2021' is marked 'vendor' but not 'background'" in unmarked[0].message
    cited = ev.check_vendors(bib, {"ad2020"})
    assert any("ad2020" in p.message and "sells online therapy" in p.message for p in cited)
    assert "khan2017" in REAL_BIB.entries and ev.check_vendors(REAL_BIB, set()) == []


def test_backs_must_name_a_page_that_cites_the_source():
    recs = parsed(("smith2020", "One."))
    assert ev.check_backs(recs, {"index.md": {"smith2020"}}) == []
    gone = ev.check_backs(recs, {"other.md": {"smith2020"}})
    assert any("not a page or checklist" in p.message for p in gone)
    stale = ev.check_backs(recs, {"index.md": set()})
    assert stale and "does not cite it" in stale[0].message and stale[0].line == 17


# -- the numbers rule --------------------------------------------------------------------------

def check(body: str, recs) -> list:
    return ev.check_numbers(ev.cited_passages(body, "docs/x.md", 10), recs)


def test_a_number_that_is_not_in_its_source_fails():
    recs = parsed(("smith2020", "9 studies were reviewed; 44.5% chose it."))
    problems = check("A review found 12 studies [@smith2020].", recs)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.file, problem.line) == ("docs/x.md", 10)
    assert "'12'" in problem.message and "smith2020" in problem.message
    assert "check the number against the source" in problem.fix
    assert check("A review found 9 studies, and 44.5% chose it [@smith2020].", recs) == []


def test_a_number_only_in_another_source_fails_and_names_it():
    recs = parsed(("smith2020", "9 studies were reviewed."), ("jones2021", "It had 2,244 people."))
    problems = check("The review had 2,244 people [@smith2020].", recs)
    assert len(problems) == 1 and "'2,244'" in problems[0].message
    assert "jones2021" in problems[0].fix and "does not cite" in problems[0].fix
    assert check("The review had 2,244 people [@smith2020; @jones2021].", recs) == []


def test_each_citation_covers_the_text_since_the_previous_one():
    recs = parsed(("smith2020", "3 studies."), ("jones2021", "20 trials."))
    assert check("Smith found 3 studies [@smith2020]. Jones found 20 trials [@jones2021].", recs) == []
    crossed = check("Smith found 20 trials [@smith2020]. Jones found 3 studies [@jones2021].", recs)
    assert [p.field for p in crossed] == ["20", "3"]
    assert check("Smith found 3 studies [@smith2020]. After that, 77 more came out.", recs) == [], \
        "text after the last citation of a paragraph is not covered by it"


def test_table_rows_and_list_items_are_separate_passages_with_their_own_lines():
    recs = parsed(("smith2020", "9 studies."))
    body = "| Finding | Why |\n|---|---|\n| Helps | 9 studies [@smith2020] |\n| Other | 31 studies [@smith2020] |\n\n" \
           "- first point with 5 cases [@smith2020]\n- second point\n"
    problems = check(body, recs)
    assert [(p.line, p.field) for p in problems] == [(13, "31"), (15, "5")]


@pytest.mark.parametrize("text", [
    "In March 2023 the review came out [@smith2020].",  # a year
    "On 5 October 2020 it came out [@smith2020].",  # a day and month
    "It came out on July 16 [@smith2020].",
    "Call [116 123](tel:116123) or text [988](sms:988) [@smith2020].",  # phone numbers, as links
    "See the note[^3] [@smith2020].",  # a footnote
    "During COVID-19 and on 988lifeline.org [@smith2020].",  # digits inside words
    "Read [the review](https://example.org/2/33/44) [@smith2020].",  # link addresses
    "1. A numbered step [@smith2020].",  # list numbering
    "Use `v3` and <!-- guide:x 7 --> here [@smith2020].",  # code and comments
])
def test_exempt_numbers(text):
    assert check(text, parsed(("smith2020", "Nothing countable."))) == []


def test_numbers_are_compared_as_written_values():
    recs = parsed(("smith2020", "It had 2438 people and cost $7.8 million; 56% improved."))
    assert check("It had 2,438 people, cost $7.8 million and 56% improved [@smith2020].", recs) == []
    assert [p.field for p in check("It cost $7.9 million [@smith2020].", recs)] == ["$7.9"]
    signed = parsed(("smith2020", "Conflict fell (SMD -0.20)."))
    assert check("Conflict fell (SMD \u22120.20) [@smith2020].", signed) == []
    assert [p.field for p in check("Conflict fell (SMD -0.30) [@smith2020].", signed)] == ["0.30"]


def test_checklist_items_are_checked_too():
    recs = parsed(("smith2020", "In one survey 44.5% preferred it."))
    text = ("id: x\nsections:\n  - title: T\n    items:\n      - id: a\n        text: I prefer a room.\n"
            "        help: In one survey, 45% preferred it.\n        cite: [smith2020]\n"
            "      - id: b\n        text: No citation, 99 things.\n")
    passages = ev.checklist_passages(text, "docs/checklists/x.yml")
    assert [(p.line, p.keys) for p in passages] == [(6, ("smith2020",))]
    problems = ev.check_numbers(passages, recs)
    assert [(p.file, p.line, p.field) for p in problems] == [("docs/checklists/x.yml", 6, "45")]


# -- through the real build --------------------------------------------------------------------

EVIDENCE = records(("smith2020", "It found 9 studies.")).replace("design: systematic review", "design: randomised trial")


def test_build_fails_on_a_number_its_source_does_not_state(tmp_path):
    docs = {"index.md": page("Home", "A trial found 12 studies [@smith2020].")}
    result = build_fixture(tmp_path, docs, bib=BIB.split("\n\n")[0], evidence=EVIDENCE)
    assert result.returncode != 0
    assert re.search(r"docs/index\.md:10: \[12\] the number '12' is not in the evidence record of smith2020",
                     result.stderr), result.stderr[-2000:]
    assert "fix:" in result.stderr and "Traceback" not in result.stderr


def test_build_passes_when_the_number_is_in_the_record(tmp_path):
    docs = {"index.md": page("Home", "A trial found 9 studies [@smith2020].")}
    result = build_fixture(tmp_path, docs, bib=BIB.split("\n\n")[0], evidence=EVIDENCE)
    assert result.returncode == 0, result.stderr[-2000:]


def test_build_fails_without_a_record_for_a_research_entry(tmp_path):
    docs = {"index.md": page("Home", "A trial [@smith2020].")}
    result = build_fixture(tmp_path, docs, bib=BIB.split("\n\n")[0], evidence="records: []\n")
    assert result.returncode != 0
    assert "references.bib:1: research entry 'smith2020' has no evidence record" in result.stderr


def test_references_page_shows_the_facts_of_research_entries_only(site_dir: Path):
    html = (site_dir / "about" / "references" / "index.html").read_text(encoding="utf-8")
    item = re.search(r'<li id="ref-tavares2018" class="ogt-ref">(.*?)</li>', html, re.S).group(1)
    assert '<span class="ogt-ref__facts">9 studies · older adults, aged 60 and over · groups in a room · depression</span>' \
        in item
    assert "<summary>What it found, and its limits</summary>" in item and "It was unclear whether the gains lasted." in item
    assert "Checked against the abstract on 28 November 2026." in item
    standard = re.search(r'<li id="ref-lagan2020" class="ogt-ref">(.*?)</li>', html, re.S).group(1)
    assert "ogt-ref__facts" not in standard, "non-research sources keep their short form"


def test_contributing_example_record_is_valid():
    handbook = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(  - key: tavares2018\n.*?)```", handbook, re.S).group(1)
    recs, problems = ev.parse("records:\n" + example, "CONTRIBUTING.md")
    assert problems == [] and recs["tavares2018"].summary() == REAL["tavares2018"].summary()
    assert [p for p in ev.check_against_bib(recs, REAL_BIB, "CONTRIBUTING.md") if p.file == "CONTRIBUTING.md"] == []


def test_record_text_is_escaped_on_the_references_page():
    from guide import render

    recs = parsed(("smith2020", '<script>alert(1)</script> & "quotes"'))
    out = render.template("references.html", items=[{
        "key": "smith2020", "kind": "Randomised controlled trial", "reference": "R", "cited_on": [],
        **ev.template_fields(recs["smith2020"])}])
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;" in out
