"""Every built page, once, in a real browser: accessibility (axe-core, WCAG 2.1 AA), no
horizontal scroll at 360 px, help-now numbers as tel: links, the quick exit, and privacy
(nothing leaves the origin, no cookie, only allow-listed localStorage keys).

One page load serves every check (each check used to load every page again), and the pages are
split into shards that pytest-xdist spreads over the cores (conftest: a test id with
"[shard" is scheduled on its own, not with its file)."""

from __future__ import annotations

import json

import pytest

from conftest import LANGUAGES, PREFIX
from test_quality import run_axe
from test_safety import LOCAL_STORAGE_ALLOWED, all_pages, lifelines

pytestmark = pytest.mark.browser

SHARDS = 8
DESKTOP = {"width": 1280, "height": 720}
PHONE_WIDTH = 360


def language_of(path: str) -> str:
    return next((lang for lang in LANGUAGES if PREFIX[lang] and (path + "/").startswith(PREFIX[lang])),
                next(lang for lang in LANGUAGES if not PREFIX[lang]))


@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda n: f"shard{n}")
def test_every_page_is_accessible_fits_a_phone_and_has_help_exit_and_privacy(context, site_server, shard):
    pages = all_pages(site_server.site)
    assert len(pages) >= len(LANGUAGES) * 8
    page = context.new_page()
    axe_failures, too_wide, help_failures = {}, [], []
    for path in pages[shard::SHARDS]:
        page.set_viewport_size(DESKTOP)
        page.goto(f"{site_server.url}/{'' if path == '.' else path + '/'}")
        violations = run_axe(page)
        if violations:
            axe_failures[path] = violations
        hrefs = page.eval_on_selector_all(".ungsoc-help__list--wide a", "els => els.map(e => e.getAttribute('href'))")
        if hrefs[:1] != ["tel:112"] or not lifelines(language_of(path)) <= set(hrefs) \
                or not all(h.startswith("tel:") for h in hrefs):
            help_failures.append(f"{path}: help-now links {hrefs}")
        if page.locator(".ungsoc-exit__button").count() != 1:
            help_failures.append(f"{path}: no quick exit")
        keys = page.evaluate("Object.keys(localStorage)")
        help_failures += [f"{path}: localStorage key {key!r}" for key in keys if not LOCAL_STORAGE_ALLOWED.match(key)]
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 640})
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide.append(f"{path}: {width}px")
    # A request a page makes late (after its load event) is still caught on the last page.
    page.wait_for_load_state("networkidle")
    assert axe_failures == {}, json.dumps(axe_failures, indent=1, ensure_ascii=False)
    assert too_wide == []
    assert help_failures == []
    assert context.cookies() == []
    assert context.offsite.blocked == []
