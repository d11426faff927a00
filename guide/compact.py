"""The parts of a rendered page that the smaller embed views show (``data-view="summary"`` and the
checklist-only views). Parsed passes over the page's HTML (guide/markup.py); nothing here
imports MkDocs.

A summary keeps, in order:

* the title and the review dates (everything up to the first paragraph of text);
* the page's "In short" box, or else its front-matter description in a box of the same look;
* the page's own crisis boxes (``!!! danger``) from before the first section;
* every section (``<h2>``) as a closed ``<details>``, so a reader opens only what they need.
  A checklist stays whole inside its section: open it, and it works as on the full page.
"""

from __future__ import annotations

from markupsafe import escape

from guide import markup

IN_SHORT = "In short"


def _top_level(items: list[markup.Token]) -> list[tuple[int, int]]:
    """(start, end) of each top-level node: an element with its content, or a run of text."""
    spans, i = [], 0
    while i < len(items):
        end = markup.element_end(items, i) if items[i].kind == "start" else i + 1
        spans.append((i, end))
        i = end
    return spans


def _is_admonition(items: list[markup.Token], start: int, kind: str) -> bool:
    return items[start].is_start("div") and {"admonition", kind} <= set(items[start].classes())


def _admonition_title(items: list[markup.Token], start: int, end: int) -> str:
    for j in range(start, end):
        if items[j].is_start("p") and "admonition-title" in items[j].classes():
            return "".join(t.raw for t in items[j + 1:markup.element_end(items, j) - 1]).strip()
    return ""


def summary(content: str, description: str) -> str:
    """The summary view's HTML for a page whose rendered content is ``content``."""
    items = markup.tokens(content)
    spans = _top_level(items)
    head, in_short, crisis, sections = [], "", [], []
    current: list[markup.Token] | None = None
    heading: list[markup.Token] = []
    for start, end in spans:
        node = items[start:end]
        first = node[0]
        if first.is_start("h2"):
            if current is not None:
                sections.append((heading, current))
            heading, current = node, []
            continue
        if current is not None:
            current.extend(node)
            continue
        if first.is_start("h1") or (first.is_start("p") and "ogt-review" in first.classes()):
            head.extend(node)
        elif _is_admonition(items, start, "abstract") and _admonition_title(items, start, end) == IN_SHORT:
            in_short = markup.join(node)
        elif _is_admonition(items, start, "danger"):
            crisis.append(markup.join(node))
        # Anything else before the first section is the page's opening text: the full page has it.
    if current is not None:
        sections.append((heading, current))
    if not in_short and description:
        in_short = (f'<div class="admonition abstract"><p class="admonition-title">{IN_SHORT}</p>'
                    f"<p>{escape(description)}</p></div>")
    parts = [markup.join(head), in_short, *crisis]
    for heading_tokens, body in sections:
        # The heading's text and inline markup, without its id (the <details> carries it).
        section_id = heading_tokens[0].attr("id") or ""
        title = markup.join(heading_tokens[1:-1]).strip()
        attrs = f' id="{escape(section_id)}"' if section_id else ""
        parts.append(f'<details class="ogt-embed__section"{attrs}>\n<summary><h2>{title}</h2></summary>\n'
                     f"{markup.join(body).strip()}\n</details>")
    return "\n".join(p for p in parts if p)


def find_part(content: str, attribute: str, value: str) -> str:
    """The element whose ``attribute`` is ``value`` (a checklist's ``<form data-ogt-checklist>``),
    as the page renders it, or an empty string."""
    items = markup.tokens(content)
    for i, token in enumerate(items):
        if token.kind == "start" and token.attr(attribute) == value:
            return markup.join(items[i:markup.element_end(items, i)])
    return ""


def head(content: str) -> str:
    """The title and review dates of a page: what comes before its first paragraph of text."""
    items = markup.tokens(content)
    out = []
    for start, end in _top_level(items):
        first = items[start]
        if first.is_start("h1") or (first.is_start("p") and "ogt-review" in first.classes()):
            out.append(markup.join(items[start:end]))
        elif not (first.kind == "text" and not first.raw.strip()):
            break
    return "".join(out)
