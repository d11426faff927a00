"""Security headers for static hosts, written at build time as ``_headers``.

The file uses the syntax that Netlify and Cloudflare Pages share: a path pattern on its own
line, then indented ``Name: value`` lines. When several rules match one path, Netlify keeps the
later value of a header and Cloudflare joins the values with commas. So each header is set by
exactly one rule for any path: the shared headers under ``/*``, and the Content-Security-Policy
under one rule per top-level entry of the site (``frame-ancestors 'self'``) and one for
``/embed/*`` (``frame-ancestors *``, so clinics can frame the embed views).

The policy trusts only the theme. :class:`ThemeCode` reads the inline ``<script>`` and
``<style>`` blocks (and ``style="..."`` attributes) of the theme's own templates (Material's and
``overrides/``) and turns each into a pattern: its literal text, with every Jinja expression a
short wildcard that cannot hold a quote, a backslash or '<'. An inline script in a built page is
allowed, by its SHA-256 hash, only if it matches one of those patterns (so Material's
``__md_scope`` helper gets one hash per page depth). Any other inline script or style, an inline
event handler (``onclick=...``) or a ``javascript:`` URL fails the build, naming the file and line:
``_headers`` carries exactly the theme's hashes, and injected code never gets one.

GitHub Pages sends no headers, so every page also carries the policy as ``<meta
http-equiv="Content-Security-Policy">`` (with only that page's own hashes, and without
``frame-ancestors``, which browsers ignore there) and a ``<meta name="referrer">``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from guide.errors import Problem, raise_if_any

EMBED_PREFIX = "embed"
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript",
                    "application/ecmascript"}

# Other sites never learn which page of the guide a reader came from (the page's topic is
# health information). The same policy goes into every page as <meta name="referrer">.
REFERRER_POLICY = "same-origin"

SHARED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": REFERRER_POLICY,
    # Every powerful feature off; the copy buttons on the clinics page may write the clipboard.
    "Permissions-Policy": ", ".join([
        "accelerometer=()", "autoplay=()", "camera=()", "clipboard-read=()", "clipboard-write=(self)",
        "display-capture=()", "encrypted-media=()", "fullscreen=()", "geolocation=()", "gyroscope=()",
        "hid=()", "idle-detection=()", "magnetometer=()", "microphone=()", "midi=()", "payment=()",
        "picture-in-picture=()", "publickey-credentials-get=()", "screen-wake-lock=()", "serial=()",
        "usb=()", "xr-spatial-tracking=()",
    ]),
}


def sha256(text: str) -> str:
    """The CSP source for a piece of inline code: ``'sha256-<base64>'`` of its UTF-8 bytes."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class Inline:
    """The inline code of one HTML file, as a browser's CSP sees it."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)
    handlers: list[tuple[int, str]] = field(default_factory=list)  # (line, attribute)
    script_urls: list[tuple[int, str]] = field(default_factory=list)  # (line, javascript: URL)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = Inline()
        self._in: str | None = None  # "script" or "style" while inside an inline one
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.handlers.append((line, f"{name}=..."))
            elif name == "style" and value is not None:
                self.found.style_attributes.append(value)
            elif name in ("href", "src", "action", "formaction") and value and \
                    re.match(r"\s*javascript:", value, re.IGNORECASE):
                self.found.script_urls.append((line, value[:60]))
        if tag == "script" and "src" not in values and \
                (values.get("type") or "").strip().lower() in EXECUTABLE_TYPES:
            self._in, self._text = "script", []
        elif tag == "style":
            self._in, self._text = "style", []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._in and tag == self._in:
            text = "".join(self._text)
            (self.found.scripts if tag == "script" else self.found.styles).append(text)
            self._in = None


_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(?P<text>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# What may need the full parser: an on...= or style= attribute (checked in lower case; a
# plain pattern with the leading space is several times slower), or a javascript: URL.
_HANDLER_OR_STYLE = re.compile(r"(?:on[a-z]+|style)\s*=")


def _suspect(html: str) -> bool:
    low = html.lower()
    if "javascript:" in low:
        return True
    return any(m.start() > 0 and low[m.start() - 1] in " \t\r\n\"'/"
               for m in _HANDLER_OR_STYLE.finditer(low))


def inline_code(html: str) -> Inline:
    """The inline code of one HTML file.

    Most pages hold only ``<script>`` and ``<style>`` blocks, which a regular expression reads
    exactly as a browser hashes them (raw text up to the closing tag). A page that may carry an
    inline handler, a ``javascript:`` URL or a style attribute goes through the full HTML parser.
    """
    if _suspect(html):
        # HTMLParser hands script and style text over raw, character references as written,
        # which is the text a browser hashes.
        scanner = _Scanner()
        scanner.feed(html)
        scanner.close()
        return scanner.found
    found = Inline()
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or \
                (kind.group(1) if kind else "").strip().lower() not in EXECUTABLE_TYPES:
            continue
        found.scripts.append(match.group("text"))
    found.styles.extend(m.group("text") for m in _STYLE.finditer(html))
    return found


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TEMPLATE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"(?P<d>[^"]*)"|'(?P<s>[^']*)')""", re.IGNORECASE)
# What a Jinja expression inside theme code may render to: a URL, a colour, a feature name.
_WILDCARD = r"""[^"'`\\<>]{0,2000}?"""


def _pattern_of(template_text: str) -> re.Pattern:
    out = []
    pos = 0
    for match in _JINJA.finditer(template_text):
        out.append(_literal(template_text[pos:match.start()]))
        if not match.group(0).startswith("{#"):
            out.append(_WILDCARD)
        pos = match.end()
    out.append(_literal(template_text[pos:]))
    return re.compile("".join(out), re.DOTALL)


def _literal(text: str) -> str:
    return r"\s*".join(re.escape(part) for part in re.split(r"\s+", text))


@dataclass
class ThemeCode:
    """The inline code the theme's templates may write, as patterns (see the module doc)."""

    scripts: list[re.Pattern] = field(default_factory=list)
    styles: list[re.Pattern] = field(default_factory=list)
    style_attributes: list[re.Pattern] = field(default_factory=list)

    @classmethod
    def read(cls, dirs: list[str | Path]) -> "ThemeCode":
        """From every ``.html`` template in the theme's folders (``config.theme.dirs``)."""
        theme = cls()
        for folder in dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                theme.add_template(path.read_text(encoding="utf-8"))
        return theme

    def add_template(self, text: str) -> None:
        for match in _TEMPLATE_SCRIPT.finditer(text):
            attrs = match.group("attrs")
            kind = _TYPE.search(_JINJA.sub("", attrs))
            if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or \
                    (kind.group(1) if kind else "").strip().lower() not in EXECUTABLE_TYPES:
                continue
            self.scripts.append(_pattern_of(match.group("text")))
        self.styles.extend(_pattern_of(m.group("text")) for m in _STYLE.finditer(text))
        self.style_attributes.extend(_pattern_of(m.group("d") if m.group("d") is not None else m.group("s"))
                                     for m in _TEMPLATE_STYLE_ATTR.finditer(text))

    @staticmethod
    def _matches(patterns: list[re.Pattern], code: str) -> bool:
        return any(p.fullmatch(code) for p in patterns)

    def allows(self, kind: str, code: str) -> bool:
        return self._matches(getattr(self, kind), code)


def _line_of(html: str, text: str) -> int | None:
    at = html.find(text) if text else -1
    return html.count("\n", 0, at) + 1 if at >= 0 else None


_NOT_THEME = {
    "scripts": ("an inline <script> that is not the theme's: the Content-Security-Policy will not trust it",
                "put scripts in a file under overrides/assets/ (a maintainer's change); pages and docs/ may not "
                "add scripts"),
    "styles": ("an inline <style> that is not the theme's: the Content-Security-Policy will not trust it",
               "put styles in overrides/assets/guide.css (a maintainer's change); pages may not add styles"),
    "style_attributes": ("a style=\"...\" attribute that is not the theme's: the Content-Security-Policy "
                         "will not trust it", "use a class from overrides/assets/ instead"),
}


@dataclass
class SiteCode:
    """The inline code of every HTML file in a built site, split by the rule that serves it.

    The build adds each page as it writes it (:meth:`add`), so nothing is read back from disk.
    With ``theme`` set (the build always sets it), only code that the theme's templates write
    is collected; anything else is a problem. Without it (tests of this module), all is kept.
    """

    pages: Inline = field(default_factory=Inline)
    embeds: Inline = field(default_factory=Inline)
    problems: list[Problem] = field(default_factory=list)
    theme: ThemeCode | None = None

    def secure(self, rel: str, html: str) -> str:
        """:meth:`add` the page, and return it with the policy and the referrer policy as
        ``<meta>`` tags in its head (for hosts that send no headers, such as GitHub Pages)."""
        found = self.add(rel, html)
        return with_meta(html, content_security_policy(found, None))

    def add(self, rel: str, html: str) -> Inline:
        """Record one page's inline code; returns the part of it the policy trusts."""
        found = inline_code(html)
        if self.theme is not None:
            for kind in ("scripts", "styles", "style_attributes"):
                trusted = []
                for code in getattr(found, kind):
                    if self.theme.allows(kind, code):
                        trusted.append(code)
                    else:
                        message, fix = _NOT_THEME[kind]
                        self.problems.append(Problem(rel, _line_of(html, code), f"{message} ({code[:50]!r})", fix))
                setattr(found, kind, trusted)
        into = self.embeds if rel.startswith(EMBED_PREFIX + "/") else self.pages
        into.scripts += [s for s in found.scripts if s not in into.scripts]
        into.styles += [s for s in found.styles if s not in into.styles]
        into.style_attributes += [s for s in found.style_attributes if s not in into.style_attributes]
        for line, what in found.handlers:
            self.problems.append(Problem(
                rel, line, f"inline event handler '{what}': the Content-Security-Policy blocks it",
                "move the code into a script file under overrides/assets/ and attach it with addEventListener"))
        for line, what in found.script_urls:
            self.problems.append(Problem(
                rel, line, f"'javascript:' URL ({what}): the Content-Security-Policy blocks it",
                "use a button and a script file instead"))
        return found

    def merge(self, other: "SiteCode") -> None:
        """Add a translation's inline code (its pages and its embed views) to this site's."""
        for mine, theirs in ((self.pages, other.pages), (self.embeds, other.embeds)):
            mine.scripts += [s for s in theirs.scripts if s not in mine.scripts]
            mine.styles += [s for s in theirs.styles if s not in mine.styles]
            mine.style_attributes += [s for s in theirs.style_attributes if s not in mine.style_attributes]
        self.problems += other.problems


def scan_site(site_dir: Path) -> SiteCode:
    """Read every HTML file of a built site from disk (for checking a site after the fact)."""
    site = SiteCode()
    for path in sorted(Path(site_dir).rglob("*.html")):
        site.add(path.relative_to(site_dir).as_posix(), path.read_text(encoding="utf-8"))
    return site


def content_security_policy(code: Inline, frame_ancestors: str | None) -> str:
    """The policy for pages with this inline code. ``frame_ancestors`` None: for a ``<meta>``
    tag, where browsers ignore that directive."""
    scripts = sorted({sha256(s) for s in code.scripts})
    styles = sorted({sha256(s) for s in code.styles})
    attributes = sorted({sha256(s) for s in code.style_attributes})
    style_src = ["'self'", *styles]
    if attributes:
        style_src += ["'unsafe-hashes'", *attributes]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *scripts]),
        ("style-src", style_src),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("frame-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("object-src", ["'none'"]),
    ]
    if frame_ancestors is not None:
        directives.append(("frame-ancestors", [frame_ancestors]))
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


_HEAD_START = re.compile(r"<meta\s+charset=[^>]*>|<head\b[^>]*>", re.IGNORECASE)


def with_meta(html: str, policy: str) -> str:
    """``html`` with the policy and the referrer policy as the first tags of its head (right after
    ``<meta charset>``), so they apply before any script or stylesheet loads."""
    from markupsafe import escape

    tags = (f'\n<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">'
            f'\n<meta name="referrer" content="{REFERRER_POLICY}">')
    match = _HEAD_START.search(html)
    if match is None:
        return html
    return html[:match.end()] + tags + html[match.end():]


def headers_file(site_dir: Path, code: SiteCode | None = None, sub_sites: list[str] | tuple = ()) -> str:
    """The ``_headers`` text for the built site in ``site_dir``. Fails on code the CSP would block.

    ``code`` is what the build collected page by page; without it the built files are read."""
    site_dir = Path(site_dir)
    code = code if code is not None else scan_site(site_dir)
    raise_if_any(code.problems)
    page_csp = content_security_policy(code.pages, "'self'")
    embed_csp = content_security_policy(code.embeds, "*")
    rules: list[tuple[str, dict[str, str]]] = [("/*", dict(SHARED_HEADERS))]
    # One CSP rule per top-level entry, so no path gets two policies (see the module doc).
    rules.append(("/", {"Content-Security-Policy": page_csp}))
    for entry in sorted(site_dir.iterdir()):
        if entry.name in (EMBED_PREFIX, "_headers"):
            continue
        if entry.is_dir() and entry.name in sub_sites:  # a translation (es/): its own embeds
            rules.append((f"/{entry.name}/", {"Content-Security-Policy": page_csp}))
            for inner in sorted(entry.iterdir()):
                if inner.name in (EMBED_PREFIX, "_headers"):
                    continue
                pattern = f"/{entry.name}/{inner.name}" + ("/*" if inner.is_dir() else "")
                rules.append((pattern, {"Content-Security-Policy": page_csp}))
            rules.append((f"/{entry.name}/{EMBED_PREFIX}/*", {"Content-Security-Policy": embed_csp}))
            continue
        pattern = f"/{entry.name}/*" if entry.is_dir() else f"/{entry.name}"
        rules.append((pattern, {"Content-Security-Policy": page_csp}))
    rules.append((f"/{EMBED_PREFIX}/*", {"Content-Security-Policy": embed_csp}))
    lines = ["# Security headers for Netlify and Cloudflare Pages. Generated by guide/headers.py at",
             "# build time from the built pages: do not edit. Other hosts: see README.md, Hosting."]
    for pattern, headers in rules:
        lines.append(pattern)
        lines.extend(f"  {name}: {value}" for name, value in headers.items())
    return "\n".join(lines) + "\n"


# -- reading the file back (tests, and anyone checking a deploy) -----------------------------

def parse(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a ``_headers`` file, in order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
            continue
        if not rules:
            raise ValueError(f"_headers:{number}: a header before any path")
        name, sep, value = line.strip().partition(":")
        if not sep:
            raise ValueError(f"_headers:{number}: expected 'Name: value'")
        rules[-1][1][name.strip()] = value.strip()
    return rules


def _pattern(path: str) -> re.Pattern:
    out = ""
    for part in re.split(r"(\*|:[A-Za-z]\w*)", path):
        if part == "*":
            out += ".*"
        elif part.startswith(":"):
            out += "[^/]+"
        else:
            out += re.escape(part)
    return re.compile(f"^{out}$")


def headers_for(rules: list[tuple[str, dict[str, str]]], path: str) -> dict[str, str]:
    """The headers a host sends for ``path``. A header set by two matching rules is an error."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    out: dict[str, str] = {}
    for pattern, headers in rules:
        if _pattern(pattern).match(path):
            for name, value in headers.items():
                if name in out:
                    raise ValueError(f"{path}: '{name}' is set by more than one rule")
                out[name] = value
    return out
