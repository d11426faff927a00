"""Errors that name the file, the line and the fix.

Every check in the guide reports problems as :class:`Problem` values. A caller collects them,
so one build shows every problem at once, then raises :class:`GuideError` to stop.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file."""

    file: str
    line: int | None
    message: str
    fix: str
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" [{self.field}]" if self.field else ""
        return f"{where}:{field} {self.message}\n    fix: {self.fix}"


class GuideError(Exception):
    """Raised with every problem found, so the build stops and says why."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        return "\n".join([head, *(str(p) for p in self.problems)])


def raise_if_any(problems: list[Problem]) -> None:
    """Stop with a full report when the list is not empty."""
    if problems:
        raise GuideError(problems)
