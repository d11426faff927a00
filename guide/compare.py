"""Outlive the generator: check that a built site carries our hooks' output, and that two builds
of the guide (MkDocs and ProperDocs) are the same apart from the generator tag.

Some generators that read mkdocs.yml silently ignore ``hooks:`` and unknown plugins: they would
publish pages without citations, review dates, checklists, embeds or security headers, and report
no error. :func:`hook_output_problems` names each missing piece, so such a build fails loudly.

``python -m guide.compare SITE_A SITE_B`` runs both checks (``make check-properdocs``).
"""

from __future__ import annotations

import difflib
import gzip
import re
import sys
from pathlib import Path

# <meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1">: the one line allowed to differ.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')

# What the hooks add, where to find it, and what its absence means.
HOOK_OUTPUT = (
    ("understand/research/index.html", rb'<h2 id="sources">', "the 'Sources' heading of a page that cites"),
    ("understand/research/index.html", rb'class="ogt-review"', "the review dates under the title"),
    ("about/references/index.html", rb'<li id="ref-', "the References page's entries"),
    ("about/references/index.html", rb'<span class="ogt-ref__cited">Cited on:', "the References page's 'Cited on' links"),
    ("choose/platform/index.html", rb'data-ogt-checklist="choose-platform"', "the checklist on Choosing a platform"),
    ("prepare/first-session/index.html", rb'data-ogt-checklist="first-session"', "the checklist on Your first session"),
    ("embed/understand/research/index.html", rb'<h1', "the embed view of a page (embed/)"),
    ("_headers", rb"Content-Security-Policy:", "the security headers file (_headers)"),
)


def hook_output_problems(site: Path) -> list[str]:
    """Each piece of the hooks' output that the built site lacks, as one line."""
    site = Path(site)
    problems = []
    for rel, needle, what in HOOK_OUTPUT:
        path = site / rel
        if not path.is_file():
            problems.append(f"{rel}: missing, so {what} is missing: did the generator run hooks/site.py?")
        elif needle not in path.read_bytes():
            problems.append(f"{rel}: {what} is missing ({needle.decode()} not found): "
                            "did the generator run hooks/site.py?")
    return problems


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)  # the gzip header holds a time; the content must match
    if path.suffix == ".html":
        data = GENERATOR.sub(b'<meta name="generator">', data)
    return data


def compare(a: Path, b: Path, *, shown: tuple[str, str] = ("a", "b")) -> list[str]:
    """Every difference between two built sites, ignoring only the generator tag."""
    a, b = Path(a), Path(b)
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = [f"{rel}: only in the {shown[0]} build" for rel in sorted(files_a - files_b)]
    out += [f"{rel}: only in the {shown[1]} build" for rel in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        left, right = _content(a / rel), _content(b / rel)
        if left == right:
            continue
        try:
            diff = difflib.unified_diff(left.decode().splitlines(), right.decode().splitlines(),
                                        shown[0], shown[1], n=0, lineterm="")
            first = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")][:2]
        except UnicodeDecodeError:
            first = ["(binary files differ)"]
        out.append(f"{rel}: differs: " + " | ".join(line[:160] for line in first))
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m guide.compare MKDOCS_SITE OTHER_SITE", file=sys.stderr)
        return 2
    a, b = map(Path, args)
    problems = [f"{a}/{p}" for p in hook_output_problems(a)] + [f"{b}/{p}" for p in hook_output_problems(b)]
    differences = compare(a, b, shown=(str(a), str(b)))
    for line in problems + differences:
        print(line)
    files = sum(1 for p in a.rglob("*") if p.is_file())
    if problems or differences:
        print(f"FAILED: {len(problems)} missing hook outputs, {len(differences)} files differ.")
        return 1
    print(f"The same site: {files} files, identical apart from the generator tag; every hook output is present.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
