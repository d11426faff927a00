"""The hostile-input corpus: small fixture sites, each carrying one thing a careless or malicious
pull request could hold (issue #11). tests/test_hostile.py builds every one and checks that the
build fails with a message naming the file, with no traceback, and that nothing live reached
the built HTML or the CSP.

Each case: the files to write (text, or bytes for broken encodings), symlinks to make, the
bibliography, and the file and words the error must name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.support import MINIMAL_BIB, page

CITED_BIB = """@misc{src2020,
  author = {{Test Body}},
  title = {A test source},
  year = {2020},
  keywords = {web-article},
  {FIELD}
}
"""


def bib_with(field_text: str) -> str:
    return CITED_BIB.replace("{FIELD}", field_text)


CITING = {"index.md": page("Home", "A claim [@src2020].")}
CHECKLIST_PAGE = page("Home", "<!-- guide:checklist c -->")
GOOD_CHECKLIST = """id: c
title: A checklist
intro: Tick what you have done.
version: 1
sections:
  - title: One
    items:
      - id: a
        text: Ask the group's size.
"""
LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
FRONT_BAD = "---\n{front}---\n\n# Home\n\nText.\n"
FRONT_OK = "title: Home\ndescription: A page for a test.\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n"


@dataclass(frozen=True)
class Case:
    name: str
    files: dict = field(default_factory=dict)  # docs-relative path -> str or bytes
    expect_file: str = "docs/index.md"  # the file the message must name
    expect: str = ""  # words the message must contain
    bib: str | bytes = MINIMAL_BIB
    symlinks: dict = field(default_factory=dict)  # docs-relative path -> target


def html_page(html: str, title: str = "Home") -> dict:
    return {"index.md": page(title, "Some text.\n\n" + html)}


CASES = [
    # -- references.bib ----------------------------------------------------------------------
    Case("bib doi breaks out", CITING, "references.bib", "is not a DOI",
         bib_with('doi = {10.1000/x"><script>alert(1)</script>}')),
    Case("bib url breaks out", CITING, "references.bib", "not an https address",
         bib_with('url = {https://example.org/"><script>alert(1)</script>}')),
    Case("bib date month 00", CITING, "references.bib", "not a real date",
         bib_with("date = {2014-00-25}").replace("@misc", "@online")),
    Case("bib date month 13", CITING, "references.bib", "not a real date",
         bib_with("date = {2014-13-01}").replace("@misc", "@online")),
    Case("bib not UTF-8", CITING, "references.bib", "not UTF-8", bib_with("note = {caf\xe9}").encode("latin-1")),
    Case("bib NUL byte", CITING, "references.bib", "NUL", bib_with("note = {a\x00b}")),
    # -- links that run code -----------------------------------------------------------------
    Case("href entity javascript", html_page('<a href="java&#115;cript:alert(1)">x</a>'), expect="javascript:"),
    Case("href javascript&colon;", html_page('<a href="javascript&colon;alert(1)">x</a>'), expect="javascript:"),
    Case("href java TAB script", html_page('<a href="java\tscript:alert(1)">x</a>'), expect="address"),
    Case("href vbscript", html_page('<a href="vbscript:msgbox(1)">x</a>'), expect="vbscript:"),
    Case("href data html", html_page('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'),
         expect="data:"),
    Case("javascript autolink", html_page("<javascript:alert(1)>"), expect="element <javascript:alert(1)>"),
    Case("markdown javascript link", html_page("[x](javascript:alert(1))"), expect="javascript:"),
    # -- other things that reached the page ---------------------------------------------------
    Case("meta refresh", html_page('<meta http-equiv="refresh" content="0;url=https://example.org/">'),
         expect="<meta>"),
    Case("base href", html_page('<base href="https://example.org/">'), expect="<base>"),
    Case("link stylesheet", html_page('<link rel="stylesheet" href="https://example.org/x.css">'), expect="<link>"),
    Case("style block exfiltrates a tick",
         html_page("<style>#some-item:checked + label { background-image: url(https://example.org/t) }</style>"),
         expect="<style>"),
    Case("svg animate rewrites href",
         html_page('<svg><a href="#"><animate attributeName="href" to="javascript:alert(1)"/>'
                   "<text>x</text></a></svg>"), expect="<svg>"),
    Case("style overlay by attr_list", html_page('Overlay\n{: style="position:fixed;inset:0;z-index:9" }'),
         expect="style"),
    Case("theme class overlay by attr_list", html_page("Overlay\n{: .md-dialog }"), expect="md-dialog"),
    Case("raw script", html_page("<script>alert(1)</script>"), expect="<script>"),
    Case("img onerror", html_page('<img src="x.png" alt="x" onerror="alert(1)">'), expect="onerror"),
    Case("handler by attr_list", html_page("Click\n{: onclick=\"alert(1)\" }"), expect="onclick"),
    Case("form posts elsewhere", html_page('<form action="https://example.org/"><input type="checkbox"></form>'),
         expect="action"),
    Case("iframe elsewhere", html_page('<iframe src="https://example.org/"></iframe>'), expect="iframe"),
    Case("object", html_page('<object data="https://example.org/x"></object>'), expect="object"),
    Case("noscript differential",
         html_page('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'),
         expect="noscript"),
    # -- bypasses of the content rules --------------------------------------------------------
    Case("snippet md with script", {"index.md": page("Home", '--8<-- "evil.md"'),
                                    "snippets/evil.md": "<script>alert(1)</script>\n"},
         "docs/snippets/evil.md", "<script>"),
    Case("snippet html with script", {"index.md": page("Home", '--8<-- "evil.html"'),
                                      "snippets/evil.html": "<script>alert(1)</script>\n"},
         "docs/snippets/evil.html", "Markdown"),
    Case("symlink to the environment", {"index.md": page("Home")}, "docs/understand/env.txt", "symbolic link",
         symlinks={"understand/env.txt": "/proc/self/environ"}),
    Case("symlinked folder outside", {"index.md": page("Home")}, "docs/outside", "symbolic link",
         symlinks={"outside": "/etc"}),
    Case("static html file", {"index.md": page("Home"), "x.html": "<script>alert(1)</script>"},
         "docs/x.html", "overrides/"),
    Case("static js file", {"index.md": page("Home"), "assets/x.js": "alert(1)"}, "docs/assets/x.js", "overrides/"),
    Case("static css file", {"index.md": page("Home"), "x.css": "body{background:url(https://example.org/)}"},
         "docs/x.css", "overrides/"),
    Case("svg with script", {"index.md": page("Home"), "pic.svg": "<svg><script>alert(1)</script></svg>"},
         "docs/pic.svg", "overrides/"),
    Case("png that is html", {"index.md": page("Home"), "pic.png": "<script>alert(1)</script>"},
         "docs/pic.png", "not really a PNG"),
    Case("template not a template", {"index.md": FRONT_BAD.format(front=FRONT_OK + "template: ../mkdocs.yml\n")},
         expect="template"),
    Case("template unknown", {"index.md": FRONT_BAD.format(front=FRONT_OK + "template: nothing.html\n")},
         expect="not one of the theme's templates"),
    # -- YAML ---------------------------------------------------------------------------------
    Case("billion laughs in a checklist", {"index.md": CHECKLIST_PAGE, "checklists/c.yml": LAUGHS},
         "docs/checklists/c.yml", "anchors and aliases are not allowed"),
    Case("billion laughs in front matter", {"index.md": FRONT_BAD.format(front=FRONT_OK + LAUGHS)},
         expect="anchors and aliases are not allowed"),
    Case("duplicate title", {"index.md": FRONT_BAD.format(front=FRONT_OK + "title: Another\n")},
         expect="'title' is written twice"),
    Case("deep nesting in front matter", {"index.md": FRONT_BAD.format(
        front=FRONT_OK + "reviewers: " + "[" * 5000 + "]" * 5000 + "\n")}, expect="nested far too deeply"),
    Case("deep nesting in a checklist", {"index.md": CHECKLIST_PAGE,
                                         "checklists/c.yml": "id: " + "[" * 5000 + "]" * 5000 + "\n"},
         "docs/checklists/c.yml", "nested far too deeply"),
    Case("control character in a checklist", {"index.md": CHECKLIST_PAGE,
                                              "checklists/c.yml": GOOD_CHECKLIST.replace("Ask", "Ask\x07")},
         "docs/checklists/c.yml", "control character"),
    Case("search wrong type", {"index.md": FRONT_BAD.format(front=FRONT_OK + "search: yes\n")},
         expect="'search'"),
    Case("hide wrong type", {"index.md": FRONT_BAD.format(front=FRONT_OK + "hide: toc\n")}, expect="'hide'"),
    # -- text ---------------------------------------------------------------------------------
    Case("page not UTF-8", {"index.md": page("Home", "caf\xe9").encode("latin-1")}, expect="not UTF-8"),
    Case("page binary garbage", {"index.md": bytes(range(256)) * 4}, expect="not UTF-8"),
    Case("page NUL", {"index.md": page("Home", "a\x00b")}, expect="NUL"),
    Case("unclosed links", {"index.md": page("Home", "[a](" * 200_000 + "*" * 200_000)},
         expect="without a closing ')'"),
    Case("unclosed brackets", {"index.md": page("Home", "[" * 200_000)}, expect="without a matching ']'"),
    Case("unclosed tags", {"index.md": page("Home", "<a " * 50_000)}, expect="never ends it"),
    Case("quote nesting", {"index.md": page("Home", "> " * 5000 + "x")}, expect="nested more than"),
]
