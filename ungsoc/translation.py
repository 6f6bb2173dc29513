"""Translation status: fallback notices in the build, and the data for `ungsoc report`.

mkdocs-static-i18n already serves the default language's page where a translation is
missing (fallback_to_default); it shows no notice, so the plugin adds one in the reader's
language and marks the borrowed text with its own `lang`.
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path
from typing import Callable

import yaml

from ungsoc import templates
from ungsoc.frontmatter import split
from ungsoc.mdtext import split_after_heading
from ungsoc.readability import lix

STALE_AFTER_DAYS = 365


def with_fallback_notice(markdown: str, notice: str, content_language: str, theme_dirs) -> str:
    """The notice after the first heading, and the borrowed text marked with its language."""
    head, body = split_after_heading(markdown)
    return templates.render(theme_dirs, "partials/ungsoc-fallback.md", head=head, body=body, notice=notice,
                            language=content_language)


def body_hash(source: str) -> str:
    """Hash of a page without its front matter: what a translation follows."""
    _, start = split(source)
    body = "\n".join(source.splitlines()[start:]).strip()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def _meta(source: str) -> dict:
    text, _ = split(source)
    try:
        meta = yaml.safe_load(text or "") or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def status(docs_dir: Path, languages: list[str], default: str, today: datetime.date | None = None,
           prepare: Callable[[str, str], str] | None = None) -> dict:
    """Per language: missing pages, pages behind their source, stale reviews, LIX per page.

    prepare(language, source) turns a page's source into the text the build measures (with
    its placeholders filled); without it LIX is taken on the source as it is.
    """
    today = today or datetime.date.today()
    pages = {lang: {p.relative_to(docs_dir / lang).as_posix(): p.read_text(encoding="utf-8")
                    for p in sorted((docs_dir / lang).rglob("*.md"))} for lang in languages}
    report = {}
    for lang in languages:
        entries = []
        for path, source in pages[lang].items():
            meta = _meta(source)
            reviewed = meta.get("reviewed")
            if isinstance(reviewed, str):
                reviewed = datetime.date.fromisoformat(reviewed)
            entry = {"page": f"{lang}/{path}", "audience": meta.get("audience"), "lix": lix(prepare(lang, source) if prepare else source).value,
                     "hash": body_hash(source), "reviewed": reviewed.isoformat() if reviewed else None,
                     "stale_review": bool(reviewed and (today - reviewed).days > STALE_AFTER_DAYS)}
            original = meta.get("translation_of")
            if original:
                source_lang, source_path = original.split("/", 1)
                current = pages.get(source_lang, {}).get(source_path)
                entry["behind_source"] = current is not None and body_hash(current) != meta.get("source_hash")
            entries.append(entry)
        missing = sorted(f"{lang}/{p}" for p in pages[default] if p not in pages[lang] and not p.startswith("local/"))
        report[lang] = {
            "missing": missing,
            "behind_source": [e["page"] for e in entries if e.get("behind_source")],
            "stale_review": [e["page"] for e in entries if e["stale_review"]],
            "pages": entries,
        }
    return report
