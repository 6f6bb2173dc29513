"""Checks over all content without building: `ungsoc check`."""

from __future__ import annotations

from pathlib import Path

from ungsoc import frontmatter, schema
from ungsoc.errors import Problem
from ungsoc.profile import load_profile, profile_path
from ungsoc.records import load_records
from ungsoc.yamlsource import load


def check_pages(root: Path) -> list[Problem]:
    problems = []
    for page in sorted((root / "docs").rglob("*.md")):
        display = page.relative_to(root).as_posix()
        problems += frontmatter.check(page.read_text(encoding="utf-8"), display)
    return problems


# Data files under content/ and the schema each must follow.
DATA_FILES = {"glossary/*.yml": "glossary.schema.json", "ui/*.yml": "ui.schema.json",
              "national/*.yml": "national.schema.json", "feedback.yml": "feedback.schema.json"}


def check_data_files(root: Path) -> list[Problem]:
    problems = []
    for pattern, schema_name in DATA_FILES.items():
        for path in sorted((root / "content").glob(pattern)):
            doc, found = load(path, path.relative_to(root).as_posix())
            problems += found if doc is None else schema.validate(doc, schema.SCHEMA_DIR / schema_name)
    return problems


def demo_problem(root: Path) -> list[Problem]:
    """Publishing refuses the demo profile: its municipality numbers are fictional."""
    path = profile_path(root)
    doc, problems = load(path, path.relative_to(root).as_posix())
    if doc is None or not isinstance(doc.data, dict) or not doc.data.get("demo"):
        return []
    return [doc.problem(("demo",), "this is the demo profile, whose numbers are not real: refusing to publish it. "
                        "Write your own with `ungsoc new-municipality` (it writes content/municipality.yml), "
                        "or remove `demo: true` from a profile you have made real")]


def check_all(root: Path, publish: bool = False) -> list[Problem]:
    _, problems = load_profile(profile_path(root), root, root / "content")
    if publish:
        problems = demo_problem(root) + problems
    _, record_problems = load_records(root / "content")
    return problems + check_pages(root) + check_data_files(root) + record_problems
