"""Problems found in editor input, reported as `file:line: field.path: what is wrong`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def shown(path: Path) -> str:
    """A file as messages name it: relative to the folder the command runs in, where it is
    inside it (`content/feedback.yml`), else in full (a `content_dir` elsewhere)."""
    path = Path(path).absolute()
    return path.relative_to(Path.cwd()).as_posix() if path.is_relative_to(Path.cwd()) else str(path)


class ContentError(PluginError):
    """One or more problems in content; every problem is listed, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        head = f"{count} problem{'s' if count != 1 else ''} in content:"
        super().__init__("\n".join([head, *map(str, problems)]))


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ContentError(problems)
