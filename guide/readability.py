"""Plain-language measures for an article's body text.

The prose is the running text: headings, tables, code, HTML, link targets and citation markers
are taken out first. Each list item counts as its own sentence, because a reader meets it that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

GRADE_MAX = 8.0
AVERAGE_WORDS_MAX = 20.0
LONG_SENTENCE_WORDS = 35

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
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int

    @property
    def words(self) -> int:
        return len(self.text.split())


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


def measure(markdown: str, first_line: int = 1) -> Measure:
    """Flesch-Kincaid grade, word count and sentence lengths of an article body."""
    found = sentences(markdown, first_line)
    words = sum(s.words for s in found)
    count = len(found)
    # Each sentence gets a full stop so that textstat counts it as one sentence.
    prose = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in found)
    grade = float(textstat.flesch_kincaid_grade(prose)) if prose else 0.0
    return Measure(
        grade=round(grade, 1),
        words=words,
        sentences=count,
        average_words=round(words / count, 1) if count else 0.0,
        long_sentences=tuple(s for s in found if s.words > LONG_SENTENCE_WORDS),
    )
