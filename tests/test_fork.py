"""A fork rebrands itself and still merges upstream content updates without conflicts."""

from __future__ import annotations

import shutil
import subprocess

import yaml
from pypdf import PdfReader

from conftest import ROOT, build, copy_project
from test_profile import PROFILES


def git(cwd, *args):
    result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_upstream_ships_no_local_pages():
    assert list((ROOT / "docs").glob("*/local/**/*.md")) == []


def test_fork_merges_upstream_content_without_conflicts(tmp_path):
    upstream = copy_project(tmp_path / "upstream")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-qm", "upstream")

    fork = tmp_path / "fork"
    git(tmp_path, "clone", "-q", str(upstream), str(fork))
    shutil.copy2(PROFILES / "dk-da-only.yml", fork / "content/municipality.yml")
    shutil.copy2(PROFILES / "fjordby.svg", fork / "content/assets/fjordby.svg")
    (fork / "docs/da/local").mkdir()
    (fork / "docs/da/local/index.md").write_text(
        "---\naudience: parents\nreviewed: 2026-11-24\n---\n\n# Familiehuset i Fjordby\n\n"
        "Huset er åbent hver onsdag. Alle er velkomne. Du kan bare komme.\n", encoding="utf-8")
    git(fork, "add", "-A")
    git(fork, "commit", "-qm", "Fjordby profile and local page")

    youth = upstream / "docs/da/youth/index.md"
    youth.write_text(youth.read_text(encoding="utf-8") + "\nDu kan også skrive til kommunen.\n", encoding="utf-8")
    git(upstream, "commit", "-qam", "content update")

    git(fork, "pull", "-q", "--no-rebase", "origin", "main")
    assert git(fork, "status", "--porcelain") == ""
    result = build(fork)
    assert result.returncode == 0, result.stderr
    assert "Du kan også skrive til kommunen." in (fork / "site/youth/index.html").read_text(encoding="utf-8")
    assert "Familiehuset i Fjordby" in (fork / "site/local/index.html").read_text(encoding="utf-8")
    # The lesson PDFs carry the fork's own name, from its profile.
    pdf = PdfReader(fork / "site/school/lesson-7-9/lesson-7-9.pdf")
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    name = yaml.safe_load((PROFILES / "dk-da-only.yml").read_text(encoding="utf-8"))["name"]["da"]
    assert name in text and pdf.metadata.author == name
