"""The publishing and CI scripts do what they promise, run here with stand-ins."""

from __future__ import annotations

import re
import os
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from ungsoc import pdfpack
from ungsoc.security import HOST_CONFIGS

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile


def built_site(folder):
    """What `mkdocs build` leaves: the site plus configs for other hosts."""
    (folder / "_deploy/nginx").mkdir(parents=True)
    (folder / "_deploy/nginx/ungsoc.conf").write_text("server {}\n")
    (folder / "_deploy/csp.txt").write_text("default-src 'none'\n")
    for name in HOST_CONFIGS:
        if not (folder / name).exists():
            (folder / name).write_text("/*\n")
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


def pages_commands() -> dict[str, list[str]]:
    steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
    return {"github": [step["run"] for step in steps if "run" in step],
            "gitlab": yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())["pages"]["script"]}


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_pages_jobs_install_what_the_lesson_pdfs_need_and_keep_the_build_cache(host):
    commands = pages_commands()[host]
    build = next(i for i, command in enumerate(commands) if command.startswith("mkdocs build"))
    installs = [command for command in commands[:build] if "apt-get install" in command]
    assert installs and all(package in installs[0].split() for package in pdfpack.SYSTEM_PACKAGES)
    if host == "github":
        steps = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())["jobs"]["build"]["steps"]
        cached = [step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/cache@")]
    else:
        cached = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())["pages"]["cache"]["paths"]
    assert [path.rstrip("/") for path in cached] == [".cache"]


def test_ci_installs_what_the_lesson_pdfs_need():
    script = (ROOT / ".ci/run").read_text()
    assert all(package in script for package in pdfpack.SYSTEM_PACKAGES)


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_pages_jobs_refuse_the_demo_profile_before_building(host):
    """`ungsoc check --publish` fails on the demo profile (see test_fork): it must run first."""
    commands = pages_commands()[host]
    build = next(i for i, command in enumerate(commands) if command.startswith("mkdocs build"))
    assert "ungsoc check --publish" in commands[:build]


def stub(folder, name: str, body: str) -> None:
    (folder / name).write_text(f"#!/bin/sh\n{body}\n")
    (folder / name).chmod(0o755)


def run_ci(tmp_path, python_has_venv: bool) -> str:
    """.ci/run with apt-get, sudo, chromium and make stubbed: what it asked apt-get for."""
    if not os.access("/usr/sbin/nginx", os.X_OK):
        pytest.skip("nginx not installed (apt-get install nginx-light)")
    stubs, log = tmp_path / "bin", tmp_path / "apt.log"
    stubs.mkdir()
    stub(stubs, "apt-get", f'echo "$*" >> {log}')
    stub(stubs, "sudo", 'exec "$@"')
    stub(stubs, "chromium", "echo Chromium 156")
    stub(stubs, "make", f'echo "${{UNGSOC_PROFILE:+UNGSOC_PROFILE=$UNGSOC_PROFILE }}make $*" >> {tmp_path / "make.log"}')
    if not python_has_venv:  # Debian's python3.11 without python3.11-venv: `import venv` fails
        stub(stubs, "python3.11", "exit 1")
    # as on a CI machine: no profile chosen yet (this suite may itself run with UNGSOC_PROFILE)
    env = {**{k: v for k, v in os.environ.items() if k != "UNGSOC_PROFILE"}, "PATH": f"{stubs}:{os.environ['PATH']}"}
    result = subprocess.run(["bash", str(ROOT / ".ci/run")], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # The README's test command with a profile that is not the demo, then the extra profiles.
    made = (tmp_path / "make.log").read_text().splitlines()
    assert made[0] == "UNGSOC_PROFILE=se-three-languages make test"
    # The extra profiles; with another Python on the machine, the last one runs on it.
    other = made[1].removeprefix("make test-profiles")
    assert other == "" or re.fullmatch(r" OTHER_PYTHON=/\S+/python3(\.1[23])?", other), made
    assert made[2:] == ([f"make ci-other-python{other}"] if other else [])
    return log.read_text() if log.exists() else ""


def test_ci_runs_the_build_and_content_tests_with_three_more_profiles_one_norwegian_one_danish_only():
    chosen = re.search(r"^CI_MORE_PROFILES \?= (.+)$", (ROOT / "Makefile").read_text(), re.M).group(1).split()
    languages = {name: yaml.safe_load((ROOT / "tests/profiles" / f"{name}.yml").read_text(encoding="utf-8"))["languages"]
                 for name in chosen}
    assert len(chosen) == 3 and "se-three-languages" not in chosen
    assert ["no"] in languages.values() and ["da"] in languages.values()


def test_ci_installs_python_venv_when_python_lacks_it(tmp_path):
    assert "python3.11-venv" in run_ci(tmp_path, python_has_venv=False)


def test_ci_installs_nothing_for_python_when_it_has_venv(tmp_path):
    assert shutil.which("python3.11"), "this case uses the machine's own python3.11"
    assert "python3.11" not in run_ci(tmp_path, python_has_venv=True)


def lock_pins(name: str) -> dict[str, str]:
    """Package -> version in a lock file; every requirement must be pinned with hashes."""
    text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2] if text.startswith("#") else text):
        block = re.sub(r"^\s*#.*$", "", block, flags=re.M).strip()
        if not block:
            continue
        name_version = re.match(r"([a-z0-9._-]+)==([^\s;\\]+)", block)
        assert name_version, f"{name}: not pinned: {block[:80]}"
        assert "--hash=sha256:" in block, f"{name}: {name_version.group(1)} has no hash"
        pins[name_version.group(1)] = name_version.group(2)
    return pins


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_lock_files_pin_the_whole_tree_with_hashes_and_match_pyproject():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = {normal(req.split("==")[0]): req.split("==")[1] for req in project["dependencies"]}
    tests = {normal(req.split("==")[0]): req.split("==")[1] for req in project["optional-dependencies"]["test"]}
    serve, test = lock_pins("serve.txt"), lock_pins("test.txt")
    assert {name: serve.get(name) for name in direct} == direct
    assert {name: test.get(name) for name in direct | tests} == direct | tests
    assert len(serve) > 2 * len(direct)  # the transitive packages too
    assert not {"playwright", "pytest", "pypdf"} & set(serve), "serving installs no test tools"


def test_make_serve_and_the_pages_jobs_install_from_the_lock_file_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^serve: \$\(VENV\)/\.serve$", makefile, re.M)
    assert "--require-hashes -r requirements/serve.txt" in makefile
    assert "--require-hashes -r requirements/test.txt" in makefile
    for host, commands in pages_commands().items():
        assert "pip install --require-hashes -r requirements/serve.txt" in commands, host
        assert not [c for c in commands if c.startswith("pip install") and "requirements/" not in c and "--no-deps" not in c], host


def test_a_venv_of_an_unsupported_python_is_rebuilt_with_a_message(tmp_path):
    for name in ("Makefile", "pyproject.toml", "requirements"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, tmp_path / name)
    (tmp_path / ".venv/bin").mkdir(parents=True)
    stub(tmp_path / ".venv/bin", "python", 'case "$1" in --version) echo "Python 3.9.18";; *) exit 1;; esac')
    result = subprocess.run(["make", "--no-print-directory", "-n", "serve"], cwd=tmp_path, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(".venv was made with Python 3.9.18; ungsoc needs Python 3.11.5-3.13: rebuilding .venv with ")
    assert not (tmp_path / ".venv").exists()
    assert "-m venv .venv" in result.stdout


def test_make_clean_says_how_to_remove_the_venv(tmp_path):
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    result = subprocess.run(["make", "clean"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "To remove it too: rm -rf .venv" in result.stdout
