"""Each language's 404 page: in the reader's language, leading to the start pages."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from conftest import LANGUAGES, PREFIX, ROOT, SITE_URL, build, copy_project
from test_profile import use_profile


def ui(language: str) -> dict:
    return yaml.safe_load((ROOT / "content/ui" / f"{language}.yml").read_text(encoding="utf-8"))


def assert_404_in_language(html: str, language: str, url: str) -> str:
    """The 404 says in the reader's language that the page is missing, keeps the help-now
    numbers and links to that language's start page; returns the link's absolute URL."""
    texts = ui(language)
    assert f"<title>{texts['not_found_title']} - " in html
    assert f"<h1>{texts['not_found_title']}</h1>" in html
    assert texts["not_found_text"] in html
    assert "404 - Not found" not in html
    assert 'class="ungsoc-help"' in html and 'href="tel:112"' in html
    home = re.search(rf'<a href="([^"]+)">{re.escape(texts["not_found_home"])}</a>', html).group(1)
    return urljoin(url, home)


def links_of(html: str) -> tuple[dict, dict]:
    """The hreflang alternates in the head and the language switcher's links, by language."""
    head = html.split("</head>")[0]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', head))
    switcher = {lang: href for href, lang in
                re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', html)}
    return alternates, switcher


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_links_every_language_to_its_start_page(site, language):
    html = (site / PREFIX[language] / "404.html").read_text(encoding="utf-8")
    alternates, switcher = links_of(html)
    assert alternates == {}  # no head alternates: Material would fetch a sitemap for each
    if len(LANGUAGES) == 1:
        assert switcher == {}, "a one-language site has no language switcher"
        return
    assert switcher == {lang: f"/{PREFIX[lang]}" for lang in LANGUAGES}


@pytest.mark.fixed_profile
def test_404_alternates_follow_the_profiles_languages(tmp_path):
    project = copy_project(tmp_path / "fork")
    use_profile(project, "no-sv.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    for page in ("404.html", "sv/404.html"):
        alternates, switcher = links_of((project / "site" / page).read_text(encoding="utf-8"))
        assert alternates == {}, page
        assert switcher == {"no": "/", "sv": "/sv/"}, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_speaks_the_readers_language_and_links_its_start_page(site, language):
    html = (site / PREFIX[language] / "404.html").read_text(encoding="utf-8")
    start = assert_404_in_language(html, language, f"{SITE_URL}{PREFIX[language]}no-such-page/")
    assert start == f"{SITE_URL}{PREFIX[language]}"
