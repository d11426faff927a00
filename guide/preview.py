"""``make serve`` that shows problems: a failed rebuild becomes an error page in the browser.

MkDocs' live-reload server keeps the old pages when a rebuild raises, and says only in the
terminal that it "will appear stuck". So while serving, the hook does not raise on a
:class:`~guide.errors.GuideError`: it records the problems here, the pages are built as this error
page (every page, and the 404 page, so every address shows it), and the build ends normally, so
the browser reloads and shows the same file/line/fix messages as the terminal. Saving a fix
rebuilds and reloads again. ``make build``, ``make test`` and CI never serve: they stop as before.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from guide import render
from guide.errors import GuideError, Problem


@dataclass
class Preview:
    serving: bool = False  # set once, from MkDocs' startup event; rebuilds keep it
    problems: list[Problem] = field(default_factory=list)

    def start(self, command: str) -> None:
        self.serving = command == "serve"

    def reset(self) -> None:
        """Called at the start of every (re)build."""
        self.problems = []

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def record(self, error: GuideError) -> bool:
        """Keep the problems to show them; False when not serving (then the caller raises)."""
        if not self.serving:
            return False
        self.problems.extend(error.problems)
        return True

    def empty_bib(self) -> str:
        """An empty .bib file, for mkdocs-bibtex to read while references.bib cannot be read: its
        parser would raise on a syntax error and leave the server stuck on the old pages."""
        path = Path(tempfile.gettempdir()) / "guide-preview-empty.bib"
        path.write_text("", encoding="utf-8")
        return str(path)

    def report(self) -> str:
        return GuideError(self.problems).report()

    def page(self, site_name: str = "") -> str:
        return error_page(self.problems, site_name)


def error_page(problems: list[Problem], site_name: str = "") -> str:
    """The whole HTML page that lists the problems (escaped: messages quote editors' text)."""
    shown = [{"where": p.file if p.line is None else f"{p.file}:{p.line}", "field": p.field,
              "message": p.message, "fix": p.fix} for p in problems]
    return render.template("build-error.html", problems=shown, count=len(problems), site_name=site_name)
