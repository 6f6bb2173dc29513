"""Sitemaps where Material's language selector looks for them.

Material's language selector fetches `sitemap.xml` next to every `<link rel="alternate">` in
the page head to map a page to its translations. mkdocs-static-i18n writes only the root
sitemap, and the head carries an alternate for every language of the page itself (for search
engines), so without this the reader's browser would ask for three missing files on every
page view, each answered with a 404 page. Every page folder but the root (whose sitemap is
the whole one, for search engines) gets a small one with its own entry and alternates.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

URL_ENTRY = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
ENTRY_ADDRESS = re.compile(r'(?:<loc>|href=")([^<"]+)')


def write_page_sitemaps(site_dir: str, site_url: str) -> None:
    root = Path(site_dir)
    source = root / "sitemap.xml"
    if not source.is_file():
        return
    text = source.read_text(encoding="utf-8")
    entries = URL_ENTRY.findall(text)
    if not entries:
        return
    head, tail = text[:text.index(entries[0])], "</urlset>\n"
    base = urlsplit(site_url).path
    for entry in entries:
        for address in set(ENTRY_ADDRESS.findall(entry)):
            folder = root / urlsplit(address).path[len(base):]
            if (folder / "index.html").is_file() and not (folder / "sitemap.xml").exists():
                (folder / "sitemap.xml").write_text(head + entry + tail, encoding="utf-8")
