"""Sections a municipality does not publish (profile `hide_sections`, e.g. [municipalities]).

MkDocs has no switch for leaving out a folder of pages per build (`exclude_docs` is read
before the profile and would need editing mkdocs.yml in every fork), so the plugin drops the
section's files after i18n has picked each language's files: navigation, search index and
sitemaps are made from the files, so they follow. Links to the section in other pages are
made plain text (a list item that only points there is dropped), so no link leads to a page
that is not built.
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files


def section_of(src_uri: str, languages: list[str]) -> str:
    """The top-level folder of a page, below any language folder ("sv/school/x.md" -> "school")."""
    parts = src_uri.split("/")
    if parts[0] in languages:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else ""


def remove(files: Files, hidden: list[str], languages: list[str]) -> None:
    for file in list(files):
        if section_of(file.src_uri, languages) in hidden:
            files.remove(file)


def _link(hidden: list[str]) -> re.Pattern:
    sections = "|".join(map(re.escape, hidden))
    return re.compile(r"\[([^\]]+)\]\((?:/|(?:\.\./)*)(?:" + sections + r")/[^)]*\)")


def strip_links(markdown: str, hidden: list[str]) -> str:
    """Markdown without links into hidden sections: list items that lead there go, other
    links keep their text."""
    if not hidden:
        return markdown
    link = _link(hidden)
    item = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+" + link.pattern + r".*\n?", re.M)
    return link.sub(r"\1", item.sub("", markdown))
