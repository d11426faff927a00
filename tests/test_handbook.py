"""CONTRIBUTING.md stays true: its examples pass the checks they describe, its lists match the code."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import yaml

from guide import bibliography, frontmatter
from tests.support import ROOT

HANDBOOK = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", HANDBOOK, re.S | re.M)


def test_front_matter_example_passes():
    example = next(b for b in blocks("yaml") if b.startswith("---"))
    source = frontmatter.split(example + "\n# Coping with nerves before a group\n", "CONTRIBUTING.md")
    assert frontmatter.check(source, on=dt.date(2026, 11, 28)) == ([], [])
    assert source.meta["reviewers"], "the example shows reviewers"


def test_front_matter_table_lists_every_field():
    for name in (*frontmatter.REQUIRED, *frontmatter.OPTIONAL):
        assert f"| `{name}` |" in HANDBOOK, name


def test_bibtex_examples_pass_the_bibliography_checks():
    examples = blocks("bibtex")
    assert len(examples) == 2
    bib = bibliography.parse("\n".join(examples), "CONTRIBUTING.md")
    assert bib.problems == [] and len(bib.entries) == 2
    assert bibliography.check_entries(bib) == []


def test_kinds_table_matches_the_code():
    listed = re.findall(r"^\s*\| `([a-z-]+)` \| ", HANDBOOK.split("keywords` must start with the kind")[1], re.M)
    assert listed[:len(bibliography.KINDS)] == list(bibliography.KINDS)


def test_checklist_example_matches_the_schema():
    example = next(b for b in blocks("yaml") if "sections:" in b)
    schema = json.loads((ROOT / "schema" / "checklist.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(example), schema)
    marker = re.search(r"<!-- guide:checklist ([\w-]+) -->", HANDBOOK).group(1)
    assert yaml.safe_load(example)["id"] == marker


def test_every_make_command_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    used = set(re.findall(r"`make ([a-z][\w-]*)", HANDBOOK))
    assert used and used <= targets, f"the handbook names missing targets: {used - targets}"


def test_links_to_repository_files_resolve():
    for target in re.findall(r"\]\(((?:docs|schema)/[^)#]+)", HANDBOOK):
        assert (ROOT / target).exists(), target


# -- the quick start --------------------------------------------------------------------------

QUICK = HANDBOOK.split("## Quick start", 1)[1].split("\nContents:", 1)[0]


def test_quick_start_comes_first_and_fits_on_a_page():
    assert HANDBOOK.index("## Quick start") < HANDBOOK.index("Contents:") < HANDBOOK.index("## 1. ")
    steps = re.findall(r"^\d\. \*\*(.+?)\*\*", QUICK, re.M)
    assert steps == ["Add a page.", "Cite.", "Add a checklist", "Preview.", "Test.", "Open a pull request."]
    assert len(QUICK.split()) <= 500, len(QUICK.split())


def test_git_add_examples_add_every_file_the_steps_create():
    """A pull request that follows the handbook must not fail CI for a missing file."""
    from guide import scaffold

    title, section = re.search(r'make new-article TITLE="([^"]+)" SECTION=(\w+)\n', HANDBOOK).groups()
    page_file = f"docs/{section}/{scaffold.slugify(title)}.md"
    checklist_id = re.search(r"<!-- guide:checklist ([\w-]+) -->", HANDBOOK).group(1)
    adds = re.findall(r"^\s*git add (.+)$", HANDBOOK, re.M)
    assert len(adds) == 2, "one in the quick start, one in section 8"
    for line in adds:
        files = line.split()
        assert page_file in files and f"docs/checklists/{checklist_id}.yml" in files and "mkdocs.yml" in files


def test_quick_start_cites_a_real_key_and_names_real_targets():
    bib = bibliography.load(str(ROOT / "references.bib"), shown_as="references.bib")
    keys = [k for k in re.findall(r"\[@([\w-]+)\]", QUICK) + re.findall(r"cite: \[([\w-]+)\]", QUICK) if k != "key"]
    assert keys
    for key in keys:
        assert key in bib.entries, key
    assert "AFTER=formats.md" in QUICK and (ROOT / "docs" / "understand" / "formats.md").is_file()
