"""Shared fixtures: build the site (or a copy of the project), serve it, drive Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml



ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ungsoc.profile import profile_path  # noqa: E402

PROFILES = ROOT / "tests" / "profiles"
# The tests run with the profile a build would use (the fork's own, else the demo), or with
# the one UNGSOC_PROFILE names: a path, or the name of a file in tests/profiles/ (e.g.
# UNGSOC_PROFILE=no-only). Expected values come from this profile, never from the demo's.
PROFILE_CHOICE = "UNGSOC_PROFILE"


def _profile_file() -> Path:
    chosen = os.environ.get(PROFILE_CHOICE)
    if not chosen:
        return profile_path(ROOT)
    for candidate in (ROOT / chosen, PROFILES / chosen, PROFILES / f"{chosen}.yml"):
        if candidate.is_file():
            return candidate.resolve()
    raise pytest.UsageError(f"{PROFILE_CHOICE}={chosen}: no such profile; expected a path to a profile "
                            f"or a name in tests/profiles/: {', '.join(sorted(p.stem for p in PROFILES.glob('*.yml')))}")


PROFILE_FILE = _profile_file()
PROFILE = yaml.safe_load(PROFILE_FILE.read_text(encoding="utf-8"))
LANGUAGES = tuple(PROFILE["languages"])
DEFAULT_LANGUAGE = PROFILE["default_language"]
# Where each language lives in the built site (the default language at the root).
PREFIX = {lang: "" if lang == DEFAULT_LANGUAGE else f"{lang}/" for lang in LANGUAGES}
SITE_URL = PROFILE["site_url"]
HIDDEN_SECTIONS = tuple(PROFILE.get("hide_sections") or ())  # sections the profile does not publish
HTML_LANG = {"sv": "sv", "da": "da", "no": "nb"}  # Material's UI language for Norwegian is bokmål


def prefix(language: str) -> str:
    """Where a language lives in the site built with the profile in use; a test about a
    language the profile does not publish is skipped (CI runs profiles with every language)."""
    if language not in PREFIX:
        pytest.skip(f"the profile in use ({PROFILE_FILE.name}) has no '{language}' pages")
    return PREFIX[language]
CHROMIUM = os.environ.get("UNGSOC_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]


def mkdocs(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # Every test build shares the lesson-PDF cache and the other build caches (keyed by
    # content): copies of the project redo only what they changed.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "UNGSOC_CACHE": str(ROOT / ".cache"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=900)


def build(project: Path, site_dir: Path | None = None, site_url: str | None = None) -> subprocess.CompletedProcess:
    args = ["build"] + (["--site-dir", str(site_dir)] if site_dir else [])
    env = {"UNGSOC_SITE_URL": site_url} if site_url else {}
    return mkdocs(project, *args, env=env)


def use_profile(project: Path, profile: Path) -> None:
    """Make profile the project's content/municipality.yml, with the test profiles' logos."""
    shutil.copy2(profile, project / "content" / "municipality.yml")
    for logo in PROFILES.glob("*.svg"):
        shutil.copy2(logo, project / "content" / "assets" / logo.name)


# A test profile of the tests' own with all three languages, for tests about how languages
# relate (fallbacks, alternates), which must hold whatever the profile in use has.
THREE_LANGUAGES = "se-three-languages.yml"


def copy_project(target: Path, profile: str | None = None) -> Path:
    """A throwaway copy of the site sources, to break or rebrand without touching the repo,
    with the profile in use (or the test profile named) as its content/municipality.yml."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "content", "overrides"):
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    use_profile(target, PROFILES / profile if profile else PROFILE_FILE)
    return target


@functools.lru_cache(maxsize=None)
def loaded_profile():
    """The profile in use as the build loads it, in a throwaway project (where a test profile's
    logo is, as in every project copy)."""
    import tempfile

    from ungsoc.profile import load_profile

    project = Path(tempfile.mkdtemp(prefix="ungsoc-profile-"))
    (project / "content").mkdir()
    shutil.copytree(ROOT / "content" / "assets", project / "content" / "assets")
    use_profile(project, PROFILE_FILE)
    profile, problems = load_profile(project / "content" / "municipality.yml", project, ROOT / "content")
    assert not problems, problems
    return profile


def place(project: Path, path: str) -> None:
    """Put a new page ("youth/new.md") into the reader's order (content/order.yml), right
    after its section's landing page."""
    section, name = path.split("/", 1)
    order = project / "content" / "order.yml"
    text = order.read_text(encoding="utf-8")
    marker = f"\n{section}:\n  - index.md\n"
    assert marker in text, f"no section {section} starting with index.md in {order}"
    head, tail = text.split(marker, 1)
    order.write_text(f"{head}{marker}  - {name}\n{tail}", encoding="utf-8")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist (make test) a file's tests go to one worker, so a file's module-scoped
    build is made once, while each shard of every page (tests/test_every_page.py, ids
    "shard<n>") goes to whichever worker is free. Our own scheduler because xdist's way to do
    this, --dist loadgroup, groups nothing under pytest 9 (xdist 3.8 renames Item._nodeid,
    which pytest 9 no longer reads)."""
    from xdist.scheduler import LoadScopeScheduling

    class FileScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if "[shard" in nodeid else nodeid.split("::", 1)[0]

    return FileScheduling(config, log)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built with the profile in use, once for the whole session."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    out = project.parent / "site"
    result = build(project, out)
    assert result.returncode == 0, result.stderr
    (out.parent / "build.log").write_text(result.stderr, encoding="utf-8")
    return out


def serve_folder(folder: Path):
    """A static server on 127.0.0.1 that records each request's path and headers."""
    handler = functools.partial(RecordingHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requests = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.server.requests.append((self.path, dict(self.headers)))
        super().end_headers()


@pytest.fixture(scope="session")
def neutral_server(tmp_path_factory):
    """Stands in for the neutral site the quick exit leaves to."""
    folder = tmp_path_factory.mktemp("neutral")
    (folder / "index.html").write_text("<!doctype html><title>Weather</title><h1>Weather</h1>", encoding="utf-8")
    server = serve_folder(folder)
    server.url = f"http://127.0.0.1:{server.server_port}/"
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def site_server(tmp_path_factory, neutral_server):
    """The site with the profile in use, built for and served from a local address (same
    origin throughout), with its quick exit pointed at the local neutral server."""
    project = copy_project(tmp_path_factory.mktemp("served") / "project")
    profile = project / "content/municipality.yml"
    profile.write_text(PROFILE_FILE.read_text(encoding="utf-8") + f"quick_exit_url: {neutral_server.url}\n",
                       encoding="utf-8")
    out = project / "site"
    server = serve_folder(out)
    server.url = f"http://127.0.0.1:{server.server_port}"
    result = build(project, out, site_url=server.url + "/")
    assert result.returncode == 0, result.stderr
    server.site = out
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(site_server):
    return site_server.url


def require(path: Path, what: str, install: str) -> Path:
    """A tool the tests need: skipped locally when missing, a failure in CI (never a silent skip)."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{what} not found at {path}: it must run in CI ({install})")
        pytest.skip(f"{what} not found at {path} ({install})")
    return path


NODE_MODULES = ROOT / "node_modules"


@pytest.fixture(scope="session")
def browser():
    require(Path(CHROMIUM), "Chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        yield instance
        instance.close()


class Offsite:
    """Records and blocks every request that would leave 127.0.0.1."""

    def __init__(self, context):
        self.blocked: list[str] = []
        context.route("**/*", self.handle)

    def handle(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    ctx.offsite = Offsite(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
