"""Hints for the mistakes a Markdown writer makes in YAML and BibTeX: each names the line and shows
the corrected text, instead of pointing at indentation, JSON Schema or commas."""

from __future__ import annotations

import pytest

from guide import bibliography, checklists
from tests.support import CHECKLIST_HEAD

CHECKLIST = CHECKLIST_HEAD + """      - id: quiet
        text: I have a quiet room.
        help: Others can hear you.
        priority: essential
        cite: {cite}
"""


def problems(cite: str):
    _, found = checklists.parse(CHECKLIST.format(cite=cite), "docs/checklists/ready.yml", "ready",
                                checklists.Context(keys={"banbury2018", "lagan2020"}))
    return found


@pytest.mark.parametrize("cite,fix", [
    ("[@banbury2018]", "remove the @: in a YAML file a cite key is written without it, as 'cite: [banbury2018]'"),
    ("[@banbury2018, @lagan2020]", "as 'cite: [banbury2018, lagan2020]'"),
    ("['@banbury2018']", "remove the @: in a YAML file a cite key is written without it, as 'cite: [banbury2018]'"),
    ("banbury2018", "write it as 'cite: [banbury2018]'"),
    ("'@banbury2018'", "write it as 'cite: [banbury2018]'"),
    ("banbury2018, lagan2020", "write it as 'cite: [banbury2018, lagan2020]'"),
    ("[banbury 2018]", "a key has no spaces: write 'banbury2018'"),
])
def test_checklist_cite_hints(cite, fix):
    [problem] = problems(cite)
    assert problem.line == 12 and problem.file == "docs/checklists/ready.yml"
    assert fix in problem.fix
    assert "indentation" not in problem.fix and "schema" not in problem.fix


def test_other_at_signs_get_the_quoting_hint():
    text = CHECKLIST.format(cite="[banbury2018]").replace("help: Others can hear you.", "help: @home works")
    _, found = checklists.parse(text, "docs/checklists/ready.yml", "ready", checklists.Context(keys={"banbury2018"}))
    [problem] = found
    assert problem.line == 10 and "put the text in double quotes" in problem.fix


def test_a_good_cite_list_passes():
    assert problems("[banbury2018, lagan2020]") == []


ENTRY = "@article{{{key},\n  author = {{Banbury, Annie}},\n  title = {{T}},\n  year = {{2018}},\n}}\n"


@pytest.mark.parametrize("key,joined", [("banbury 2018", "banbury2018"), ("banbury et al 2018", "banburyetal2018")])
def test_a_space_in_a_bib_key_says_so(key, joined):
    bib = bibliography.parse("\n" + ENTRY.format(key=key), "references.bib")
    [problem] = bib.problems
    assert problem.line == 2
    assert problem.message == f"the key '{key}' has a space in it"
    assert problem.fix == f"a key cannot hold spaces: write '@article{{{joined},' and cite it as [@{joined}]"
    assert "comma" not in problem.fix


def test_a_space_after_a_key_is_fine():
    bib = bibliography.parse(ENTRY.format(key="banbury2018 "), "references.bib")
    assert bib.problems == [] and list(bib.entries) == ["banbury2018"]
