"""A parsed pass over HTML that Markdown produced: tokens in, the same text out, with small edits.

The standard library's :class:`html.parser.HTMLParser` splits the HTML into tokens; each keeps
its original text, so joining the tokens gives back the input byte for byte. Edits work on
tokens (a tag with its attributes, a run of text), never on the raw string, so a ``>`` inside an
attribute or a tag split over lines cannot fool them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markupsafe import escape

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Token:
    kind: str  # "start", "end", "empty" (<br/>), "text" or "other" (comment, doctype, entity)
    raw: str
    tag: str = ""
    attrs: list[tuple[str, str | None]] = field(default_factory=list)

    def attr(self, name: str) -> str | None:
        return next((v for n, v in self.attrs if n == name), None)

    def classes(self) -> list[str]:
        return (self.attr("class") or "").split()

    def is_start(self, tag: str) -> bool:
        return self.kind == "start" and self.tag == tag

    def is_end(self, tag: str) -> bool:
        return self.kind == "end" and self.tag == tag


class _Tokenizer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out: list[Token] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(Token("start", self.get_starttag_text() or "", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.out.append(Token("empty", self.get_starttag_text() or "", tag, attrs))

    def handle_endtag(self, tag):
        self.out.append(Token("end", f"</{tag}>", tag))

    def handle_data(self, data):
        self.out.append(Token("text", data))

    def handle_entityref(self, name):
        self.out.append(Token("other", f"&{name};"))

    def handle_charref(self, name):
        self.out.append(Token("other", f"&#{name};"))

    def handle_comment(self, data):
        self.out.append(Token("other", f"<!--{data}-->"))

    def handle_decl(self, decl):
        self.out.append(Token("other", f"<!{decl}>"))

    def handle_pi(self, data):
        self.out.append(Token("other", f"<?{data}>"))

    def unknown_decl(self, data):
        self.out.append(Token("other", f"<![{data}]>"))


def tokens(html: str) -> list[Token]:
    """The tokens of ``html`` (a new list; treat the tokens themselves as read-only)."""
    return list(_tokens(html))


@functools.lru_cache(maxsize=4)  # one page's content is read by several views in a row
def _tokens(html: str) -> tuple[Token, ...]:
    parser = _Tokenizer()
    parser.feed(html)
    parser.close()
    if parser.rawdata:  # an unfinished tag at the very end: keep it as text, unchanged
        parser.out.append(Token("text", parser.rawdata))
    return tuple(parser.out)


def join(items: list[Token]) -> str:
    return "".join(t.raw for t in items)


def start(tag: str, attrs: list[tuple[str, str | None]], *, empty: bool = False) -> Token:
    """A new start tag, every attribute value escaped."""
    text = "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in attrs)
    return Token("empty" if empty else "start", f"<{tag}{text}{' /' if empty else ''}>", tag, list(attrs))


def with_attrs(token: Token, attrs: list[tuple[str, str | None]]) -> Token:
    return start(token.tag, attrs, empty=token.kind == "empty")


def element_end(items: list[Token], i: int) -> int:
    """The index just past the element that starts at ``items[i]``."""
    if items[i].kind != "start" or items[i].tag in VOID:
        return i + 1
    depth = 0
    for j in range(i, len(items)):
        t = items[j]
        if t.kind == "start" and t.tag == items[i].tag:
            depth += 1
        elif t.kind == "end" and t.tag == items[i].tag:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(items)


def drop(items: list[Token], wanted) -> list[Token]:
    """The tokens without every element (and its content) whose start tag ``wanted`` accepts."""
    out: list[Token] = []
    i = 0
    while i < len(items):
        if items[i].kind in ("start", "empty") and wanted(items[i]):
            i = element_end(items, i)
        else:
            out.append(items[i])
            i += 1
    return out
