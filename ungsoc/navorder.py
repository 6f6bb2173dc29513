"""The order of the site's sections in the navigation.

Without a `nav:` in mkdocs.yml, MkDocs orders sections by folder name, and the folders have
neutral English names, so "About" came first and the pages for young people last. Listing
every page in `nav:` would have to be done for each language and kept up by every editor and
every fork; this puts the sections in the order of the readers instead (young people first)
and leaves the pages inside a section as MkDocs orders them.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation

# Top-level folders, in the order readers need them; a folder not named here goes last.
SECTION_ORDER = ("youth", "parents", "school", "interventions", "municipalities", "feedback", "local", "about")


def pages_of(items) -> list:
    pages = []
    for item in items:
        if item.is_page:
            pages.append(item)
        elif item.children:
            pages += pages_of(item.children)
    return pages


def folder_of(item, languages: list[str]) -> str:
    """The top-level folder a navigation item stands for, below any language folder."""
    pages = pages_of([item])
    parts = pages[0].file.src_uri.split("/") if pages else []
    if parts and parts[0] in languages:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else ""


def order_sections(nav: Navigation, languages: list[str]) -> Navigation:
    def rank(item) -> int:
        folder = folder_of(item, languages)
        if not folder:
            return -1  # the start page stays first
        return SECTION_ORDER.index(folder) if folder in SECTION_ORDER else len(SECTION_ORDER)

    nav.items.sort(key=rank)  # stable: pages inside a section keep their order
    # Previous/next links (navigation.footer) follow the new order.
    nav.pages = pages_of(nav.items)
    for previous, page in zip([None, *nav.pages], nav.pages):
        page.previous_page = previous
        if previous is not None:
            previous.next_page = page
    if nav.pages:
        nav.pages[-1].next_page = None
    return nav
