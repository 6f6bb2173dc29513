"""Checks over all content without building: `ungsoc check`."""

from __future__ import annotations

from pathlib import Path

from ungsoc import frontmatter, schema
from ungsoc.config import load_mkdocs_yml
from ungsoc.errors import Problem, shown
from ungsoc.profile import load_profile, profile_path
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


def demo_problem(profile: Path) -> list[Problem]:
    """Publishing refuses the demo profile: its municipality numbers are fictional."""
    doc, problems = load(profile, shown(profile))
    if doc is None or not isinstance(doc.data, dict) or not doc.data.get("demo"):
        return []
    return [doc.problem(("demo",), "this is the demo profile, whose numbers are not real: refusing to publish it. "
                        "Write your own with `ungsoc new-municipality` (it writes content/municipality.yml), "
                        "or remove `demo: true` from a profile you have made real")]


def check_all(root: Path, publish: bool = False) -> list[Problem]:
    """Every check, with the docs folder, content folder and profile the build reads (mkdocs.yml);
    publish: also refuse the demo profile."""
    mkdocs_config, config = load_mkdocs_yml(root / "mkdocs.yml")
    content_dir, docs_dir = Path(config.content_dir), Path(mkdocs_config.docs_dir)
    profile = profile_path(root, config.profile, content_dir)
    _, problems = load_profile(profile, root, content_dir)
    if publish:
        problems = demo_problem(profile) + problems
    _, record_problems = load_records(content_dir)
    return problems + check_pages(docs_dir, content_dir) + check_data_files(content_dir) + record_problems
