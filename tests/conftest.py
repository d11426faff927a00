"""Shared fixtures: the real site built once per run, a loopback server, headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import ROOT, run_mkdocs, serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real guide, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT / "mkdocs.yml", out)
    assert result.returncode == 0, f"the real site failed to build:\n{result.stderr[-6000:]}"
    return out


@pytest.fixture(scope="session")
def site_url(site_dir):
    url, server = serve(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. A missing browser fails the run: these tests never skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make test' (it installs Debian's chromium) "
                    "or 'apt-get install chromium'", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()
