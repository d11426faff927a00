"""guide/words/<code>.yml: the words the code and templates put on pages, in each language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide import render, wording

ROOT = Path(__file__).resolve().parent.parent
EN = {"page": {"sources": "Sources", "newer": "Updated on {date}."}, "checklist": {"clear": "Clear my answers"}}
FLAT_EN = {"page.sources": "Sources", "page.newer": "Updated on {date}.", "checklist.clear": "Clear my answers"}


def check(text: str):
    return wording.check("es", text, FLAT_EN, "guide/words/es.yml")


def test_the_real_files_have_the_same_words():
    for code in ("en", "es"):
        words = wording.words(code)
        assert words.page.sources
    assert wording.word("checklist.print", "es") == "Imprimir o guardar en PDF"
    assert wording.word("page.sources", "en") == "Sources"


def test_a_word_named_like_a_dict_method_is_still_the_word():
    # Regression: a dict subclass gave templates the bound method for w.checklist.clear.
    html = render.environment().from_string("{{ w.checklist.clear }}|{{ w.checklist['nice-to-have'] }}").render(
        w=wording.words("en"))
    assert html == "Clear my answers|Nice to have"


def test_a_good_translation_passes():
    data, problems = check("page:\n  sources: Fuentes\n  newer: Se actualizó el {date}.\nchecklist:\n  clear: Borrar\n")
    assert problems == [] and data["checklist"]["clear"] == "Borrar"


def test_a_missing_word_names_the_key_and_the_fix():
    _, problems = check("page:\n  sources: Fuentes\n  newer: Se actualizó el {date}.\nchecklist: {}\n")
    assert [(p.field, p.file) for p in problems] == [("checklist.clear", "guide/words/es.yml")]
    assert "missing" in problems[0].message and "add 'checklist.clear'" in problems[0].fix


def test_an_extra_word_names_its_line():
    _, problems = check("page:\n  sources: Fuentes\n  newer: Se actualizó el {date}.\n  extra: Otra\n"
                        "checklist:\n  clear: Borrar\n")
    assert [(p.field, p.line) for p in problems] == [("page.extra", 4)]
    assert "not in guide/words/en.yml" in problems[0].message


def test_a_translated_placeholder_is_refused():
    _, problems = check("page:\n  sources: Fuentes\n  newer: Se actualizó el {fecha}.\nchecklist:\n  clear: Borrar\n")
    assert [(p.field, p.line) for p in problems] == [("page.newer", 3)]
    assert "{names}" in problems[0].fix


@pytest.mark.parametrize("value", ["", "123", "[a, b]", "null"])
def test_a_word_must_be_text(value):
    _, problems = check(f"page:\n  sources: {value}\n  newer: Se actualizó el {{date}}.\nchecklist:\n  clear: Borrar\n")
    assert [p.field for p in problems] == ["page.sources"]
    assert problems[0].line == 2


def test_aliases_are_refused_before_anything_is_read():
    _, problems = check("page:\n  sources: &a Fuentes\n  newer: *a\nchecklist:\n  clear: Borrar\n")
    assert problems and all(p.file == "guide/words/es.yml" for p in problems)
    assert any("alias" in p.message.lower() or "anchor" in p.message.lower() for p in problems)


def test_every_word_a_template_uses_exists():
    used = set()
    for path in (ROOT / "guide" / "templates").glob("*.html"):
        used |= {m.group(1) for m in re.finditer(r"\bw\.(\w+\.[\w]+|\w+\[\"[\w-]+\"\])", path.read_text())}
    assert used, "the templates read their words from w"
    english = wording.names("en")
    assert "checklist.print" in english and wording.names("es") == english
    for name in used:
        assert name.replace('["', ".").rstrip('"]') in english, name


def test_a_second_jinja_environment_reuses_compiled_templates_until_one_changes(tmp_path):
    """render.SHARED_BYTECODE lets the Spanish build skip compiling what the English build did."""
    from jinja2 import Environment, FileSystemLoader

    (tmp_path / "a.html").write_text("<p>{{ x }}</p>", encoding="utf-8")
    cache = render.SharedBytecode()
    compiled = []

    def env():
        environment = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache, autoescape=True)
        original = environment.compile
        environment.compile = lambda *a, **k: compiled.append(a[1] if len(a) > 1 else k.get("name")) or original(*a, **k)
        return environment

    assert env().get_template("a.html").render(x="<b>") == "<p>&lt;b&gt;</p>"
    assert env().get_template("a.html").render(x=1) == "<p>1</p>"
    assert compiled == ["a.html"]
    (tmp_path / "a.html").write_text("<div>{{ x }}</div>", encoding="utf-8")
    assert env().get_template("a.html").render(x=2) == "<div>2</div>"
    assert compiled == ["a.html", "a.html"]


def test_an_edited_words_file_is_read_again(tmp_path, monkeypatch):
    """make serve keeps one process: a saved guide/words file must show without a restart."""
    import os

    for code in ("en", "es"):
        (tmp_path / f"{code}.yml").write_text("page:\n  sources: Sources\n", encoding="utf-8")
    monkeypatch.setattr(wording, "FOLDER", tmp_path)
    assert wording.word("page.sources", "es") == "Sources"
    (tmp_path / "es.yml").write_text("page:\n  sources: Fuentes\n", encoding="utf-8")
    os.utime(tmp_path / "es.yml", ns=(1, 10**18))
    assert wording.word("page.sources", "es") == "Fuentes"
