"""Search in a real browser: each language searches its own pages, and nothing of search is
downloaded before the reader opens it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import DEFAULT_LANGUAGE, PREFIX, prefix
from test_safety import LOCAL_STORAGE_ALLOWED

pytestmark = pytest.mark.browser


def search_requests(requests) -> list[str]:
    return [path for path, _ in requests if "search_index" in path or "/workers/search." in path
            or "/lunr/" in path]


def open_search_and_type(page, query: str) -> list[str]:
    page.keyboard.press("/")  # Material's shortcut; the header search field gets focus
    page.locator("input.md-search__input").press_sequentially(query)
    page.locator(".md-search-result__item").first.wait_for()
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.parametrize("language, query", [("da", "underretning"), ("sv", "orosanmälan"), ("no", "bekymringsmelding")])
def test_a_query_finds_pages_of_the_readers_language_only(context, site_server, language, query):
    path = prefix(language)
    own = f"/{path}"
    foreign = tuple(f"/{other}" for other in PREFIX.values() if other and other != path)
    page = context.new_page()
    page.goto(f"{site_server.url}/{path}")
    page.wait_for_load_state("load")
    before = len(site_server.requests)
    links = open_search_and_type(page, query)
    assert links, "no results"
    relative = [link[len(site_server.url):] for link in links]
    assert all(link.startswith(own) for link in relative), relative
    assert not foreign or not [link for link in relative if link.startswith(foreign)], relative
    # and every result leads to a page the build made
    pages = {urlsplit(link).path for link in relative}
    assert all((site_server.site / path.lstrip("/") / "index.html").is_file() for path in pages), pages
    # The search dialog is named in the reader's language.
    assert page.locator(".md-search").get_attribute("aria-label") == {"da": "Søg", "sv": "Sök", "no": "Søk"}[language]
    fetched = [p for p in search_requests(site_server.requests[before:]) if "search_index" in p]
    assert fetched == [f"/search/search_index.{language}.json"]


def test_nothing_of_search_is_fetched_before_search_is_opened(context, site_server):
    page = context.new_page()
    before = len(site_server.requests)
    page.goto(f"{site_server.url}/{PREFIX[DEFAULT_LANGUAGE]}youth/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-content").click()  # reading and clicking around does not load search
    assert search_requests(site_server.requests[before:]) == []
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("barn")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(f"search_index.{DEFAULT_LANGUAGE}.json" in path for path in search_requests(site_server.requests[before:]))
    assert context.offsite.blocked == []
    # Searching leaves nothing behind: no cookie, no search terms in the browser's storage.
    stored = page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
    assert [key for key in stored if not LOCAL_STORAGE_ALLOWED.match(key)] == []
    assert "barn" not in page.evaluate("JSON.stringify({...localStorage, ...sessionStorage})")
    assert context.cookies() == []


def test_search_works_on_a_phone(browser, site_server):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_server.url}/{prefix('no')}youth/")
    page.locator("label.md-header__button[for='__search']").tap()
    search = page.locator("input.md-search__input")
    search.wait_for(state="visible")
    search.press_sequentially("bekymringsmelding")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    assert links and all(link.startswith(f"{site_server.url}/{prefix('no')}") for link in links)
    context.close()
