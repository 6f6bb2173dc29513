"""A reader's way in: from the start page, every page for young people and parents (and the
pages about the site) is at most two taps away on a 360 px phone, through links in the page
text; the landing pages list their section's pages in the reader's order (content/order.yml)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import LANGUAGES, PREFIX, ROOT

pytestmark = pytest.mark.browser

ORDER = yaml.safe_load((ROOT / "content/order.yml").read_text(encoding="utf-8"))
READER_SECTIONS = ("youth", "parents", "about")

# Links a reader can see and tap in the page text (not the menu, which is one tap more).
VISIBLE_LINKS = """() => [...document.querySelectorAll('.md-content a[href]')]
  .filter(a => { const r = a.getBoundingClientRect(); return r.width > 0 && r.height > 0
                 && getComputedStyle(a).visibility !== 'hidden'; })
  .map(a => a.href.split('#')[0])"""


def reader_pages(site, language: str) -> set[str]:
    prefix = PREFIX[language]
    pages = set()
    for section in READER_SECTIONS:
        for html in (site / prefix / section).rglob("index.html"):
            pages.add("/" + html.parent.relative_to(site).as_posix() + "/")
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reader_page_is_two_taps_from_the_start_page_on_a_phone(browser, site_server, language):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    start = f"/{PREFIX[language]}"
    depth = {start: 0}
    frontier = [start]
    for tap in (1, 2):
        following = []
        for path in frontier:
            page.goto(site_server.url + path)
            for link in page.evaluate(VISIBLE_LINKS):
                if not link.startswith(site_server.url):
                    continue
                target = link[len(site_server.url):]
                if target not in depth:
                    depth[target] = tap
                    following.append(target)
        frontier = following
    context.close()
    missing = sorted(reader_pages(site_server.site, language) - set(depth))
    assert missing == [], f"more than two taps from {start}: {missing}"
    # The questions children ask most are one tap from the start page.
    for name in ("violence-at-home", "tell-someone-at-school", "living-away-from-home"):
        assert depth[f"{start}youth/{name}/"] == 1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("section", ("youth", "parents"))
def test_landing_pages_list_the_sections_pages_in_the_readers_order(site, language, section):
    html = (site / PREFIX[language] / section / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article'):html.index('</article>')]
    linked = [link.strip("./") for link in re.findall(r'<a href="([^"#:]+)"', article) if not link.startswith("..")]
    expected = [entry.removesuffix(".md") for entry in ORDER[section] if entry != "index.md"]
    assert [link for link in linked if link in expected] == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_heading_starts_near_the_top_with_exit_and_help_one_tap_away(browser, site_server, language):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_server.url}/{PREFIX[language]}youth/rights/")
    heading = page.locator(".md-content h1").bounding_box()
    assert heading["y"] <= 160, f"the heading starts {heading['y']} px from the top"
    exit_button = page.locator(".ungsoc-exit__button")
    box = exit_button.bounding_box()
    assert exit_button.is_visible() and box["y"] + box["height"] <= heading["y"]
    # The numbers are buttons that call; the rest of the help box is one tap away.
    buttons = page.locator(".ungsoc-help__button")
    assert buttons.count() >= 2 and all(buttons.nth(i).is_visible() for i in range(buttons.count()))
    assert all(buttons.nth(i).get_attribute("href").startswith("tel:") for i in range(buttons.count()))
    full = page.locator(".ungsoc-help__more .ungsoc-help__list a")
    assert not full.first.is_visible()
    page.locator(".ungsoc-help__more summary").tap()
    assert full.first.is_visible() and full.count() >= 3
    # The quick exit stays first in keyboard order.
    page.goto(f"{site_server.url}/{PREFIX[language]}youth/rights/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('ungsoc-exit__button')")
    context.close()


FAKE_VOICES = """(() => {
  window.__spoken = [];
  const voices = %s;
  const speech = { speaking: false, getVoices: () => voices, speak: u => window.__spoken.push([u.lang, u.text]),
                   cancel: () => {}, addEventListener: () => {} };
  Object.defineProperty(window, 'speechSynthesis', { value: speech, configurable: true });
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
})();"""


@pytest.mark.parametrize("language, voice", [("sv", "sv-SE"), ("da", "da-DK"), ("no", "nb-NO")])
def test_listen_reads_the_page_aloud_in_its_language_with_the_browsers_own_voice(browser, site_server, language, voice):
    context = browser.new_context()
    context.add_init_script(FAKE_VOICES % f'[{{"lang": "{voice}", "name": "test"}}]')
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(f"{site_server.url}/{PREFIX[language]}youth/rights/")
    button = page.locator(".ungsoc-listen")
    button.wait_for(state="visible")
    before = len(requests)
    button.click()
    spoken = page.evaluate("window.__spoken")
    heading = page.locator(".md-content h1").inner_text()
    assert spoken[0] == [voice, heading.replace("¶", "").strip()]
    assert all(lang == voice for lang, _ in spoken) and len(spoken) > 5
    assert button.get_attribute("aria-pressed") == "true"
    assert requests[before:] == []  # no request: the voice is the browser's own
    context.close()


def test_listen_is_hidden_where_the_browser_has_no_voice_for_the_language(browser, site_server):
    context = browser.new_context()
    context.add_init_script(FAKE_VOICES % '[{"lang": "en-US", "name": "test"}]')
    page = context.new_page()
    page.goto(f"{site_server.url}/da/youth/rights/")
    page.wait_for_load_state("load")
    assert page.locator(".ungsoc-listen").count() == 1 and not page.locator(".ungsoc-listen").is_visible()
    context.close()
