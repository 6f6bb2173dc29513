"""Checks over all content without building: `ungsoc check`."""

from __future__ import annotations

from pathlib import Path

from ungsoc import frontmatter, schema
from ungsoc.errors import Problem
from ungsoc.profile import load_profile
from ungsoc.yamlsource import load


def check_pages(root: Path) -> list[Problem]:
    problems = []
    for page in sorted((root / "docs").rglob("*.md")):
        display = page.relative_to(root).as_posix()
        problems += frontmatter.check(page.read_text(encoding="utf-8"), display)
    return problems


def check_glossaries(root: Path) -> list[Problem]:
    problems = []
    for path in sorted((root / "content" / "glossary").glob("*.yml")):
        doc, found = load(path, path.relative_to(root).as_posix())
        problems += found if doc is None else schema.validate(doc, schema.SCHEMA_DIR / "glossary.schema.json")
    return problems


def check_all(root: Path) -> list[Problem]:
    _, problems = load_profile(root / "content" / "municipality.yml", root, root / "content")
    return problems + check_pages(root) + check_glossaries(root)
