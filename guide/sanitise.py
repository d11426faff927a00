"""One allowlist for the HTML of every page: nothing an editor writes can run in a reader's browser.

After Markdown and our hooks have rendered a page's content (checklists, the References page,
footnotes, snippets and the embed catalogue included), and before the theme wraps it,
:func:`check` passes the HTML through `nh3 <https://nh3.readthedocs.io/>`_ with an allowlist of
exactly the tags, attributes, classes and URL schemes the guide uses. If the sanitiser would
change anything, the build fails, naming the file and, where the Markdown can be traced, the
line: editors get an error, never a silently altered page. The page then carries nh3's output,
so what a browser parses is what the sanitiser approved.

Why nh3: it binds the Rust library ammonia, which parses with html5ever, the same HTML5
algorithm a browser uses (so no parser-differential tricks such as ``java&#115;cript:``,
``java<TAB>script:`` or ``javascript&colon;``), ships as one wheel with no other dependency, and
is maintained. bleach is deprecated (its maintainers recommend nh3) and is built on the
unmaintained html5lib; justhtml is young and has a much smaller user base.

nh3 re-serialises HTML (``checked`` becomes ``checked=""``, entities change form), so the
comparison is of a canonical parse, not of bytes: Python's ``html.parser`` token stream of tag
names, sorted attributes with unescaped values, and text with whitespace collapsed. Comments
are not compared (nh3 drops them; they are inert).

On top of nh3, a few rules it cannot express: classes only from the guide's and Material's
content styles (no ``{.md-header}`` overlays), no ``data-md-*`` or ``__md`` ids (Material's
scripts own those), iframes only of the guide's own pages, form inputs only checkboxes and
radio buttons.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import nh3

from guide.errors import Problem

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
    # checklists and the decision aid
    "form", "fieldset", "legend", "label", "input", "button",
    # the clinics page's snippet builder (guide/templates/embed-builder.html)
    "select", "optgroup", "option",
    # the embed catalogue's previews (src: the guide's own embed views only, see _rules)
    "iframe",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "hidden", "role"},
    "a": {"href", "rel", "target", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "time": {"datetime"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "details": {"open"},
    "form": {"autocomplete", "novalidate"},
    "fieldset": {"disabled"},
    "input": {"type", "name", "value", "checked", "disabled"},
    "button": {"type", "disabled"},
    "label": {"for"},
    "select": {"name", "disabled"}, "optgroup": {"label", "disabled"},
    "option": {"value", "selected", "disabled"},
    "iframe": {"src", "loading", "width", "height"},
    "q": {"cite"}, "blockquote": {"cite"}, "del": {"datetime"}, "ins": {"datetime"},
}
PREFIXES = {"data-", "aria-"}
SCHEMES = {"https", "mailto", "tel", "sms"}  # and relative addresses

# Classes a page's content may carry: ours (ogt-), Markdown extensions' and Material's content
# styles, Pygments' short token names. Anything else could restyle the theme's own parts.
_ADMONITION_TYPES = ("note abstract summary tldr info todo tip hint important success check done "
                     "question help faq warning caution attention failure fail missing danger error "
                     "bug example quote cite inline end "
                     "crisis").split()  # 'crisis': our one calm crisis callout (overrides/assets/guide.css)
_CLASS = re.compile("|".join([
    r"ogt-[a-z0-9_-]+",
    r"admonition(?:-title)?", *_ADMONITION_TYPES,
    r"tabbed-(?:set|alternate|labels|content|block|control|button)",
    r"footnote(?:-ref|-backref)?", r"headerlink", r"toclink",
    r"highlight(?:table)?", r"linenos", r"linenodiv", r"filename", r"language-[a-z0-9+#-]+",
    r"task-list(?:-item|-control|-indicator)?",
    r"md-button(?:--primary)?", r"md-typeset",
    r"[a-z]{1,3}[0-9]?",  # Pygments tokens: k, nf, s2, err, ...
]))
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
MAX_REPORTED = 5


def clean(html: str) -> str:
    """nh3 with the guide's allowlist."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES,
                     url_schemes=SCHEMES, link_rel=None, strip_comments=True,
                     clean_content_tags={"script", "style"})


class _Tokens(HTMLParser):
    """The canonical form of HTML: start tags with sorted attributes, end tags, collapsed text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self._text: list[str] = []

    def _flush(self):
        if self._text:
            text = " ".join("".join(self._text).split())
            if text:
                self.tokens.append(("text", text))
            self._text = []

    def handle_starttag(self, tag, attrs):
        self._flush()
        self.tokens.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self._flush()
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        self._text.append(data)

    def close(self):
        super().close()
        self._flush()


def tokens(html: str) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


_SERIAL_TAG = re.compile(r'<(/?)([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*/?>')
_SERIAL_ATTR = re.compile(r'([^\s=/>]+)(?:="([^"]*)")?')


def serialised_tokens(html: str) -> list[tuple]:
    """:func:`tokens` for nh3's own output, read with two regular expressions: about five times
    faster than ``html.parser``. Only for html5ever's serialisation (every attribute value in
    double quotes, '<' always escaped in text, no comments, no script or style): the tests check
    that it agrees with :func:`tokens` on every page of the real guide."""
    out: list[tuple] = []
    pos = 0

    def text(chunk: str) -> None:
        chunk = " ".join(unescape(chunk).split())
        if chunk:
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + " " + chunk)
            else:
                out.append(("text", chunk))

    for match in _SERIAL_TAG.finditer(html):
        text(html[pos:match.start()])
        pos = match.end()
        tag = match.group(2).lower()
        if match.group(1):
            if tag not in _VOID:
                out.append(("end", tag))
            continue
        attrs = tuple(sorted((k.lower(), unescape(v or "")) for k, v in _SERIAL_ATTR.findall(match.group(3))))
        out.append(("start", tag, attrs))
    text(html[pos:])
    return out


def check(html: str, shown: str, markdown: str = "", first_line: int = 1) -> tuple[str, list[Problem]]:
    """The sanitised HTML of one page and a problem for anything the sanitiser would change.

    ``markdown`` (the page's source from ``first_line`` on) is searched to give each problem
    a line; content that came from a checklist, the bibliography or a snippet has none."""
    cleaned = clean(html)
    before, after = tokens(html), serialised_tokens(cleaned)
    problems = []
    if before != after:
        problems.append(_first_difference(before, after, shown, markdown, first_line))
    problems.extend(_rules(before, shown, markdown, first_line))
    return cleaned, problems[:MAX_REPORTED]


def _first_difference(before, after, shown, markdown, first_line) -> Problem:
    index = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    token = before[index] if index < len(before) else after[index]
    other = after[index] if index < len(after) else None
    if token[0] == "start" and other and other[0] == "start" and other[1] == token[1]:
        kept = dict(other[2])
        lost = [(k, v) for k, v in token[2] if kept.get(k) != v]
        name, value = lost[0] if lost else ("?", "")
        allowed = name in ATTRIBUTES["*"] | ATTRIBUTES.get(token[1], set()) or name.startswith(tuple(PREFIXES))
        if allowed and name in ("href", "src", "cite"):
            what = f"the address {value[:60]!r} in <{token[1]} {name}>"
            fix = "link only to https://, mailto:, tel: or sms: addresses, or to the guide's own pages"
            needle = (value[:40], name + "=")
        elif name == "style":
            what = f"a style attribute on <{token[1]}>"
            fix = ("remove the style (and '{: style=... }'); table column alignment (':---:') is not "
                   "available either. Styles belong in overrides/assets/ and are added by a maintainer")
            needle = "style"
        else:
            what = f"the attribute '{name}' on <{token[1]}>"
            fix = ("a form may not send a reader's answers anywhere: remove it" if "action" in name else
                   f"remove '{name}'; the attributes allowed on <{token[1]}> are: " + ", ".join(
                sorted(ATTRIBUTES.get(token[1], set()) | ATTRIBUTES["*"])) + ", data-* and aria-*")
            needle = name
        return Problem(shown, _line(markdown, first_line, needle), f"the sanitiser would remove {what}", fix)
    if token[0] == "start":
        tag = token[1]
        if tag in TAGS:
            return Problem(shown, _line(markdown, first_line, "<" + tag),
                           f"the HTML around <{tag}> is not well formed (a browser would read it differently)",
                           "close every tag you open, in order, or write the content in Markdown instead")
        return Problem(shown, _line(markdown, first_line, "<" + tag),
                       f"the sanitiser would remove the element <{tag}>: pages may not use it",
                       "write the content in Markdown; scripts, styles, <meta>, <base>, <link>, <svg> and "
                       "<object> belong in overrides/ and are added by a maintainer")
    if token[0] == "end":
        return Problem(shown, _line(markdown, first_line, "</" + token[1]),
                       f"the HTML around </{token[1]}> is not well formed (a browser would read it differently)",
                       "close every tag you open, in order, or write the content in Markdown instead")
    return Problem(shown, _line(markdown, first_line, token[1][:30]),
                   f"the sanitiser would change the text {token[1][:60]!r}",
                   "write the content in plain Markdown; raw HTML is limited to ordinary elements")


def _rules(before, shown, markdown, first_line) -> list[Problem]:
    problems = []
    for token in before:
        if token[0] != "start":
            continue
        tag, attrs = token[1], dict(token[2])
        for name in attrs.get("class", "").split():
            if not _CLASS.fullmatch(name):
                problems.append(Problem(
                    shown, _line(markdown, first_line, name), f"the class '{name}' on <{tag}> is not a content class",
                    "use the classes in CONTRIBUTING.md ('ogt-...', admonitions, tabs); new styles are "
                    "added in overrides/assets/ by a maintainer"))
        if attrs.get("id", "").startswith("__md") or any(k.startswith("data-md-") for k in attrs):
            problems.append(Problem(shown, _line(markdown, first_line, "md"),
                                    f"<{tag}> uses an id or data-md-* attribute that Material's scripts own",
                                    "choose another id, and no data-md-* attribute"))
        for name in ("href", "src"):
            if re.search(r"[\s\x00-\x1f]", attrs.get(name, "")):
                problems.append(Problem(shown, _line(markdown, first_line, attrs[name][:20]),
                                        f"the address {attrs[name][:60]!r} in <{tag} {name}> has a space, tab or "
                                        "line break (browsers drop some of them, so it may not go where it seems)",
                                        "remove the spaces; write a space in an address as %20"))
        if tag == "iframe" and re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//|\\)", attrs.get("src", ""), re.I):
            problems.append(Problem(shown, _line(markdown, first_line, "<iframe"),
                                    "an iframe may show only the guide's own pages",
                                    "link to the other site instead"))
        if tag == "input" and attrs.get("type", "").lower() not in ("checkbox", "radio", "color"):
            problems.append(Problem(shown, _line(markdown, first_line, "<input"),
                                    f"<input type={attrs.get('type', '')!r}> is not allowed in a page",
                                    "pages may have checkboxes and radio buttons (checklists, the decision aid) "
                                    "and colour choices (the clinics page's builder) only"))
        if len(problems) >= MAX_REPORTED:
            break
    return problems


def _line(markdown: str, first_line: int, needle: str | tuple[str, ...]) -> int | None:
    """The line of the first case-insensitive occurrence of ``needle`` (or of the first of
    several that occurs) in the Markdown."""
    low = markdown.lower()
    for one in (needle,) if isinstance(needle, str) else needle:
        at = low.find(one.lower()) if one else -1
        if at >= 0:
            return first_line + markdown.count("\n", 0, at)
    return None
