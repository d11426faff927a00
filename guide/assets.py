"""Our own stylesheets and scripts as readers get them: the same code, without the comments.

The comments in ``overrides/assets/*.css`` explain each rule to the next editor (why a size, which
WCAG criterion), and they are about half of what a reader would download. The build copies the
files to ``site/assets/`` and :func:`strip_site_css` then removes the comments there; the source
files keep them. Strings are left alone, so ``content: "/*"`` survives. In scripts only what is
surely a comment goes: the block comment that opens the file, and lines that start with ``//``
(our scripts have no template literals, where such a line could be text).
"""

from __future__ import annotations

import re
from pathlib import Path

# A string (single or double quoted, with escapes), or a comment; strings are kept as they are.
_STRING = r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
_TOKEN = re.compile(_STRING + r"|/\*.*?\*/", re.S)


def strip_css_comments(css: str) -> str:
    """``css`` without its comments, and without the blank lines they leave."""
    out = _TOKEN.sub(lambda m: "" if m.group(0).startswith("/*") else m.group(0), css)
    if "/*" in re.sub(_STRING, "", out):  # an unclosed comment: keep the file as it was
        return css
    return "\n".join(line for line in out.splitlines() if line.strip()) + "\n"


_JS_HEADER = re.compile(r"\A\s*/\*.*?\*/[ \t]*\n?", re.S)


def strip_js_comments(js: str) -> str:
    """``js`` without its opening block comment and its whole-line ``//`` comments."""
    if "`" in js:  # a template literal could hold a line that starts with //: leave the file alone
        return js
    out = _JS_HEADER.sub("", js, count=1)
    return "\n".join(line for line in out.splitlines() if not line.lstrip().startswith("//")) + "\n"


def strip_site_css(site_dir: Path, sources: Path) -> list[str]:
    """Strip the comments from each built copy of a stylesheet or script in ``sources`` (our
    overrides/assets). Returns the site-relative paths it rewrote."""
    done = []
    for source in sorted([*sources.glob("*.css"), *sources.glob("*.js")]):
        built = site_dir / "assets" / source.name
        if built.is_file():
            strip = strip_css_comments if source.suffix == ".css" else strip_js_comments
            built.write_text(strip(built.read_text(encoding="utf-8")), encoding="utf-8")
            done.append(f"assets/{source.name}")
    return done
