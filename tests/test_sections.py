"""A municipality switches off sections it does not publish (hide_sections in the profile):
navigation, links, search and sitemaps leave them out."""

from __future__ import annotations

import json
import re

import pytest

from conftest import PROFILES, THREE_LANGUAGES, build, copy_project
from test_build import ALL_SECTION_LABELS

pytestmark = pytest.mark.fixed_profile
HIDDEN = ["parents", "school", "interventions", "municipalities"]
LABELS = {lang: labels[1:5] for lang, labels in ALL_SECTION_LABELS.items()}  # the hidden ones


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("sections") / "fork", THREE_LANGUAGES)
    profile = (PROFILES / THREE_LANGUAGES).read_text(encoding="utf-8") + f"hide_sections: [{', '.join(HIDDEN)}]\n"
    (project / "content/municipality.yml").write_text(profile, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def test_hidden_sections_are_not_built(site):
    for prefix in ("", "da/", "no/"):
        assert (site / prefix / "youth/index.html").is_file()
        for section in HIDDEN:
            assert not (site / prefix / section).exists(), prefix + section


def test_no_page_links_to_a_hidden_section_or_names_it_in_the_navigation(site):
    link = re.compile(r'href="(?:\.\./|/|https?://[^"]*/)*(?:da/|no/)?(?:' + "|".join(HIDDEN) + r')/')
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not link.search(html), f"{page.relative_to(site)}: {link.search(html).group(0)}"
    for prefix, language in (("", "sv"), ("da/", "da"), ("no/", "no")):
        nav = (site / prefix / "youth/index.html").read_text(encoding="utf-8")
        nav = nav[nav.index("md-nav--primary"):nav.index("md-sidebar--secondary")]
        for label in LABELS[language]:
            assert f">{label}<" not in nav and f"> {label} <" not in re.sub(r"\s+", " ", nav), (language, label)


def test_search_and_sitemaps_leave_hidden_sections_out(site):
    for language in ("sv", "da", "no"):
        index = json.loads((site / f"search/search_index.{language}.json").read_text(encoding="utf-8"))
        found = [doc["location"] for doc in index["docs"]
                 if re.match(r"(da/|no/)?(" + "|".join(HIDDEN) + ")/", doc["location"])]
        assert found == []
    for sitemap in site.rglob("sitemap.xml"):
        text = sitemap.read_text(encoding="utf-8")
        assert not re.search(r"/(" + "|".join(HIDDEN) + r")/", text), sitemap
