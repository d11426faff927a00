"""Jinja templates for the guide's components, with autoescaping always on."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=4)
def environment(language: str = "en") -> Environment:
    """Templates in ``templates/<language>/`` replace the English ones of the same name."""
    folders = [str(TEMPLATES / language)] if language != "en" and (TEMPLATES / language).is_dir() else []
    return Environment(
        loader=FileSystemLoader(folders + [str(TEMPLATES)]),
        autoescape=True,  # every piece of text from YAML, BibTeX or Markdown is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def template(name: str, **context) -> str:
    from guide import i18n

    return environment(i18n.current()).get_template(name).render(**context)
