"""Plain-language measures for an article's body text, and for short text such as checklist help.

The prose is the running text: headings, tables, code, HTML, link targets and citation markers
are taken out first. Each list item counts as its own sentence, because a reader meets it that way.

A page's grade is an average, so a few dense sentences can hide in it. Whenever a page fails, or
comes within :data:`NEAR` grade of failing, :attr:`Measure.hardest` names its hardest sentences,
each with its line and grade, so the editor knows where to start.

:func:`check_short` checks short pieces of text held in data files (checklist items and help;
decision-aid text can use it too): a word limit each, and a grade limit where one is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

from guide.errors import Problem

GRADE_MAX = 8.0
AVERAGE_WORDS_MAX = 20.0
LONG_SENTENCE_WORDS = 35
NEAR = 1.0  # a page within this many grades of the limit gets its hardest sentences listed
HARDEST_SHOWN = 3
HARDEST_MIN_WORDS = 6  # the grade of a very short sentence says little

_FENCED = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CITE = re.compile(r"\[@[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_CODE = re.compile(r"`[^`]*`")
_URL = re.compile(r"https?://\S+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(¿¡]?[A-Z0-9ÁÉÍÓÚÑ])")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def grade(self) -> float:
        return grade_of(self.text)


def grade_of(text: str) -> float:
    """Flesch-Kincaid grade of a piece of plain text (one sentence or a few), to one decimal."""
    text = text.strip()
    if not text:
        return 0.0
    return round(float(textstat.flesch_kincaid_grade(text if text[-1] in ".!?" else text + ".")), 1)


def sentences(markdown: str, first_line: int = 1) -> list[Sentence]:
    """Split an article body into the sentences a reader reads, each with its file line."""
    text = _FENCED.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    text = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    out: list[Sentence] = []
    paragraph: list[tuple[str, int]] = []

    def flush() -> None:
        if paragraph:
            joined = " ".join(t for t, _ in paragraph)
            start = paragraph[0][1]
            for part in _SENTENCE_END.split(joined):
                part = part.strip()
                if len(part.split()) >= 1 and re.search(r"[A-Za-z]", part):
                    out.append(Sentence(part, start))
            paragraph.clear()

    for offset, raw in enumerate(text.splitlines()):
        line = first_line + offset
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "|", "---", "***", "[^", "///", "!!!", "???")):
            flush()  # headings, tables, rules, footnotes and admonition titles are not prose
            continue
        item = re.match(r"^([-*+]|\d+[.)])\s+(\[[ xX]\]\s+)?(.*)$", stripped)
        if item:
            flush()
            paragraph.append((_clean(item.group(3)), line))
            continue
        if re.match(r"^[A-Za-z].*:$", stripped) is None and stripped.startswith(":"):
            stripped = stripped.lstrip(": ")
        paragraph.append((_clean(stripped), line))
    flush()
    return [s for s in out if s.text]


def _clean(text: str) -> str:
    text = _CITE.sub("", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTRS.sub("", text)
    text = _CODE.sub("", text)
    text = _URL.sub("", text)
    text = _TAG.sub("", text)
    text = re.sub(r"[*_]{1,3}", "", text)
    text = re.sub(r"^>\s*", "", text)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Measure:
    grade: float
    words: int
    sentences: int
    average_words: float
    long_sentences: tuple[Sentence, ...]
    hardest: tuple[tuple[Sentence, float], ...] = ()  # (sentence, grade), hardest first; near or over the limit only

    @property
    def near_limit(self) -> bool:
        return self.grade > GRADE_MAX - NEAR


def measure(markdown: str, first_line: int = 1) -> Measure:
    """Flesch-Kincaid grade, word count and sentence lengths of an article body."""
    found = sentences(markdown, first_line)
    words = sum(s.words for s in found)
    count = len(found)
    # Each sentence gets a full stop so that textstat counts it as one sentence.
    prose = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in found)
    grade = round(float(textstat.flesch_kincaid_grade(prose)), 1) if prose else 0.0
    return Measure(
        grade=grade,
        words=words,
        sentences=count,
        average_words=round(words / count, 1) if count else 0.0,
        long_sentences=tuple(s for s in found if s.words > LONG_SENTENCE_WORDS),
        hardest=hardest(found) if grade > GRADE_MAX - NEAR else (),
    )


def hardest(found: list[Sentence], n: int = HARDEST_SHOWN) -> tuple[tuple[Sentence, float], ...]:
    """The ``n`` sentences with the highest grade (of at least HARDEST_MIN_WORDS words), hardest first."""
    graded = [(s, s.grade) for s in found if s.words >= HARDEST_MIN_WORDS] or [(s, s.grade) for s in found]
    graded.sort(key=lambda pair: (-pair[1], pair[0].line))
    return tuple(graded[:n])


# ---------------------------------------------------------------------------------------------
# Short text in data files


@dataclass(frozen=True)
class ShortText:
    """One short piece of text from a data file, and the limits it must keep."""

    file: str  # as shown in messages, e.g. docs/checklists/first-session.yml
    line: int
    field: str  # e.g. sections[0].items[2].help
    text: str
    words_max: int
    grade_max: float | None = None  # None: too short for a grade to mean much (an item's one line)


def check_short(texts) -> list[Problem]:
    """A :class:`~guide.errors.Problem` for each text over its word limit or its grade limit."""
    problems = []
    for item in texts:
        plain = " ".join(s.text for s in sentences(item.text))
        words = len(plain.split())
        quoted = plain if len(plain) <= 60 else plain[:57] + "..."
        if words > item.words_max:
            problems.append(Problem(
                item.file, item.line, f"'{item.field}' has {words} words; the limit is {item.words_max}: \"{quoted}\"",
                "keep one idea; put the detail on the page the item links to", field=item.field))
        if item.grade_max is not None and plain:
            grade = grade_of(plain)
            if grade > item.grade_max:
                problems.append(Problem(
                    item.file, item.line,
                    f"'{item.field}' reads at grade {grade} > {item.grade_max:g}: \"{quoted}\"",
                    "use shorter sentences and everyday words (long words count most)", field=item.field))
    return problems
