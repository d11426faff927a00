"""Helpers shared by the tests: build the real site or a small fixture site, serve a folder."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import yaml

from guide.errors import Problem

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}

# A bibliography with one uncited background entry: enough for a fixture site that cites nothing.
MINIMAL_BIB = """@misc{only2020,
  author = {{Test Body}},
  title = {A test source},
  year = {2020},
  keywords = {web-article, background}
}
"""

FRONT = "---\ntitle: {title}\ndescription: A page for a test.\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n"


# The start of a one-section checklist "ready"; a test adds its items.
CHECKLIST_HEAD = """id: ready
title: Ready
intro: Tick each one.
version: 1
sections:
  - title: Space
    items:
"""


# mkdocs.es.yml of a two-language fixture site (see add_spanish_edition).
SPANISH_CONFIG = """\
INHERIT: mkdocs.yml
docs_dir: docs-es
site_url: https://example.org/guide/es/
theme:
  language: es
exclude_docs: |
  data/
plugins:
  - search:
      lang: es
  - bibtex:
      bib_file: references.bib
      enable_inline_citations: false
      bib_by_default: true
      footnote_format: "{key}"
"""


def add_spanish_edition(tmp: Path, config: Path) -> None:
    """Give a fixture site (from fixture_site) a Spanish edition under /es/: mkdocs.es.yml, and
    a site_url the two configs agree on. The caller writes docs-es/."""
    (tmp / "mkdocs.es.yml").write_text(SPANISH_CONFIG, encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://ogt-guide.github.io/online-group-therapy-guide/", "site_url: https://example.org/guide/"),
        encoding="utf-8")


def only_problem(found: tuple) -> Problem:
    """The one problem of a parser's (data, problems) result, which must have no data."""
    data, problems = found
    assert data is None
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def replace_once(old: str, new: str, text: str) -> str:
    """``text`` with ``old``, which must be there exactly once, replaced."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The line number of the ``nth`` line of ``text`` that holds ``needle``."""
    hits = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) >= nth, needle
    return hits[nth - 1]


def page(title: str, body: str = "") -> str:
    """A valid Markdown page with front matter."""
    return FRONT.format(title=title) + f"# {title}\n\n{body}\n"


def run_mkdocs(config: Path, site_dir: Path, *, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=config.parent, env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=600,
    )


def stub_evidence(bib: str, docs: dict[str, str] | None = None) -> str:
    """evidence.yml for a fixture bibliography: a bare record for each research entry, so the
    build's evidence checks pass. Its records state no numbers: a fixture page that cites a
    number needs its own ``evidence``."""
    from guide import bibliography

    keys = [k for k, e in bibliography.parse(bib).entries.items() if e.kind is not None and e.kind.research]

    def backs(key: str) -> str:
        pages = [name for name, text in (docs or {}).items()
                 if (name.endswith(".md") and f"@{key}" in text) or (name.endswith(".yml") and key in text)]
        return "[" + ", ".join(f"{{page: {name}, claim: A test claim.}}" for name in pages) + "]"

    return "records:" + ("\n" if keys else " []\n") + "".join(
        f"  - key: {k}\n    checked: \"2026-11-28\"\n    read: abstract\n    design: randomised trial\n"
        "    population: adults\n    conditions: [depression]\n    setting: {where: online, format: group}\n"
        "    findings: [{text: A test finding., where: abstract}]\n"
        "    limits: [{text: A test limit., where: abstract}]\n"
        f"    backs: {backs(k)}\n" for k in keys)


def fixture_site(tmp: Path, docs: dict[str, str], *, bib: str | None = None,
                 nav: list | None = None, extra_config: dict | None = None,
                 evidence: str | None = None) -> Path:
    """A small site that uses the real hooks, theme overrides and plugins, with the given pages.

    ``bib`` defaults to the project's references.bib; with it, a fixture site must cite every
    entry or mark it background, so most tests pass their own small ``bib``. ``evidence``
    (evidence.yml) defaults to the project's with the project's bib, else to :func:`stub_evidence`.
    """
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config.pop("nav", None)
    config.pop("watch", None)  # `make serve` paths of the real guide; a fixture site is never served
    if nav is not None:
        config["nav"] = nav
    config.update(extra_config or {})
    for name, text in docs.items():
        path = tmp / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp / "references.bib").write_text(
        bib if bib is not None else (ROOT / "references.bib").read_text(encoding="utf-8"), encoding="utf-8")
    if evidence is None:
        evidence = (ROOT / "evidence.yml").read_text(encoding="utf-8") if bib is None else stub_evidence(bib, docs)
    (tmp / "evidence.yml").write_text(evidence, encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
    return tmp / "mkdocs.yml"


def build_fixture(tmp: Path, docs: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    config = fixture_site(tmp, docs, **{k: v for k, v in kwargs.items() if k != "env"})
    return run_mkdocs(config, tmp / "site", env=kwargs.get("env"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # keep test output clean
        pass

    def end_headers(self):
        for name, value in self.headers_for(self.path).items():
            self.send_header(name, value)
        super().end_headers()

    def headers_for(self, path: str) -> dict[str, str]:
        return {}


def serve(directory: Path, headers_for=None) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve a folder on a free loopback port. Returns the base URL and the server."""
    handler = type("Handler", (_QuietHandler,), {})
    if headers_for is not None:
        handler.headers_for = lambda self, path: headers_for(path)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
