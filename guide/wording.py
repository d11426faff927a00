"""The words the guide's own code and templates put on pages, in each language.

Articles and data files carry their own text; this is everything else: "Sources", "Last reviewed",
button labels, the embed frame, the checklist's notes. It lives in ``guide/words/<code>.yml``, one
file a language, so a translator edits one YAML file and never a template::

    checklist:
      print: Print or save as PDF

Templates read it as ``w.checklist.print`` (``guide.render`` passes ``w``, the words of the
language being built); Python reads it with :func:`word` (``word("checklist.print")``).

Every language must have exactly the keys English has: a missing or extra key stops the build,
naming the file, the line and the key. A value may hold ``{name}`` placeholders; a translation
must use the same names. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from guide import yamldata
from guide.errors import GuideError, Problem

FOLDER = Path(__file__).resolve().parent / "words"
SHOWN = "guide/words/{code}.yml"
DEFAULT = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class Words:
    """A section of words: ``w.section.key`` (or ``w.section["nice-to-have"]``) in templates.
    Not a dict, so a word named like a dict method ("clear") is still the word. A missing key is
    an error, never ''."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, key: str) -> Any:
        try:
            return self._data[key]
        except KeyError:
            raise AttributeError(f"no word '{key}' in guide/words/*.yml") from None

    __getitem__ = __getattr__


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"checklist.print": "Print or save as PDF", ...}`` from the words (a mapping or Words)."""
    out: dict[str, Any] = {}
    for key, value in (data._data if isinstance(data, Words) else data).items():
        name = f"{prefix}{key}"
        if isinstance(value, (dict, Words)):
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def _wrap(data: dict) -> Words:
    return Words({k: _wrap(v) if isinstance(v, dict) else v for k, v in data.items()})


def check(code: str, text: str, english: dict[str, Any] | None, shown: str) -> tuple[dict | None, list[Problem]]:
    """Read one language's file and compare its keys with English (``english`` is the flat English
    words, or None for English itself)."""
    data, lines, problems = yamldata.read(
        text, shown, empty_fix="add the words, as in guide/words/en.yml",
        nesting_fix="words are sections of 'key: text' pairs, at most a few levels deep")
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "the file is not a mapping of sections", "write 'section:' then 'key: text' lines")]

    def path_of(name: str) -> tuple:
        return tuple(name.split("."))

    flat = _flat(data)
    for name, value in flat.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(shown, lines.of(path_of(name)), f"'{name}' is not text",
                                    "write the words as text (quote it if it starts with a special character)",
                                    field=name))
    if english is not None:
        for name, value in english.items():
            if name not in flat:
                problems.append(Problem(shown, None, f"'{name}' is missing (guide/words/en.yml has it)",
                                        f"add '{name}' with its {code} words", field=name))
            elif isinstance(flat[name], str) and set(_PLACEHOLDER.findall(flat[name])) != set(_PLACEHOLDER.findall(value)):
                problems.append(Problem(shown, lines.of(path_of(name)),
                                        f"'{name}' uses {sorted(set(_PLACEHOLDER.findall(flat[name])))}; "
                                        f"the English uses {sorted(set(_PLACEHOLDER.findall(value)))}",
                                        "keep the {names} in braces as in English; translate only the words",
                                        field=name))
        for name in flat:
            if name not in english:
                problems.append(Problem(shown, lines.of(path_of(name)), f"'{name}' is not in guide/words/en.yml",
                                        "add it to English first, or remove it here", field=name))
    return (data if not problems else None), problems


@functools.lru_cache(maxsize=8)
def _load(code: str, stamp: tuple[int, ...] = ()) -> Words:
    english_text = (FOLDER / f"{DEFAULT}.yml").read_text(encoding="utf-8")
    english, problems = check(DEFAULT, english_text, None, SHOWN.format(code=DEFAULT))
    if code != DEFAULT and english is not None:
        path = FOLDER / f"{code}.yml"
        if not path.is_file():
            raise GuideError([Problem(SHOWN.format(code=code), None, f"there are no words for '{code}'",
                                      f"copy guide/words/en.yml to guide/words/{code}.yml and translate it")])
        data, problems = check(code, path.read_text(encoding="utf-8"), _flat(english), SHOWN.format(code=code))
    else:
        data = english
    if problems:
        raise GuideError(problems)
    return _wrap(data)


def words(code: str) -> Words:
    """All the words of one language (``guide.i18n.current()`` is the language being built).
    Read again when a words file changes, so ``make serve`` shows an edit at once."""
    stamp = tuple(path.stat().st_mtime_ns if path.is_file() else 0
                  for path in (FOLDER / f"{DEFAULT}.yml", FOLDER / f"{code}.yml"))
    return _load(code, stamp)


def word(name: str, code: str) -> str:
    """One word by its dotted name, e.g. ``word("page.sources", "es")``."""
    value: Any = words(code)
    for part in name.split("."):
        value = value[part]
    return value


def names(code: str) -> frozenset[str]:
    """Every word's dotted name, e.g. ``checklist.print``."""
    return frozenset(_flat(words(code)))
