"""Checks over all content without building: `ungsoc check`."""

from __future__ import annotations

from pathlib import Path

from ungsoc import frontmatter, schema
from ungsoc.config import load_mkdocs_yml
from ungsoc.errors import Problem, shown
from ungsoc.profile import load_profile
from ungsoc.records import load_records
from ungsoc.yamlsource import load


def check_pages(docs_dir: Path, content_dir: Path) -> list[Problem]:
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        problems += frontmatter.check(page.read_text(encoding="utf-8"), shown(page), content_dir)
    return problems


# Data files in the content folder and the schema each must follow.
DATA_FILES = {"glossary/*.yml": "glossary.schema.json", "ui/*.yml": "ui.schema.json",
              "national/*.yml": "national.schema.json", "feedback.yml": "feedback.schema.json"}


def check_data_files(content_dir: Path) -> list[Problem]:
    problems = []
    for pattern, schema_name in DATA_FILES.items():
        for path in sorted(content_dir.glob(pattern)):
            doc, found = load(path, shown(path))
            problems += found if doc is None else schema.validate(doc, content_dir / schema_name)
    return problems


def check_all(root: Path) -> list[Problem]:
    """Every check, with the docs folder, content folder and profile the build reads (mkdocs.yml)."""
    mkdocs_config, config = load_mkdocs_yml(root / "mkdocs.yml")
    content_dir, docs_dir = Path(config.content_dir), Path(mkdocs_config.docs_dir)
    _, problems = load_profile(root / config.profile, root, content_dir)
    _, record_problems = load_records(content_dir)
    return problems + check_pages(docs_dir, content_dir) + check_data_files(content_dir) + record_problems
