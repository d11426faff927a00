"""Read an editor's YAML data file safely, keeping the line of every field.

Every structured data file in the guide (checklists, and any new data an issue adds) comes in
through :func:`read`. The YAML is untrusted input from a pull request:

* It is read with ``yaml.SafeLoader`` (``safe_load`` semantics): no Python tags.
* Anchors (``&name``) and aliases (``*name``) are refused from the token stream, before any node
  graph is composed, so a "billion laughs" file is stopped at once instead of being expanded.
* Duplicate keys are refused (YAML would silently keep the last one) and nesting is capped.
* The node tree is kept, so a caller's checks can name the line of any field (:class:`Lines`).

Nothing here knows what a checklist is: callers pass their own wording for the two fixes that
depend on the file's format (an empty file, and nesting that is far too deep).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from guide.errors import Problem

Path_ = tuple  # a path into the data: ("sections", 0, "items", 2, "cite")
MAX_DEPTH = 20  # our data files are at most 6 levels deep; an alias loop or a prank is not


@dataclass
class Lines:
    value: dict[Path_, int] = field(default_factory=dict)  # where each value starts
    key: dict[Path_, int] = field(default_factory=dict)  # where the key of a mapping value is

    def of(self, path: Path_) -> int:
        """The line to show for a path: the key's line, or the value's for list entries."""
        while path:
            if path in self.key:
                return self.key[path]
            if path in self.value:
                return self.value[path]
            path = path[:-1]
        return self.value.get((), 1)


def read(text: str, shown: str, *, empty_fix: str, nesting_fix: str) -> tuple[Any, Lines, list[Problem]]:
    """Parse ``text`` (from the file shown as ``shown``). Returns the data, the line index and
    every problem found; the data is ``None`` when there is a problem."""
    lines = Lines()
    try:
        refused = scan(text, shown, nesting_fix=nesting_fix)
        if refused:
            return None, lines, refused
        loader, node = _compose(text)
        try:
            if node is None:
                return None, lines, [Problem(shown, 1, "the file is empty", empty_fix)]
            problems: list[Problem] = []
            _index(node, (), lines, problems, shown, nesting_fix)
            if problems:
                return None, lines, problems
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        return None, lines, [_syntax_problem(exc, text, shown)]
    return data, lines, []


def read_mapping(text: str, shown: str, *, what: str, start: str, schema_shown: str, empty_fix: str
                 ) -> tuple[Any, Lines, list[Problem]]:
    """:func:`read` for a data file whose top level is a set of fields: ``what`` names the file in
    the message ("the decision aid"), ``start`` its first fields ("'version:' and 'things:'")."""
    data, lines, problems = read(text, shown, empty_fix=empty_fix, nesting_fix=f"compare the file with {schema_shown}")
    if not problems and not isinstance(data, dict):
        return None, lines, [Problem(shown, 1, f"{what} must be a set of 'name: value' fields",
                                     f"start with {start} (see {schema_shown})")]
    return data, lines, problems


_C_LOADER = getattr(yaml, "CSafeLoader", None)  # libyaml: about 10 times faster


def _compose(text: str) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    """The node tree, composed by libyaml when it is there. On a syntax error the pure-Python
    loader reads the text again, so the message (and its hint) is the same on every machine."""
    if _C_LOADER is not None:
        loader = _C_LOADER(text)
        try:
            return loader, loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
    loader = yaml.SafeLoader(text)
    try:
        return loader, loader.get_single_node()
    except yaml.YAMLError:
        loader.dispose()
        raise


_OPEN = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
         yaml.FlowSequenceStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def scan(text: str, shown: str, *, max_depth: int = MAX_DEPTH, first_line: int = 1,
         nesting_fix: str = "write the data with fewer levels") -> list[Problem]:
    """Anchors, aliases and nesting deeper than ``max_depth``, found in the token stream: cheap,
    nothing is expanded or composed (a "billion laughs" or 5,000 nested '[' stops here, before
    PyYAML's recursive composer could run out of stack). ``first_line``: the file line of the
    text's first line (front matter starts on line 2). Syntax errors raise ``yaml.YAMLError``."""
    problems = _aliases(text, shown, first_line)
    if problems:
        return problems
    depth = 0
    for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(token, _OPEN):
            depth += 1
            if depth > max_depth:
                return [Problem(shown, token.start_mark.line + first_line, "the YAML is nested far too deeply",
                                nesting_fix)]
        elif isinstance(token, _CLOSE):
            depth -= 1
    return []


def _aliases(text: str, shown: str, first_line: int = 1) -> list[Problem]:
    """Anchors and aliases, found in the token stream (cheap: nothing is expanded)."""
    problems = []
    for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            line = token.start_mark.line + first_line
            sign = "*" if isinstance(token, yaml.AliasToken) else "&"
            problems.append(Problem(
                shown, line, f"YAML anchors and aliases are not allowed here (found '{sign}'; '&name' and '*name' repeat other text)",
                "write the text out in full; to start a value with '*' or '&' (emphasis), put it in double quotes",
                field=field_near(text, line - first_line + 1)))
    return problems


def _syntax_problem(exc: yaml.YAMLError, text: str, shown: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if reason == "found character that cannot start any token" and mark is not None:
        # libyaml (the C scanner) leaves the character out; name it, as the Python scanner does
        rows = text.splitlines()
        row = rows[mark.line] if mark.line < len(rows) else ""
        if mark.column < len(row):
            reason = f"found character {row[mark.column]!r} that cannot start any token"
    start, context = getattr(exc, "context_mark", None), getattr(exc, "context", None)
    if start is not None and context and start.line + 1 != line:
        if "end of stream" in reason:  # e.g. a quote never closed: point at where it opened
            reason, line = f"{reason}, {context} that starts here", start.line + 1
        else:
            reason = f"{reason} ({context} on line {start.line + 1})"
    return Problem(shown, line, f"the file is not valid YAML: {reason}", _syntax_fix(reason, text, line),
                   field=field_near(text, line))


_CITE_AT = re.compile(r"^(\s*(?:-\s+)?cite\s*:\s*)(.*)$")


def _syntax_fix(reason: str, text: str, line: int) -> str:
    """The fix for a YAML syntax error, with the usual Markdown habits spelled out."""
    rows = text.splitlines()
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    cite = _CITE_AT.match(row)
    if "'@'" in reason and cite:  # cite: [@banbury2018], the Markdown way of citing
        keys = [k.strip().lstrip("@").strip() for k in cite.group(2).strip().strip("[]").split(",")]
        return (f"remove the @: in a YAML file a cite key is written without it, "
                f"as 'cite: [{', '.join(k for k in keys if k)}]'")
    if "'@'" in reason:
        return "'@' cannot start a value in YAML: put the text in double quotes, e.g. \"@name\""
    return ("check the indentation (spaces, not tabs) and put text that contains ': ', '#' or "
            "starts with a symbol such as '*', '[' or '&' in double quotes")


def _index(node: yaml.Node, path: Path_, lines: Lines, problems: list[Problem], shown: str,
           nesting_fix: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        problems.append(Problem(shown, node.start_mark.line + 1, "the YAML is nested far too deeply",
                                nesting_fix, field=field_name(path[:4])))
        return
    lines.value[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key in first:
                problems.append(Problem(shown, line, f"the field '{key}' is written twice (first on line {first[key]})",
                                        "keep one of the two; YAML would silently use the last one",
                                        field=field_name(path + (key,))))
                continue
            first[key] = line
            lines.key[path + (key,)] = line
            _index(value_node, path + (key,), lines, problems, shown, nesting_fix, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for number, child in enumerate(node.value):
            _index(child, path + (number,), lines, problems, shown, nesting_fix, depth + 1)


_KEY_LINE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:(?:\s|$)")


def field_near(text: str, line: int) -> str | None:
    """The field written on ``line`` or the nearest line above it, for YAML syntax errors."""
    rows = text.splitlines()
    for number in range(min(line, len(rows)), 0, -1):
        match = _KEY_LINE.match(rows[number - 1])
        if match:
            return match.group(1)
    return None


def field_name(path: Path_, whole: str = "(checklist)") -> str:
    """``sections[0].items[2].cite`` for a path; ``whole`` names the file's top level."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or whole


def get(data: Any, path: Path_) -> Any:
    """The value at ``path``, or ``None`` where the path does not exist."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@functools.lru_cache(maxsize=None)
def validator(schema_path: Path) -> jsonschema.protocols.Validator:
    """The JSON Schema at ``schema_path``, itself checked once, as a cached validator: every data
    file's structure is checked through one of these before its own semantic checks."""
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)
