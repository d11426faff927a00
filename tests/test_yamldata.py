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


def test_libyaml_and_the_python_loader_agree_and_errors_read_the_same(monkeypatch):
    """read() composes with libyaml when it is there; a syntax error is read again by the Python
    loader, so its message and hint do not depend on the machine."""
    import yaml

    from guide import yamldata

    text = "title: A\nsections:\n  - id: one\n    items:\n      - {id: a, text: 'x: y'}\n"
    bad = "title: A\nitems: 1\n- b\n"  # tokens are fine (scan passes); composing fails
    fast = yamldata.read(text, "f.yml", empty_fix="", nesting_fix="")
    fast_bad = yamldata.read(bad, "f.yml", empty_fix="", nesting_fix="")
    monkeypatch.setattr(yamldata, "_C_LOADER", None)
    slow = yamldata.read(text, "f.yml", empty_fix="", nesting_fix="")
    slow_bad = yamldata.read(bad, "f.yml", empty_fix="", nesting_fix="")
    assert yaml.__with_libyaml__, "libyaml is part of the pinned PyYAML wheel"
    assert fast[0] == slow[0] and fast[1].value == slow[1].value and fast[1].key == slow[1].key
    assert fast_bad[0] is None and fast_bad[2] == slow_bad[2] and fast_bad[2][0].line == 3
    assert "expected <block end>, but found '-'" in fast_bad[2][0].message  # libyaml says "did not find expected key"


def test_each_data_file_refuses_a_top_level_that_is_not_fields():
    """One rule (yamldata.read_mapping) for every data file, each with its own words."""
    from guide import checklists, crisis, decision_aid, ipdas

    text = "- just\n- a list\n"
    found = {
        "a checklist": checklists.parse(text, "docs/checklists/x.yml", "x")[1],
        "the decision aid": decision_aid.parse(text, "docs/data/decision-aid.yml")[1],
        "the self-assessment": ipdas.parse(text, "docs/data/ipdas.yml", checklists.Context())[1],
        "the crisis file": crisis.parse(text, "docs/data/crisis.yml")[1],
    }
    for what, problems in found.items():
        assert [(p.line, p.message) for p in problems] == [(1, f"{what} must be a set of 'name: value' fields")]
        assert problems[0].fix.startswith("start with '") and "(see schema/" in problems[0].fix
