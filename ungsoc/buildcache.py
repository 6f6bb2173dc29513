"""Results kept between builds, each under a hash of everything that goes into it.

Zopfli's gzip files (precompress.py), the pruned stylesheet (unusedcss.py), the compiled
templates (jinja_cache), each page's content checks (content.page_checker) and what each built
file holds for the unused-CSS and CSP scans (unusedcss.site_usage, security.scan) take far
longer to make than to look up, and their inputs rarely change between builds.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

import jinja2

# A folder for the caches other than the project's .cache/ (builds of copies share it).
CACHE_ENV = "UNGSOC_CACHE"


def folder(project_root: Path) -> Path:
    return Path(os.environ.get(CACHE_ENV) or project_root / ".cache")


def key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def code_version(*distributions: str) -> str:
    """A key for the code that makes a result: every source file of the ungsoc package, the
    Python version (its standard library: re, html.parser) and the versions of the named
    installed packages. A result kept under it is made again after any change to that code,
    so a new or changed check never meets an old answer."""
    sources = sorted(Path(__file__).resolve().parent.rglob("*.py"))
    return key(sys.version, *(path.read_bytes() for path in sources),
               *(f"{name}=={importlib.metadata.version(name)}" for name in distributions))


def cached(cache: Path, name: str, make: Callable[[], bytes]) -> bytes:
    """The bytes stored under name in cache, made (and stored) when missing."""
    path = cache / name
    if path.is_file():
        return path.read_bytes()
    data = make()
    cache.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")  # builds sharing the cache never see half a file
    partial.write_bytes(data)
    partial.replace(path)
    return data


def cached_json(cache: Path | None, folder: str, parts: tuple, make: Callable[[], Any],
                *distributions: str) -> Any:
    """make()'s answer (JSON data), kept in cache/folder under parts and the code that makes it
    (code_version, with the named installed packages); no cache (None): made every time."""
    if cache is None:
        return make()
    name = key(code_version(*distributions), *parts) + ".json"
    return json.loads(cached(cache / folder, name, lambda: json.dumps(make()).encode("utf-8")))


def jinja_cache(cache: Path, environment: str) -> jinja2.BytecodeCache:
    """Jinja's own cache of compiled templates. MkDocs makes a new Jinja environment for every
    build, and mkdocs-static-i18n builds each language in turn, so without it every template
    (Material's and ours) is compiled again for each language and each `mkdocs serve` rebuild,
    about a tenth of a build. Jinja checks each template's source before using its entry, but
    not the environment's options: each environment ("mkdocs", "ungsoc") has a folder of its own."""
    folder = cache / "ungsoc-jinja" / environment
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))
