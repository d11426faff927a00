"""The Spanish edition (guide/i18n.py): translation front matter, checklist pairing, the language
switch and hreflang, freshness notices, and the real build of both languages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from guide import checklists, frontmatter, i18n, prose_es
from tests.support import MINIMAL_BIB, ROOT, add_spanish_edition, fixture_site, page, run_mkdocs

ES_FRONT = ("---\ntitle: {title}\ndescription: Una página de prueba.\nreviewed: 2026-11-01\n"
            "next_review: 2027-11-01\n{extra}---\n\n# {title}\n\nUn texto corto y claro.\n")


def es_page(title: str, extra: str) -> str:
    return ES_FRONT.format(title=title, extra=extra)


def source(text: str, path: str = "docs-es/x.md") -> frontmatter.Source:
    return frontmatter.split(text, path)


# -- translation front matter -----------------------------------------------------------------

def test_a_translation_names_an_existing_counterpart(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(page("A"), encoding="utf-8")
    good = source(es_page("A", "translation_of: a.md\nsource_reviewed: 2026-11-01\n"))
    assert i18n.check_translation(good, "es", tmp_path) == []
    missing = i18n.check_translation(source(es_page("A", "translation_of: b.md\nsource_reviewed: 2026-11-01\n")),
                                     "es", tmp_path)
    assert [(p.line, p.field) for p in missing] == [(6, "translation_of")]
    assert "docs/b.md does not exist" in missing[0].message
    none = i18n.check_translation(source(es_page("A", "")), "es", tmp_path)
    assert {p.field for p in none} == {"translation_of", "source_reviewed"}
    assert all("does not name its English counterpart" in p.message or "source_reviewed" in p.message for p in none)


def test_translation_paths_cannot_leave_the_docs_folder(tmp_path):
    for bad in ("../secret.md", "/etc/passwd.md", "a.txt", "[a.md]"):
        found = i18n.check_translation(source(es_page("A", f"translation_of: '{bad}'\nsource_reviewed: 2026-11-01\n")),
                                       "es", tmp_path)
        assert [p.field for p in found] == ["translation_of"], bad


def test_source_reviewed_must_be_a_date(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(page("A"), encoding="utf-8")
    found = i18n.check_translation(source(es_page("A", "translation_of: a.md\nsource_reviewed: soon\n")), "es", tmp_path)
    assert [(p.field, p.line) for p in found] == [("source_reviewed", 7)]


def test_english_pages_may_not_claim_to_be_translations(tmp_path):
    found = i18n.check_translation(source(es_page("A", "translation_of: a.md\n"), "docs/a.md"), "en", tmp_path)
    assert [p.field for p in found] == ["translation_of"]


def test_the_fields_are_known_to_the_front_matter_check():
    errors, _ = frontmatter.check(source(es_page("A", "translation_of: a.md\nsource_reviewed: 2026-11-01\n")),
                                  on=dt.date(2026, 11, 28))
    assert errors == []


# -- freshness ----------------------------------------------------------------------------------

def test_a_newer_english_review_shows_a_notice_and_a_warning_but_never_an_error():
    meta = {"source_reviewed": dt.date(2026, 1, 5)}
    newer = {"reviewed": dt.date(2026, 11, 28)}
    html = i18n.stale_notice_html(meta, newer, "../../x/")
    assert "La versión en inglés se actualizó el 28 de noviembre de 2026" in html
    assert 'href="../../x/"' in html and 'role="note"' in html
    warning = i18n.stale_warning("docs-es/x.md", meta, newer, "x.md")
    assert warning is not None and "translation out of date" in warning.message
    assert i18n.stale_notice_html(meta, {"reviewed": dt.date(2026, 1, 5)}, "x") == ""
    assert i18n.stale_warning("docs-es/x.md", meta, {"reviewed": dt.date(2025, 1, 1)}, "x.md") is None


def test_the_notice_escapes_its_link():
    html = i18n.stale_notice_html({"source_reviewed": dt.date(2026, 1, 1)}, {"reviewed": dt.date(2026, 2, 1)},
                                  '"><script>x</script>')
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html


# -- the switch and hreflang ------------------------------------------------------------------

def test_switch_and_counterpart_addresses():
    assert i18n.url_of("index.md") == "" and i18n.url_of("about/index.md") == "about/"
    assert i18n.url_of("understand/risks.md") == "understand/risks/"
    assert 'href="../../es/understand/risks/"' in i18n.switch_html("understand/risks/", "en", True)
    assert 'href="../../es/"' in i18n.switch_html("understand/formats/", "en", False)
    assert 'href="../../../understand/risks/"' in i18n.switch_html("understand/risks/", "es", True)
    assert 'href="../"' in i18n.switch_html("", "es", True) and 'lang="en"' in i18n.switch_html("", "es", True)


def test_fix_alternates_points_the_menu_at_the_counterpart_and_leaves_the_head():
    theme = ('<link rel="alternate" href="../../../" hreflang="en">'
             '<a href="../../../" hreflang="en" class="md-select__link"><a href="./" hreflang="es" class="md-select__link">')
    out = i18n.fix_alternates(theme, "understand/risks/", "es", True, "https://example.org/g/es/")
    # the theme fetches sitemap.xml next to each head link: they stay at the language roots
    assert '<link rel="alternate" href="../../../" hreflang="en">' in out
    assert '<a href="../../../understand/risks/" hreflang="en" class="md-select__link">' in out
    assert '<a href="../../../es/understand/risks/" hreflang="es" class="md-select__link">' in out
    alone = i18n.fix_alternates(theme, "understand/formats/", "en", False, "https://example.org/g/")
    assert '<a href="../../es/" hreflang="es" class="md-select__link">' in alone


def test_the_sitemap_lists_both_languages_with_hreflang_pairs(tmp_path):
    url = "<url>\n <loc>https://x.org/g/{}</loc>\n</url>"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    (tmp_path / "es").mkdir()
    (tmp_path / "sitemap.xml").write_text(head + "\n".join(url.format(p) for p in ("", "a/", "b/")) + "\n</urlset>\n")
    (tmp_path / "es" / "sitemap.xml").write_text(head + "\n".join(url.format(p) for p in ("es/", "es/a/")) + "\n</urlset>\n")
    i18n.merge_sitemaps(tmp_path, "es")
    text = (tmp_path / "sitemap.xml").read_text()
    entries = re.findall(r"<url>.*?</url>", text, re.DOTALL)
    assert len(entries) == 5 and 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in text
    pairs = {re.search("<loc>([^<]*)", e).group(1): re.findall(r'hreflang="([^"]+)" href="([^"]+)"', e) for e in entries}
    assert pairs["https://x.org/g/a/"] == pairs["https://x.org/g/es/a/"] == [
        ("en", "https://x.org/g/a/"), ("es", "https://x.org/g/es/a/"), ("x-default", "https://x.org/g/a/")]
    assert pairs["https://x.org/g/b/"] == []  # no translation, no pair
    assert pairs["https://x.org/g/"][1] == ("es", "https://x.org/g/es/")
    assert (tmp_path / "sitemap.xml.gz").is_file()


# -- checklists in two languages --------------------------------------------------------------

ENGLISH = {"c": ("1", {"a": ("essential", []), "b": (None, ["k2020"])})}


def spanish(*items, version="1"):
    sections = [checklists.Section("S", [checklists.Item(i, "t", priority=p, cite_keys=list(k)) for i, p, k in items])]
    return {"c": checklists.Checklist("c", "T", "I", version, sections, [], "docs-es/checklists/c.yml")}


def test_the_same_items_pass():
    assert i18n.pair_checklists(ENGLISH, spanish(("a", "essential", []), ("b", None, ["k2020"])),
                                "docs-es/checklists", {}) == []


def test_a_missing_or_extra_item_names_file_line_and_id():
    found = i18n.pair_checklists(ENGLISH, spanish(("a", "essential", []), ("z", None, [])), "docs-es/checklists",
                                 {"c": {"z": 14}})
    assert {(p.file, p.line, p.field) for p in found} == {("docs-es/checklists/c.yml", None, "b"),
                                                           ("docs-es/checklists/c.yml", 14, "z")}
    assert any("'b' is in docs/checklists/c.yml but not translated here" in p.message for p in found)
    assert any("'z' is not in docs/checklists/c.yml" in p.message for p in found)


def test_priority_cites_version_and_whole_files_must_match():
    found = i18n.pair_checklists(ENGLISH, spanish(("a", "important", []), ("b", None, []), version="2"),
                                 "docs-es/checklists", {"c": {"a": 3, "b": 7}})
    assert sorted((p.line, p.field) for p in found if p.line) == [(3, "a"), (7, "b")]
    assert any(p.field == "version" for p in found)
    assert i18n.pair_checklists(ENGLISH, {}, "docs-es/checklists", {})[0].message == "checklist 'c' has no translation"
    extra = i18n.pair_checklists({}, spanish(("a", None, [])), "docs-es/checklists", {})
    assert extra[0].message == "checklist 'c' has no English original"


def test_item_lines_and_the_english_outline():
    text = "id: c\nsections:\n  - title: S\n    items:\n      - id: a\n        text: x\n      - id: 'b'\n"
    assert i18n.item_lines(text) == {"a": 5, "b": 7}
    outline = i18n.english_outline(ROOT / "docs" / "checklists")
    assert set(outline) == {"choose-platform", "first-session", "right-for-me"}
    assert outline["first-session"][1]["test-call"] == ("essential", ["banbury2018"])


def test_the_real_spanish_checklists_match_the_english():
    outline = i18n.english_outline(ROOT / "docs" / "checklists")
    for cid in outline:
        text = (ROOT / "docs-es" / "checklists" / f"{cid}.yml").read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        ids = {item["id"] for s in data["sections"] for item in s["items"]}
        assert ids == set(outline[cid][1]), cid


# -- plain Spanish ------------------------------------------------------------------------------

def test_fernandez_huerta_runs_offline_and_ranks_text():
    easy = prose_es.ease("Usted se une desde casa. Habla con otras personas. Es fácil.")
    hard = prose_es.ease("La implementación interinstitucional de intervenciones psicoterapéuticas "
                         "multidimensionales requiere consideraciones metodológicas extraordinariamente complejas.")
    assert easy > 90 > 40 > hard


def test_a_hard_spanish_page_fails_with_its_hardest_sentence(tmp_path):
    hard = ("La implementación interinstitucional de intervenciones psicoterapéuticas multidimensionales "
            "requiere consideraciones metodológicas extraordinariamente complejas. ") * 3
    found = prose_es.check_article(source(es_page("A", "") + hard + "\n"))
    assert len(found) == 1 and "Fernández-Huerta reading ease" in found[0].message
    assert "line 10 (" in found[0].fix  # the hard sentences, with their line and score


def test_spanish_spelling_catches_a_typo_and_keeps_the_word_list(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("---\ntitle: Hola\n---\n\nLas pesronas hablan con el grupo.\n", encoding="utf-8")
    words = tmp_path / "words.txt"
    words.write_text("", encoding="utf-8")
    found = prose_es.check_spelling([md], tmp_path, words)
    assert [(p.line, p.message) for p in found] == [(5, "unknown Spanish word 'pesronas'")]
    assert ".spelling-es.txt" in found[0].fix
    words.write_text("pesronas\n", encoding="utf-8")
    assert prose_es.check_spelling([md], tmp_path, words) == []


def test_every_spanish_article_passes_the_plain_spanish_checks():
    problems, table = prose_es.lint(ROOT)
    assert not problems, "\n".join(map(str, problems))
    assert len(table) >= 12 and all(row.ease >= prose_es.EASE_MIN for row in table)


# -- the build ------------------------------------------------------------------------------------

def two_language_fixture(tmp: Path, es_pages: dict[str, str]) -> Path:
    config = fixture_site(tmp, {"index.md": page("Home"), "a.md": page("A")}, bib=MINIMAL_BIB)
    add_spanish_edition(tmp, config)
    for name, body in es_pages.items():
        path = tmp / "docs-es" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return config


def test_a_spanish_page_missing_its_counterpart_fails_the_build(tmp_path):
    config = two_language_fixture(tmp_path, {
        "index.md": es_page("Inicio", "translation_of: index.md\nsource_reviewed: 2026-11-01\n"),
        "b.md": es_page("B", "translation_of: b.md\nsource_reviewed: 2026-11-01\n")})
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs-es/b.md:6: [translation_of] the English counterpart docs/b.md does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_languages_build_with_switch_lang_and_a_stale_notice(tmp_path):
    config = two_language_fixture(tmp_path, {
        "index.md": es_page("Inicio", "translation_of: index.md\nsource_reviewed: 2026-11-01\n"),
        "a.md": es_page("A", "translation_of: a.md\nsource_reviewed: 2026-01-01\n")})
    result = run_mkdocs(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    es = (site / "es" / "a" / "index.html").read_text(encoding="utf-8")
    en = (site / "a" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in es and '<html lang="en"' in en
    assert 'href="../../a/" hreflang="en" lang="en">This page in English</a>' in es
    assert 'href="../es/a/" hreflang="es" lang="es">Esta página en español</a>' in en
    assert "La versión en inglés se actualizó el 1 de noviembre de 2026" in es
    assert "translation out of date" in result.stderr  # listed in the review summary, not an error
    assert "https://example.org/guide/es/a/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert re.search(r"^/es/embed/\*$", headers, re.MULTILINE) and not (site / "es" / "_headers").exists()


# -- the pattern for the decision aid and crisis data -----------------------------------------

def read(text: str, shown: str):
    from guide import yamldata

    data, lines, problems = yamldata.read(text, shown, empty_fix="", nesting_fix="")
    assert not problems
    return data, lines


AID_EN = """version: 1
options:
  - id: online-group
    name: Online group
  - id: wait
    name: Waiting
things:
  - id: travel
    name: Not having to travel
    fits:
      online-group: {fit: better, reason: Join from home., cite: [banbury2018]}
"""


def test_pair_data_accepts_translated_text_with_the_same_ids_and_facts():
    en, _ = read(AID_EN, "docs/data/decision-aid.yml")
    es, lines = read(AID_EN.replace("Online group", "Grupo en línea").replace("Waiting", "Esperar")
                     .replace("Not having to travel", "No tener que viajar").replace("Join from home.", "Desde casa."),
                     "docs-es/data/decision-aid.yml")
    assert i18n.pair_data(en, es, "docs-es/data/decision-aid.yml", lines, "docs/data/decision-aid.yml") == []


def test_pair_data_names_missing_and_extra_ids_and_changed_facts_with_lines():
    en, _ = read(AID_EN, "docs/data/decision-aid.yml")
    es, lines = read(AID_EN.replace("  - id: wait\n    name: Waiting\n", "  - id: later\n    name: Luego\n")
                     .replace("fit: better", "fit: worse"), "docs-es/data/decision-aid.yml")
    found = i18n.pair_data(en, es, "docs-es/data/decision-aid.yml", lines, "docs/data/decision-aid.yml")
    by_field = {p.field: p for p in found}
    # a changed value is named by its entries' ids, and placed by line
    assert set(by_field) == {"wait", "later", "things.travel.fits.online-group.fit"}
    assert by_field["later"].line == 5 and "is not in docs/data/decision-aid.yml" in by_field["later"].message
    assert "not translated here" in by_field["wait"].message
    fit = by_field["things.travel.fits.online-group.fit"]
    assert fit.line == 11 and fit.message == "'things.travel.fits.online-group.fit' is 'worse'; the English has 'better'"


def test_the_spanish_crisis_page_renders_from_the_data():
    """"Ayuda inmediata" types no number: its lines come from docs/data/crisis.yml (the facts) and
    docs-es/data/crisis.yml (the words). 024 (Spain) and Línea de la Vida (Mexico) wait until their
    official pages can be checked."""
    page = (ROOT / "docs-es" / "get-help-now.md").read_text(encoding="utf-8")
    assert "<!-- guide:crisis-lines -->" in page
    assert not re.search(r"\((tel|sms):", page)
    assert not re.search(r"(?<![\w.])024(?!\d)", page) and "800 911 2000" not in page
