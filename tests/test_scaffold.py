"""make new-article (guide/scaffold.py): a new page with full front matter, refused by the build
while TODOs remain, accepted once they are replaced."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guide import frontmatter, scaffold
from tests.support import ENV, MINIMAL_BIB, ROOT, fixture_site, page, run_mkdocs

BIB = MINIMAL_BIB
TODAY = "2026-11-28"

MKDOCS_YML = """\
site_name: Test
# The menu. Comments like this one must survive the scaffold's edit.
nav:
  - Home: index.md
  - Understand:
      - Formats: understand/formats.md
  # between sections
  - Prepare:
      - Your first session: prepare/first-session.md
  - About:
      - Editorial policy: about/index.md
plugins:
  - search
"""


# -- small parts ------------------------------------------------------------------------------


@pytest.mark.parametrize("title,slug", [
    ("Coping with nerves", "coping-with-nerves"),
    ("Is it right for me?", "is-it-right-for-me"),
    ("Groups for 16–18 year olds: what’s different", "groups-for-16-18-year-olds-whats-different"),
    ("Thérapie en ligne", "therapie-en-ligne"),
    ("  Spaces   everywhere ", "spaces-everywhere"),
    ("word " * 20, ("word-" * 12).rstrip("-")),
])
def test_slugify(title, slug):
    assert scaffold.slugify(title) == slug
    assert len(scaffold.slugify(title)) <= scaffold.SLUG_MAX


@pytest.mark.parametrize("day,later", [
    (dt.date(2026, 11, 28), dt.date(2027, 11, 28)),
    (dt.date(2028, 2, 29), dt.date(2029, 2, 28)),
    (dt.date(2026, 1, 31), dt.date(2027, 1, 31)),
])
def test_next_review_is_twelve_months_later(day, later):
    assert scaffold.add_months(day, 12) == later
    assert scaffold.add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize("title", ["Plain title", "Costs: what to ask", "#1 question", "Yes", "2026", "- dash"])
def test_titles_are_written_as_yaml_that_reads_back(title):
    assert yaml.safe_load(f"title: {scaffold.yaml_text(title)}") == {"title": title}


def test_template_has_every_required_field_and_only_todo_problems():
    text = scaffold.render("Coping with nerves", dt.date(2026, 11, 28))
    source = frontmatter.split(text, "docs/prepare/coping-with-nerves.md")
    assert source.meta == {"title": "Coping with nerves",
                           "description": source.meta["description"],
                           "reviewed": dt.date(2026, 11, 28), "next_review": dt.date(2027, 11, 28)}
    assert frontmatter.check(source, on=dt.date(2026, 11, 28)) == ([], [])
    assert source.body.lstrip().startswith("# Coping with nerves\n")
    assert text.count("TODO") >= 5


# -- creating files ---------------------------------------------------------------------------


def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return tmp_path


def test_create_writes_the_page_and_adds_it_to_its_section(tmp_path):
    root = site(tmp_path)
    result = scaffold.create(root, "Coping with nerves", "prepare", on=dt.date(2026, 11, 28))
    assert result.path == root / "docs" / "prepare" / "coping-with-nerves.md"
    assert result.nav == "added"
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.splitlines()[8:11] == [
        "      - Your first session: prepare/first-session.md",
        "      - Coping with nerves: prepare/coping-with-nerves.md",
        "  - About:",
    ]
    assert "# The menu. Comments like this one must survive" in config and "# between sections" in config
    assert config.replace("      - Coping with nerves: prepare/coping-with-nerves.md\n", "") == MKDOCS_YML


GLOSSARY_YML = MKDOCS_YML.replace(
    "      - Formats: understand/formats.md\n",
    "      - Formats: understand/formats.md\n      - Risks: understand/risks.md\n"
    "      - Glossary: understand/glossary.md\n")


def test_a_new_page_goes_before_the_glossary(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(GLOSSARY_YML, encoding="utf-8")
    scaffold.create(tmp_path, "Costs", "understand")
    nav = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert [next(iter(p.values())) for p in nav[1]["Understand"]] == [
        "understand/formats.md", "understand/risks.md", "understand/costs.md", "understand/glossary.md"]


def test_after_puts_the_page_where_the_editor_says(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(GLOSSARY_YML, encoding="utf-8")
    scaffold.create(tmp_path, "Costs", "understand", after="formats.md")
    nav = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert [next(iter(p.values())) for p in nav[1]["Understand"]] == [
        "understand/formats.md", "understand/costs.md", "understand/risks.md", "understand/glossary.md"]


def test_after_an_unknown_page_is_refused_and_leaves_nothing_behind(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(GLOSSARY_YML, encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldError, match="there is no page 'format.md' in 'Understand'.*"
                       "use one of formats.md, risks.md, glossary.md"):
        scaffold.create(tmp_path, "Costs", "understand", after="format.md")
    assert not (tmp_path / "docs" / "understand" / "costs.md").exists()
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == GLOSSARY_YML


def test_the_real_menu_gets_new_pages_before_its_glossary(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert scaffold.add_to_nav(tmp_path / "mkdocs.yml", "Understand", "Costs", "understand/costs.md") == "added"
    nav = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[1].join(["nav:", ""]))
    understand = next(item["Understand"] for item in nav["nav"] if "Understand" in item)
    assert understand[-2:] == [{"Costs": "understand/costs.md"}, {"Glossary": "understand/glossary.md"}]


def test_a_title_with_a_colon_is_quoted_in_nav(tmp_path):
    root = site(tmp_path)
    scaffold.create(root, "Costs: what to ask", "understand")
    nav = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert nav[1] == {"Understand": [{"Formats": "understand/formats.md"},
                                     {"Costs: what to ask": "understand/costs-what-to-ask.md"}]}


def test_never_overwrites(tmp_path):
    root = site(tmp_path)
    path = root / "docs" / "about" / "funding.md"
    path.parent.mkdir(parents=True)
    path.write_text("my work\n", encoding="utf-8")
    with pytest.raises(scaffold.ScaffoldError, match="docs/about/funding.md already exists"):
        scaffold.create(root, "Funding", "about")
    assert path.read_text(encoding="utf-8") == "my work\n"
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS_YML


@pytest.mark.parametrize("title,section,message", [
    ("", "prepare", 'give the article a title: make new-article TITLE="Your title"'),
    ("Nerves", "misc", "unknown section 'misc': use one of understand, decide, choose, prepare, about"),
    ("Nerves", "", "unknown section ''"),
    ('The "best" group', "choose", "use curly quotes"),
    ("???", "choose", "at least one letter or digit"),
])
def test_bad_requests_are_refused_with_the_fix(tmp_path, title, section, message):
    root = site(tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match=re.escape(message)):
        scaffold.create(root, title, section)
    assert not (root / "docs").exists()


def test_a_missing_section_in_nav_asks_the_editor(tmp_path):
    root = site(tmp_path)
    result = scaffold.create(root, "Decision aid", "decide")
    assert result.nav == "manual" and result.path.is_file()
    assert result.nav_line == "      - Decision aid: decide/decision-aid.md"
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS_YML


def test_a_site_without_nav_needs_no_edit(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    assert scaffold.create(tmp_path, "Nerves", "prepare").nav == "no-nav"


# -- the command, and the build ---------------------------------------------------------------


def run_scaffold(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.scaffold", "--root", str(root), *args],
                          cwd=ROOT, env={**ENV, "GUIDE_TODAY": TODAY, "GUIDE_DRAFTS": ""}, capture_output=True, text=True, timeout=60)


def finish(text: str) -> str:
    """What an editor does: replace every TODO line with real text."""
    out = []
    for line in text.splitlines():
        if "TODO" not in line:
            out.append(line)
        elif line.startswith("description:"):
            out.append("description: Simple ways to feel calmer before your first online group.")
        elif line.startswith("## "):
            out.append(f"## Part {len(out)}")
        elif line.startswith("    "):
            out.append("    Feeling nervous is normal. A few simple steps can help.")
        else:
            out.append("Many people feel nervous before a first group. That is normal.")
    return "\n".join(out) + "\n"


def test_scaffolded_page_fails_the_build_until_its_todos_are_replaced(tmp_path):
    config = fixture_site(tmp_path, {"index.md": page("Home", "Hello.")}, bib=BIB,
                          nav=[{"Home": "index.md"}, {"Prepare": []}])
    created = run_scaffold(tmp_path, "--title", "Coping with nerves", "--section", "prepare")
    assert created.returncode == 0, created.stderr
    assert "Created docs/prepare/coping-with-nerves.md" in created.stdout
    assert "Added it to the site menu" in created.stdout
    assert "replace every TODO" in created.stdout and "make serve" in created.stdout
    # mkdocs serve mounts the site at the path of site_url; the address printed must work.
    assert "http://127.0.0.1:8000/online-group-therapy-guide/prepare/coping-with-nerves/" in created.stdout
    path = tmp_path / "docs" / "prepare" / "coping-with-nerves.md"
    nav = yaml.safe_load(config.read_text(encoding="utf-8"))["nav"]
    assert nav[1] == {"Prepare": [{"Coping with nerves": "prepare/coping-with-nerves.md"}]}

    result = run_mkdocs(config, tmp_path / "site", env={"GUIDE_TODAY": TODAY, "GUIDE_DRAFTS": ""})
    assert result.returncode != 0
    todo_lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "TODO" in line]
    for number in todo_lines:
        assert (f"docs/prepare/coping-with-nerves.md:{number}: the page still has a TODO: "
                "it is not ready to publish") in result.stderr
    assert result.stderr.count("the page still has a TODO") == len(todo_lines)

    path.write_text(finish(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_mkdocs(config, tmp_path / "site", env={"GUIDE_TODAY": TODAY, "GUIDE_DRAFTS": ""})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "prepare" / "coping-with-nerves" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Coping with nerves" in html
    assert 'Last reviewed: <time datetime="2026-11-28">' in html
    assert 'Next review: <time datetime="2027-11-28">' in html


def test_command_refuses_to_overwrite(tmp_path):
    site(tmp_path)
    first = run_scaffold(tmp_path, "--title", "Nerves", "--section", "prepare")
    assert first.returncode == 0 and "open http://127.0.0.1:8000/prepare/nerves/ to see it" in first.stdout
    again = run_scaffold(tmp_path, "--title", "Nerves", "--section", "prepare")
    assert again.returncode == 1
    assert "new-article: docs/prepare/nerves.md already exists: edit that file, or choose another title" \
        in again.stderr


def test_command_tells_the_editor_how_to_call_it(tmp_path):
    site(tmp_path)
    result = run_scaffold(tmp_path, "--section", "prepare")
    assert result.returncode == 1
    assert 'make new-article TITLE="Your title" SECTION=understand' in result.stderr


def test_command_prints_the_nav_line_when_it_cannot_add_it(tmp_path):
    site(tmp_path)
    result = run_scaffold(tmp_path, "--title", "Nerves", "--section", "decide")
    assert result.returncode == 0
    assert "Add it to the site menu yourself" in result.stdout
    assert "      - Nerves: decide/nerves.md" in result.stdout
