"""Jinja templates for the guide's components, with autoescaping always on."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

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
    from guide import i18n, wording

    return environment().get_template(name).render(w=wording.words(i18n.current()), **context)


class SharedBytecode(BytecodeCache):
    """Compiled templates kept in memory for the whole process. The theme's Jinja environment is
    made afresh for each language's build (and each rebuild of ``make serve``); with this cache
    the Spanish build reuses what the English build compiled. Jinja checks each template's source
    checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


SHARED_BYTECODE = SharedBytecode()
