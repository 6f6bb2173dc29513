"""The 404 page of each language.

i18n renders 404.html once per language build, into the site root, with whatever language
switcher the previous page left in the config: on a 404 it must lead to the start pages.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def start_page_alternates(i18n, site_url: str | None) -> list[dict]:
    """The language switcher entries of every built language, each to its start page."""
    base = urlsplit(site_url or "/").path.rstrip("/")
    return [{"name": language.name, "link": f"{base}{language.link}", "lang": language.locale}
            for language in i18n.config.languages if language.build]
