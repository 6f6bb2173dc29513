"""The reader's order of sections and pages, from content/order.yml.

Without a `nav:` in mkdocs.yml, MkDocs orders pages by file name, and the files have neutral
English names, so the first youth page was "What happens after a report?". A `nav:` in
mkdocs.yml would have to be written per language (mkdocs-static-i18n) and kept by every
fork; the paths are the same in every language, so one list in content/ orders all of them.
Navigation, previous/next (navigation.footer) and the landing-page test all read this order.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from mkdocs.structure.nav import Navigation

from ungsoc.errors import Problem
from ungsoc.yamlsource import load

FILE = "order.yml"
# A municipality's own pages (docs/<lang>/local/): upstream ships none, so this section's
# entries may match nothing until a fork adds its pages.
FORK_SECTION = "local"
# An entry that takes whatever pages remain (the catalogue's records): it may match none.
REST = "*"


@dataclass
class Order:
    file: str
    sections: list[str] = field(default_factory=list)
    entries: dict[str, list[str]] = field(default_factory=dict)
    lines: dict[tuple, int | None] = field(default_factory=dict)  # (section,) or (section, index) -> line

    def rank(self, path: str) -> tuple[int, int] | None:
        """Where a page (its path below the language folder) goes; None if it is not placed."""
        if "/" not in path:
            return (-1, 0) if path == "index.md" else None  # the start page comes first
        section, rest = path.split("/", 1)
        if section not in self.entries:
            return None
        for position, pattern in enumerate(self.entries[section]):
            if fnmatchcase(rest, pattern):
                return self.sections.index(section), position
        return None

    def pages(self, section: str, paths: list[str]) -> list[str]:
        """Paths inside a section ("youth/rights.md") in the reader's order."""
        placed = [path for path in paths if path.startswith(f"{section}/") and self.rank(path)]
        return sorted(placed, key=self.rank)


def load_order(content_dir: Path, shown_as: str = "content") -> tuple[Order | None, list[Problem]]:
    display = f"{shown_as}/{FILE}"
    doc, problems = load(content_dir / FILE, display)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "expected the sections as keys, each with a list of pages")]
    order = Order(display)
    for section, pages in doc.data.items():
        if not isinstance(pages, list) or not pages or not all(isinstance(page, str) and page for page in pages):
            problems.append(doc.problem((section,), "expected a list of page names, such as `- index.md`"))
            continue
        order.sections.append(str(section))
        order.entries[str(section)] = pages
        order.lines[(str(section),)] = doc.line((section,))
        order.lines.update(((str(section), index), doc.line((section, index))) for index in range(len(pages)))
    return order, problems


def pages_on_disk(docs_dir: Path, languages) -> set[str]:
    """Every page under any language folder, as its path below that folder ("youth/rights.md")."""
    pages = set()
    for language in languages:
        folder = docs_dir / language
        if folder.is_dir():
            pages.update(page.relative_to(folder).as_posix() for page in folder.rglob("*.md"))
    return pages


def site_pages(docs_dir: Path, records: list[dict]) -> set[str]:
    """Every page a site can have: the files of every language folder and the pages the
    plugin makes from content/ (UngsocPlugin.on_files), whether or not this build makes them."""
    from ungsoc import accessibility, catalogue, feedback, glossary, lessons
    from ungsoc.languages import LANGUAGES

    made = {accessibility.PATH, glossary.PATH, feedback.PATH, lessons.PATH}
    made.update(f"{catalogue.FOLDER}/{record['id']}.md" for record in records if isinstance(record, dict) and "id" in record)
    return pages_on_disk(docs_dir, LANGUAGES) | made


def stale_entries(order: Order, pages: set[str]) -> list[Problem]:
    """Entries that name no page in any language (a page renamed or removed, a typo): each is
    an error at its line, as a page missing from the order is. `pages` holds every page the
    site can have: the files under docs/<lang>/ and the pages the plugin generates."""
    problems = []
    for section, entries in order.entries.items():
        if section == FORK_SECTION:
            continue
        names = sorted(page.split("/", 1)[1] for page in pages if page.startswith(f"{section}/"))
        if not names:
            folders = sorted({page.split("/", 1)[0] for page in pages if "/" in page} - set(order.entries))
            close = difflib.get_close_matches(section, folders, 1)
            hint = f"; did you mean `{close[0]}:`?" if close else ""
            problems.append(Problem(order.file, order.lines.get((section,)), section,
                                    f"no page is in a section folder `{section}/` in any language (docs/<lang>/{section}/): "
                                    f"remove the section or correct its name{hint}"))
            continue
        for index, entry in enumerate(entries):
            if entry == REST or any(fnmatchcase(name, entry) for name in names):
                continue
            # A renamed page is both: suggest a page no entry places, by its name without .md.
            unplaced = {name.removesuffix(".md"): name for name in names if not any(fnmatchcase(name, other) for other in entries)}
            close = difflib.get_close_matches(entry.removesuffix(".md"), list(unplaced), 1)
            hint = f"; did you mean `- {unplaced[close[0]]}`?" if close else ""
            problems.append(Problem(order.file, order.lines.get((section, index)), f"{section}[{index}]",
                                    f"`- {entry}` names no page: there is no docs/<lang>/{section}/{entry} in any language; "
                                    f"remove the entry, or correct the name if the page was renamed{hint}"))
    return problems


def pages_of(items) -> list:
    pages = []
    for item in items:
        if item.is_page:
            pages.append(item)
        elif item.children:
            pages += pages_of(item.children)
    return pages


def language_path(src_uri: str, languages: list[str]) -> str:
    """A page's path below its language folder: "sv/youth/rights.md" -> "youth/rights.md"."""
    parts = src_uri.split("/", 1)
    return parts[1] if len(parts) == 2 and parts[0] in languages else src_uri


def merge_sections(items: list, languages: list[str], depth: int = 0) -> None:
    """One section per folder. A page that falls back to the default language (i18n's
    fallback_to_default) lives in the default language's folder, so MkDocs makes a second
    section of the same name for it ("For skolan" twice, the fallback page last in the
    section's reading order); its pages join the section of the reader's language."""
    kept, by_folder = [], {}
    for item in items:
        pages = pages_of([item]) if item.is_section else []
        if pages:
            folder = language_path(pages[0].file.src_uri, languages).split("/")[depth]
            if folder in by_folder:
                target = by_folder[folder]
                for child in item.children:
                    child.parent = target
                target.children += item.children
                continue
            by_folder[folder] = item
        kept.append(item)
    items[:] = kept
    for item in kept:
        if item.is_section:
            merge_sections(item.children, languages, depth + 1)


def apply(nav: Navigation, order: Order, languages: list[str]) -> tuple[Navigation, list[Problem]]:
    """Sort the navigation into the reader's order; every page must be placed."""
    problems, unplaced = [], (len(order.sections), 0)
    for page in pages_of(nav.items):
        path = language_path(page.file.src_uri, languages)
        if order.rank(path) is None:
            section = path.split("/", 1)[0] if "/" in path else None
            where = (f"under `{section}:`" if section in order.entries
                     else f"in a new section `{section}:`" if section else "in a section folder (docs/<lang>/<section>/)")
            name = path.split("/", 1)[1] if section else path
            problems.append(Problem(f"docs/{page.file.src_uri}", None, "order",
                                    f"the page is not placed in {order.file}: add `- {name}` {where} where readers should meet it"))

    def rank(item) -> tuple:
        # Pages under one pattern ("handouts/*") in MkDocs' file order (file_sort_key), taken
        # below the language folder: a page falling back to the default language is in its folder.
        ranks = []
        for page in pages_of([item]):
            path = PurePosixPath(language_path(page.file.src_uri, languages))
            ranks.append((order.rank(path.as_posix()) or unplaced, (path.parts[:-1], path.stem != "index", path.name)))
        return min(ranks) if ranks else (unplaced, ())

    def sort(items) -> None:
        items.sort(key=rank)
        for item in items:
            if item.children:
                sort(item.children)

    merge_sections(nav.items, languages)
    sort(nav.items)
    # Previous/next links (navigation.footer) follow the new order.
    nav.pages = pages_of(nav.items)
    for previous, page in zip([None, *nav.pages], nav.pages):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if nav.pages:
        nav.pages[-1].next_page = None
    return nav, problems
