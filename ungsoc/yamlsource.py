"""YAML loading that remembers the line of every key, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ungsoc.errors import Problem

FieldPath = tuple[Any, ...]


@dataclass
class YamlDoc:
    file: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    line_offset: int = 0

    def line(self, path: FieldPath) -> int | None:
        """The line of the deepest known key on path (1-based)."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        found = self.lines.get(path)
        return None if found is None else found + self.line_offset

    def problem(self, path: FieldPath, message: str) -> Problem:
        return Problem(self.file, self.line(path), dotted(path), message)


def dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _walk(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.safe_load(yaml.serialize(key_node)) if key_node.tag != "tag:yaml.org,2002:str" else key_node.value
            lines[path + (key,)] = key_node.start_mark.line + 1
            _walk(value_node, path + (key,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines)


def parse(text: str, file: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text; a syntax error becomes a Problem with its line."""
    # One pass builds both the node tree (for the lines) and the data from it; libyaml's
    # loader, where PyYAML has it, is several times faster (every page's front matter).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        reason = getattr(error, "problem", None) or str(error)
        return None, [Problem(file, line, "", f"YAML syntax error: {reason}; fix the indentation or quoting")]
    finally:
        loader.dispose()
    lines: dict[FieldPath, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return YamlDoc(file, data, lines, line_offset), []


def load(path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(display, None, "", "file not found")]
    return parse(path.read_text(encoding="utf-8"), display)
