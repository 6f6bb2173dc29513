"""Apply the municipality profile to the MkDocs config: languages, name, URL, logo, colours."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ungsoc import static_i18n
from ungsoc.colour import mix
from ungsoc.profile import Profile

BRAND_DIR = "assets/brand"


def apply_languages(config: MkDocsConfig, profile: Profile) -> None:
    """Build only the profile's languages, with its default language at the site root."""
    static_i18n.set_languages(config, profile.languages, profile.default_language, profile.name)


# Builds the site for another address than the profile's, e.g. a preview deploy or a test
# server, so absolute links (canonical, sitemap) stay on the origin serving it.
SITE_URL_OVERRIDE = "UNGSOC_SITE_URL"


def site_url(profile: Profile) -> str:
    url = os.environ.get(SITE_URL_OVERRIDE) or profile.data["site_url"]
    # Without the slash, links resolved against it (the 404 page's) drop its last folder.
    return url if url.endswith("/") else url + "/"


def apply_site(config: MkDocsConfig, profile: Profile, serving: bool) -> None:
    config.site_name = profile.name(profile.default_language)
    if not serving:  # `mkdocs serve` sets site_url to its own address: keep that.
        config.site_url = site_url(profile)
    config.theme["logo"] = f"{BRAND_DIR}/logo.{profile.data['logo'].rsplit('.', 1)[1]}"
    favicon = profile.data.get("favicon") or profile.data["logo"]
    config.theme["favicon"] = f"{BRAND_DIR}/favicon.{favicon.rsplit('.', 1)[1]}"


def brand_css(profile: Profile) -> str:
    """Material reads its colours from CSS custom properties; the profile sets them (at the
    top of the site's own stylesheet: ownassets.join)."""
    primary, accent = profile.data["colors"]["primary"], profile.data["colors"]["accent"]
    # Text on the primary colour: white, or the profile's dark primary_text for a light brand colour.
    text = profile.data["colors"].get("primary_text") or "#ffffff"
    return f"""/* Generated from content/municipality.yml: edit the profile, not this file. */
:root, [data-md-color-scheme="default"] {{
  --md-primary-fg-color: {primary};
  --md-primary-fg-color--light: {mix(primary, '#ffffff', 0.15)};
  --md-primary-fg-color--dark: {mix(primary, '#000000', 0.2)};
  --md-primary-bg-color: {text};
  --md-primary-bg-color--light: {mix(text, primary, 0.15)};
  --md-accent-fg-color: {accent};
  --md-accent-fg-color--transparent: {accent}1a;
  --md-typeset-a-color: {accent};
  --ungsoc-primary: {primary};
  --ungsoc-accent: {accent};
}}
"""


def brand_files(config: MkDocsConfig, profile: Profile) -> list[File]:
    root = profile.root
    logo = profile.data["logo"]
    favicon = profile.data.get("favicon") or logo
    return [
        File.generated(config, config.theme["logo"], abs_src_path=str(root / logo)),
        File.generated(config, config.theme["favicon"], abs_src_path=str(root / favicon)),
    ]


def add_files(files: Files, new: list[File]) -> None:
    for file in new:
        if files.get_file_from_path(file.src_uri) is None:
            files.append(file)
