"""Reading editor files: YAML with the line of every key, and text files read defensively.

Every problem with an input becomes a Problem with its file and line, never a traceback:
binary or non-UTF-8 files, oversized files, tabs in indentation, merge-conflict markers,
duplicate keys, an unquoted `no:` key (YAML 1.1 reads it as false), invalid dates and YAML
aliases (a few lines of aliases can expand into billions of values).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from ungsoc.errors import Problem

FieldPath = tuple[Any, ...]

# No editor file comes near this; a larger one is a mistake (a pasted export, a binary).
MAX_FILE_BYTES = 1_000_000
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?:\s|$)", re.M)
BOOL_WORDS = {"no", "yes", "on", "off", "n", "y", "true", "false"}


@dataclass
class YamlDoc:
    file: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)
    line_offset: int = 0
    # Problems that still leave readable data (a duplicate key: the last one wins), reported
    # with the schema's findings so one run shows everything.
    problems: list[Problem] = field(default_factory=list)

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


def read_text(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[str | None, list[Problem]]:
    """A source file's text, or a problem saying why it cannot be read as UTF-8 text."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [Problem(display, None, "", f"file is {size:,} bytes; the limit is {limit:,} bytes per file: "
                                                      "split it or remove what does not belong")]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(display, None, "", "file not found")]
    except OSError as error:
        return None, [Problem(display, None, "", f"cannot be read ({error.strerror}); check that it is a readable file")]
    if b"\0" in data:
        return None, [Problem(display, data.count(b"\n", 0, data.index(b"\0")) + 1, "",
                              "binary data, not text; a page or data file must be UTF-8 text")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, [Problem(display, line, "", f"not UTF-8 (byte 0x{data[error.start]:02x}; probably Latin-1 or "
                                                 "Windows-1252): save the file as UTF-8")]


def text_problems(text: str, file: str, line_offset: int = 0) -> list[Problem]:
    """Problems any text source can have: merge-conflict markers."""
    return [Problem(file, text.count("\n", 0, m.start()) + 1 + line_offset, "",
                    f"merge-conflict marker '{m.group(1)}'; keep the right version and delete the markers")
            for m in CONFLICT_MARKER.finditer(text)]


def _safe_timestamp(loader, node):
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise ConstructorError(None, None, f"'{node.value}' is not a valid date; expected YYYY-MM-DD",
                               node.start_mark) from None


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml where PyYAML has it
    pass


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _safe_timestamp)


def _walk(node: yaml.Node, path: FieldPath, lines: dict[FieldPath, int], seen: set[int],
          problems: list[Problem], file: str, offset: int) -> None:
    if id(node) in seen:  # the same node twice: an alias
        problems.append(Problem(file, node.start_mark.line + 1 + offset, dotted(path),
                                "YAML aliases (*name) are not allowed; write the value out"))
        return
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        seen.add(id(node))
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(file, line + offset, dotted(path), "YAML merge keys (<<) are not allowed; write the keys out"))
                continue
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str":
                key = key_node.value
            elif isinstance(key_node, yaml.ScalarNode):
                key = yaml.load(yaml.serialize(key_node), Loader=_Loader)
            else:
                problems.append(Problem(file, line + offset, dotted(path), "a key must be plain text"))
                continue
            if isinstance(key, bool) and key_node.value.lower() in BOOL_WORDS:
                problems.append(Problem(file, line + offset, dotted(path + (key_node.value,)),
                                        f'unquoted {key_node.value} is read as {str(key).lower()}; write "{key_node.value}" in quotes'))
            if key in first:
                problems.append(Problem(file, line + offset, dotted(path + (key,)),
                                        f"duplicate key (first on line {first[key] + offset}); keep one of them"))
                continue
            first[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, seen, problems, file, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            _walk(item, path + (index,), lines, seen, problems, file, offset)


def _syntax_problem(error: yaml.YAMLError, text: str, file: str, line_offset: int) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    reason = getattr(error, "problem", None) or str(error)
    source_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in reason or "'\\t'" in reason or source_line[:len(source_line) - len(source_line.lstrip())].count("\t"):
        return Problem(file, None if line is None else line + line_offset, "",
                       "tab in indentation; YAML indents with spaces only: replace the tab with spaces")
    if isinstance(error, ConstructorError):
        return Problem(file, None if line is None else line + line_offset, "", f"{reason}")
    return Problem(file, None if line is None else line + line_offset, "",
                   f"YAML syntax error: {reason}; fix the indentation or quoting")


def parse(text: str, file: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse YAML text; every problem becomes a Problem with its line, and then no document."""
    markers = text_problems(text, file, line_offset)
    if markers:
        return None, markers
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(file, None, {}, line_offset), []
        lines: dict[FieldPath, int] = {}
        problems: list[Problem] = []
        # Before constructing: aliases would be expanded by everything that reads the data.
        _walk(node, (), lines, set(), problems, file, line_offset)
        if any(not p.message.startswith("duplicate key") for p in problems):
            return None, problems
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        return None, [_syntax_problem(error, text, file, line_offset)]
    except RecursionError:
        return None, [Problem(file, None, "", "nested too deeply to read; flatten the structure")]
    finally:
        loader.dispose()
    return YamlDoc(file, data, lines, line_offset, problems), []


def read_data(path: Path) -> Any:
    """A data file the build has checked (`load` reports its problems), read with the same
    libyaml loader: yaml.safe_load would parse it in pure Python, several times slower."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def load(path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse(text, display)


def iso_dates(value: Any) -> Any:
    """Dates as YYYY-MM-DD text, as the schemas expect (YAML reads an unquoted date as a date)."""
    if isinstance(value, dict):
        return {k: iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso_dates(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value
