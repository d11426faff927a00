"""Citation numbers that read right: a group of footnote numbers is separated by commas.

Python-Markdown writes each ``[@key]`` as ``<sup id="fnref:key"><a class="footnote-ref"
href="#fn:key">2</a></sup>``. Three in a row read as "234", one number. :func:`separate` puts a
superscript comma between neighbours, so they read "2, 3, 4" on screen and in a screen reader.
Each number becomes a 24 × 24 px tap target in CSS (``.footnote-ref`` in ``assets/guide.css``).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import re

from guide import markup

SEPARATOR = '<sup class="ogt-cite-sep">, </sup>'
# Only a filter: two citation numbers with nothing but spaces between them. The edit itself is
# made on parsed tokens.
_TOUCHING = re.compile(r"</sup>\s*<sup id=\"fnref")


def _is_citation(token: markup.Token) -> bool:
    return token.is_start("sup") and (token.attr("id") or "").startswith("fnref")


def separate(html: str) -> str:
    """The HTML with a comma between every two citation numbers that touch (or only have
    spaces between them)."""
    if not _TOUCHING.search(html):  # a quick look first: most pages have no group at all
        return html
    items = markup.tokens(html)
    out: list[markup.Token] = []
    i = 0
    last_citation_end = -1  # index in ``out`` just past the last citation, if only spaces follow
    while i < len(items):
        token = items[i]
        if _is_citation(token):
            end = markup.element_end(items, i)
            if last_citation_end >= 0:
                out.insert(last_citation_end, markup.Token("other", SEPARATOR))
            out.extend(items[i:end])
            last_citation_end = len(out)
            i = end
            continue
        if not (token.kind == "text" and not token.raw.strip()):
            last_citation_end = -1
        out.append(token)
        i += 1
    return markup.join(out)
