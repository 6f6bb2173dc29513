"""The reader's order (content/order.yml): navigation and previous/next follow it, and a new
page that is not placed in it fails the build with the page's file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, PREFIX, ROOT, build, copy_project, place
from test_build import ALL_SECTION_LABELS, SECTION_FOLDERS

ORDER = yaml.safe_load((ROOT / "content/order.yml").read_text(encoding="utf-8"))
NEXT = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"')
PREVIOUS = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--prev"')


def resolve(url: str) -> str:
    parts = []
    for part in url.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def chain(site: Path, start: str, link: re.Pattern) -> list[str]:
    seen, url = [], start
    while url not in seen:
        seen.append(url)
        found = link.search((site / url / "index.html").read_text(encoding="utf-8"))
        if found is None:
            break
        url = resolve(f"{url}/{found.group(1)}")
    return seen


def expected_pages(site: Path, language: str) -> list[str]:
    """What order.yml says, for the pages this language's build has."""
    prefix = PREFIX[language].rstrip("/")
    urls = [prefix]
    for section, entries in ORDER.items():
        folder = site / prefix / section
        if not folder.is_dir():
            continue
        built = sorted(p.parent.relative_to(folder).as_posix() for p in folder.rglob("index.html"))
        placed: list[str] = []
        for entry in entries:
            name = entry.removesuffix(".md")
            for page in built:
                slug = "." if page == "." else page
                if page in placed:
                    continue
                if (name == "index" and slug == ".") or (name != "index" and re.fullmatch(name.replace("*", ".*"), slug)):
                    placed.append(page)
        urls += [resolve(f"{prefix}/{section}/{page}") for page in placed]
    return urls


def test_next_and_previous_walk_every_page_in_the_readers_order(site):
    for language in LANGUAGES:
        start = PREFIX[language].rstrip("/")
        forward = chain(site, start, NEXT)
        assert forward == expected_pages(site, language), language
        # The youth section reads from what social services are to the questions.
        youth = [url.rsplit("/", 1)[-1] for url in forward if "/youth" in f"/{url}"]
        assert youth[:2] == ["youth", "social-services"] and youth[-1] == "questions", youth
        backward = chain(site, forward[-1], PREVIOUS)
        assert backward == forward[::-1], language


# A language the profile in use publishes, at a folder of its own where it has one.
LANGUAGE = LANGUAGES[-1]


def test_navigation_lists_the_sections_and_pages_in_the_readers_order(site):
    html = (site / PREFIX[LANGUAGE] / "parents/index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"'):]
    sections = re.findall(r'<a href="[./]*(\w+)/" class="md-nav__link', nav)
    top = [name for name in dict.fromkeys(sections) if name in ORDER]
    assert top == [name for name in ORDER if name in top][:len(top)]
    parents = ALL_SECTION_LABELS[LANGUAGE][SECTION_FOLDERS.index("parents")]
    links = re.findall(r'href="([^"]+)" class="md-nav__link', nav[nav.index(parents):])
    # the section's name links its landing page; its other pages follow in the order
    pages = [entry.removesuffix(".md") for entry in ORDER["parents"][1:]]
    assert [link.strip("/.") for link in links[:len(pages)]] == pages, links


def test_a_page_not_placed_in_the_order_fails_the_build_with_its_file(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / f"docs/{LANGUAGE}/parents/new-page.md").write_text(
        "---\naudience: parents\nreviewed: 2026-11-24\n---\n\n# Ny side\n\nTekst.\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert (f"docs/{LANGUAGE}/parents/new-page.md: order: the page is not placed in content/order.yml: "
            "add `- new-page.md` under `parents:` where readers should meet it") in result.stderr
    # Placed, it builds and comes where it was put.
    place(project, "parents/new-page.md")
    result = build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / PREFIX[LANGUAGE] / "parents/index.html").read_text(encoding="utf-8")
    assert NEXT.search(html).group(1) == "new-page/"


def test_an_order_entry_naming_no_page_fails_the_build_and_check_at_its_line(tmp_path, monkeypatch):
    """A page renamed or removed leaves its entry in content/order.yml: the build (and `ungsoc
    check`) says so at the entry's line, with the page it probably means. In-process: the
    plugin's on_config raises before anything is built."""
    from mkdocs.exceptions import PluginError

    from ungsoc.config import load_mkdocs_yml
    from ungsoc.content import check_all

    project = copy_project(tmp_path / "project")
    order = project / "content/order.yml"
    text = order.read_text(encoding="utf-8")
    text = text.replace("  - support.md\n", "  - support.md\n  - old-page.md\n", 1).replace("  - rights.md\n", "  - right.md\n", 1)
    text = text.replace("feedback:\n", "feedbak:\n", 1)
    order.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = {entry: 1 + lines.index(entry) for entry in ("  - old-page.md", "  - right.md", "feedbak:")}
    parents, youth = ORDER["parents"], ORDER["youth"]
    expected = [
        f"content/order.yml:{line['  - right.md']}: youth[{youth.index('rights.md')}]: `- right.md` names no page: there is "
        "no docs/<lang>/youth/right.md in any language; remove the entry, or correct the name if the page was renamed; "
        "did you mean `- rights.md`?",
        f"content/order.yml:{line['  - old-page.md']}: parents[{parents.index('support.md') + 1}]: `- old-page.md` names "
        "no page: there is no docs/<lang>/parents/old-page.md in any language; remove the entry, or correct the name if "
        "the page was renamed",
        f"content/order.yml:{line['feedbak:']}: feedbak: no page is in a section folder `feedbak/` in any language "
        "(docs/<lang>/feedbak/): remove the section or correct its name; did you mean `feedback:`?",
    ]
    monkeypatch.chdir(project)  # `ungsoc check` names files as seen from where it runs
    config, _ = load_mkdocs_yml(project / "mkdocs.yml")
    plugin = config.plugins["ungsoc"]
    plugin.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as raised:
        plugin.on_config(config)
    reported = str(raised.value).splitlines()
    assert reported[0] == "3 problems in content:" and sorted(reported[1:]) == sorted(expected)
    assert sorted(str(problem) for problem in check_all(project) if "order.yml" in problem.file) == sorted(expected)


def test_a_page_falling_back_to_the_default_language_joins_its_section_in_the_readers_order():
    """A Swedish build of a Norwegian-first site: the handout nobody translated comes from the
    Norwegian folder (i18n's fallback), and MkDocs makes a second "school" section for it. The
    reader sees one section, with that handout where order.yml puts it."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.nav import Navigation, Section, _add_parent_links
    from mkdocs.structure.pages import Page

    from ungsoc.navorder import Order, apply

    config = MkDocsConfig()
    config.load_dict({"site_name": "test"})

    def page(src_uri: str) -> Page:
        return Page(src_uri, File(src_uri, "docs", "site", True), config)

    swedish = Section("För skolan", [page("sv/school/index.md"), page("sv/school/working-together.md"),
                                     Section("Att skriva ut", [page("sv/school/handouts/a-case.md"),
                                                               page("sv/school/handouts/c-worksheet.md")])])
    fallback = Section("För skolan", [Section("Att skriva ut", [page("no/school/handouts/b-statements.md")])])
    order = Order("content/order.yml", ["school"], {"school": ["index.md", "handouts/*", "working-together.md"]})
    _add_parent_links([swedish, fallback])  # as mkdocs.structure.nav.get_navigation does
    nav, problems = apply(Navigation([swedish, fallback], []), order, ["no", "sv"])

    assert problems == []
    assert [item.title for item in nav.items] == ["För skolan"]
    assert [p.file.src_uri for p in nav.pages] == [
        "sv/school/index.md", "sv/school/handouts/a-case.md", "no/school/handouts/b-statements.md",
        "sv/school/handouts/c-worksheet.md", "sv/school/working-together.md"]
    handouts = nav.items[0].children[1]
    assert all(child.parent is handouts for child in handouts.children)
    assert nav.pages[2].previous_page is nav.pages[1] and nav.pages[2].next_page is nav.pages[3]
