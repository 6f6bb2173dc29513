"""The site's own stylesheet and scripts, joined into as few files as a page view needs.

On a first visit every file is a request with its own headers and its own gzip stream, which
costs more than the few hundred bytes a small file holds (scripts/bench_page_weight.py).
MkDocs and Material have no way to join extra_css or extra_javascript files, so the plugin
joins them when it collects the site's files; the sources stay one file per component under
overrides/assets/ungsoc/ (and listen.js loads only where its button is: partials/actions.html).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# The site's stylesheet (extra_css), with the profile's brand colours in front of it.
STYLESHEET = "assets/ungsoc/ungsoc.css"
# One script for every page, in this order; overrides/main.html loads it before Material's
# bundle, which search-on-demand.js must precede.
SCRIPT = "assets/ungsoc/ungsoc.js"
SCRIPT_PARTS = ("assets/ungsoc/search-on-demand.js", "assets/ungsoc/quick-exit.js")


def join(files: Files, config: MkDocsConfig, brand_css: str) -> None:
    """Put the brand colours into the site's stylesheet and the scripts of every page into one."""
    stylesheet = files.get_file_from_path(STYLESHEET)
    files.remove(stylesheet)
    files.append(File.generated(config, STYLESHEET, content=brand_css + stylesheet.content_string))
    parts = [files.get_file_from_path(path) for path in SCRIPT_PARTS]
    for part in parts:
        files.remove(part)
    files.append(File.generated(config, SCRIPT, content="\n".join(part.content_string for part in parts)))
