"""The shared YAML reader: every data file's first line of defence."""

from guide.yamldata import field_name, read

FIXES = {"empty_fix": "write something", "nesting_fix": "flatten it"}


def test_reads_data_and_lines():
    data, lines, problems = read("a: 1\nb:\n  - x\n  - y\n", "f.yml", **FIXES)
    assert problems == []
    assert data == {"a": 1, "b": ["x", "y"]}
    assert lines.of(("b", 1)) == 4
    assert lines.of(("b",)) == 2


def test_billion_laughs_is_refused_before_expansion():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n'
        for i in range(12))
    data, _, problems = read(bomb, "bomb.yml", **FIXES)
    assert data is None
    assert problems and all("anchors and aliases" in p.message for p in problems)
    assert {p.line for p in problems} == set(range(1, 14))
    assert all(p.file == "bomb.yml" for p in problems)


def test_duplicate_key_names_both_lines():
    data, _, problems = read("title: A\nother: x\ntitle: B\n", "d.yml", **FIXES)
    assert data is None
    assert len(problems) == 1
    assert problems[0].line == 3 and "first on line 1" in problems[0].message


def test_deep_nesting_is_refused():
    deep = "a: " + "[" * 50 + "]" * 50 + "\n"
    data, _, problems = read(deep, "deep.yml", **FIXES)
    assert data is None
    assert problems[0].message == "the YAML is nested far too deeply"
    assert problems[0].fix == "flatten it"


def test_syntax_error_names_line_and_field():
    data, _, problems = read('title: "open\nnext: x\n', "s.yml", **FIXES)
    assert data is None
    assert problems[0].line == 1 and problems[0].field == "title"
    assert "not valid YAML" in problems[0].message


def test_empty_file_uses_the_callers_fix():
    data, _, problems = read("# nothing\n", "e.yml", **FIXES)
    assert data is None and problems[0].fix == "write something"


def test_field_name():
    assert field_name(("sections", 0, "items", 2, "cite")) == "sections[0].items[2].cite"
    assert field_name((), "(crisis data)") == "(crisis data)"
