"""Limits on what reaches Markdown, so no page can make the build hang.

Python-Markdown reads most text in linear time, but a few shapes cost it time that grows with
the square of their count within one paragraph (measured with Markdown 3.11: 4,000 unclosed
``[`` take 15 s, 3,000 unclosed ``<a `` 12 s; 200,000 would take days), and deep nesting
recurses. Real pages have none of these, so :func:`check` refuses them, in one linear pass over
the page, before Markdown runs:

* more than :data:`MAX_UNCLOSED` ``[`` without a matching ``]`` in the same paragraph, in the
  whole page (stray brackets), or link addresses ``](`` never closed with ``)`` (``[a](`` repeated);
* more than :data:`MAX_UNCLOSED` ``<`` that start a tag but never end it with ``>`` in their
  paragraph;
* a blockquote nested deeper than :data:`MAX_QUOTE` (``> > > ...``) or a line indented more
  than :data:`MAX_INDENT` columns (lists nested far too deep).

Each problem names the line of the first offending character. The size of a page is capped by
:mod:`guide.textfile`.
"""

from __future__ import annotations

import re

from guide.errors import Problem

MAX_UNCLOSED = 200
MAX_QUOTE = 10
MAX_INDENT = 48
_TOKENS = re.compile(r"\]\(|\[|\]|\)|<(?=[A-Za-z/!?])|>|\n[ \t]*\n")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?){%d}" % (MAX_QUOTE + 1), re.MULTILINE)
_INDENT = re.compile(r"^[ \t]{%d,}\S" % (MAX_INDENT + 1), re.MULTILINE)
FIX = ("close each '[' with ']', each '](' with ')' and each '<' with '>' (or write '\\[' and '&lt;'), and keep "
       "quotes and lists at most a few levels deep")


def _line(text: str, at: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, at)


def check(text: str, shown: str, first_line: int = 1) -> list[Problem]:
    problems = []
    unclosed = {"[": 0, "(": 0, "<": 0}
    first: dict[str, int | None] = {"[": None, "(": None, "<": None}
    opens: dict[str, list[int]] = {"[": [], "(": [], "<": []}  # unclosed openers in this paragraph

    def end_paragraph() -> None:
        for kind in opens:
            if opens[kind] and first[kind] is None:
                first[kind] = opens[kind][0]
            unclosed[kind] += len(opens[kind])
            opens[kind] = []

    for match in _TOKENS.finditer(text):
        token = match.group()
        if token == "[":
            opens["["].append(match.start())
        elif token == "]" or token == "](":
            if opens["["]:
                opens["["].pop()
            if token == "](":
                opens["("].append(match.start())
        elif token == ")":
            if opens["("]:
                opens["("].pop()
        elif token == ">":
            if opens["<"]:
                opens["<"].pop()
        elif token == "<":
            opens["<"].append(match.start())
        else:
            end_paragraph()
    end_paragraph()
    names = {"[": "'[' without a matching ']'", "(": "link '](' without a closing ')'", "<": "'<' that starts a tag but never ends it with '>'"}
    for kind, count in unclosed.items():
        if count > MAX_UNCLOSED:
            problems.append(Problem(shown, _line(text, first[kind], first_line),
                                    f"the page has {count:,} {names[kind]} (the limit is {MAX_UNCLOSED}); "
                                    "Markdown would take hours to read it", FIX))
    quote = _QUOTE.search(text)
    if quote:
        problems.append(Problem(shown, _line(text, quote.start(), first_line),
                                f"a quote is nested more than {MAX_QUOTE} levels deep", FIX))
    indent = _INDENT.search(text)
    if indent:
        problems.append(Problem(shown, _line(text, indent.start(), first_line),
                                f"a line is indented more than {MAX_INDENT} columns (lists nested far too deep)",
                                FIX))
    return problems
