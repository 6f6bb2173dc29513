"""Missing translations fall back with a notice; the report lists what needs work."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import THREE_LANGUAGES, build, copy_project, place

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile

ONLY_SV = "---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Bara på svenska\n\nDen här sidan finns bara på svenska.\n"


def test_page_only_in_swedish_falls_back_with_notice_in_reader_language(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    (project / "docs/sv/youth/only-sv.md").write_text(ONLY_SV, encoding="utf-8")
    place(project, "youth/only-sv.md")
    result = build(project)
    assert result.returncode == 0, result.stderr
    danish = (project / "site/da/youth/only-sv/index.html").read_text(encoding="utf-8")
    assert "Denne side findes ikke på dansk endnu. Du læser originalen." in danish
    assert '<div lang="sv">' in danish and "Den här sidan finns bara på svenska." in danish
    # The Swedish heading is marked Swedish too, not left in the Danish page's language.
    assert re.search(r'<h1 [^>]*lang="sv"[^>]*>Bara på svenska', danish)
    norwegian = (project / "site/no/youth/only-sv/index.html").read_text(encoding="utf-8")
    assert "Denne siden finnes ikke på norsk ennå." in norwegian
    swedish = (project / "site/youth/only-sv/index.html").read_text(encoding="utf-8")
    assert "finns inte på svenska" not in swedish


def test_report_lists_missing_behind_and_stale_pages(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    (project / "docs/sv/youth/only-sv.md").write_text(ONLY_SV, encoding="utf-8")
    (project / "docs/da/youth/translated.md").write_text(
        "---\naudience: youth\nreviewed: 2020-01-01\ntranslation_of: sv/youth/only-sv.md\nsource_hash: 000000000000\n---\n\n"
        "# Kun på svensk\n\nDenne side er oversat.\n", encoding="utf-8")
    out = tmp_path / "report.json"
    result = subprocess.run([sys.executable, "-m", "ungsoc.cli", "report", "--json", str(out)], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert "da/youth/only-sv.md" in report["da"]["missing"]
    assert "no/youth/only-sv.md" in report["no"]["missing"]
    assert report["da"]["behind_source"] == ["da/youth/translated.md"]
    assert report["da"]["stale_review"] == ["da/youth/translated.md"]
    assert report["sv"]["missing"] == []
    assert "missing (1): da/youth/only-sv.md" in result.stdout
    assert all(isinstance(page["lix"], float) for page in report["sv"]["pages"])
