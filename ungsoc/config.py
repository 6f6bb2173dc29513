"""Configuration of the ungsoc MkDocs plugin (declared with MkDocs config_options)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LixLimits(Config):
    youth = c.Type(int, default=35)
    parents = c.Type(int, default=45)


class UngsocConfig(Config):
    enabled = c.Type(bool, default=True)

    # Data
    content_dir = c.Dir(exists=True, default="content")
    profile = c.Type(str, default="content/municipality.yml")

    # Build
    # Build into a temporary folder and replace site/ only when the whole build succeeded.
    atomic_build = c.Type(bool, default=True)

    # Checks
    lix_limits = c.SubConfig(LixLimits)
