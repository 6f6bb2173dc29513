"""Intervention records (content/interventions/*.yml): load and validate against the schema."""

from __future__ import annotations

from pathlib import Path

from ungsoc import schema
from ungsoc.errors import Problem, shown
from ungsoc.yamlsource import load


def load_records(content_dir: Path) -> tuple[list[dict], list[Problem]]:
    records, problems = [], []
    for path in sorted((content_dir / "interventions").glob("*.yml")):
        display = shown(path)
        doc, found = load(path, display)
        if doc is None:
            problems += found
            continue
        if doc.data is None:
            problems.append(Problem(display, None, "", "the record is empty"))
            continue
        found = schema.validate(doc, content_dir / "intervention.schema.json")
        if not found and doc.data["id"] != path.stem:
            found.append(doc.problem(("id",), f"'{doc.data['id']}' differs from the file name; expected '{path.stem}'"))
        problems += found
        if not found:
            records.append(doc.data)
    return records, problems
