"""The three-language site builds cleanly, with the right language everywhere."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from conftest import HIDDEN_SECTIONS, HTML_LANG, LANGUAGES, PREFIX, ROOT, SITE_URL
SECTIONS = [s for s in ("youth", "parents", "school", "interventions", "municipalities") if s not in HIDDEN_SECTIONS]


def read(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_clean_build_has_no_warnings(site):
    log = (site.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log and "ERROR" not in log, log


@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page_has_language_heading_and_section_links(site, language):
    html = read(site, f"{PREFIX[language]}index.html")
    assert f'<html lang="{HTML_LANG[language]}"' in html
    assert re.search(r"<h1[^>]*>", html)
    for section in SECTIONS:
        assert f'href="{section}/"' in html, f"start page in {language} lacks a link to {section}/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_links_same_section_in_other_languages(site, language):
    html = read(site, f"{PREFIX[language]}parents/index.html")
    switcher = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)" class="md-select__link"', html))
    targets = {lang: href for href, lang in switcher.items()}
    if len(LANGUAGES) == 1:
        assert targets == {}, "a one-language site has no language switcher"
        return
    assert set(targets) == set(LANGUAGES)
    depth = "../../" if PREFIX[language] else "../"
    for other in LANGUAGES:
        expected = "./" if other == language else f"{depth}{PREFIX[other]}parents/"
        assert targets[other] == expected


def test_hreflang_alternates_are_in_the_sitemap_not_in_page_heads(site):
    """Material's bundle fetches the sitemap.xml next to every <link rel="alternate"> in a
    page head on every page view; search engines read the same alternates from sitemap.xml."""
    heads = {page: page.read_text(encoding="utf-8").split("</head>")[0] for page in site.rglob("*.html")
             if "_deploy" not in page.parts}
    assert len(heads) > 20 * len(LANGUAGES)
    assert [page for page, head in heads.items() if 'rel="alternate"' in head] == []
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("sitemap.xml*")) == ["sitemap.xml", "sitemap.xml.gz"]
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {url.findtext("s:loc", namespaces=namespaces): {link.get("hreflang"): link.get("href")
               for link in url.findall("x:link[@rel='alternate']", namespaces)}
               for url in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", namespaces)}
    youth = {lang: f"{SITE_URL}{PREFIX[lang]}youth/" for lang in LANGUAGES}
    assert entries[youth[LANGUAGES[-1]]] == youth


def test_each_language_has_its_own_search_index_with_its_own_stemmer(site):
    assert not (site / "search/search_index.json").exists()
    for language, prefix in PREFIX.items():
        index = json.loads(read(site, f"search/search_index.{language}.json"))
        assert index["config"]["lang"] == [language]
        locations = [doc["location"] for doc in index["docs"]]
        assert prefix + "youth/" in locations
        others = [other for other in PREFIX.values() if other and other != prefix]
        assert not [location for location in locations if location.startswith(tuple(others))]


def test_mkdocs_config_keeps_privacy_and_strictness():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^strict: true$", text, re.M)
    assert re.search(r"^  font: false$", text, re.M)
    assert "assets_fetch: false" in text
    assert "search.highlight" not in re.sub(r"#.*", "", text) and "search.share" not in re.sub(r"#.*", "", text)


def test_every_page_has_a_description_for_search_engines(site):
    pages = {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in site.rglob("index.html")}
    # A forwarding page (Denmark's /was/) is kept out of search engines instead.
    indexed = {path: html for path, html in pages.items() if '<meta name="robots" content="noindex">' not in html}
    assert sorted(path for path, html in pages.items() if 'http-equiv="refresh"' in html) == sorted(set(pages) - set(indexed))
    missing = [path for path, html in indexed.items()
               if not re.search(r'<meta name="description" content="[^"]{20,}">', html)]
    assert missing == []


ALL_SECTION_LABELS = {
    "sv": ["För dig som är ung", "För föräldrar", "För skolan", "Insatser", "För kommuner", "Om webbplatsen"],
    "da": ["Til dig, der er ung", "Til forældre", "Til skolen", "Indsatser", "For kommuner", "Om siden"],
    "no": ["For deg som er ung", "For foreldre", "For skolen", "Tiltak", "For kommuner", "Om nettstedet"],
}
SECTION_FOLDERS = ("youth", "parents", "school", "interventions", "municipalities", "about")
SECTION_LABELS = {lang: [label for label, folder in zip(labels, SECTION_FOLDERS) if folder not in HIDDEN_SECTIONS]
                  for lang, labels in ALL_SECTION_LABELS.items()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_names_sections_in_the_readers_language_young_people_first(site, language):
    html = read(site, f"{PREFIX[language]}parents/support/index.html")
    nav = html[html.index("md-nav--primary"):html.index("md-sidebar--secondary")]
    labels = [re.sub(r"\s+", " ", label).strip() for label in re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?([^<]*)<', nav)]
    positions = [labels.index(label) for label in SECTION_LABELS[language]]
    assert positions == sorted(positions)
    assert not {"Youth", "Parents", "School", "Interventions", "Municipalities", "About", "Feedback"} & set(labels)
    # Previous/next links follow the same order: the start page leads to the pages for young people.
    start = read(site, f"{PREFIX[language]}index.html")
    assert re.search(r'class="md-footer__link md-footer__link--next"[^>]*aria-label="[^"]*'
                     + re.escape(SECTION_LABELS[language][0]), start)


def test_a_phone_number_shown_as_a_link_calls_that_number(site):
    """A reader who taps a number calls the number they read: every tel: link whose text is a
    phone number (the footer's contacts, the help box, pages) dials exactly that number."""
    from ungsoc.profile import tel

    link = re.compile(r'<a [^>]*href="(tel:[^"]*)"[^>]*>([^<]*)</a>')
    checked, with_footer = 0, 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        with_footer += "ungsoc-contacts" in html
        for href, text in link.findall(html):
            if re.fullmatch(r"\+?\d[\d \-]*", text.strip()):
                checked += 1
                assert tel(text) == href, f"{page.relative_to(site)}: {text.strip()!r} calls {href}"
    assert with_footer and checked >= 2 * with_footer  # at least the footer's two numbers on every page with it
