"""One search index per language.

mkdocs-static-i18n gives MkDocs' search plugin every language's pages, and Material's theme
can load only one index (i18n issue #271), so a Danish reader would download the Swedish and
Norwegian text too and get their pages as results. No plugin splits it; this module does,
after the build: each language's pages go to `search/search_index.<language>.json` with that
language's lunr stemmer, and the combined index is removed so nothing can load it.
overrides/assets/ungsoc/search-on-demand.js points Material at the reader's index.

Ranking for readers: every page gets Material's per-page `search.boost` from its audience
(young people and parents first, catalogue records and municipality pages last) unless its
front matter sets one, and the everyday words of content/search/<language>.yml go into a
field of their own in the index ("words"). Material's search worker indexes every field the
index config names and shows only title and text, so readers find a page by "soc" or
"kurator" without the words being shown or written into the page.
"""

from __future__ import annotations

import json
from pathlib import Path

from ungsoc.errors import Problem
from ungsoc.yamlsource import load

# Material's per-page search.boost by audience, where the front matter sets none.
AUDIENCE_BOOST = {"youth": 3, "parents": 2, "school": 1, "municipality": 0.5, "professionals": 0.3}
# The words field weighs like a title: a reader's word for a page is as good as its title.
WORDS_FIELD = {"boost": 1000.0}


def default_boost(meta: dict) -> None:
    """Give a page its audience's search boost unless its front matter sets one."""
    boost = AUDIENCE_BOOST.get(meta.get("audience"))
    search = meta.get("search")
    if boost is None or (isinstance(search, dict) and "boost" in search) or search is not None and not isinstance(search, dict):
        return
    meta["search"] = {**(search or {}), "boost": boost}


def load_words(content_dir: Path, language: str, shown_as: str = "content") -> tuple[dict[str, list[str]], list[Problem]]:
    """content/search/<language>.yml: page path -> the words readers search for it with."""
    path = content_dir / "search" / f"{language}.yml"
    if not path.is_file():
        return {}, []
    doc, problems = load(path, f"{shown_as}/search/{language}.yml")
    if doc is None or doc.data is None:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, [doc.problem((), "expected page paths as keys, each with a list of words")]
    words = {}
    for page, listed in doc.data.items():
        if not isinstance(page, str) or not page.endswith(".md"):
            problems.append(doc.problem((page,), "expected a page path such as youth/rights.md"))
        elif not isinstance(listed, list) or not listed or not all(isinstance(w, (str, int)) and str(w).strip() for w in listed):
            problems.append(doc.problem((page,), "expected a list of words, such as [soc, kurator]"))
        else:
            words[page] = [str(word) for word in listed]
    return words, problems


def check_words(words: dict[str, list[str]], pages: set[str], file: str) -> list[Problem]:
    """Words for a page that does not exist are a mistake (a renamed or removed page); a
    section a site leaves out altogether is not."""
    sections = {page.split("/", 1)[0] for page in pages if "/" in page}
    return [Problem(file, None, page, "no such page under docs/: fix the path or remove the entry")
            for page in words if page not in pages and ("/" not in page or page.split("/", 1)[0] in sections)]


def location(page: str) -> str:
    """Where the search index places a page: "youth/index.md" -> "youth/", "a/b.md" -> "a/b/"."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return stem


def split_index(site_dir: str, languages: list[str], default: str,
                words: dict[str, dict[str, list[str]]] | None = None) -> None:
    combined = Path(site_dir) / "search" / "search_index.json"
    if not combined.is_file():
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    docs_by_language: dict[str, list[dict]] = {language: [] for language in languages}
    for doc in index["docs"]:
        folder = doc["location"].split("/", 1)[0]
        docs_by_language[folder if folder in docs_by_language else default].append(doc)
    for language, docs in docs_by_language.items():
        prefix = "" if language == default else f"{language}/"
        by_location = {prefix + location(page): listed for page, listed in (words or {}).get(language, {}).items()}
        for doc in docs:
            if doc["location"] in by_location:
                doc["words"] = " ".join(by_location[doc["location"]])
        # The site's language codes are lunr's too (bokmål is "no" in lunr as well).
        config = {**index["config"], "lang": [language], "fields": {**index["config"]["fields"], "words": WORDS_FIELD}}
        target = combined.with_name(f"search_index.{language}.json")
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
    combined.unlink()
