"""Our stylesheets reach readers without their comments; the rules are unchanged."""

from guide.assets import strip_css_comments, strip_site_css


def test_comments_go_rules_stay():
    css = "/* why */\na {\n  color: red; /* AA */\n}\n\n/* two\n   lines */\nb { x: 1 }\n"
    assert strip_css_comments(css) == "a {\n  color: red; \n}\nb { x: 1 }\n"


def test_strings_that_look_like_comments_are_kept():
    css = 'a::before { content: "/* not a comment */"; }\nb::after { content: \'*/\' }\n'
    assert strip_css_comments(css) == css


def test_an_unclosed_comment_leaves_the_file_as_it_was():
    css = "a { color: red }\n/* never closed\nb { x: 1 }\n"
    assert strip_css_comments(css) == css


def test_only_our_built_stylesheets_are_rewritten(tmp_path):
    sources = tmp_path / "overrides" / "assets"
    sources.mkdir(parents=True)
    (sources / "guide.css").write_text("/* c */\na { x: 1 }\n", encoding="utf-8")
    site = tmp_path / "site" / "assets"
    (site / "stylesheets").mkdir(parents=True)
    (site / "guide.css").write_text("/* c */\na { x: 1 }\n", encoding="utf-8")
    (site / "stylesheets" / "main.css").write_text("/* theme */\n", encoding="utf-8")
    assert strip_site_css(tmp_path / "site", sources) == ["assets/guide.css"]
    assert (site / "guide.css").read_text() == "a { x: 1 }\n"
    assert (sources / "guide.css").read_text() == "/* c */\na { x: 1 }\n"
    assert (site / "stylesheets" / "main.css").read_text() == "/* theme */\n"


def test_the_built_site_serves_them_without_comments(site_dir):
    built = (site_dir / "assets" / "guide.css").read_text(encoding="utf-8")
    assert "/*" not in built and ".md-typeset a" in built
