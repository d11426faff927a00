"""Plain Spanish, checked: the prose checks of ``make lint`` and ``make test`` for the Spanish
edition (``docs-es/``, see :mod:`guide.i18n`).

- **Fernández-Huerta** reading ease of at least :data:`EASE_MIN` (70, "bastante fácil") per
  article, with textstat 0.7.3 in Spanish (``set_lang("es")``; its syllable rules come from
  pyphen's bundled dictionaries, so nothing is downloaded);
- the same sentence limits as English (:mod:`guide.readability`): an average of at most 20 words,
  and every sentence over 35 words listed;
- checklist text: the same word limits per item and per help line;
- **spelling** with pyspellchecker's Spanish word list (pinned in requirements.txt) and the
  project's own list, :data:`WORDS_FILE`, one word a line.

Like the English checks, each problem names the file, the line and the fix. Nothing here imports
MkDocs.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
import textstat  # noqa: E402

from guide import frontmatter, readability, yamldata  # noqa: E402
from guide.errors import Problem  # noqa: E402

EASE_MIN = 70.0
WORDS_FILE = ".spelling-es.txt"
WORDS_YML = "es.yml"  # guide/words/es.yml: the words of the guide's own code and templates
DOCS = "docs-es"
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+(?:-[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+)*")


def ease(text: str) -> float:
    """Fernández-Huerta reading ease of Spanish text (higher is easier; 70-80 is 'bastante fácil')."""
    if not text.strip():
        return 100.0
    textstat.set_lang("es")
    try:
        return round(float(textstat.fernandez_huerta(text)), 1)
    finally:
        textstat.set_lang("en_US")


@dataclass(frozen=True)
class Measure:
    ease: float
    words: int
    sentences: int
    average_words: float
    long_sentences: tuple[readability.Sentence, ...]
    hardest: tuple[tuple[readability.Sentence, float], ...]


def measure(markdown: str, first_line: int = 1) -> Measure:
    found = readability.sentences(markdown, first_line)
    words = sum(s.words for s in found)
    prose = " ".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in found)
    score = ease(prose)
    graded = sorted(((s, ease(s.text)) for s in found if s.words >= readability.HARDEST_MIN_WORDS),
                    key=lambda pair: (pair[1], pair[0].line))
    return Measure(score, words, len(found), round(words / len(found), 1) if found else 0.0,
                   tuple(s for s in found if s.words > readability.LONG_SENTENCE_WORDS),
                   tuple(graded[:readability.HARDEST_SHOWN]) if score < EASE_MIN + 5 else ())


def check_article(source: frontmatter.Source, found: Measure | None = None) -> list[Problem]:
    found = found or measure(source.body, source.body_line)
    path, at = source.path, source.body_line
    problems = []
    if found.ease < EASE_MIN:
        hardest = "; ".join(f"line {s.line} ({score:g}): \"{_start(s.text)}\"" for s, score in found.hardest)
        problems.append(Problem(path, at, f"Fernández-Huerta reading ease {found.ease:g} < {EASE_MIN:g}",
                                "use shorter sentences and shorter, everyday words"
                                + (f"; the hardest sentences are {hardest}" if hardest else "")))
    if found.average_words > readability.AVERAGE_WORDS_MAX:
        problems.append(Problem(path, at, f"sentences average {found.average_words} words > "
                                f"{readability.AVERAGE_WORDS_MAX:g}", "split long sentences in two"))
    for sentence in found.long_sentences:
        problems.append(Problem(path, sentence.line,
                                f"sentence of {sentence.words} words (over {readability.LONG_SENTENCE_WORDS}): "
                                f"\"{_start(sentence.text)}\"", "split it into two or three sentences"))
    return problems


def _start(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def checklist_texts(path: Path, shown: str) -> list[readability.ShortText]:
    """Each item's text and help in a Spanish checklist, with the English word limits (no grade:
    Flesch-Kincaid measures English)."""
    from guide import lint

    return [readability.ShortText(t.file, t.line, t.field, t.text, t.words_max, None)
            for t in lint.checklist_texts(path, shown)]


# -- spelling ---------------------------------------------------------------------------------

def read_words(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """(line, text) of what a reader reads: no code, link targets, URLs, HTML or front matter."""
    lines = text.splitlines()
    out = []
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        if in_front:
            if number > 1 and line.strip() == "---":
                in_front = False
            elif re.match(r"^(title|description):", line):
                out.append((number, line.split(":", 1)[1]))
            continue
        line = re.sub(r"^\s*(!!!|\?\?\?)\s*\w+", " ", line)
        line = re.sub(r"`[^`]*`|<[^>]+>|\]\([^)]*\)|\[@[^\]]*\]|https?://\S+|\{[#.:][^}]*\}", " ", line)
        line = re.sub(r"\b[\w.-]+\.(org|com|mx|es|md|yml)\b", " ", line)
        out.append((number, line))
    return out


_ACCENTS = str.maketrans("áéíóú", "aeiou")
# pyspellchecker's Spanish list holds many base forms but few plurals and verb forms. A word also
# counts as known when a simple rule turns it into a known form: a plural to its singular, a verb
# form to its infinitive, a pronoun joined to a verb dropped ("avísele" -> "avisar").
_ENDINGS = [("es", ""), ("s", ""), ("amos", "ar"), ("emos", "er"), ("imos", "ir"), ("aron", "ar"),
            ("ieron", "er"), ("ieron", "ir"), ("aba", "ar"), ("aban", "ar"), ("ando", "ar"), ("iendo", "er"),
            ("iendo", "ir"), ("ado", "ar"), ("ada", "ar"), ("ados", "ar"), ("adas", "ar"), ("ido", "er"),
            ("ido", "ir"), ("idas", "ir"), ("ían", "er"), ("ían", "ir"), ("ía", "er"), ("ía", "ir"),
            ("an", "ar"), ("en", "er"), ("en", "ir"), ("as", "ar"), ("es", "er"), ("es", "ir"), ("a", "ar"),
            ("a", "er"), ("a", "ir"), ("e", "ar"), ("e", "er"), ("e", "ir"), ("o", "ar"), ("o", "er"),
            ("o", "ir"), ("ó", "ar"), ("é", "ar"), ("ió", "er"), ("ió", "ir"), ("í", "er"), ("í", "ir"),
            ("ará", "ar"), ("erá", "er"), ("irá", "ir"), ("aría", "ar"), ("ería", "er"), ("iría", "ir"),
            ("mente", "")]
_CLITICS = ("selo", "sela", "noslo", "melo", "le", "lo", "la", "les", "los", "las", "se", "nos", "me", "te")


def known_form(checker, word: str) -> bool:
    forms = {word, word.translate(_ACCENTS)}
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 3:
            forms.add(word[: -len(clitic)].translate(_ACCENTS))
    for form in list(forms):
        for end, base in _ENDINGS:
            if form.endswith(end) and len(form) > len(end) + 2:
                stem = form[: -len(end)]
                forms.update({stem + base, (stem + base).translate(_ACCENTS)})
                if stem.endswith("qu") or stem.endswith("gu"):  # busque -> buscar, llegue -> llegar
                    forms.add(stem[:-2] + ("c" if stem.endswith("qu") else "g") + base)
                if stem.endswith("c"):  # actualicé -> actualizar
                    forms.add(stem[:-1] + "z" + base)
    return bool(checker.known(list(forms)))


def check_spelling(files: list[Path], root: Path, words_file: Path | None = None) -> list[Problem]:
    """Each word that neither pyspellchecker's Spanish list nor the project list knows, with its line."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="es")
    known = read_words(words_file if words_file is not None else Path(root) / WORDS_FILE)
    problems = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yml":
            lines = _yaml_text_lines(text, every_key=path.name == WORDS_YML)
        else:
            lines = _prose_lines(text)
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        for number, line in lines:
            for word in _WORD.findall(line):
                low = word.lower()
                if len(low) < 3 or low in known or word.isupper():
                    continue
                if not known_form(checker, low):
                    guess = checker.correction(low)
                    hint = f"did you mean '{guess}'? " if guess and guess != low else ""
                    problems.append(Problem(shown, number, f"unknown Spanish word '{word}'",
                                            f"{hint}correct it; if the word is right, add it on its own line "
                                            f"to {WORDS_FILE}"))
    return problems


def _yaml_text_lines(text: str, *, every_key: bool = False) -> list[tuple[int, str]]:
    """The lines of a Spanish YAML file that hold text: the values of the text fields a
    translation carries (guide.i18n.TEXT_FIELDS, and the decision aid's: guide.decision_aid.
    TEXT_FIELDS; every key in the words file), their folded continuation lines and list entries
    that are plain text (the decision aid's questions to ask). Links' targets and {placeholders}
    are left out."""
    from guide.decision_aid import TEXT_FIELDS  # guide.i18n.TEXT_FIELDS and the decision aid's own

    keys = r"[\w-]+" if every_key else "|".join(sorted(TEXT_FIELDS - {"link"}))
    field = re.compile(rf"^\s*(-\s*)?({keys}):")
    continued = re.compile(r"^\s{4,}(?![\w-]+:)[^\s#-]")
    item = None if every_key else re.compile(r"^\s*-\s+(?![\w-]+:)[^\s#\[{\d]")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        listed = item is not None and item.match(line)
        if listed or field.match(line) or continued.match(line):
            line = re.sub(r"^\s*-\s+", "", line) if listed else line
            value = re.sub(r"\{\w+\}", " ", re.sub(r"\]\([^)]*\)", " ", field.sub("", line)))
            out.append((number, re.sub(r"<[^>]+>", " ", value)))
    return out


# -- the whole Spanish tree -------------------------------------------------------------------

@dataclass
class Figures:
    path: str
    ease: float
    words: int
    average_words: float


def lint(root: Path, *, spelling: bool = True) -> tuple[list[Problem], list[Figures]]:
    """Every Spanish prose check on ``root/docs-es``: (problems, one row per article)."""
    root = Path(root)
    folder = root / DOCS
    problems: list[Problem] = []
    table: list[Figures] = []
    if not folder.is_dir():
        return problems, table
    pages = sorted(p for p in folder.rglob("*.md") if "snippets" not in p.relative_to(folder).parts[:1])
    for path in pages:
        shown = path.relative_to(root).as_posix()
        source = frontmatter.split(path.read_text(encoding="utf-8"), shown)
        found = measure(source.body, source.body_line)
        problems.extend(check_article(source, found))
        table.append(Figures(shown, found.ease, found.words, found.average_words))
    lists = sorted((folder / "checklists").glob("*.yml"))
    for path in lists:
        problems.extend(readability.check_short(checklist_texts(path, path.relative_to(root).as_posix())))
    data = sorted((folder / "data").glob("*.yml")) + [p for p in [root / "guide" / "words" / WORDS_YML] if p.is_file()]
    if spelling:
        problems.extend(check_spelling(pages + lists + data, root))
    return problems, table


def format_table(table: list[Figures]) -> str:
    width = max([len(f.path) for f in table] + [7])
    rows = [f"{'artículo':<{width}}  Fernández-Huerta  words  avg/sentence"]
    rows += [f"{f.path:<{width}}  {f.ease:>16}  {f.words:>5}  {f.average_words:>12}" for f in table]
    return "\n".join(rows)


_ = yamldata  # the checklists are read through guide.lint, which uses guide.yamldata
