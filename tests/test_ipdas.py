"""The IPDAS self-assessment: the real data is valid and honest; a broken link, a "met" without a
link, a shortfall without a reason and HTML are refused with file, line and field; the build stops."""

from __future__ import annotations

from guide import ipdas
from tests.support import ROOT, build_fixture, page
from tests.test_decision_aid import real_context

SHOWN = "docs/data/ipdas.yml"
TEXT = (ROOT / "docs" / ipdas.DATA_FILE).read_text(encoding="utf-8")
CONTEXT = real_context()


def problems_of(text: str):
    groups, problems = ipdas.parse(text, SHOWN, CONTEXT)
    assert groups is None and problems
    for p in problems:
        assert p.file == SHOWN and p.line >= 1 and p.fix
    return problems


def test_real_self_assessment_is_valid_and_covers_every_group():
    groups, problems = ipdas.parse(TEXT, SHOWN, CONTEXT)
    assert problems == []
    assert len(groups["qualifying"]) == 6 and len(groups["certifying"]) == 6
    assert any(c.status != "met" for c in groups["quality"])  # honest about what is missing
    for criteria in groups.values():
        for c in criteria:
            assert c.where or c.status != "met"
            assert c.note or c.status == "met"


def test_a_broken_link_is_refused():
    text = TEXT.replace("decide/is-it-right-for-me.md#the-problem", "decide/is-it-right-for-me.md#the-problme", 1)
    [p] = problems_of(text)
    assert p.field == "qualifying[0].where" and "no heading" in p.message and "#the-problem" in p.fix
    assert p.line == text[:text.index("#the-problme")].count("\n") + 1
    [p] = problems_of(TEXT.replace("about/references.md", "about/refs.md", 1))
    assert "goes to no page" in p.message


def test_met_without_a_link_is_refused():
    text = TEXT.replace("    where: about/references.md\n", "", 1)
    [p] = problems_of(text)
    assert p.field == "certifying[1].status" and "marked met but has no 'where' link" in p.message


def test_a_shortfall_must_say_why_and_unknown_fields_and_html_are_refused():
    text = TEXT.replace("    note: No outside health worker has reviewed the guide yet.\n", "", 1)
    assert any("does not say why" in p.message for p in problems_of(text))
    text = TEXT.replace("    status: met\n", "    status: met\n    stauts: met\n", 1)
    assert any(p.field == "qualifying[0].stauts" for p in problems_of(text))
    text = TEXT.replace("criterion: Describes the health problem.", "criterion: Describes <b>the</b> problem.", 1)
    assert any("HTML is not allowed" in p.message for p in problems_of(text))
    text = TEXT.replace("    status: partly\n", "    status: sort-of\n", 1)
    assert any(p.field.endswith(".status") for p in problems_of(text))


def test_rendered_text_is_escaped():
    groups, _ = ipdas.parse(TEXT, SHOWN, CONTEXT)
    groups["quality"][0].text = '<img src=x onerror="alert(1)">'
    out = ipdas.render_markdown(groups, "about/ipdas/")
    assert "<img" not in out and "&lt;img" in out
    assert "## Qualifying criteria" in out and 'href="../../decide/is-it-right-for-me/#the-problem"' in out


def test_a_broken_link_stops_the_build(tmp_path):
    data = ("version: 1\nqualifying:\n  - id: a\n    criterion: Describes it.\n    status: met\n"
            "    where: nowhere.md\ncertifying:\n  - id: b\n    criterion: Cites.\n    status: not-met\n"
            "    note: Not yet.\nquality:\n  - id: c\n    criterion: Plain.\n    status: met\n    where: index.md\n")
    docs = {"index.md": page("Home"), "ipdas.md": page("IPDAS", "<!-- guide:ipdas -->"), "data/ipdas.yml": data}
    result = build_fixture(tmp_path, docs, bib="@misc{only2020,\n  author = {{A}},\n  title = {T},\n  year = {2020},\n"
                                             "  keywords = {web-article, background}\n}\n")
    assert result.returncode != 0
    assert "docs/data/ipdas.yml:6: [qualifying[0].where] the link 'nowhere.md' goes to no page" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_no_page_shows_stops_the_build(tmp_path):
    data = (ROOT / "docs" / ipdas.DATA_FILE).read_text(encoding="utf-8")
    docs = {"index.md": page("Home"), "data/ipdas.yml": data}
    result = build_fixture(tmp_path, docs, bib="@misc{only2020,\n  author = {{A}},\n  title = {T},\n  year = {2020},\n"
                                             "  keywords = {web-article, background}\n}\n")
    assert result.returncode != 0
    assert "docs/data/ipdas.yml:1: the IPDAS self-assessment is not placed on any page" in result.stderr
