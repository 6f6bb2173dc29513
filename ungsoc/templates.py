"""Generated markup comes from Jinja templates in the theme's folders (overrides/partials/).

Material renders its generated views (the blog's index and archive pages) through templates,
so a fork restyles them without touching Python; the plugin does the same: Python gathers the
data, a partial holds the markup. The templates are found as the theme finds them (custom_dir
first); HTML templates escape what they insert, as HTML built from content must. A `.md`
template gives Markdown, which the page's rendering turns into HTML.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2


# The build's cache of compiled templates (buildcache.jinja_cache), set by the plugin; None: none.
bytecode_cache: jinja2.BytecodeCache | None = None


@lru_cache(maxsize=None)
def _environment(dirs: tuple[str, ...], cache: jinja2.BytecodeCache | None) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(list(dirs)), autoescape=jinja2.select_autoescape(["html"]),
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined, bytecode_cache=cache)


def render(theme_dirs, name: str, **context) -> str:
    """The template `name` (e.g. "partials/ungsoc-catalogue.html") rendered with context."""
    return _environment(tuple(theme_dirs), bytecode_cache).get_template(name).render(**context)
