"""Jinja templates for the guide's components, with autoescaping always on."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One template a component, in every language: the words come from guide/words/<code>.yml."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every piece of text from YAML, BibTeX or Markdown is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template(name: str, **context) -> str:
    """Render ``name`` with ``w``, the words of the language being built (guide.wording)."""
    from guide import wording

    return environment().get_template(name).render(w=wording.words(), **context)
