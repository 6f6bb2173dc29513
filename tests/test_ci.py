"""The publishing and CI scripts do what they promise, run here with stand-ins."""

from __future__ import annotations

import subprocess

import yaml

from conftest import ROOT


def built_site(folder):
    """What `mkdocs build` leaves: the site plus configs for other hosts."""
    (folder / "_deploy/nginx").mkdir(parents=True)
    (folder / "_deploy/nginx/ungsoc.conf").write_text("server {}\n")
    (folder / "_deploy/csp.txt").write_text("default-src 'none'\n")
    (folder / "_headers").write_text("/*\n")
    (folder / "index.html").write_text("<h1>Start</h1>\n")


def published(folder) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def run(command: str, cwd) -> None:
    subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, check=True)


def test_github_pages_publishes_the_site_without_other_hosts_configs(tmp_path):
    steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    build = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("mkdocs build"))
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    folder = tmp_path / steps[upload]["with"]["path"]
    built_site(folder)
    for step in steps[build + 1:upload]:
        run(step["run"], tmp_path)
    assert published(folder) == {"index.html"}


def test_gitlab_pages_publishes_the_site_without_other_hosts_configs(tmp_path):
    job = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())["pages"]
    build = next(i for i, line in enumerate(job["script"]) if line.startswith("mkdocs build"))
    folder = tmp_path / job["artifacts"]["paths"][0]
    built_site(folder)
    for line in job["script"][build + 1:]:
        run(line, tmp_path)
    assert published(folder) == {"index.html"}
