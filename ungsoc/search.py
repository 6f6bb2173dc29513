"""One search index per language.

mkdocs-static-i18n gives MkDocs' search plugin every language's pages, and Material's theme
can load only one index (i18n issue #271), so a Danish reader would download the Swedish and
Norwegian text too and get their pages as results. No plugin splits it; this module does,
after the build: each language's pages go to `search/search_index.<language>.json` with that
language's lunr stemmer, and the combined index is removed so nothing can load it.
overrides/assets/ungsoc/search-on-demand.js points Material at the reader's index.
"""

from __future__ import annotations

import json
from pathlib import Path


def split_index(site_dir: str, languages: list[str], default: str) -> None:
    combined = Path(site_dir) / "search" / "search_index.json"
    if not combined.is_file():
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    docs_by_language: dict[str, list[dict]] = {language: [] for language in languages}
    for doc in index["docs"]:
        folder = doc["location"].split("/", 1)[0]
        docs_by_language[folder if folder in docs_by_language else default].append(doc)
    for language, docs in docs_by_language.items():
        # The site's language codes are lunr's too (bokmål is "no" in lunr as well).
        config = {**index["config"], "lang": [language]}
        target = combined.with_name(f"search_index.{language}.json")
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    combined.unlink()
