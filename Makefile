# Two commands for everyone: `make serve` to see the site, `make test` to check it.
# Each sets up what it needs first: a virtual environment with pinned packages, and the browser.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1
export PYTHONWARNINGS := ignore::DeprecationWarning:textstat.textstat

.PHONY: serve build test bench lighthouse browser lock clean help new-article lint check-properdocs
.DEFAULT_GOAL := help

help:
	@echo "make serve   run the site at http://127.0.0.1:8000 with live reload"
	@echo "make test    run every check: build, content, bibliography, checklists, browser"
	@echo "make build   write the site to site/ (strict: any warning fails)"
	@echo "make lighthouse  Lighthouse scores for the home page, an article and a checklist page"
	@echo "make check-properdocs  build with ProperDocs (Python 3.13) too, and fail on any difference from MkDocs"
	@echo "make bench   time builds of 100, 500 and 1,000 synthetic articles (about 5 minutes)"
	@echo "make new-article TITLE=\"Your title\" SECTION=prepare   start an article (sections: understand, decide, choose, prepare, about)"
	@echo "                 AFTER=formats.md   optional: the page it follows in the menu (default: last, before the Glossary)"
	@echo "make lint    every content check of the build, without building: front matter, citations, links, anchors, checklists, TODOs, HTML, reading level, spelling"

# The venv is (re)built when missing or older than requirements.txt; otherwise nothing is reinstalled.
$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $(STAMP)

# Debian's Chromium drives the browser tests (Playwright cannot download its own here).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need $(CHROMIUM): run 'sudo apt-get install chromium'"; exit 1; \
	  fi; \
	fi

# GUIDE_DRAFTS=1: a page with TODOs can be previewed here; `make build` and `make test` refuse it.
serve: $(STAMP)
	GUIDE_DRAFTS=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP) browser
	$(BIN)/python -m pytest

# TITLE and SECTION come from the command line; the shell reads them, so quotes in a title are safe.
new-article: $(STAMP)
	$(BIN)/python -m guide.scaffold --title "$$TITLE" --section "$$SECTION" --after "$$AFTER"

lint: $(STAMP)
	$(BIN)/python -m guide.lint --table

# Outlive the generator: build with ProperDocs, the maintained fork of MkDocs 1.6.1, in its own venv
# on Python 3.13, with MkDocs itself removed from that venv, and compare with the MkDocs build.
# Only the generator tag may differ. PROPERDOCS_PYTHON picks the interpreter.
PROPERDOCS_PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) python3.13)
PD_VENV  := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
$(PD_STAMP): requirements-properdocs.txt requirements.txt
	@test -x $(PD_VENV)/bin/python || $(PROPERDOCS_PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -m pip uninstall --quiet --disable-pip-version-check -y mkdocs
	@touch $(PD_STAMP)

check-properdocs: $(STAMP) $(PD_STAMP)
	rm -rf .site-mkdocs .site-properdocs
	$(BIN)/mkdocs build --strict --quiet --site-dir .site-mkdocs
	$(PD_VENV)/bin/properdocs build --strict --quiet --config-file mkdocs.yml --site-dir .site-properdocs
	$(BIN)/python -m guide.compare .site-mkdocs .site-properdocs

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.languages

# Lighthouse scores for three pages (npm package pinned in benchmarks/lighthouse/package-lock.json).
lighthouse: $(STAMP) browser
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m benchmarks.lighthouse

# Re-pin every package after changing requirements.in, with the SHA-256 of every file PyPI has
# for each pinned version (all platforms), so installs run with --require-hashes. pip-tools
# runs in a throwaway venv, itself pinned.
PIP_TOOLS := pip-tools==7.6.2
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet $(PIP_TOOLS)
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	rm -rf .lock-venv

clean:
	rm -rf site .pytest_cache .site-mkdocs .site-properdocs
