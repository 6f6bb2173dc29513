"""Pages the plugin writes from data (accessibility statement, glossary, intervention records).

mkdocs-static-i18n only localizes pages that exist on disk under docs/, so generated pages
are added after it has run and given the attributes it gives its own files (locale,
alternates), which its language switcher and sitemap read. Nothing is written to docs/.
"""

from __future__ import annotations

from mkdocs.structure.files import File

from ungsoc import static_i18n

# When the texts of the generated pages (glossary, feedback, lesson index, accessibility
# statement without an assessment date) were last checked: one date for all of them.
REVIEWED = "2026-11-24"


def front_matter(audience: str, reviewed: str = REVIEWED) -> str:
    """The front matter every page carries (page.schema.json), for a generated page."""
    return f"---\naudience: {audience}\nreviewed: {reviewed}\n---\n\n"


def _file(config, language: str, default: str, path: str, markdown: str) -> File:
    file = File.generated(config, f"{language}/{path}", content=markdown)
    natural = file.dest_uri  # "<language>/about/accessibility/index.html"
    if language == default:
        file.dest_uri = natural.split("/", 1)[1]
    return file


def page(config, language: str, default: str, languages: list[str], path: str, markdown: str) -> File:
    """A generated Markdown page at docs/<language>/<path>, shaped as i18n shapes its files."""
    file = _file(config, language, default, path, markdown)
    static_i18n.shape_file(file, language, path, {other: file if other == language else _file(config, other, default, path, "")
                                                  for other in languages})
    return file


def add(files, config, file: File) -> None:
    """Add a generated page to the build and to i18n's per-language store (read by its sitemap)."""
    files.append(file)
    static_i18n.register_file(config, file)
