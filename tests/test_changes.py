"""Change notes in front matter, and the Atom feed made from them (guide/changes.py)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from guide import changes, frontmatter
from tests.support import MINIMAL_BIB, build_fixture

ON = dt.date(2026, 11, 28)
D = dt.date


def problems(meta_yaml: str) -> list[str]:
    text = ("---\ntitle: T\ndescription: A page.\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n"
            + meta_yaml + "---\n\n# T\n")
    errors, _ = frontmatter.check(frontmatter.split(text, "docs/t.md"), on=ON)
    return [str(e) for e in errors]


def test_a_good_changes_list_passes():
    assert problems("changes:\n  - date: 2026-11-20\n    what: Added the numbers for Ireland.\n") == []


@pytest.mark.parametrize("yaml_text, expected", [
    ("changes: Added a line.\n", "'changes' must be a list of changes"),
    ("changes: []\n", "'changes' must be a list of changes"),
    ("changes:\n  - Added a line.\n", "change 1 must have exactly 'date' and 'what' (it has: str)"),
    ("changes:\n  - date: 2026-11-20\n", "change 1 must have exactly 'date' and 'what' (it has: date)"),
    ("changes:\n  - date: 2026-11-20\n    what: x\n    who: me\n", "(it has: date, what, who)"),
    ("changes:\n  - date: soon\n    what: x\n", "change 1: 'date' is not a date: 'soon'"),
    ("changes:\n  - date: 2026-12-01\n    what: x\n", "change 1: 'date' (2026-12-01) is in the future"),
    ("changes:\n  - date: 2026-11-20\n    what: ''\n", "change 1: 'what' must be one line of text"),
    ("changes:\n  - date: 2026-11-20\n    what: 12\n", "change 1: 'what' must be one line of text"),
    ("changes:\n  - date: 2026-11-20\n    what: |\n      one\n      two\n", "'what' must be one line of at most 160"),
    ("changes:\n  - date: 2026-11-20\n    what: " + "x" * 161 + "\n", "'what' must be one line of at most 160"),
    ("changes:\n  - date: 2026-11-20\n    what: ok\n  - date: 2026-11-21\n", "change 2 must have exactly"),
])
def test_bad_changes_are_refused_with_the_line_and_a_fix(yaml_text, expected):
    found = problems(yaml_text)
    assert len(found) == 1, found
    assert found[0].startswith("docs/t.md:6: [changes] ") and expected in found[0] and "fix:" in found[0], found


def test_typo_in_the_field_name_is_caught():
    found = problems("change:\n  - date: 2026-11-20\n    what: x\n")
    assert found and "unknown front-matter field 'change'" in found[0] and "did you mean 'changes'" in found[0]


def test_note_shows_the_newest_change_escaped():
    meta = {"changes": [{"date": D(2026, 1, 2), "what": "Old."}, {"date": D(2026, 3, 4), "what": "New <b> & more."}]}
    assert changes.note_html(meta) == ('<p class="ogt-change">Last change (<time datetime="2026-03-04">4 March 2026'
                                       '</time>): New &lt;b&gt; &amp; more.</p>')
    assert changes.note_html({}) == ""


PAGES = [
    changes.PageInfo("Formats & more", "understand/formats/",
                     {"reviewed": D(2026, 11, 1), "next_review": D(2027, 11, 1),
                      "changes": [{"date": D(2026, 11, 20), "what": "Added <phone> groups & a table."},
                                  {"date": D(2026, 6, 1), "what": "First version."}]}),
    changes.PageInfo("Risks", "understand/risks/", {"reviewed": D(2026, 10, 5), "next_review": D(2027, 10, 5)}),
]


def test_feed_parses_as_valid_atom_with_every_change_and_review_newest_first():
    xml = changes.feed(PAGES, "https://guide.example/ogt", "The Guide", "The editors")
    ET.fromstring(xml.encode("utf-8"))  # well-formed XML
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "The Guide: changes and reviews"
    assert parsed.feed.updated == "2026-11-20T00:00:00Z"
    assert [l.href for l in parsed.feed.links if l.rel == "self"] == ["https://guide.example/ogt/feed.xml"]
    got = [(e.title, e.updated[:10], e.summary) for e in parsed.entries]
    assert got == [
        ("Changed: Formats & more", "2026-11-20", "Added <phone> groups & a table."),
        ("Reviewed: Formats & more", "2026-11-01", "Reviewed on 1 November 2026. Next review by 1 November 2027."),
        ("Reviewed: Risks", "2026-10-05", "Reviewed on 5 October 2026. Next review by 5 October 2027."),
        ("Changed: Formats & more", "2026-06-01", "First version."),
    ]
    assert all(e.link == "https://guide.example/ogt/understand/formats/" for e in parsed.entries if "Formats" in e.title)
    assert len({e.id for e in parsed.entries}) == 4
    # The same pages give the same file: the ids and dates do not depend on the build's time.
    assert changes.feed(PAGES, "https://guide.example/ogt/", "The Guide", "The editors") == xml


def test_empty_feed_is_still_valid():
    parsed = feedparser.parse(changes.feed([], "https://guide.example/", "G", "E"))
    assert parsed.bozo == 0 and parsed.entries == []


def test_real_feed_parses_and_covers_every_page(site_dir):
    parsed = feedparser.parse((site_dir / "feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    reviewed = [e for e in parsed.entries if e.title.startswith("Reviewed: ")]
    assert len(reviewed) >= 15
    changed = [e for e in parsed.entries if e.title.startswith("Changed: ")]
    assert any(e.title == "Changed: For clinics: embed this guide" for e in changed)
    clinics = (site_dir / "about/clinics/index.html").read_text(encoding="utf-8")
    assert '<p class="ogt-change">Last change (<time datetime="2026-11-28">' in clinics
    assert clinics.index('class="ogt-review"') < clinics.index('class="ogt-change"')
    assert 'type="application/atom+xml"' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_build_fails_on_a_bad_change(tmp_path):
    page = ("---\ntitle: A\ndescription: A page.\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n"
            "changes:\n  - date: 2026-11-02\n---\n\n# A\n\nText.\n")
    result = build_fixture(tmp_path, {"index.md": page}, bib=MINIMAL_BIB)
    assert result.returncode != 0
    assert "docs/index.md:6: [changes] change 1 must have exactly 'date' and 'what'" in result.stderr
