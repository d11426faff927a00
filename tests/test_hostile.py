"""Every hostile input of tests/hostile/cases.py fails the build with a message naming the file,
no traceback, nothing live in any HTML that was written, and no CSP hash beyond the theme's."""

from __future__ import annotations

import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide import headers
from tests.hostile.cases import CASES, Case
from tests.support import MINIMAL_BIB, fixture_site, page, run_mkdocs

DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)


def build(case: Case, root: Path):
    (root / "docs").mkdir(parents=True, exist_ok=True)
    text_files = {k: v for k, v in case.files.items() if isinstance(v, str)}
    config = fixture_site(root, text_files, bib=case.bib if isinstance(case.bib, str) else MINIMAL_BIB)
    for name, data in case.files.items():
        if isinstance(data, bytes):
            path = root / "docs" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if isinstance(case.bib, bytes):
        (root / "references.bib").write_bytes(case.bib)
    for name, target in case.symlinks.items():
        link = root / "docs" / name
        link.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, link)
    return run_mkdocs(config, root / "site")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Every case built once, two at a time (each build is mostly one process waiting on I/O and
    Python start-up), plus one clean site for the theme's own CSP hashes."""
    base = tmp_path_factory.mktemp("hostile")
    clean = Case("clean", {"index.md": page("Home", "Some text.")})
    cases = [clean, *CASES]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(zip([c.name for c in cases],
                        pool.map(lambda c: (build(c, base / re.sub(r"\W+", "-", c.name)),
                                            base / re.sub(r"\W+", "-", c.name)), cases)))
    yield done
    shutil.rmtree(base, ignore_errors=True)


class LiveCode(HTMLParser):
    """Anything in built HTML that could run or redirect: read with a parser, not a regex."""

    def __init__(self, theme: headers.ThemeCode):
        super().__init__(convert_charrefs=True)
        self.theme, self.found, self._script = theme, [], None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and value and \
                    DANGEROUS_SCHEMES.match(value):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta refresh>")
        if tag in ("base", "object", "embed", "svg"):
            self.found.append(f"<{tag}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            code = "".join(self._script)
            if not self.theme.allows("scripts", code):
                self.found.append(f"<script>{code[:40]}")
            self._script = None


def hashes(site: Path) -> set[str]:
    path = site / "_headers"
    return set(re.findall(r"'sha256-[^']+'", path.read_text(encoding="utf-8"))) if path.exists() else set()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_refused(case, results):
    result, root = results[case.name]
    clean_result, clean_root = results["clean"]
    assert clean_result.returncode == 0, clean_result.stderr[-3000:]
    out = result.stderr + result.stdout
    assert result.returncode != 0, f"{case.name}: the build passed"
    assert "Traceback" not in out, out[-3000:]
    assert re.search(re.escape(case.expect_file) + r"(:\d+)?:", out), f"{case.name}: no file named\n{out[-3000:]}"
    assert case.expect in out, f"{case.name}: expected {case.expect!r}\n{out[-3000:]}"
    assert "fix:" in out
    theme = headers.ThemeCode.read([Path(__file__).parent.parent / "overrides",
                                    Path(headers.__file__).parent.parent / ".venv/lib/python3.11/site-packages/material/templates"])
    for html in (root / "site").rglob("*.html") if (root / "site").exists() else []:
        scan = LiveCode(theme)
        scan.feed(html.read_text(encoding="utf-8", errors="replace"))
        assert scan.found == [], f"{case.name}: live code in {html}: {scan.found}"
    for path in (root / "site").rglob("*") if (root / "site").exists() else []:
        assert not path.is_symlink() and "environ" not in path.name
    assert hashes(root / "site") <= hashes(clean_root / "site"), f"{case.name}: a new CSP hash"
