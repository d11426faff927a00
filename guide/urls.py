"""Links between pages of the built site."""

from __future__ import annotations

import posixpath


def relative_url(from_url: str, to_url: str) -> str:
    """The link from one page's URL to another's, both relative to the site root."""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    path, _, anchor = to_url.partition("#")
    target = posixpath.relpath(path or ".", start or ".")
    if path.endswith("/") and target != ".":
        target += "/"
    elif target == ".":
        target = "./"
    return target + (f"#{anchor}" if anchor else "")
