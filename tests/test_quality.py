"""Quality gates over every built page: accessibility (axe-core, WCAG 2.1 AA), small
screens, and links."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import LANGUAGES, NODE_MODULES, PREFIX, SITE_URL, require

AXE = NODE_MODULES / "axe-core/axe.min.js"
VNU = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(require(AXE, "axe-core", "make test runs npm ci")))
    # Running animations give false contrast results (TESTING.md): wait until none run.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    # Only violations are asked for: axe then skips building its passes and incomplete lists
    # (about half of its time per page here).
    result = page.evaluate("opts => axe.run(document, opts)",
                           {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"]]


# Every page's axe check at desktop width and its width at 360 px: tests/test_every_page.py.
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page_is_axe_clean_on_a_phone(browser, site_server, language):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_server.url}/{PREFIX[language]}")
    violations = run_axe(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) and not (tag == "a" and a.get(name, "").startswith("#__")):
                self.links.append((tag, a[name]))


def test_every_internal_link_anchor_asset_and_alternate_resolves(site):
    site_url = SITE_URL
    parsed = {}
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    sitemap_urls = re.findall(r'(?:<loc>|href=")(' + re.escape(SITE_URL) + r'[^<"]*)', (site / "sitemap.xml").read_text())
    broken = []

    def target(base: Path, link: str) -> tuple[Path | None, str]:
        absolute = urljoin(site_url + base.relative_to(site).as_posix(), link)
        if not absolute.startswith(site_url):
            return None, ""
        parts = urlsplit(absolute)
        path = site / unquote(parts.path[len(urlsplit(site_url).path):])
        if path.is_dir() or parts.path.endswith("/"):
            path = path / "index.html"
        return path, parts.fragment

    for page, parser in parsed.items():
        for tag, link in parser.links:
            if link.startswith(("mailto:", "tel:", "data:")):
                continue
            path, fragment = target(page, link)
            if path is None:
                continue
            if not path.is_file():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif fragment and path in parsed and fragment not in parsed[path].ids:
                broken.append(f"{page.relative_to(site)}: {link} (no #{fragment})")
    for url in sitemap_urls:
        path, _ = target(site / "index.html", url)
        if path is None or not path.is_file():
            broken.append(f"sitemap.xml: {url}")
    assert broken == []
    assert len(sitemap_urls) > 15 * len(LANGUAGES)  # the sitemap lists every page


# The Nu Html Checker's findings that come from Material's own templates, each harmless:
IGNORED_HTML_ERRORS = [
    # Material's toggle checkboxes carry autocomplete="off" on purpose: Firefox would otherwise
    # restore an open drawer or search on Back. Browsers ignore it on checkboxes otherwise.
    (r"Attribute “autocomplete” is only allowed when the input type is", r'class="md-toggle"'),
    # nav-item.html writes tabindex="" on section labels; an invalid tabindex is ignored by
    # browsers, which is what Material means (not focusable).
    (r"Bad value “” for attribute “tabindex” on element “label”", r'class="md-nav__link'),
    # toc.html labels the table of contents toggle "__toc", which nav-item.html leaves out on
    # section index pages (navigation.indexes); the label only toggles a mobile menu.
    (r"The value of the “for” attribute of the “label” element", r'for="__toc"'),
]


def test_every_built_page_is_valid_html(site):
    java = shutil.which("java")
    require(Path(java) if java else Path("/usr/bin/java"), "Java (for the Nu Html Checker)",
            "apt-get install default-jre-headless")
    result = subprocess.run([java, "-jar", str(require(VNU, "vnu-jar", "make test runs npm ci")),
                             "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    errors = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
              if not any(re.search(text, m["message"]) and re.search(where, m.get("extract", ""))
                         for text, where in IGNORED_HTML_ERRORS)]
    assert errors == []
    assert result.returncode in (0, 1)  # 1 means it found errors; every one of them is ignored above


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "youth/rights/", "da/school/lesson-7-9/", "no/interventions/", "no/parents/"])
def test_a_page_view_has_no_failed_request_and_no_console_error(context, site_server, path):
    page = context.new_page()
    failed, errors = [], []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{site_server.url}/{path}")
    page.wait_for_load_state("networkidle")
    assert failed == []
    assert errors == []
