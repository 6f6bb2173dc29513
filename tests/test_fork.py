"""A fork rebrands itself and still merges upstream content updates without conflicts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, PROFILES, ROOT, build, copy_project
from ungsoc.profile import DEMO_PROFILE, PROFILE

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile


def git(cwd, *args):
    result = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_upstream_ships_no_local_pages():
    assert list((ROOT / "docs").glob("*/local/**/*.md")) == []


def upstream_copy(target):
    """The project as upstream ships it: no content/municipality.yml, only the demo."""
    project = copy_project(target)
    (project / PROFILE).unlink()
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    return project


def test_upstream_ignores_the_fork_profile_and_ships_the_demo():
    assert (ROOT / DEMO_PROFILE).is_file()
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # Ignored, so upstream never commits one by accident; a fork adds its own with `git add -f`.
    assert subprocess.run(["git", "check-ignore", "-q", "--no-index", PROFILE], cwd=ROOT).returncode == 0


def test_fork_merges_upstream_demo_and_content_changes_without_conflicts(tmp_path):
    upstream = upstream_copy(tmp_path / "upstream")
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
    git(fork, "add", "-f", "content/municipality.yml")  # as the README says
    git(fork, "commit", "-qm", "Fjordby profile and local page")

    demo = upstream / DEMO_PROFILE
    demo.write_text(demo.read_text(encoding="utf-8").replace("Vardagar 8–16", "Vardagar 9–15"), encoding="utf-8")
    youth = upstream / "docs/da/youth/index.md"
    youth.write_text(youth.read_text(encoding="utf-8") + "\nDu kan også skrive til kommunen.\n", encoding="utf-8")
    git(upstream, "commit", "-qam", "demo and content update")

    git(fork, "pull", "-q", "--no-rebase", "origin", "main")
    assert git(fork, "status", "--porcelain") == ""
    assert "Vardagar 9–15" in (fork / DEMO_PROFILE).read_text(encoding="utf-8")
    assert (fork / PROFILE).read_text(encoding="utf-8") == (PROFILES / "dk-da-only.yml").read_text(encoding="utf-8")
    result = build(fork)
    assert result.returncode == 0, result.stderr
    youth_page = (fork / "site/youth/index.html").read_text(encoding="utf-8")
    assert "Du kan også skrive til kommunen." in youth_page and "Fjordby Kommune" in youth_page
    assert "ungsoc-demo" not in youth_page
    assert "Familiehuset i Fjordby" in (fork / "site/local/index.html").read_text(encoding="utf-8")
    # The lesson PDFs carry the fork's own name, from its profile.
    pdf = PdfReader(fork / "site/school/lesson-7-9/lesson-7-9.pdf")
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    name = yaml.safe_load((PROFILES / "dk-da-only.yml").read_text(encoding="utf-8"))["name"]["da"]
    assert name in text and pdf.metadata.author == name


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ungsoc.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    project = upstream_copy(tmp_path_factory.mktemp("demo") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


def test_without_a_profile_the_demo_builds_and_says_so_on_every_page(demo_site):
    demo = yaml.safe_load((demo_site / DEMO_PROFILE).read_text(encoding="utf-8"))
    pages = sorted((demo_site / "site").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect, not a page
        language = re.search(r'<html lang="(\w+)"', html).group(1).replace("nb", "no")
        words = yaml.safe_load((ROOT / f"content/ui/{language}.yml").read_text(encoding="utf-8"))
        notice = re.search(r'<p class="ungsoc-demo" role="note">(.*?)</p>', html)
        assert notice and f'>{words["demo_notice"]}<' in notice.group(1), page
        assert f'>{words["demo_notice_short"]}<' in notice.group(1), page  # on a phone
    assert demo["name"][demo["default_language"]] in (demo_site / "site/index.html").read_text(encoding="utf-8")


def test_publishing_refuses_the_demo_profile(demo_site):
    result = run_cli("check", "--publish", cwd=demo_site)
    assert result.returncode == 1
    line = 1 + (demo_site / DEMO_PROFILE).read_text(encoding="utf-8").splitlines().index("demo: true")
    assert result.stdout.startswith(f"{DEMO_PROFILE}:{line}: demo: this is the demo profile, whose numbers are not real: "
                                    "refusing to publish it. Write your own with `ungsoc new-municipality`")
    assert run_cli("check", cwd=demo_site).returncode == 0  # checking content is fine


def test_publishing_accepts_a_fork_profile(tmp_path):
    project = upstream_copy(tmp_path / "fork")
    shutil.copy2(PROFILES / "no-sv.yml", project / PROFILE)
    shutil.copy2(PROFILES / "fjellvik.svg", project / "content/assets/fjellvik.svg")
    result = run_cli("check", "--publish", cwd=project)
    assert result.returncode == 0, result.stdout


@pytest.mark.browser
def test_the_demo_notice_passes_axe(demo_site, browser):
    from test_quality import run_axe

    page = browser.new_page()
    for path in ("index.html", "da/youth/index.html"):
        page.goto((demo_site / "site" / path).as_uri())
        assert page.locator(".ungsoc-demo").is_visible()
        assert run_axe(page) == [], path
    page.close()


@pytest.mark.browser
def test_on_a_phone_the_demo_notice_stays_in_view_without_pushing_the_heading_down(demo_site, browser):
    """A demo build says so on every page, also on a phone, where the quick exit, help and the
    page's heading keep their place at the top (test_reader_journeys measures the heading)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("youth/rights/index.html", "da/parents/index.html"):
        page.goto((demo_site / "site" / path).as_uri())
        notice = page.locator(".ungsoc-demo")
        heading = page.locator(".md-content h1").bounding_box()
        assert heading["y"] <= 160, f"{path}: the heading starts {heading['y']} px from the top"
        for scrolled in (0, 2000):
            page.evaluate(f"window.scrollTo({{top: {scrolled}, behavior: 'instant'}})")
            box = notice.bounding_box()
            assert notice.is_visible() and 0 <= box["y"] and box["y"] + box["height"] <= 844, (path, scrolled, box)
            assert box["height"] <= 24, f"{path}: the notice takes {box['height']} px (more than one line)"
    context.close()
