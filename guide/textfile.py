"""Read an editor's text file (page, bibliography, YAML data) as bounded, clean UTF-8.

Every text input from a pull request is decoded here, so a bad byte is a
:class:`~guide.errors.Problem` with the file, the line and the column, never a traceback:

* the bytes must be UTF-8 (a byte-order mark at the start is allowed and dropped);
* no NUL and no other control character except tab, line feed and carriage return (a stray
  control character is invisible in an editor, and binary garbage is full of them);
* at most :data:`MAX_BYTES` (a cap on what reaches Markdown, YAML and BibTeX parsers).

The checks are one pass of C-speed regular expressions over the text: linear in its size.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from guide.errors import Problem

# The largest text file the build reads. The real guide's largest page is about 20 kB and
# references.bib about 30 kB; a 5 MB article must still build (issue #11).
MAX_BYTES = 8 * 1024 * 1024
# C0 controls except tab, LF and CR; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FIX_UTF8 = "save the file as UTF-8 in your editor (most editors offer 'UTF-8' under 'Save as' or 'Encoding')"


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes, shown: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """The text of ``data`` (a file shown as ``shown``), or ``None`` and the problems."""
    if len(data) > max_bytes:
        return None, [Problem(shown, None, f"the file is {len(data):,} bytes; the limit is {max_bytes:,}",
                              "split it into several smaller pages or files")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[:exc.start].decode("utf-8", errors="replace")
        line, column = position(good, len(good))
        return None, [Problem(shown, line, f"column {column}: byte 0x{data[exc.start]:02x} is not UTF-8 text "
                              "(is the file binary, or saved in another encoding?)", FIX_UTF8)]
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = []
    for match in _CONTROL.finditer(text):
        line, column = position(text, match.start())
        what = "a NUL byte" if match.group() == "\x00" else f"the control character U+{ord(match.group()):04X}"
        problems.append(Problem(shown, line, f"column {column}: {what} is not allowed in text",
                                "delete it (it is invisible in most editors: retype the line if needed)"))
        if len(problems) >= 5:  # binary garbage: five say enough
            break
    return (None, problems) if problems else (text, [])


def read(path: str | Path, shown: str | None = None, **limits) -> tuple[str | None, list[Problem]]:
    """Read and :func:`decode` a file from disk."""
    shown = shown or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem(shown, None, f"the file cannot be read ({exc.strerror})",
                              "check that it exists and is a plain file")]
    return decode(data, shown, **limits)


def line_index(text: str) -> list[int]:
    """Start offsets of every line, for :func:`line_at`."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_at(starts: list[int], index: int) -> int:
    return bisect.bisect_right(starts, index)
