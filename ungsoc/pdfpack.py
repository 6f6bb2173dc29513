"""A PDF per lesson pack (the lesson plan, then each handout on its own sheet), made in the
build from the same pages the site shows, in the page's language, with the municipality's
name and logo from the profile.

WeasyPrint (HTML and CSS to PDF on the machine's pango; no browser, nothing fetched) renders
the document that partials/ungsoc-lesson-pdf.html lays out: fonts embedded as subsets, tagged
as PDF/UA-1. Packs are cached by a hash of everything that goes into them, so a build renders
only the packs whose content changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from ungsoc import buildcache, templates

# The PDF's language tag: Norwegian pages are bokmål, as the site's own pages say ("nb").
PDF_LANGUAGE = {"sv": "sv", "da": "da", "no": "nb"}
# What WeasyPrint needs from a Debian or Ubuntu machine (.ci/run and the Pages jobs install it).
SYSTEM_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "fontconfig")
# Material's heading permalinks have no place on paper.
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# The end of the lesson's list of handouts (the first "info" admonition): the PDF link goes there.
HANDOUT_BOX = re.compile(r'(<div class="admonition info">.*?)(</div>)', re.S)


@dataclass
class Pack:
    """One lesson's pack: the HTML of its plan and of each handout, in order."""
    language: str
    title: str
    url: str  # the lesson page's absolute URL: links in the PDF resolve against it
    plan: str
    handouts: list[str] = field(default_factory=list)


def document(theme_dirs, pack: Pack, municipality: str, logo: Path, text: dict) -> str:
    return templates.render(theme_dirs, "partials/ungsoc-lesson-pdf.html", lang=PDF_LANGUAGE[pack.language],
                            title=pack.title, municipality=municipality, logo=logo.resolve().as_uri(),
                            page_word=text["pdf_page"], plan=Markup(PERMALINK.sub("", pack.plan)),
                            handouts=[Markup(PERMALINK.sub("", sheet)) for sheet in pack.handouts])


def render(document_html: str, base_url: str, cache_dir: Path, logo: Path) -> tuple[bytes, bool]:
    """The PDF of a document, and whether it was rendered now (False: from the cache, when the
    same document, logo and WeasyPrint version were rendered before)."""
    rendered = []

    def make() -> bytes:
        try:  # imported here: a build where every pack is cached never loads it
            import weasyprint
            from weasyprint.urls import URLFetcher
        except ImportError as error:
            raise PluginError(f"lesson PDFs need WeasyPrint ({error}): install the project again "
                              "(pip install -e .), or set `lesson_pdfs: false` for the ungsoc plugin in mkdocs.yml") from error
        except OSError as error:  # WeasyPrint loads the system's pango when imported
            raise PluginError(f"lesson PDFs need pango and a font on this machine ({error}): on Debian or Ubuntu, "
                              f"apt-get install {' '.join(SYSTEM_PACKAGES)}; or set `lesson_pdfs: false` for the "
                              "ungsoc plugin in mkdocs.yml") from error

        # Local files only (the logo): a build downloads nothing, whatever a page links to.
        fetcher = URLFetcher(allowed_protocols={"file"}, fail_on_errors=True)
        rendered.append(True)
        return weasyprint.HTML(string=document_html, base_url=base_url, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1")

    key = buildcache.key(version("weasyprint"), base_url, document_html, logo.read_bytes())
    return buildcache.cached(cache_dir, f"{key}.pdf", make), bool(rendered)


def with_link(theme_dirs, page_html: str, file_name: str, size: int, text: dict) -> str:
    """The lesson's HTML with a link to its PDF, and the PDF's size, in its list of handouts."""
    label = text["pdf"].format(size=f"{max(1, round(size / 1000))} kB")
    link = templates.render(theme_dirs, "partials/ungsoc-lesson-pdf-link.html", href=file_name, label=label)
    return HANDOUT_BOX.sub(lambda m: m.group(1) + link + m.group(2), page_html, count=1)


def absolute(site_url: str, page_url: str) -> str:
    return urljoin(site_url or "http://localhost/", page_url)
