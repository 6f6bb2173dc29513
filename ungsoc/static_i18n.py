"""The one module that reaches into mkdocs-static-i18n's internals.

Written against mkdocs-static-i18n 1.3.1 (pinned in pyproject.toml; a test keeps the three in
step). i18n has no public API for what the plugin needs: the language being built, its
language list, the attributes it gives each file, its per-language file store (its sitemap
reads it) and the language switcher Material shows. Every other module asks here, so an i18n
upgrade, or a generator without it, changes this file only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WRITTEN_FOR = "1.3.1"


def _plugin(config):
    return config.plugins.get("i18n")


def language_being_built(config, default: str) -> str:
    """The language i18n is building now (its build loop runs once per language)."""
    i18n = _plugin(config)
    return (i18n.current_language or default) if i18n else default


def building_a_language(config) -> bool:
    """True inside i18n's loop of language builds: the site is not complete yet."""
    i18n = _plugin(config)
    return i18n is not None and bool(i18n.building)


def set_languages(config, languages: list[str], default: str, site_name) -> None:
    """Build only these languages, the default one at the site root; site_name(language)."""
    i18n = _plugin(config)
    if i18n is None:
        return
    for language in i18n.config.languages:
        language.build = language.locale in languages
        language.default = language.locale == default
        language.link = "/" if language.default else f"/{language.locale}/"
        language.site_name = site_name(language.locale) if language.build else None


def file_language(file, default: str) -> str:
    """The language of a page's text: i18n gives a page borrowed from the default language
    that language as its locale."""
    return getattr(file, "locale", default)


def shape_file(file, language: str, path: str, alternates: dict) -> None:
    """Give a generated file the attributes i18n gives its own (its switcher and sitemap read them)."""
    file.locale = file.localization = file.locale_alternate_of = language
    file.norm_src_uri = path
    file.alternates = alternates


def register_file(config, file) -> None:
    """Add a generated file to i18n's per-language store, which its sitemap reads."""
    i18n = _plugin(config)
    if i18n is not None:
        i18n.i18n_files_per_language.setdefault(file.locale, []).append(file)


def switch_to_start_pages(config) -> None:
    """The language switcher on the page being rendered leads to each language's start page.

    i18n renders 404.html once per language build with whatever switcher the previous page
    left in the config; a 404 has no translations, so its switcher goes to the start pages.
    """
    i18n = _plugin(config)
    if i18n is None or "alternate" not in config.extra:
        return
    base = urlsplit(config.site_url or "/").path.rstrip("/")
    # An attribute, as i18n sets it per page: templates read it before the dict item.
    config.extra.alternate = [{"name": language.name, "link": f"{base}{language.link}", "lang": language.locale}
                              for language in i18n.config.languages if language.build]


def nav_translations(config, language: str) -> dict:
    """The section names i18n gives a language (nav_translations in mkdocs.yml)."""
    i18n = _plugin(config)
    for entry in (i18n.config.languages if i18n else []):
        if entry.locale == language:
            return dict(entry.nav_translations or {})
    return {}
