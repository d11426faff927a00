"""The decision aid: the real data is valid and complete; every kind of bad data is refused with
file, line and field; text comes out inert; the ranking rule holds its properties; a bad data file
stops ``mkdocs build``."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide import bibliography, checklists, decision_aid as da, frontmatter
from tests.support import ROOT, build_fixture, page

DATA = ROOT / "docs" / da.DATA_FILE
SHOWN = "docs/data/decision-aid.yml"
CASES = json.loads((ROOT / "tests" / "fixtures" / "ranking-cases.json").read_text(encoding="utf-8"))["cases"]


def real_context() -> checklists.Context:
    """The context the build gives: the real bibliography and the real pages' headings."""
    bib = bibliography.load(str(ROOT / "references.bib"), shown_as="references.bib")
    targets = {}
    for path in sorted((ROOT / "docs").rglob("*.md")):
        src = path.relative_to(ROOT / "docs").as_posix()
        if src.startswith("snippets/"):
            continue
        source = frontmatter.split(path.read_text(encoding="utf-8"), f"docs/{src}")
        url = "" if src == "index.md" else src[:-3].removesuffix("index") + ("/" if not src.endswith("index.md") else "")
        targets[src] = checklists.Target(url, str(source.meta.get("title")), checklists.anchors(source.body))
    return checklists.Context(keys=bib.entries, targets=targets, references_url="about/references/",
                              labels={k: checklists.short_cite(e) for k, e in bib.entries.items()})


CONTEXT = real_context()
TEXT = DATA.read_text(encoding="utf-8")


def parse(text: str):
    return da.parse(text, SHOWN, CONTEXT)


# -- the real data ----------------------------------------------------------------------------

def test_real_data_is_valid_and_complete():
    aid, problems = parse(TEXT)
    assert problems == []
    assert 8 <= len(aid.things) <= 12
    assert len(aid.options) == 6
    for thing in aid.things:
        assert set(thing.fits) == {o for o, _ in aid.options}, thing.id
    assert len(aid.questions) == 4 and 4 <= len(aid.quiz) <= 6


def test_options_are_the_six_on_the_decide_page():
    """One fact, one home: the option names match the numbered list on the decide page."""
    aid, _ = parse(TEXT)
    body = (ROOT / "docs" / "decide" / "is-it-right-for-me.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\d\. \*\*(.+?)\.\*\*", body, re.MULTILINE)
    assert len(listed) == 6
    for (_, name), words in zip(aid.options, listed):
        assert words.lower().startswith(name.lower()), (name, words)


def test_every_cited_reason_cites_a_real_entry_and_thin_evidence_says_so():
    aid, _ = parse(TEXT)
    fits = [f for t in aid.things for f in t.fits.values()]
    assert any(f.cite_keys for f in fits)
    assert all(k in CONTEXT.keys for f in fits for k in f.cite_keys)
    assert "legare2010" in aid.readiness_cites
    # Research facts carry a source: a reason that names a study, a review or a number cites one.
    for f in fits:
        if re.search(r"\b(study|review|trials?|\d)", f.reason):
            assert f.cite_keys, f.reason


def test_the_readiness_questions_are_not_the_sure_wording():
    """Our own words on the four ideas (Légaré 2010): not the instrument's sentences."""
    aid, _ = parse(TEXT)
    sure = ["do you feel sure about the best choice for you",
            "do you know the benefits and risks of each option",
            "are you clear about which benefits and risks matter most to you",
            "do you have enough support and advice to make a choice"]
    for q in aid.questions:
        assert q.text.lower().rstrip("?") not in sure


# -- bad data ---------------------------------------------------------------------------------

def _problems(text: str) -> list:
    aid, problems = parse(text)
    assert aid is None and problems, "bad data was accepted"
    for p in problems:
        assert p.file == SHOWN and isinstance(p.line, int) and p.line >= 1 and p.fix
    return problems


def _line_of(text: str, needle: str, start: str = "") -> int:
    offset = text.index(start) if start else 0
    return text[:text.index(needle, offset)].count("\n") + 1


def test_missing_option_entry_names_the_thing_and_option():
    start = TEXT.index("  - id: cost")
    cut = TEXT.index("      room-one:\n", start)
    end = TEXT.index("      self-help:\n", cut)
    text = TEXT[:cut] + TEXT[end:]
    problems = _problems(text)
    assert any("'cost' has no entry for the option 'room-one'" in p.message
               and p.field == "things[1].fits" and p.line == _line_of(text, "    fits:", "  - id: cost")
               for p in problems), problems


def test_unknown_cite_key_is_refused_with_a_hint():
    text = TEXT.replace("cite: [banbury2018]", "cite: [banbury2019]", 1)
    problems = _problems(text)
    assert [p.field for p in problems] == ["things[0].fits.online-group.cite[0]"]
    assert "unknown cite key 'banbury2019'" in problems[0].message
    assert "banbury2018" in problems[0].fix
    assert problems[0].line == _line_of(text, "cite: [banbury2019]")


def test_unknown_field_is_refused_with_a_suggestion():
    text = TEXT.replace("        fit: better\n", "        fit: better\n        reasn: typo\n", 1)
    problems = _problems(text)
    assert any(p.field == "things[0].fits.online-group.reasn" and "unknown field 'reasn'" in p.message
               and "reason" in p.fix and p.line == _line_of(text, "reasn: typo") for p in problems), problems


def test_an_entry_for_an_option_that_does_not_exist_is_refused():
    text = TEXT.replace("      online-one:\n", "      online-onr:\n", 1)
    problems = _problems(text)
    assert any("'online-onr', which is not an option" in p.message and "online-one" in p.fix for p in problems)
    assert any("no entry for the option 'online-one'" in p.message for p in problems)


@pytest.mark.parametrize("snippet", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>bold</b>"])
def test_html_in_text_is_refused(snippet):
    text = TEXT.replace("reason: You join from home.\n", f'reason: "You join {snippet} from home."\n', 1)
    problems = _problems(text)
    assert any("HTML is not allowed" in p.message and p.field == "things[0].fits.online-one.reason"
               for p in problems), problems


def test_html_that_slips_past_the_checks_still_comes_out_inert():
    """Defence in depth: even unchecked text is escaped when it is rendered."""
    aid, _ = parse(TEXT)
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>" onmouseover="x'
    aid.things[0].fits["wait"].reason = hostile
    aid.things[0].name = hostile
    aid.questions_to_ask[0] = hostile
    for part in da.PARTS:
        html = da.render_part(aid, part, "decide/is-it-right-for-me/", "decide/summary/")
        assert "<img" not in html and "<script" not in html and 'onmouseover="' not in html
    html = da.render_summary(aid, "decide/summary/", [], "decide/is-it-right-for-me/")
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x" in html


def test_quiz_answer_must_be_one_of_the_choices():
    text = TEXT.replace("    answer: 1\n", "    answer: 5\n", 1)
    problems = _problems(text)
    assert any(p.field == "quiz[1].answer" and "only 2 choices" in p.message for p in problems), problems


def test_broken_quiz_link_is_refused():
    text = TEXT.replace("understand/risks.md#crisis-care", "understand/risks.md#crisis-caer", 1)
    problems = _problems(text)
    assert any("no heading" in p.message and "#crisis-care" in p.fix for p in problems), problems


def test_duplicate_ids_and_wrong_types_are_refused():
    text = TEXT.replace("  - id: cost\n", "  - id: travel\n", 1)
    assert any("used twice" in p.message for p in _problems(text))
    text = TEXT.replace("version: 1\n", "version: one\n", 1)
    assert any(p.field == "version" for p in _problems(text))
    text = TEXT.replace("        fit: better\n", "        fit: great\n", 1)
    assert any("not one of: better, worse, same" in p.message for p in _problems(text))


def test_yaml_tricks_are_refused():
    assert any("anchors" in p.message for p in _problems("version: &v 1\nother: *v\n"))
    assert any("written twice" in p.message for p in _problems("version: 1\nversion: 2\n"))
    assert _problems("")[0].message == "the file is empty"
    assert _problems("- a list\n")[0].line == 1


# -- the ranking rule -------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rank_matches_the_shared_cases(case):
    got = da.rank(case["fits"], case["ratings"], case["options"])
    assert [list(pair) for pair in got] == case["expected"]


OPTIONS = ["a", "b", "c", "d"]
fits_st = st.dictionaries(st.sampled_from(["t1", "t2", "t3", "t4", "t5"]),
                          st.fixed_dictionaries({o: st.sampled_from([-1, 0, 1]) for o in OPTIONS}), min_size=1)


@settings(max_examples=200, deadline=None)
@given(fits=fits_st, data=st.data())
def test_rank_properties(fits, data):
    ratings = data.draw(st.dictionaries(st.sampled_from(sorted(fits)), st.integers(0, 3)))
    ranked = da.rank(fits, ratings, OPTIONS)
    if not any(ratings.values()):
        assert ranked == []  # rating nothing gives no ranking
        return
    assert sorted(o for o, _ in ranked) == sorted(OPTIONS)
    scores = dict(ranked)
    assert [s for _, s in ranked] == sorted(scores.values(), reverse=True)
    # Symmetric: negating every fit negates every score; swapping two options swaps their scores;
    # the order the things are listed in changes nothing.
    negated = {t: {o: -v for o, v in row.items()} for t, row in fits.items()}
    assert dict(da.rank(negated, ratings, OPTIONS)) == {o: -s for o, s in scores.items()}
    swapped = {t: {**row, "a": row["b"], "b": row["a"]} for t, row in fits.items()}
    swapped_scores = dict(da.rank(swapped, ratings, OPTIONS))
    assert (swapped_scores["a"], swapped_scores["b"]) == (scores["b"], scores["a"])
    reordered = dict(reversed(list(fits.items())))
    assert da.rank(reordered, dict(reversed(list(ratings.items()))), OPTIONS) == ranked


@settings(max_examples=200, deadline=None)
@given(fits=fits_st, data=st.data())
def test_an_option_better_on_everything_rated_ranks_first(fits, data):
    ratings = data.draw(st.dictionaries(st.sampled_from(sorted(fits)), st.integers(1, 3), min_size=1))
    best = data.draw(st.sampled_from(OPTIONS))
    fits = {t: {**row, best: 1} if t in ratings else row for t, row in fits.items()}
    ranked = da.rank(fits, ratings, OPTIONS)
    top = ranked[0][1]
    assert dict(ranked)[best] == top == sum(ratings.values())
    # It is first unless another option ties it, which can only happen by being better too.
    if ranked[0][0] != best:
        assert all(fits[t][ranked[0][0]] == 1 for t in ratings)


def test_rank_on_the_real_data_puts_online_first_for_travel_and_cost():
    aid, _ = parse(TEXT)
    ranked = da.rank(aid.matrix(), {"travel": 3, "cost": 3, "others": 2}, [o for o, _ in aid.options])
    assert ranked[0][0] == "online-group"
    assert ranked[-1][0] in ("room-one", "online-one")


# -- in the build -----------------------------------------------------------------------------

FIXTURE_BIB = """@misc{only2020,
  author = {{Test Body}},
  title = {A test source},
  year = {2020},
  keywords = {web-article}
}
"""


def _fixture_data(reason: str = "It is cheap.") -> str:
    options = "".join(f"  - id: o{i}\n    name: Option {i}\n" for i in range(2))
    things = "".join(
        f"  - id: t{n}\n    name: Thing {n}\n    fits:\n"
        f"      o0:\n        fit: better\n        reason: {reason if n == 0 else 'Plain.'}\n        cite: [only2020]\n"
        f"      o1:\n        fit: same\n        reason: Not known.\n"
        for n in range(8))
    quiz = "".join(f"  - id: q{n}\n    question: Is it {n}?\n    choices: [\"Yes\", \"No\"]\n    answer: 0\n"
                   f"    explain: Because.\n    link: decide.md\n" for n in range(4))
    ready = "".join(f"    - id: r{n}\n      text: Ready {n}?\n      if_no: Read [this](decide.md).\n" for n in range(4))
    return (f"version: 1\noptions:\n{options}things:\n{things}readiness:\n  cite: [only2020]\n  questions:\n{ready}"
            f"  all_yes: Good.\nquiz:\n{quiz}questions_to_ask:\n  - What next?\n")


def _fixture_docs(data: str) -> dict[str, str]:
    return {
        "index.md": page("Home"),
        "decide.md": page("Decide", "\n\n".join(f"<!-- guide:decision-aid {p} -->" for p in da.PARTS)),
        "summary.md": page("Summary", "<!-- guide:decision-summary -->"),
        "refs.md": page("References", "<!-- guide:references -->"),
        "data/decision-aid.yml": data,
    }


def test_fixture_site_builds_with_the_decision_aid(tmp_path):
    result = build_fixture(tmp_path, _fixture_docs(_fixture_data()), bib=FIXTURE_BIB)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "site" / "decide" / "index.html").read_text(encoding="utf-8")
    assert 'data-ogt-aid="values"' in html and 'data-ogt-aid="quiz"' in html
    assert "assets/decision-aid.js" in html
    assert not (tmp_path / "site" / "data").exists()  # the YAML is not published
    summary = (tmp_path / "site" / "summary" / "index.html").read_text(encoding="utf-8")
    assert "data-ogt-summary-page" in summary and "assets/decision-aid.js" in summary


def test_bad_data_stops_the_build_with_file_line_and_field(tmp_path):
    data = _fixture_data().replace("cite: [only2020]\n", "cite: [nosuch2020]\n", 1)
    result = build_fixture(tmp_path, _fixture_docs(data), bib=FIXTURE_BIB)
    assert result.returncode != 0
    line = data[:data.index("nosuch2020")].count("\n") + 1
    assert f"docs/data/decision-aid.yml:{line}: [things[0].fits.o0.cite[0]] unknown cite key 'nosuch2020'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_part_and_missing_file_stop_the_build(tmp_path):
    docs = _fixture_docs(_fixture_data())
    docs["decide.md"] = page("Decide", "<!-- guide:decision-aid sliders -->")
    result = build_fixture(tmp_path / "a", docs, bib=FIXTURE_BIB)
    assert result.returncode != 0 and "'guide:decision-aid' needs one of: values" in result.stderr
    docs = _fixture_docs(_fixture_data())
    del docs["data/decision-aid.yml"]
    result = build_fixture(tmp_path / "b", docs, bib=FIXTURE_BIB)
    assert result.returncode != 0 and "needs docs/data/decision-aid.yml, which is missing" in result.stderr


def test_the_handbook_describes_the_data_files_and_markers():
    handbook = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for text in ("docs/data/decision-aid.yml", da.SCHEMA_SHOWN, "docs/data/ipdas.yml", "schema/ipdas.schema.json",
                 f"<!-- guide:{da.SUMMARY_MARKER} -->", "<!-- guide:ipdas -->", *da.PARTS):
        assert text in handbook, text
    assert f"<!-- guide:{da.MARKER} values -->" in handbook
    assert all(f"`{fit}`" in handbook for fit in da.FIT_VALUE)


def test_the_decision_aid_text_is_plain():
    """Reading grade 8 or lower, like the articles (the lint does not read data files)."""
    import yaml

    from guide import readability

    data = yaml.safe_load(TEXT)
    parts = [t["name"] + "." for t in data["things"]]
    parts += [f["reason"] for t in data["things"] for f in t["fits"].values()]
    parts += [q["text"] + " " + q["if_no"] for q in data["readiness"]["questions"]]
    parts += [q["question"] + " " + q["explain"] for q in data["quiz"]] + data["questions_to_ask"]
    measure = readability.measure("\n\n".join(parts))
    assert measure.grade <= readability.GRADE_MAX and not measure.long_sentences, measure


def test_a_decision_aid_file_with_bad_bytes_names_the_file_and_line(tmp_path):
    """The data file goes through guide/textfile.py, like checklists and pages."""
    text = _fixture_data()
    path = tmp_path / "decision-aid.yml"
    path.write_bytes(text.encode().replace(b"It is cheap.", b"It is ch\xe9ap.", 1))
    aid, problems = da.load(path, "docs/data/decision-aid.yml", checklists.Context())
    assert aid is None and [(p.file, p.line) for p in problems] == [
        ("docs/data/decision-aid.yml", next(n for n, line in enumerate(text.splitlines(), 1) if "It is cheap." in line))]
    assert "is not UTF-8 text" in problems[0].message and "UTF-8" in problems[0].fix
