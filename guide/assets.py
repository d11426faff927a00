"""Our own stylesheets as readers get them: the same rules, without the comments.

The comments in ``overrides/assets/*.css`` explain each rule to the next editor (why a size, which
WCAG criterion), and they are about half of what a reader would download. The build copies the
files to ``site/assets/`` and :func:`strip_site_css` then removes the comments there; the source
files keep them. Strings are left alone, so ``content: "/*"`` survives.
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


def strip_site_css(site_dir: Path, sources: Path) -> list[str]:
    """Strip the comments from each built copy of a stylesheet in ``sources`` (our overrides/assets).
    Returns the site-relative paths it rewrote."""
    done = []
    for source in sorted(sources.glob("*.css")):
        built = site_dir / "assets" / source.name
        if built.is_file():
            built.write_text(strip_css_comments(built.read_text(encoding="utf-8")), encoding="utf-8")
            done.append(f"assets/{source.name}")
    return done
