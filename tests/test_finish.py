"""`ungsoc finish SITE_DIR` finishes any built site exactly as the build does."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import copy_project, mkdocs
from ungsoc import security, unusedcss


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


def test_kept_findings_of_the_css_and_csp_scans_are_what_looking_again_finds(site, tmp_path):
    """unusedcss.site_usage and security.scan keep each file's findings in the build cache:
    from an empty cache and a full one they give what scanning again gives, problems included,
    and a changed page is looked at again."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    cache = tmp_path / "cache"
    stylesheet = next((copy / "assets/stylesheets").glob("main.*.min.css"))
    page = copy / "bad" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><body>\n<p style="color:red" onclick="go()">x</p>\n<script>var unreviewed=1</script>'
                    '<i class="made-up-before">v</i></body></html>', encoding="utf-8")

    def both() -> tuple:
        return unusedcss.site_usage(copy, stylesheet, cache), security.scan(copy, cache=cache)

    again = unusedcss.site_usage(copy, stylesheet), security.scan(copy)
    assert {"<p style>", "<p onclick>", "<script>"} <= {problem.field for problem in again[1][1]}
    assert both() == again and both() == again  # not kept yet, then kept
    page.write_text(page.read_text(encoding="utf-8").replace('style="color:red" ', '').replace("made-up-before", "made-up-after"),
                    encoding="utf-8")
    changed = unusedcss.site_usage(copy, stylesheet), security.scan(copy)
    assert "made-up-after" in changed[0][0] and "made-up-before" not in changed[0][0]
    assert "<p style>" not in {problem.field for problem in changed[1][1]}
    assert both() == changed
