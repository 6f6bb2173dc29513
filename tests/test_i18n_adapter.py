"""mkdocs-static-i18n's internals are reached from one module, written for the pinned version."""

from __future__ import annotations

import re
from importlib.metadata import version

from conftest import ROOT
from ungsoc import static_i18n

INTERNALS = re.compile(r"plugins\.get\([\"']i18n[\"']\)|i18n_files_per_language|current_language|\.building\b|"
                       r"\.locale\b|locale_alternate_of|\.alternates\b|extra\.alternate\b")


def test_only_the_adapter_touches_i18n_internals():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "ungsoc").rglob("*.py")) if path.name != "static_i18n.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if INTERNALS.search(line) and not line.lstrip().startswith("#")]
    assert found == [], "ask ungsoc/static_i18n.py instead:\n" + "\n".join(found)


def test_adapter_written_for_the_pinned_version():
    pin = re.search(r'"mkdocs-static-i18n==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert static_i18n.WRITTEN_FOR == pin == version("mkdocs-static-i18n")
