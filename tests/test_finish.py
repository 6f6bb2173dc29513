"""`ungsoc finish SITE_DIR` finishes any built site exactly as the build does."""

from __future__ import annotations

import subprocess
import sys

from conftest import copy_project, mkdocs


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_build_without_finishing_then_ungsoc_finish_equals_a_normal_build(site, tmp_path):
    """Compared with the session's normal build of the same sources (conftest.site); every
    test build shares one lesson-PDF cache, so the packs are the same files."""
    project = copy_project(tmp_path / "project")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-unfinished.yml").write_text(text.replace("  - ungsoc\n", "  - ungsoc:\n      finish: false\n"),
                                                   encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs(project, "build", "-f", "mkdocs-unfinished.yml", "--site-dir", str(out))
    assert result.returncode == 0, result.stderr
    # really unfinished: one search index for all languages, no open data
    assert (out / "search/search_index.json").is_file() and not (out / "interventions.json").exists()
    finish = subprocess.run([sys.executable, "-m", "ungsoc.cli", "finish", str(out)], cwd=project,
                            capture_output=True, text=True)
    assert finish.returncode == 0, finish.stdout + finish.stderr
    assert finish.stdout.strip() == f"Finished {out}."
    finished, normal = files(out), files(site)
    assert sorted(finished) == sorted(normal)
    assert [name for name in normal if finished[name] != normal[name]] == []


def test_finish_refuses_a_folder_without_a_built_site(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ungsoc.cli", "finish", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.strip() == f"{tmp_path}: no built site here (no index.html); build it first with `mkdocs build`."
