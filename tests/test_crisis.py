"""Crisis data (docs/data/crisis.yml): the real file is complete and valid; every kind of bad
input is refused with file, line and field; tel:/sms: links are valid; an old "verified" date is
listed in the review summary and never fails; every text is escaped; the build wires it all."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest

from guide import crisis
from guide.errors import Problem
from tests import support
from tests.support import ROOT, build_fixture, line_of, page, replace_once

SHOWN = "docs/data/crisis.yml"
TODAY = dt.date(2026, 11, 28)

GOOD = """\
general:
  name: Find A Helpline
  url: https://findahelpline.com
  text: Find a free, private helpline in your country.
  sources:
    - https://findahelpline.com
  verified: 2026-11-28
countries:
  - code: gb
    name: United Kingdom
    emergency: "999"
    lines:
      - name: Samaritans
        for: Anyone who is finding it hard to cope.
        hours: Day and night, every day
        languages: [English]
        cost: Free
        contacts:
          - how: call
            number: "116 123"
          - how: text
            number: "+44 7700 900123"
          - how: chat
            url: https://example.org/chat
    sources:
      - https://www.samaritans.org/how-we-can-help/contact-samaritan/
    verified: 2026-11-01
  - code: es
    name: Spain
    emergency: "112"
    lines: []
    sources:
      - https://pulizija.gov.mt/en/emergency-services-112/
    verified: 2026-11-28
"""


def parse(text: str, today: dt.date = TODAY):
    return crisis.parse(text, SHOWN, today=today)


def only_problem(text: str) -> Problem:
    return support.only_problem(parse(text))


def edit(old: str, new: str, text: str = GOOD) -> str:
    return replace_once(old, new, text)


# -- the real data -----------------------------------------------------------------------------

def real():
    data, problems = crisis.load(ROOT / "docs")
    assert problems == [], "\n".join(map(str, problems))
    return data


def test_real_file_is_valid_and_covers_the_countries_we_could_verify():
    data = real()
    codes = [c.code for c in data.countries]
    for code in ("us", "ca", "gb", "ie", "au", "nz", "es"):
        assert code in codes
    assert len(codes) == len(set(codes))
    assert data.general.url == "https://findahelpline.com"


def test_real_numbers_are_the_verified_ones():
    data = real()
    emergency = {c.code: c.emergency for c in data.countries}
    assert emergency == {"us": "911", "ca": "911", "gb": "999", "ie": "112", "au": "000", "nz": "111", "es": "112"}
    lines = {c.code: [(line.name, [(x.how, x.number) for x in line.contacts if x.number]) for line in c.lines]
             for c in data.countries}
    assert lines["us"][0][1] == [("call", "988"), ("text", "988")]
    assert lines["ca"][0][1] == [("call", "988"), ("text", "988")]
    assert lines["gb"] == [("Samaritans", [("call", "116 123")])]
    assert lines["ie"] == [("Samaritans", [("call", "116 123")])]
    assert lines["au"] == [("Lifeline", [("call", "13 11 14")])]
    assert lines["nz"][0][1] == [("call", "1737"), ("text", "1737")]
    assert lines["es"] == []  # 024 could not be checked on a government page: left out


def test_every_real_entry_has_https_sources_and_a_date_within_a_year():
    data = real()
    for country in data.countries:
        assert country.sources and all(s.startswith("https://") for s in country.sources), country.code
        assert isinstance(country.verified, dt.date)
    assert crisis.stale(data, data.countries[0].verified) == []


def test_every_real_link_is_a_valid_tel_sms_or_https_link():
    data = real()
    for country in data.countries:
        assert re.fullmatch(r"tel:\+?\d{2,15}", country.emergency_href)
        for line in country.lines:
            for contact in line.contacts:
                assert re.fullmatch(r"(tel:\+?\d{2,15}|sms:\+?\d{2,15}|https://\S+)", contact.href), contact


def test_schema_is_valid_and_accepts_the_real_file():
    schema = json.loads((ROOT / "schema" / "crisis.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


# -- links ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("shown, href", [("116 123", "tel:116123"), ("13 11 14", "tel:131114"),
                                         ("+44 7700-900123", "tel:+447700900123"), ("988", "tel:988")])
def test_tel_links(shown, href):
    assert crisis.tel_href(shown) == href
    assert crisis.sms_href(shown) == "sms:" + href[4:]


@pytest.mark.parametrize("bad", ["", "1", "98a", "tel:988", "988;ext=1", "+", "1234567890123456", "javascript:1"])
def test_bad_tel_links_are_refused(bad):
    with pytest.raises(ValueError):
        crisis.tel_href(bad)
    with pytest.raises(ValueError):
        crisis.sms_href(bad)


# -- good input ----------------------------------------------------------------------------------

def test_good_file_loads():
    data, problems = parse(GOOD)
    assert problems == []
    gb = data.country("gb")
    assert gb.emergency_href == "tel:999"
    assert [c.href for c in gb.lines[0].contacts] == ["tel:116123", "sms:+447700900123", "https://example.org/chat"]
    assert gb.verified == dt.date(2026, 11, 1)
    assert data.country("es").lines == []
    assert data.numbers == ["999", "116 123", "+44 7700 900123", "112"]


# -- bad input: file, line, field and a fix -----------------------------------------------------

BAD = [
    # (name, yaml, line needle, field, words in the message, words in the fix)
    ("letters in a number", edit('number: "116 123"', 'number: "116 12A"'), "116 12A",
     "countries[0].lines[0].contacts[0].number", "is not a phone number", "double quotes"),
    ("number without quotes", edit('emergency: "999"', "emergency: 999"), "emergency: 999",
     "countries[0].emergency", "wrong kind of value", "double quotes"),
    ("number too long for tel:", edit('number: "116 123"', 'number: "1234 5678 9012 3456"'), "1234 5678",
     "countries[0].lines[0].contacts[0].number", "invalid tel: link", "check the number"),
    ("text number too long for sms:", edit('number: "+44 7700 900123"', 'number: "+44 7700 900123 4567"'),
     "+44 7700 900123 4567", "countries[0].lines[0].contacts[1].number", "invalid sms: link", "check the number"),
    ("tel: written by hand", edit('number: "116 123"', 'number: "tel:116123"'), "tel:116123",
     "countries[0].lines[0].contacts[0].number", "is not a phone number", "double quotes"),
    ("http source", edit("    - https://findahelpline.com", "    - http://findahelpline.com"),
     "- http://findahelpline.com", "general.sources[0]", "not an https:// address", "https://"),
    ("javascript chat", edit("url: https://example.org/chat", "url: javascript:alert(1)"), "javascript:",
     "countries[0].lines[0].contacts[2].url", "not an https:// address", "not allowed"),
    ("call without number", edit('          - how: call\n            number: "116 123"\n', "          - how: call\n"),
     "- how: call", "countries[0].lines[0].contacts[0].how", "gives no 'number'", "add 'number:'"),
    ("chat without url", edit("            url: https://example.org/chat\n", ""), "- how: chat",
     "countries[0].lines[0].contacts[2].how", "gives no 'url'", "add 'url:'"),
    ("chat with a number", edit("            url: https://example.org/chat\n",
                                "            url: https://example.org/chat\n            number: \"123\"\n"),
     'number: "123"', "countries[0].lines[0].contacts[2].number", "takes a url, not a number", "remove 'number:'"),
    ("unknown how", edit("          - how: chat", "          - how: fax"), "how: fax",
     "countries[0].lines[0].contacts[2].how", "'fax'", "call, text, chat"),
    ("unknown field", edit("    name: United Kingdom", "    name: United Kingdom\n    nmae: UK"), "nmae:",
     "countries[0].nmae", "unknown field 'nmae' in country 1 ('gb')", "code, name, emergency"),
    ("missing emergency", edit('    emergency: "999"\n', ""), "- code: gb", "countries[0].emergency",
     "has no 'emergency'", "add 'emergency:'"),
    ("bad code", edit("  - code: gb", "  - code: GBR"), "code: GBR", "countries[0].code",
     "not a country code", "two-letter ISO"),
    ("duplicate code", edit("  - code: es", "  - code: gb"), ("code: gb", 2), "countries[1].code",
     "used twice (first on line 9)", "list each country once"),
    ("duplicate key", edit("    name: Spain", "    name: Spain\n    name: España"), "name: España",
     "countries[1].name", "written twice", "keep one"),
    ("not a date", edit("  verified: 2026-11-01", "  verified: last week"), "verified: last week",
     "countries[0].verified", "not a date", "YYYY-MM-DD"),
    ("future date", edit("  verified: 2026-11-01", "  verified: 2027-01-01"), "verified: 2027-01-01",
     "countries[0].verified", "in the future", "actually checked"),
    ("no sources", edit("    sources:\n      - https://pulizija.gov.mt/en/emergency-services-112/\n", "    sources: []\n"),
     "sources: []", "countries[1].sources", "'sources' is empty", "at least one"),
    ("empty name", edit("      - name: Samaritans", '      - name: " "'), 'name: " "',
     "countries[0].lines[0].name", "is empty", "write the name"),
    ("yaml alias", edit("  name: Find A Helpline", "  name: &n Find A Helpline") + "x: *n\n", "&n",
     "name", "anchors and aliases", "write the text out"),
]


@pytest.mark.parametrize("name, text, needle, field, words, fix", BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_file_line_field_and_fix(name, text, needle, field, words, fix):
    data, problems = parse(text)
    assert data is None
    assert problems, name
    problem = problems[0]
    needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
    assert problem.file == SHOWN
    assert problem.line == line_of(text, needle, nth), str(problem)
    assert problem.field == field, str(problem)
    assert words in problem.message, str(problem)
    assert fix in problem.fix, str(problem)


def test_empty_and_non_mapping_files_are_refused():
    assert "empty" in only_problem("").message
    assert "'name: value'" in only_problem("- just\n- a list\n").message


def test_every_problem_in_a_file_is_reported_at_once():
    text = edit('emergency: "999"', 'emergency: "99x"', edit("  - code: es", "  - code: ES"))
    _, problems = parse(text)
    assert [p.field for p in problems] == ["countries[0].emergency", "countries[1].code"]


# -- an old check is listed, never failed --------------------------------------------------------

def test_stale_date_is_a_summary_line_not_an_error():
    text = edit("  verified: 2026-11-01", "  verified: 2025-06-30")
    data, problems = parse(text)
    assert problems == [] and data is not None
    assert crisis.stale(data, TODAY) == [("United Kingdom", dt.date(2025, 6, 30))]
    summary = crisis.review_summary(data, TODAY)
    assert "United Kingdom: verified 2025-06-30" in summary and SHOWN in summary
    assert crisis.review_summary(parse(GOOD)[0], TODAY) == ""
    html = crisis.render_page(data, TODAY)
    gb = html[html.index('id="gb"'):html.index('id="es"')]
    assert "more than a year ago" in gb
    assert "30 June 2025" in gb
    assert "more than a year ago" not in html[html.index('id="es"'):]


def test_a_date_exactly_a_year_old_is_not_stale():
    data, _ = parse(edit("  verified: 2026-11-01", "  verified: 2025-11-28"))
    assert crisis.stale(data, TODAY) == []


# -- rendering -----------------------------------------------------------------------------------

def test_page_lists_countries_first_then_emergency_number_first_in_each():
    html = crisis.render_page(parse(GOOD)[0], TODAY)
    assert html.index("Find your country") < html.index('id="gb"')
    assert '<a href="#gb">United Kingdom</a>' in html and '<a href="#elsewhere">' in html
    gb = html[html.index('id="gb"'):html.index('id="es"')]
    assert gb.index('href="tel:999"') < gb.index('href="tel:116123"')
    assert 'class="ogt-help__tap" href="sms:+447700900123"' in gb
    assert '<span class="ogt-help__number">116 123</span>' in gb
    assert "samaritans.org" in gb  # the source, by its site's name
    es = html[html.index('id="es"'):html.index('id="elsewhere"')]
    assert "not checked a crisis line here yet" in es and 'href="tel:112"' in es


def test_all_text_is_escaped():
    text = edit("      - name: Samaritans", '      - name: "<script>alert(1)</script> & co"')
    text = edit("  text: Find a free, private helpline in your country.", '  text: "<img src=x onerror=alert(1)>"', text)
    data, problems = parse(text)
    assert problems == []
    for html in (crisis.render_page(data, TODAY), crisis.render_embed_line(data, "https://x.org/get-help-now/")):
        assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in crisis.render_page(data, TODAY)


def test_embed_line_shows_general_and_hides_each_country():
    html = crisis.render_embed_line(parse(GOOD)[0], "https://x.org/get-help-now/")
    general = re.search(r'<p class="ogt-crisis-line__general" data-ogt-region="general">.*?</p>', html, re.S).group(0)
    assert "hidden" not in general and "local emergency number" in general
    assert 'href="https://findahelpline.com"' in general
    gb = re.search(r'<p [^>]*data-ogt-region="gb"[^>]*>.*?</p>', html, re.S).group(0)
    assert " hidden>" in gb and 'href="tel:999"' in gb and 'href="tel:116123"' in gb
    assert 'href="https://x.org/get-help-now/#gb"' in gb
    assert "example.org/chat" not in gb  # calls and texts only: one short line
    assert crisis.render_embed_line(None, "https://x.org/h/").count("data-ogt-region") == 1
    assert "ogt-crisis-line--print" not in html


def test_print_line_has_every_country_and_the_full_help_address():
    html = crisis.render_print_line(parse(GOOD)[0], "https://x.org/get-help-now/")
    assert 'class="ogt-crisis-line ogt-crisis-line--print"' in html
    assert "Get help now: https://x.org/get-help-now/" in html
    assert "Find A Helpline: https://findahelpline.com" in html  # on paper, the address itself
    assert "United Kingdom: 999, 116 123. Spain: 112." in html
    assert "<a " not in html and " hidden" not in html


def test_checklist_pages_carry_the_print_line_and_other_pages_do_not(tmp_path):
    from guide.site import Build

    (tmp_path / "docs" / "data").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "crisis.yml").write_text(GOOD, encoding="utf-8")
    build = Build(tmp_path, "docs", site_url="https://x.org/guide/")
    build.crisis, _ = crisis.load(tmp_path / "docs")
    with_list = build.page_html("a.md", '<h1>A</h1><form data-ogt-checklist="demo"></form>', {})
    without = build.page_html("b.md", "<h1>B</h1><p>Text</p>", {})
    assert "Get help now: https://x.org/guide/get-help-now/" in with_list and "116 123" in with_list
    assert "ogt-crisis-line" not in without


# -- the build ------------------------------------------------------------------------------------

HELP = page("Get help now", "Short words first.\n\n<!-- guide:crisis-lines -->\n")


def test_fixture_site_renders_the_page_from_the_data(tmp_path):
    result = build_fixture(tmp_path, {"index.md": page("Home"), "get-help-now.md": HELP, "data/crisis.yml": GOOD},
                           bib="", extra_config={"exclude_docs": "data/\n"})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "get-help-now" / "index.html").read_text(encoding="utf-8")
    assert 'id="gb"' in html and 'href="tel:116123"' in html
    assert not (tmp_path / "site" / "data").exists()


def test_bad_crisis_file_stops_the_build_with_file_and_line(tmp_path):
    bad = edit('number: "116 123"', 'number: "116 12A"')
    result = build_fixture(tmp_path, {"index.md": page("Home"), "get-help-now.md": HELP, "data/crisis.yml": bad},
                           bib="", extra_config={"exclude_docs": "data/\n"})
    assert result.returncode != 0
    assert f"docs/data/crisis.yml:{line_of(bad, '116 12A')}: [countries[0].lines[0].contacts[0].number]" in result.stderr
    assert "Traceback" not in result.stderr


def test_stale_crisis_file_builds_and_is_listed_in_the_review_summary(tmp_path):
    old = edit("  verified: 2026-11-01", "  verified: 2020-01-01")
    result = build_fixture(tmp_path, {"index.md": page("Home"), "get-help-now.md": HELP, "data/crisis.yml": old},
                           bib="", extra_config={"exclude_docs": "data/\n"})
    assert result.returncode == 0, result.stderr
    assert "United Kingdom: verified 2020-01-01" in result.stderr
    html = (tmp_path / "site" / "get-help-now" / "index.html").read_text(encoding="utf-8")
    assert "more than a year ago" in html


def test_marker_without_the_data_file_stops_the_build(tmp_path):
    result = build_fixture(tmp_path, {"index.md": page("Home"), "get-help-now.md": HELP}, bib="")
    assert result.returncode != 0
    assert "docs/get-help-now.md:" in result.stderr and "needs data/crisis.yml" in result.stderr


def test_clinics_page_lists_exactly_the_codes_in_the_data():
    text = (ROOT / "docs" / "about" / "clinics.md").read_text(encoding="utf-8")
    listed = re.findall(r"`([a-z]{2})` \(([^)]+)\)", text)
    assert listed == [(c.code, c.name) for c in real().countries], \
        "docs/about/clinics.md: the list of data-region codes differs from docs/data/crisis.yml"


def test_crisis_text_is_plain():
    """The words the data puts on "Get help now" read at grade 8 or lower, like every article."""
    from guide import readability

    data = real()
    text = " ".join(f"{line.hours}. {line.cost or ''}. For: {line.for_whom}"
                    for country in data.countries for line in country.lines) + " " + data.general.text
    measure = readability.measure(text)
    print(f"\ncrisis data text: grade {measure.grade:.1f}")
    assert measure.grade <= 8, f"docs/data/crisis.yml: the lines' text reads at grade {measure.grade:.1f} > 8"


def test_no_article_or_checklist_hard_codes_a_crisis_number():
    """Each number has one home: articles link to Get help now instead of typing numbers."""
    numbers = real().numbers
    found = []
    for path in sorted([*(ROOT / "docs").rglob("*"), *(ROOT / "docs-es").rglob("*")]):
        if path.suffix not in (".md", ".yml") or path.name == "crisis.yml" or path.name == "get-help-now.md":
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        found += [f"{rel}: a {m.group(0)} link" for m in re.finditer(r"\b(tel|sms):", text)]
        found += [f"{rel}: '{n}'" for n in numbers if re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d.,%])", text)]
    assert not found, "link to Get help now instead of writing crisis numbers:\n" + "\n".join(found)


# -- the Spanish words over the English facts (docs-es/data/crisis.yml) -------------------------

WORDS_ES = """\
general:
  name: Find A Helpline
  text: Busque una línea gratuita en su país.
countries:
  - code: gb
    name: Reino Unido
    lines:
      - name: Samaritans
        for: cualquier persona a la que le cueste salir adelante.
        hours: De día y de noche
        languages: [inglés]
        cost: Gratis
  - code: es
    name: España
"""


def translated(tmp_path, words: str | None = WORDS_ES, english: str = GOOD):
    (tmp_path / "docs" / "data").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "crisis.yml").write_text(english, encoding="utf-8")
    (tmp_path / "docs-es" / "data").mkdir(parents=True)
    if words is not None:
        (tmp_path / "docs-es" / "data" / "crisis.yml").write_text(words, encoding="utf-8")
    return crisis.load_translation(tmp_path / "docs", tmp_path / "docs-es", "docs-es")


def test_the_words_are_laid_over_the_english_facts(tmp_path):
    data, problems = translated(tmp_path)
    assert problems == []
    gb = data.country("gb")
    assert (gb.name, gb.emergency) == ("Reino Unido", "999")
    assert gb.lines[0].for_whom == "cualquier persona a la que le cueste salir adelante."
    assert [c.href for c in gb.lines[0].contacts] == ["tel:116123", "sms:+447700900123", "https://example.org/chat"]
    assert data.country("es").name == "España" and data.general.url == "https://findahelpline.com"


@pytest.mark.parametrize("words, field, needle, says", [
    (WORDS_ES.replace("    name: Reino Unido\n", "    name: Reino Unido\n    emergency: \"998\"\n"),
     "emergency", "emergency:", "is a fact, not words"),
    (WORDS_ES.replace("  - code: es\n    name: España\n", ""), "es", "countries:", "not translated here"),
    (WORDS_ES + "  - code: mx\n    name: México\n", "mx", "code: mx", "is not in docs/data/crisis.yml"),
    (WORDS_ES.replace("        cost: Gratis\n", ""), "cost", "      - name: Samaritans", "has no 'cost'"),
    (WORDS_ES.replace("        languages: [inglés]\n", "        languages: [inglés, español]\n"),
     "languages", "languages:", "should be like the English"),
    (WORDS_ES.replace("  text: Busque", "  url: https://example.org\n  text: Busque"), "url", "url:", "is a fact"),
])
def test_a_bad_translation_names_file_line_and_field(tmp_path, words, field, needle, says):
    data, problems = translated(tmp_path, words)
    assert data is None and len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert (problem.file, problem.field, problem.line) == ("docs-es/data/crisis.yml", field, line_of(words, needle))
    assert says in problem.message and problem.fix


def test_a_translation_without_crisis_words_fails_with_the_fix(tmp_path):
    data, problems = translated(tmp_path, None)
    assert data is None and "create docs-es/data/crisis.yml" in problems[0].fix


def test_the_real_spanish_words_keep_every_english_number():
    from guide import i18n

    english = real()
    spanish, problems = crisis.load_translation(ROOT / "docs", ROOT / "docs-es", "docs-es")
    assert problems == [], "\n".join(map(str, problems))

    def facts(data):
        return [(c.code, c.emergency, [x.href for line in c.lines for x in line.contacts]) for c in data.countries]

    assert facts(spanish) == facts(english)
    assert spanish.country("us").name == "Estados Unidos"
    notes = [x.note for x in spanish.country("us").lines[0].contacts]
    assert notes[0].startswith("Marque 2") and "AYUDA" in notes[1]
    i18n.use("es")
    try:
        html = crisis.render_page(spanish, TODAY)
        embed = crisis.render_embed_line(spanish, "https://example.org/es/get-help-now/")
    finally:
        i18n.use("en")
    assert "Busque su país" in html and "Find your country" not in html and 'href="sms:988"' in html
    assert "28 de noviembre de 2026" in html and "Escriba AYUDA" in html
    assert "Si está en peligro ahora" in embed and "In danger now" not in embed and "Marque 2" in embed


@pytest.mark.parametrize("bad, says", [
    (b"Samaritans caf\xe9", "is not UTF-8 text"),
    (b"Samaritans\x00", "a NUL byte is not allowed"),
])
def test_a_crisis_file_with_bad_bytes_names_the_file_and_line(tmp_path, bad, says):
    """The crisis files go through guide/textfile.py like every other input: English and Spanish."""
    line = line_of(GOOD, "- name: Samaritans")
    english = GOOD.encode().replace(b"Samaritans", bad, 1)
    (tmp_path / "docs" / "data").mkdir(parents=True)
    (tmp_path / "docs" / "data" / "crisis.yml").write_bytes(english)
    data, problems = crisis.load(tmp_path / "docs")
    assert data is None and [(p.file, p.line) for p in problems] == [("docs/data/crisis.yml", line)]
    assert says in problems[0].message and problems[0].fix
    (tmp_path / "docs" / "data" / "crisis.yml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "docs-es" / "data").mkdir(parents=True)
    (tmp_path / "docs-es" / "data" / "crisis.yml").write_bytes(WORDS_ES.encode().replace(b"Samaritans", bad, 1))
    data, problems = crisis.load_translation(tmp_path / "docs", tmp_path / "docs-es", "docs-es")
    assert data is None and [p.file for p in problems] == ["docs-es/data/crisis.yml"]
    assert says in problems[0].message and problems[0].line == line_of(WORDS_ES, "- name: Samaritans")


def test_the_english_facts_are_checked_before_the_words(tmp_path):
    data, problems = translated(tmp_path, english=GOOD.replace('emergency: "999"', 'emergency: "99x"'))
    assert data is None and [(p.file, p.line) for p in problems] == [(SHOWN, line_of(GOOD, 'emergency: "999"'))]
