"""Real headless Chromium opens the start page in each language; nothing leaves 127.0.0.1."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PREFIX

HEADINGS = {
    "sv": "Socialtjänsten för barn och unga",
    "da": "Kommunens hjælp til børn og unge",
    "no": "Barnevernet og hjelp til barn og unge",
}


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_start_page_opens_with_heading_and_no_offsite_request(context, page, site_url, language):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{site_url}/{PREFIX[language]}")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().rstrip("¶ \n") == HEADINGS[language]
    assert context.offsite.blocked == []
    assert errors == []
