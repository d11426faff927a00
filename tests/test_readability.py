"""Readability that points at the sentence (guide/readability.py, guide/lint.py): the hardest
sentences with line and grade, and checklist text (help grade, words per item)."""

from __future__ import annotations

import subprocess
import sys

from guide import frontmatter, lint, readability
from tests.support import CHECKLIST_HEAD, ENV, MINIMAL_BIB, ROOT, page, stub_evidence

PINNED = {"GUIDE_TODAY": "2026-11-28", "GUIDE_DRAFTS": ""}
BODY_LINE = 10
PLAIN = "You can join from home. The group meets once a week. You can talk or just listen. "
DENSE = ("Psychotherapeutic interventions administered synchronously via videoconferencing "
         "infrastructure demonstrate comparable effectiveness.")


def source_of(body: str) -> frontmatter.Source:
    return frontmatter.split(page("Test", body), "docs/t.md")


def test_a_failing_page_lists_its_hardest_sentences_with_line_and_grade():
    body = f"{PLAIN}\n\n{DENSE}\n\n{PLAIN}\n\nOrganisational accountability mechanisms necessitate comprehensive documentation procedures.\n"
    source = source_of(body)
    found = lint.check_prose(source)
    assert found[0].message.startswith("reading grade ") and "hardest sentences" in found[0].fix
    hard = [p for p in found if p.message.startswith("hard sentence")]
    assert sorted(p.line for p in hard[:2]) == [BODY_LINE + 2, BODY_LINE + 6]
    grades = [float(p.message.split("grade ")[1].split(":")[0]) for p in hard]
    assert grades == sorted(grades, reverse=True), "hardest first"
    dense = next(p for p in hard if p.line == BODY_LINE + 2)
    assert f"grade {readability.grade_of(DENSE)}:" in dense.message and readability.grade_of(DENSE) > 15
    assert '"Psychotherapeutic interventions administered synchronousl..."' in dense.message
    assert len(hard) == readability.HARDEST_SHOWN


def test_three_dense_sentences_in_plain_text_are_named_even_when_the_page_passes():
    """The page average hides dense sentences; near the limit, lint names them as notes."""
    dense = [DENSE, "Comorbid presentations complicate generalisability of the findings considerably.",
             "Asynchronous modalities facilitate participation flexibility for many members."]
    fill = "Online groups usually meet by video, and members can see each other on the screen. " * 4
    body = "\n\n".join([fill, dense[0], fill, dense[1], fill, dense[2], fill])
    source = source_of(body)
    measure = readability.measure(source.body, source.body_line)
    assert readability.GRADE_MAX - readability.NEAR < measure.grade <= readability.GRADE_MAX, measure.grade
    assert lint.check_prose(source, measure) == [], "it passes"
    notes = lint.prose_notes(source, measure)
    assert notes[0].message == f"reading grade {measure.grade}: within 1 of the limit (8)"
    assert sorted(p.line for p in notes[1:]) == [BODY_LINE + 2, BODY_LINE + 6, BODY_LINE + 10]


def test_an_easy_page_gets_no_notes():
    source = source_of(PLAIN * 3)
    measure = readability.measure(source.body, source.body_line)
    assert measure.hardest == () and lint.prose_notes(source, measure) == []


def test_check_short_is_generic_words_and_grade():
    texts = [readability.ShortText("docs/data/x.yml", 4, "options[0].summary", "You can meet online. " * 8, 30, 8),
             readability.ShortText("docs/data/x.yml", 7, "options[1].summary", DENSE, 30, 8),
             readability.ShortText("docs/data/x.yml", 9, "options[2].label", DENSE, 30, None),
             readability.ShortText("docs/data/x.yml", 11, "options[3].summary", "You can join from home.", 30, 8)]
    found = readability.check_short(texts)
    assert [(p.line, p.field) for p in found] == [(4, "options[0].summary"), (7, "options[1].summary")]
    assert found[0].message.startswith("'options[0].summary' has 32 words; the limit is 30")
    assert "reads at grade" in found[1].message and "> 8" in found[1].message


CHECKLIST = CHECKLIST_HEAD + """      - id: quiet
        text: I have a quiet room.
        help: {help}
        priority: essential
      - id: long
        text: {text}
        priority: important
"""


def lint_project(tmp_path, help_text: str, item_text: str = "I have headphones."):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(MINIMAL_BIB, encoding="utf-8")
    (tmp_path / "evidence.yml").write_text(stub_evidence(MINIMAL_BIB), encoding="utf-8")
    (tmp_path / "docs" / "checklists").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text(page("Home", PLAIN + "\n\n<!-- guide:checklist ready -->"),
                                                encoding="utf-8")
    (tmp_path / "docs" / "checklists" / "ready.yml").write_text(
        CHECKLIST.format(help=help_text, text=item_text), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "guide.lint", "--root", str(tmp_path), "--no-spelling"],
                          cwd=ROOT, env={**ENV, **PINNED}, capture_output=True, text=True, timeout=120)


def test_lint_refuses_a_46_word_help_and_a_dense_help_with_their_lines(tmp_path):
    long_help = " ".join(["Use"] + ["a quiet room with a door"] * 7 + ["and", "headphones", "too."])
    assert len(long_help.split()) == 46
    result = lint_project(tmp_path, long_help, " ".join(["I have a room"] * 6) + ".")
    assert result.returncode == 1, result.stdout
    assert ("docs/checklists/ready.yml:10: [sections[0].items[0].help] 'sections[0].items[0].help' "
            "has 46 words; the limit is 30") in result.stdout
    assert ("docs/checklists/ready.yml:13: [sections[0].items[1].text] 'sections[0].items[1].text' "
            "has 24 words; the limit is 20") in result.stdout
    result = lint_project(tmp_path / "b", DENSE)
    assert "docs/checklists/ready.yml:10: [sections[0].items[0].help]" in result.stdout
    assert "reads at grade" in result.stdout and result.returncode == 1


def test_lint_passes_plain_checklist_text(tmp_path):
    result = lint_project(tmp_path, "Headphones keep other voices private.")
    assert result.returncode == 0, result.stdout


def test_real_checklists_keep_their_limits():
    assert lint.checklist_prose(ROOT) == []
    texts = [t for p in sorted((ROOT / "docs" / "checklists").glob("*.yml"))
             for t in lint.checklist_texts(p, p.name)]
    assert len([t for t in texts if t.grade_max is not None]) >= 10, "help lines are graded"
