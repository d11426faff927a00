"""Footnote back-reference ids in constant time, so a page's build time grows linearly with its
citations.

Python-Markdown's footnotes extension (3.11) gives the n-th reference to one footnote the id
``fnref<n>:key``, and finds ``n`` by trying ``fnref:key``, ``fnref2:key``, ... in turn: the n-th
reference costs n steps, so a source cited 1,400 times costs about a million. A page citing 28
sources 40,000 times spent most of its build there. :func:`install` replaces that one method
with one that remembers the count it already keeps (``found_refs``) and returns the same ids; an
id it did not expect falls back to the original search. ``tests/test_footnotes.py`` checks that
the HTML is the same byte for byte.
"""

from __future__ import annotations

from markdown.extensions import footnotes

_ORIGINAL = footnotes.FootnoteExtension.unique_ref


def _unique_ref(self, reference: str, found: bool = False) -> str:
    if not found:
        return reference
    count = self.found_refs.get(reference, 0)
    candidate = reference
    if count:
        ref, rest = reference.split(self.get_separator(), 1)
        if footnotes.RE_REF_ID.match(ref):  # not a form the extension makes itself
            return _ORIGINAL(self, reference, found)
        candidate = f"{ref}{count + 1}{self.get_separator()}{rest}"
    if candidate in self.used_refs:
        return _ORIGINAL(self, reference, found)
    self.used_refs.add(candidate)
    self.found_refs[reference] = count + 1
    return candidate


def install() -> None:
    """Use the constant-time method (idempotent)."""
    footnotes.FootnoteExtension.unique_ref = _unique_ref


def uninstall() -> None:
    footnotes.FootnoteExtension.unique_ref = _ORIGINAL
