"""Gzip copies of the files every page view loads, compressed as small as gzip gets.

nginx compresses on the fly at level 6. Zopfli writes gzip that every browser reads, about
3 % smaller than level 9 on Material's bundle and stylesheet (more than a kilobyte of every
first visit), but it is about a hundred times slower: so only the assets a page view loads
get a `.gz` beside them (nginx serves it with `gzip_static`; other hosts ignore it), and each
result is kept in a cache keyed by the file's content, so a build pays only for files that
changed. Pages are left to nginx: they change with every edit. Neither MkDocs nor Material
writes compressed files, hence this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from ungsoc import buildcache

# Content-hashed bundles and the site's own assets (what every first visit loads).
ASSETS = ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
          "assets/ungsoc/*.min.js", "assets/ungsoc/*.min.css")


def zopfli_gzip(data: bytes) -> bytes:
    import zopfli.gzip  # imported here: a build with every file cached never loads it

    return zopfli.gzip.compress(data)


def write(site_dir: Path, cache: Path) -> None:
    """A `.gz` beside each asset of ASSETS, with the asset's modification time (nginx sends the
    .gz file's as Last-Modified); cache: buildcache.folder."""
    for pattern in ASSETS:
        for path in site_dir.glob(pattern):
            data = path.read_bytes()
            target = path.with_name(path.name + ".gz")
            target.write_bytes(buildcache.cached(cache / "ungsoc-gzip", buildcache.key(data) + ".gz",
                                                 lambda: zopfli_gzip(data)))
            stat = path.stat()
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
