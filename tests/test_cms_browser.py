"""Editing in the browser, as `make edit` runs it: the site preview (mkdocs serve) with the CMS
at /admin/ and its local backend (decap-server) writing into a throwaway copy of the project."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, copy_project, require
from ungsoc import content, frontmatter, placeholders, readability, security
from ungsoc.cms import LOCAL_BACKEND
from ungsoc.profile import load_profile

pytestmark = pytest.mark.browser
# README screenshots: UNGSOC_SCREENSHOTS=1 writes them into readme-images/ instead of tmp.
SCREENSHOTS = ROOT / "readme-images"
# Decap's editor buttons, as the Swedish interface names them (the CMS speaks the default language).
I18N_TOGGLE = 'button[title="Slå på/av i18n"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`make edit` in a copy of the project: decap-server and mkdocs serve on free ports."""
    require(ROOT / "node_modules/decap-server/dist/index.js", "decap-server", "npm ci")
    node = shutil.which("node") or "/usr/bin/node"
    project = copy_project(tmp_path_factory.mktemp("edit") / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    # Lesson PDFs take minutes to render and have nothing to do with editing.
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(re.sub(r"^  - ungsoc\n", "  - ungsoc:\n      lesson_pdfs: false\n",
                                 mkdocs_yml.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    cms_port, site_port = free_port(), free_port()
    backend = subprocess.Popen([node, str(ROOT / "node_modules/decap-server/dist/index.js")], cwd=project,
                               env={**os.environ, "PORT": str(cms_port), "BIND_HOST": "127.0.0.1",
                                    "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"})
    log = open(project.parent / "serve.log", "w")
    # As `make edit` runs it: with live reload, without which mkdocs serve watches no files
    # and never shows what the CMS saved.
    serve = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve",
                              "--dev-addr", f"127.0.0.1:{site_port}"], cwd=project, stdout=log, stderr=log,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                  LOCAL_BACKEND: f"http://127.0.0.1:{cms_port}/api/v1"})
    url = f"http://127.0.0.1:{site_port}"
    try:
        wait_for(url + "/admin/config.yml", seconds=600)
        yield {"url": url, "project": project, "shots": SCREENSHOTS if os.environ.get("UNGSOC_SCREENSHOTS")
               else project.parent / "shots"}
    finally:
        serve.terminate()
        backend.terminate()
        serve.wait(30)
        backend.wait(30)
        log.close()


def origin_of(url: str) -> str:
    return "/".join(url.split("/")[:3])


def login(page, url: str) -> None:
    page.goto(url + "/admin/", wait_until="commit", timeout=120_000)
    page.get_by_role("button", name=re.compile("logga in|log in", re.I)).click(timeout=120_000)
    page.wait_for_selector("text=För dig som är ung", timeout=120_000)


def live_reload_hashes(page) -> set[str]:
    """The hashes of the live-reload script mkdocs serve adds to every page it serves: /admin/'s
    policy blocks it (inline), which costs the editor nothing (the CMS needs no reloading)."""
    bodies = page.evaluate("() => Array.from(document.querySelectorAll('script:not([src])'), s => s.textContent)")
    return {security.script_hash(body).strip("'") for body in bodies if "livereload(" in body}


def shot(page, editing, name: str) -> None:
    editing["shots"].mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(editing["shots"] / name))


def publish(page) -> None:
    # Decap asks "are you sure?" in a browser dialog; Playwright would dismiss it.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("^publicera$", re.I)).click()
    page.get_by_text(re.compile("^publicera nu$", re.I)).click()


def wait_file(path: Path, containing: str = "", seconds: float = 90) -> str:
    """The file's text once it exists (and holds `containing`): the CMS saves in the background."""
    deadline = time.monotonic() + seconds
    while not path.is_file() or containing not in path.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, f"{path} was not written" + (f" with {containing!r}" if containing else "")
        time.sleep(0.2)
    return path.read_text(encoding="utf-8")


SV_BODY = ("Du kan ringa {{ phone.child_helpline }} när du vill. Det är gratis.\n\n"
           "Du kan också skriva till oss.")
DA_BODY = "Du kan ringe {{ phone.child_helpline }}, når du vil. Det er gratis."
DA_REVIEWED = "2026-11-30"


def test_create_a_youth_page_in_two_languages(editing, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    login(page, editing["url"])
    live_reload = live_reload_hashes(page)
    shot(page, editing, "cms-collections.png")
    page.goto(editing["url"] + "/admin/#/collections/youth/new", wait_until="commit")
    titles = page.get_by_label("Title", exact=True)
    titles.nth(0).wait_for(timeout=60_000)
    reviewed = page.get_by_label("Reviewed", exact=True)
    today = date.today().isoformat()
    # Nothing is filled in before a language is written (else Decap would write a file for it).
    expect(reviewed.nth(0)).to_have_value("")
    titles.nth(0).fill("Prata med någon")
    # Audience (the section) and reviewed (today) are filled in once the language has a title.
    expect(reviewed.nth(0)).to_have_value(today)
    bodies = page.locator('[data-slate-editor="true"]')
    bodies.nth(0).fill(SV_BODY)
    titles.nth(1).fill("Tal med nogen")
    expect(reviewed.nth(1)).to_have_value(today)
    reviewed.nth(1).fill(DA_REVIEWED)  # the Danish translation was checked on another day
    bodies.nth(1).fill(DA_BODY)
    titles.nth(0).scroll_into_view_if_needed()
    titles.nth(1).scroll_into_view_if_needed()
    shot(page, editing, "cms-new-page.png")
    publish(page)
    project = editing["project"]
    sv = wait_file(project / "docs/sv/youth/prata-med-nagon.md")
    da = wait_file(project / "docs/da/youth/prata-med-nagon.md")
    for text, file, when in ((sv, "docs/sv/youth/prata-med-nagon.md", today),
                             (da, "docs/da/youth/prata-med-nagon.md", DA_REVIEWED)):
        assert frontmatter.check(text, file, project / "content") == []
        meta = yaml.safe_load(frontmatter.split(text)[0] or "")
        assert (meta["audience"], str(meta["reviewed"])) == ("youth", when), file
    assert "{{ phone.child_helpline }}" in sv  # placeholders stay placeholders in the file
    assert not (project / "docs/no/youth/prata-med-nagon.md").exists()  # nobody wrote Norwegian
    assert content.check_all(project) == []
    # the preview (mkdocs serve) rebuilds and serves the new pages
    wait_for(editing["url"] + "/youth/prata-med-nagon/", seconds=240)
    wait_for(editing["url"] + "/da/youth/prata-med-nagon/", seconds=240)
    site = origin_of(editing["url"])
    offsite = [url for url in requests if not url.startswith(site) and not url.startswith(("data:", "blob:"))
               and not url.startswith("http://127.0.0.1:")]
    assert offsite == []
    assert [v for v in violations if not any(h in v for h in live_reload)] == []
    context.close()


def js_number(value: float) -> str:
    """A number as JavaScript's String() writes it (5, not 5.0)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def test_the_preview_shows_what_readers_will_see(editing, browser):
    """The page preview: the site's stylesheet, placeholders filled from the profile, and a
    live LIX meter that counts as the build does and warns when the text gets too hard."""
    project = editing["project"]
    profile, problems = load_profile(project / "content/municipality.yml", project, project / "content")
    assert not problems
    language = profile.default_language
    values = placeholders.values(profile, language)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    login(page, editing["url"])
    page.goto(editing["url"] + "/admin/#/collections/youth/new", wait_until="commit")
    # Decap shows the second language instead of the preview until the editor switches it off.
    page.locator(I18N_TOGGLE).click(timeout=60_000)
    page.get_by_label("Title", exact=True).first.fill("Prata med någon")
    page.locator('[data-slate-editor="true"]').first.fill(SV_BODY)
    preview = page.frame_locator("iframe").first
    meter = preview.locator(".ungsoc-lix")
    expect(meter).to_be_visible(timeout=60_000)
    filled, _ = placeholders.fill(SV_BODY, values)
    expected = readability.lix(filled)
    expect(meter).to_have_attribute("data-lix", js_number(expected.value))
    expect(meter).to_have_class(re.compile("ungsoc-lix--ok"))
    article = preview.locator("article.md-typeset")
    expect(article).to_contain_text(values["phone.child_helpline"])
    expect(article).not_to_contain_text("{{")
    # the site's own stylesheets are loaded and apply (Material's, the brand colours of the profile)
    frame = next(f for f in page.frames if f != page.main_frame)
    sheets = frame.evaluate("() => Array.from(document.styleSheets).map(s => [s.href || '', s.cssRules.length])")
    assert [n for href, n in sheets if re.search(r"/assets/stylesheets/main\.[0-9a-f]+\.min\.css$", href)][0] > 100, sheets
    primary = frame.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--md-primary-fg-color')")
    assert primary.strip().lower() == profile.data["colors"]["primary"].lower()
    page.get_by_label("Title", exact=True).first.scroll_into_view_if_needed()
    shot(page, editing, "cms-preview.png")
    body = page.locator('[data-slate-editor="true"]').first
    # one long sentence of long words: too hard for youth, and the meter says so at once
    hard = ("Socialförvaltningens myndighetsutövning beträffande barnavårdsutredningar förutsätter "
            "omfattande dokumentationsrutiner, kvalitetsuppföljning och systematiska riskbedömningar.")
    body.fill(hard)
    expect(meter).to_have_class(re.compile("ungsoc-lix--over"))
    expect(meter).to_have_attribute("data-lix", js_number(readability.lix(hard).value))
    expect(meter.locator("li")).to_have_text(list(readability.lix(hard).longest))  # the sentence to shorten
    # a placeholder the profile does not have would stop the build: the preview says so
    body.fill("Ring {{ phone.no_such_line }}.")
    expect(preview.locator(".ungsoc-unknown")).to_contain_text("{{ phone.no_such_line }}")
    page.close()


def test_edit_a_record_and_a_glossary_term(editing, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    login(page, editing["url"])
    project = editing["project"]
    glossary = project / "content/glossary/sv.yml"
    term = yaml.safe_load(glossary.read_text(encoding="utf-8"))["terms"][0]["term"]
    page.goto(editing["url"] + "/admin/#/collections/glossary/entries/glossary_sv", wait_until="commit")
    # The list shows one line per term; the editor opens the one to change with its arrow.
    item = page.get_by_text(term, exact=True).first.locator("xpath=..")
    item.get_by_role("button").first.click(timeout=60_000)
    definition = page.get_by_label("Definition", exact=True).filter(visible=True)
    expect(definition).to_have_count(1)
    before = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    changed = "Den del av kommunen som hjälper barn, unga och familjer. Ändrad i testet."
    definition.fill(changed)
    shot(page, editing, "cms-glossary.png")
    publish(page)
    text = wait_file(glossary, "Ändrad i testet")
    assert text.startswith("# yaml-language-server: $schema=../glossary.schema.json")  # the editor's schema line stays
    after = yaml.safe_load(text)
    assert after["terms"][0] == {**before["terms"][0], "definition": changed}
    assert after["terms"][1:] == before["terms"][1:]
    # A new visit (from one entry to another by address alone, Decap 3.16 keeps the old form);
    # the preview answers once it has rebuilt the site with the new glossary.
    page.goto("about:blank")
    page.goto(editing["url"] + "/admin/#/collections/interventions_records/entries/skolelos",
              wait_until="commit", timeout=240_000)
    # the form is there before the record is: wait for the record's values
    expect(page.get_by_label("Id", exact=True)).to_have_value("skolelos", timeout=60_000)
    record = project / "content/interventions/skolelos.yml"
    before = yaml.safe_load(record.read_text(encoding="utf-8"))
    # the record's name, Swedish (optional: a missing language falls back with a notice)
    page.get_by_label(re.compile(r"^Sv( \(frivillig\))?$")).first.fill("Skolelos: ändrat namn i testet")
    publish(page)
    after = yaml.safe_load(wait_file(record, "ändrat namn i testet"))
    assert after["name"]["sv"] == "Skolelos: ändrat namn i testet"
    assert "no" in after["name"] and False not in after["name"]  # "no" stays a string key
    assert {k: v for k, v in after.items() if k != "name"} == {k: v for k, v in before.items() if k != "name"}
    assert content.check_all(project) == []
    page.close()


def test_reader_pages_load_no_cms_code(editing, browser):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("/", "/youth/", "/da/parents/", "/no/school/"):
        page.goto(editing["url"] + path)
    assert requests and not [url for url in requests if "/admin/" in url or "decap" in url.lower()]
    page.close()
