"""guide/footnotes.py: the same footnote HTML as Python-Markdown's own method, in linear time."""

from __future__ import annotations

import markdown
import pytest

from guide import footnotes

DOCS = [
    "A[^a] b[^b] c[^a] d[^a] e[^b].\n\n[^a]: Source A.\n[^b]: Source B.\n",
    "Only one[^x].\n\n[^x]: X.\n",
    "Unused.\n\n[^u]: U.\n",
    "Many " + " ".join(f"claim[^k{i % 7}]" for i in range(300)) + ".\n\n"
    + "\n".join(f"[^k{i}]: Source {i}." for i in range(7)) + "\n",
    "Odd ids[^fnref2] and[^fnref2] again[^a:b] and[^a:b].\n\n[^fnref2]: F.\n[^a:b]: AB.\n",
]


def render(text: str, **config) -> str:
    return markdown.markdown(text, extensions=["footnotes"], extension_configs={"footnotes": config})


@pytest.mark.parametrize("config", [{}, {"UNIQUE_IDS": True}, {"SEPARATOR": "-"}])
@pytest.mark.parametrize("text", DOCS)
def test_same_html_as_python_markdown(text, config):
    footnotes.uninstall()
    expected = render(text, **config)
    footnotes.install()
    try:
        assert render(text, **config) == expected
    finally:
        footnotes.uninstall()
