"""A sitemap.xml in every language folder.

Material's language selector fetches `sitemap.xml` next to every hreflang alternate to map a
page to its translations; mkdocs-static-i18n writes only the root one (with every language's
alternates), so the others would be 404s in the reader's console. Copying it is enough.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def copy_to_languages(site_dir: str, languages: list[str], default: str) -> None:
    root = Path(site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        source = root / name
        if not source.is_file():
            continue
        for language in languages:
            if language != default and (root / language).is_dir():
                shutil.copyfile(source, root / language / name)
