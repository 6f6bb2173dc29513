"""Configuration of the ungsoc MkDocs plugin (declared with MkDocs config_options)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LixLimits(Config):
    youth = c.Type(int, default=35)
    parents = c.Type(int, default=45)


class UngsocConfig(Config):
    enabled = c.Type(bool, default=True)

    # Data
    content_dir = c.Dir(exists=True, default="content")
    # A fork's own profile; without it the build uses the demo (profile.DEMO_PROFILE).
    profile = c.Type(str, default="content/municipality.yml")

    # Build
    # Build into a temporary folder and replace site/ only when the whole build succeeded.
    atomic_build = c.Type(bool, default=True)
    # Drop the parts of Material's stylesheet the built site cannot use (see unusedcss.py).
    prune_css = c.Type(bool, default=True)
    # Finish the built site (finish.py: search indexes, open data, unused CSS, CSP and deploy
    # files). Off, `ungsoc finish SITE_DIR` does the same later.
    finish = c.Type(bool, default=True)
    # A PDF per lesson pack (plan and handouts), made with WeasyPrint; cached in .cache/.
    lesson_pdfs = c.Type(bool, default=True)

    # Checks
    lix_limits = c.SubConfig(LixLimits)


def load_mkdocs_yml(config_file: Path):
    """MkDocs' configuration and the plugin's, exactly as a build reads them from mkdocs.yml.

    Commands outside the build (`ungsoc check`, `ungsoc report`) use this, so they apply the
    same folders, profile and limits as the build instead of the defaults.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    config = load_config(str(config_file))
    plugin = config.plugins.get("ungsoc")
    if plugin is None:
        raise ConfigurationError(f"{config_file}: the ungsoc plugin is not listed under plugins:")
    return config, plugin.config


def from_mkdocs_yml(config_file: Path) -> UngsocConfig:
    """The plugin's configuration exactly as a build reads it from mkdocs.yml."""
    return load_mkdocs_yml(config_file)[1]
