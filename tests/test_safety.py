"""Child safety in a real browser: quick exit, help now, and privacy on every page."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import BROWSER_ARGS, CHROMIUM, DEFAULT_LANGUAGE, LANGUAGES, PREFIX, PROFILE, ROOT, loaded_profile, prefix

pytestmark = pytest.mark.browser
EXIT_LABEL = {"sv": "Lämna sidan snabbt", "da": "Forlad siden hurtigt", "no": "Forlat siden raskt"}
LEAVING = {language: yaml.safe_load((ROOT / "content/ui" / f"{language}.yml").read_text(encoding="utf-8"))["quick_exit_leaving"]
           for language in LANGUAGES}
# What Material may keep in localStorage: nothing about the reader (no search terms).
LOCAL_STORAGE_ALLOWED = re.compile(r"^/(\S*/)?\.__(tabs|palette|consent|announce|expand)$")


def all_pages(site):
    return sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))


def neutral_hits(neutral_server):
    return [headers for path, headers in neutral_server.requests]


def start(page, site_url, language=DEFAULT_LANGUAGE, path=""):
    page.goto(f"{site_url}/{prefix(language)}{path}")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("language", LANGUAGES)
def test_exit_button_is_first_keyboard_stop_and_leaves_to_neutral_site(page, site_url, neutral_server, language):
    start(page, site_url, language)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == EXIT_LABEL[language]
    before = len(neutral_server.requests)
    page.keyboard.press("Enter")
    page.wait_for_url(neutral_server.url)
    assert page.locator("h1").inner_text() == "Weather"
    headers = neutral_server.requests[before][1]
    assert "Referer" not in headers
    # location.replace: Back does not return to the site.
    page.go_back()
    assert not page.url.startswith(site_url)


def test_click_hides_page_at_once(page, site_url):
    start(page, site_url)
    # Read the page in the same task as the click, before the navigation can begin.
    hidden = page.evaluate("""() => {
        document.querySelector('.ungsoc-exit__button').click();
        return !document.querySelector('h1').checkVisibility();
    }""")
    assert hidden


@pytest.mark.parametrize("language", LANGUAGES)
def test_leaving_is_announced_by_a_visible_alert_in_the_accessibility_tree(page, site_url, language):
    start(page, site_url, language)
    # Leave to a fragment of the same page, so the exited page stays to be inspected.
    page.evaluate("document.querySelector('.ungsoc-exit__button').href = location.href + '#left'")
    page.click(".ungsoc-exit__button")
    alert = page.get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text() == LEAVING[language]
    assert alert.is_visible()
    assert not page.locator("h1").first.is_visible()
    # What a screen reader gets: Chromium's own accessibility tree.
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    alerts = [node for node in nodes if not node.get("ignored") and node.get("role", {}).get("value") == "alert"]
    assert len(alerts) == 1
    texts = [node["name"]["value"] for node in nodes
             if not node.get("ignored") and node.get("role", {}).get("value") == "StaticText"]
    assert texts == [LEAVING[language]], "only the alert may be left for a screen reader"


def test_three_shift_presses_leave_and_count_is_announced(page, site_url, neutral_server):
    start(page, site_url, "da")
    page.keyboard.press("Shift")
    status = page.locator(".ungsoc-exit__status")
    assert status.inner_text() == "Tryk på Shift 2 gange mere for at forlade siden."
    assert status.get_attribute("role") == "status"
    page.keyboard.press("Shift")
    assert status.inner_text() == "Tryk på Shift én gang mere for at forlade siden."
    page.keyboard.press("Shift")
    page.wait_for_url(neutral_server.url)


def test_shift_for_capitals_while_typing_in_search_does_not_leave(page, site_url):
    start(page, site_url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("Hej Anna Och Bo")
    page.keyboard.press("Shift+A")
    assert page.url.startswith(site_url)
    assert not page.evaluate("document.documentElement.classList.contains('ungsoc-exiting')")
    assert page.locator(".ungsoc-exit__status").inner_text() == ""


def test_two_shifts_then_a_pause_over_five_seconds_does_not_leave(page, site_url):
    page.clock.install()
    start(page, site_url, "no")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    status = page.locator(".ungsoc-exit__status")
    assert status.inner_text() == "Du forlot ikke siden."
    page.keyboard.press("Shift")
    assert page.url.startswith(site_url)
    assert status.inner_text() == "Trykk på Shift 2 ganger til for å forlate siden."


def test_back_after_exit_skips_the_exited_page(page, site_url, neutral_server):
    start(page, site_url, path="youth/")
    page.click("a[href$='parents/']>> nth=0")
    page.wait_for_url(f"{site_url}/parents/")
    page.click(".ungsoc-exit__button")
    page.wait_for_url(neutral_server.url)
    page.go_back()
    page.wait_for_url(f"{site_url}/youth/")
    assert page.locator("h1").first.is_visible()


@pytest.fixture(scope="module")
def bfcache_browser(browser):
    """Chromium with its back/forward cache on, as readers have it (Playwright turns it off)."""
    instance = browser.browser_type.launch(executable_path=CHROMIUM, args=BROWSER_ARGS,
                                           ignore_default_args=["--disable-back-forward-cache"])
    yield instance
    instance.close()


def test_page_restored_from_back_forward_cache_after_exit_is_visible_again(bfcache_browser, site_url, neutral_server):
    # A page the browser restores from its back/forward cache comes back as it was left:
    # hidden by the exit, until quick-exit.js's pageshow handler shows it. The exit leads to
    # a fragment of the same page here, as replace() would drop the exited page from history.
    page = bfcache_browser.new_page()
    start(page, site_url, path="youth/")
    page.evaluate("addEventListener('pageshow', event => { window.restored = event.persisted })")
    page.evaluate("document.querySelector('.ungsoc-exit__button').href = location.href + '#left'")
    page.click(".ungsoc-exit__button")
    page.wait_for_function("document.documentElement.classList.contains('ungsoc-exiting')")
    assert not page.locator("h1").first.is_visible()
    page.goto(neutral_server.url)
    page.go_back(wait_until="commit")  # a page restored from the cache fires no load event
    page.wait_for_function("window.restored !== undefined")
    assert page.evaluate("window.restored"), "not restored from the back/forward cache"
    assert page.locator("h1").first.is_visible()
    assert page.locator(".ungsoc-exit__status").inner_text() == ""
    page.close()


def test_without_javascript_the_exit_link_still_leads_to_neutral_site(browser, site_url, neutral_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/")
    link = page.locator(".ungsoc-exit__button")
    assert link.get_attribute("rel") == "nofollow noreferrer"
    before = len(neutral_server.requests)
    link.click()
    page.wait_for_url(neutral_server.url)
    assert "Referer" not in neutral_server.requests[before][1]
    context.close()


def help_numbers(language: str) -> list[str]:
    """The numbers help-now shows in a language: its country's national ones, then the
    profile's on-call number."""
    country = (PROFILE.get("language_countries") or {}).get(language, PROFILE["country"])
    national = yaml.safe_load((ROOT / f"content/national/{country}.yml").read_text(encoding="utf-8"))
    return [national["emergency"], national["child_helpline"]["phone"], PROFILE["contacts"]["on_call"]["phone"]]


# Where the visible part of the screen ends: its foot, or the top of a strip fixed there.
FOOT_OF_SCREEN = """() => Math.min(innerHeight, ...[...document.querySelectorAll('body *')]
  .filter(e => getComputedStyle(e).position === 'fixed').map(e => e.getBoundingClientRect())
  .filter(r => r.height > 0 && r.top > innerHeight / 2).map(r => r.top))"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_now_visible_without_scrolling_on_a_phone(browser, site_url, language):
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{PREFIX[language]}")
    for number in help_numbers(language):
        link = page.locator(".ungsoc-help a:visible", has_text=number)
        if link.count() == 0:  # on a phone the numbers after the first are one tap away
            page.locator(".ungsoc-help__more summary").tap()
        assert link.count() == 1, number
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= page.evaluate(FOOT_OF_SCREEN), f"{number} is below the fold: {box}"
        assert link.get_attribute("href").startswith("tel:")
    context.close()


# Help-now, the quick exit and privacy on every page: tests/test_every_page.py.




def lifelines(language):
    """The numbers a reader in danger needs, from the national file of the language's country
    (whatever the profile is): emergency, medical emergency, child helpline, suicide line."""
    from ungsoc.profile import tel

    national = loaded_profile().national(language)
    numbers = [national["emergency"], (national.get("medical_emergency") or {}).get("phone", national["emergency"]),
               national["child_helpline"]["phone"], national["suicide_prevention"]["phone"]]
    return {tel(number) for number in numbers}


@pytest.mark.parametrize("language", LANGUAGES)
def test_help_now_page_and_help_box_give_the_lifelines_as_tel_links(page, site_url, language):
    start(page, site_url, language, "youth/get-help-now/")
    in_text = set(page.eval_on_selector_all("article a[href^='tel:']", "els => els.map(e => e.getAttribute('href'))"))
    assert lifelines(language) <= in_text, f"missing on the page: {lifelines(language) - in_text}"
    in_box = set(page.eval_on_selector_all(".ungsoc-help a", "els => els.map(e => e.getAttribute('href'))"))
    assert lifelines(language) <= in_box, f"missing in the help box: {lifelines(language) - in_box}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_worried_about_a_friend_gives_emergency_and_suicide_line_as_tel_links(page, site_url, language):
    from ungsoc.profile import tel

    national = loaded_profile().national(language)
    start(page, site_url, language, "youth/worried-about-a-friend/")
    hrefs = set(page.eval_on_selector_all("article a[href^='tel:']", "els => els.map(e => e.getAttribute('href'))"))
    medical = (national.get("medical_emergency") or {}).get("phone", national["emergency"])
    assert {tel(national["emergency"]), tel(medical), tel(national["suicide_prevention"]["phone"])} <= hrefs
