"""The decision aid in Spanish: docs-es/data/decision-aid.yml is the English data with Spanish text.
An id it lacks or adds, or a changed fit, cite key, answer or choice count, is named with the file,
the line and the id, and stops the build; the real files pass. The fixed words come from
guide/words/<code>.yml: the Spanish pages carry them, the English pages keep theirs, and the
scripts' English is only a fallback that matches guide/words/en.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guide import bibliography, checklists, decision_aid as da, frontmatter, i18n, prose_es, wording
from tests.support import ROOT, add_spanish_edition, fixture_site, run_mkdocs
from tests.test_decision_aid import FIXTURE_BIB, _fixture_data, _fixture_docs

EN = ROOT / "docs" / da.DATA_FILE
ES = ROOT / "docs-es" / da.DATA_FILE
EN_SHOWN, ES_SHOWN = "docs/data/decision-aid.yml", "docs-es/data/decision-aid.yml"
ES_TEXT = ES.read_text(encoding="utf-8")


def pair(tmp_path: Path, spanish: str) -> list:
    path = tmp_path / "decision-aid.yml"
    path.write_text(spanish, encoding="utf-8")
    return da.pair_translation(EN, EN_SHOWN, path, ES_SHOWN, ROOT / "docs-es")


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def spanish_context() -> checklists.Context:
    """What the Spanish build gives the loader: the bibliography and the Spanish pages' headings."""
    bib = bibliography.load(str(ROOT / "references.bib"), shown_as="references.bib")
    targets = {}
    for path in sorted((ROOT / "docs-es").rglob("*.md")):
        src = path.relative_to(ROOT / "docs-es").as_posix()
        source = frontmatter.split(path.read_text(encoding="utf-8"), f"docs-es/{src}")
        targets[src] = checklists.Target(i18n.url_of(src), str(source.meta.get("title")), checklists.anchors(source.body))
    return checklists.Context(keys=bib.entries, targets=targets, references_url="about/references/",
                              labels={k: checklists.short_cite(e) for k, e in bib.entries.items()})


# -- the real files -----------------------------------------------------------------------------

def test_the_real_spanish_data_pairs_with_the_english_and_is_valid():
    assert da.pair_translation(EN, EN_SHOWN, ES, ES_SHOWN, ROOT / "docs-es") == []
    aid, problems = da.parse(ES_TEXT, ES_SHOWN, spanish_context())
    assert problems == []
    data_en, data_es = yaml.safe_load(EN.read_text(encoding="utf-8")), yaml.safe_load(ES_TEXT)
    assert [o["id"] for o in data_es["options"]] == [o["id"] for o in data_en["options"]]
    assert aid.matrix() == {t["id"]: {o: da.FIT_VALUE[f["fit"]] for o, f in t["fits"].items()}
                            for t in data_en["things"]}
    assert data_es["things"][0]["name"] != data_en["things"][0]["name"]  # it is translated


def test_the_spanish_decision_aid_text_is_plain_spanish():
    """Fernández-Huerta >= 70 and no sentence over the limit, like the Spanish articles."""
    from guide import readability

    data = yaml.safe_load(ES_TEXT)
    parts = [t["name"] + "." for t in data["things"]]
    parts += [f["reason"] for t in data["things"] for f in t["fits"].values()]
    parts += [q["text"] + " " + q["if_no"] for q in data["readiness"]["questions"]]
    parts += [q["question"] + " " + q["explain"] for q in data["quiz"]] + data["questions_to_ask"]
    text = "\n\n".join(parts)
    assert prose_es.ease(re.sub(r"\]\([^)]*\)", "]", text)) >= prose_es.EASE_MIN
    measure = readability.measure(text)
    assert not measure.long_sentences and measure.average_words <= readability.AVERAGE_WORDS_MAX


# -- what the pairing refuses, with file, line and id ---------------------------------------------

def test_a_missing_id_names_the_file_the_line_and_the_id(tmp_path):
    text = ES_TEXT.replace("  - id: wait\n    name: Esperar y observar\n", "")
    text = re.sub(r"  - id: private-space\n(    .*\n)+", "", text)
    found = {p.field: p for p in pair(tmp_path, text)}
    assert set(found) >= {"wait", "private-space"}
    wait = found["wait"]
    assert (wait.file, wait.line) == (ES_SHOWN, line_of(text, "options:"))
    assert wait.message == "id 'wait' is in docs/data/decision-aid.yml but not translated here"
    assert found["private-space"].line == line_of(text, "quiz:")
    assert str(wait).startswith(f"{ES_SHOWN}:{wait.line}: [wait] id 'wait'")


def test_an_extra_id_names_the_file_the_line_and_the_id(tmp_path):
    text = ES_TEXT.replace("    - id: support\n", "    - id: apoyo\n")
    found = {p.field: p for p in pair(tmp_path, text)}
    assert set(found) == {"support", "apoyo"}
    extra = found["apoyo"]
    assert (extra.file, extra.line) == (ES_SHOWN, line_of(text, "- id: apoyo"))
    assert extra.message == "id 'apoyo' is not in docs/data/decision-aid.yml"


def test_a_changed_fit_or_cite_key_names_the_file_the_line_and_the_value(tmp_path):
    text = ES_TEXT.replace("        fit: better\n        reason: Se une desde casa. Las",
                           "        fit: worse\n        reason: Se une desde casa. Las", 1)
    text = text.replace("cite: [orenstein2014]", "cite: [gentry2019]", 1)
    found = {p.field: p for p in pair(tmp_path, text)}
    assert set(found) == {"things.travel.fits.online-group.fit", "things.cost.fits.online-group.cite"}
    fit = found["things.travel.fits.online-group.fit"]
    assert (fit.file, fit.line) == (ES_SHOWN, line_of(text, "fit: worse"))
    assert fit.message == "'things.travel.fits.online-group.fit' is 'worse'; the English has 'better'"
    assert str(fit).startswith(f"{ES_SHOWN}:{fit.line}: [things.travel.fits.online-group.fit] ")
    cite = found["things.cost.fits.online-group.cite"]
    assert cite.line == line_of(text, "cite: [gentry2019]")
    assert "['gentry2019']; the English has ['orenstein2014']" in cite.message


def test_answers_versions_choices_and_quiz_pages_must_match(tmp_path):
    text = ES_TEXT.replace("version: 1\n", "version: 2\n").replace('choices: ["Sí", "No"]\n    answer: 1\n    explain: Todavía',
                                                                 'choices: ["Sí", "No", "Quizá"]\n    answer: 2\n    explain: Todavía')
    text = text.replace("link: understand/risks.md#la-plataforma", "link: prepare/first-session.md")
    text = text.replace("  - ¿Cuál es el plan del grupo si alguien está en crisis?\n", "")
    found = {p.field: p for p in pair(tmp_path, text)}
    assert set(found) == {"version", "quiz.more-research.answer", "more-research", "data", "questions_to_ask"}
    assert found["more-research"].message == "quiz 'more-research' has 3 choices; the English has 2"
    assert found["data"].line == line_of(text, "link: prepare/first-session.md")
    assert "understand/risks.md, which is translated" in found["data"].message
    # A page with no Spanish version yet (understand/research.md) may be linked from its Spanish stand-in.
    assert "more-research" not in {p.field for p in pair(tmp_path, ES_TEXT)}


def test_text_fields_are_the_translations_own():
    assert {"name", "reason", "text", "if_no", "all_yes", "question", "choices", "explain",
            "questions_to_ask"} <= da.TEXT_FIELDS
    assert not {"id", "fit", "cite", "answer", "version"} & da.TEXT_FIELDS


# -- the build -----------------------------------------------------------------------------------

def two_language_aid(tmp: Path, spanish_data: str) -> Path:
    """The decision-aid fixture site of tests/test_decision_aid.py, with a Spanish edition."""
    config = fixture_site(tmp, _fixture_docs(_fixture_data()), bib=FIXTURE_BIB)
    add_spanish_edition(tmp, config)
    for name, text in _fixture_docs(spanish_data).items():
        if name.endswith(".md"):
            text = text.replace("reviewed: 2026-11-01\n", "reviewed: 2026-11-01\ntranslation_of: "
                                f"{name}\nsource_reviewed: 2026-11-01\n", 1)
        path = tmp / "docs-es" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return config


def test_a_spanish_data_file_that_lacks_an_id_stops_the_build(tmp_path):
    spanish = _fixture_data().replace("Option", "Opción").replace("  - id: t7\n", "  - id: t9\n")
    result = run_mkdocs(two_language_aid(tmp_path, spanish), tmp_path / "site")
    assert result.returncode != 0
    lines = spanish.splitlines()
    things, extra = lines.index("things:") + 1, lines.index("  - id: t9") + 1
    assert f"docs-es/data/decision-aid.yml:{things}: [t7] id 't7' is in docs/data/decision-aid.yml" in result.stderr
    assert f"docs-es/data/decision-aid.yml:{extra}: [t9] id 't9' is not in docs/data/decision-aid.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_translated_fixture_builds_with_spanish_words(tmp_path):
    spanish = _fixture_data().replace("Option", "Opción")
    result = run_mkdocs(two_language_aid(tmp_path, spanish), tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "site" / "es" / "decide" / "index.html").read_text(encoding="utf-8")
    assert "Opción 0" in html and "> Bastante</label>" in html and "Not at all" not in html


# -- the words ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages(site_dir):
    read = lambda *p: (site_dir.joinpath(*p) / "index.html").read_text(encoding="utf-8")  # noqa: E731
    return {"en": read("decide", "weigh") + read("decide", "summary"),
            "es": read("es", "decide", "weigh") + read("es", "decide", "summary")}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_edition_shows_its_own_words(pages, lang):
    html, other = pages[lang], pages["es" if lang == "en" else "en"]
    w = wording.words(lang)
    for n in range(da.SCALE_SIZE):
        assert f"> {w.decision_aid[f'scale_{n}']}</label>" in html
    for name in ("best", "pro", "con", "right", "wrong"):
        assert f'data-ogt-word-{name}="{w.decision_aid[name]}"' in html, name
    for name, key in (("none", "not_answered"), ("copied", "copied"), ("cleared", "cleared")):
        assert f'data-ogt-word-{name}="{w.summary[key]}"' in html, name
    assert w.decision_aid.values_intro in html and w.summary.matters in html
    other_words = wording.words("es" if lang == "en" else "en")
    assert other_words.decision_aid.advice_title not in html and other_words.decision_aid.advice_title in other
    assert f'data-ogt-aid-scale="{"|".join(da.scale(lang))}"' in html


def test_the_scripts_english_is_only_a_fallback_equal_to_the_english_words():
    words = wording.words("en")
    names = {"best": "decision_aid.best", "pro": "decision_aid.pro", "con": "decision_aid.con",
             "right": "decision_aid.right", "wrong": "decision_aid.wrong", "none": "summary.not_answered",
             "best-none": "summary.best_none", "unsure": "decision_aid.unsure", "yes": "decision_aid.answer_yes",
             "no": "decision_aid.answer_no", "copy-box": "summary.copy_box", "copy-by-hand": "summary.copy_by_hand",
             "copied": "summary.copied", "cleared": "summary.cleared"}
    found = {}
    for script in ("decision-aid.js", "decision-summary.js"):
        text = (ROOT / "overrides" / "assets" / script).read_text(encoding="utf-8")
        found.update(re.findall(r'word\((?:\w+, )?"([\w-]+)", "([^"]*)"\)', text))
        code = re.sub(r'word\((?:\w+, )?"[\w-]+", "[^"]*"\)|/\*.*?\*/', "", text, flags=re.S)
        prose = [lit for lit in re.findall(r'"([^"\\\n]*)"', code)  # two words or more, not a selector
                 if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", lit) and not re.search(r"[\[\]=#]", lit)]
        assert prose == ["use strict"], script  # no other English text
    assert set(found) == set(names)
    for attr, fallback in found.items():
        section, key = names[attr].split(".")
        assert fallback == words[section][key], attr
