"""A failed build never replaces a good site/."""

from __future__ import annotations

import hashlib

import pytest

from conftest import THREE_LANGUAGES, build, copy_project

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile


def tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_broken_link_fails_build_and_keeps_previous_site(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    first = build(project)
    assert first.returncode == 0, first.stderr
    site = project / "site"
    before = tree_digest(site)

    (project / "docs/sv/youth/broken.md").write_text(
        "---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Trasig\n\nSe [sidan](finns-inte.md).\n",
        encoding="utf-8")
    second = build(project)

    assert second.returncode != 0
    assert "finns-inte.md" in second.stderr
    assert tree_digest(site) == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_build_removes_what_a_killed_build_left_behind(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    project = copy_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    killed = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".site-building-") for p in project.iterdir()):
        assert killed.poll() is None and time.monotonic() < deadline, "the build never made its staging folder"
        try:  # waits on the build itself, not a timer: returns at once if it ends
            killed.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            pass
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert any(p.name.startswith(".site-building-") for p in project.iterdir())

    result = build(project)

    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []
