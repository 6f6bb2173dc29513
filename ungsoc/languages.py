"""The site's languages, and a text in the reader's language with a fallback."""

from __future__ import annotations

from typing import Iterable

# Every language the site can be built in (content/ui/<language>.yml exists for each).
LANGUAGES = ("sv", "da", "no")
# The language each country's upstream pages are written in.
COUNTRY_LANGUAGE = {"se": "sv", "dk": "da", "no": "no"}


def pick(value: dict, language: str, fallback_order: Iterable[str]) -> tuple[str | None, str | None]:
    """A per-language text in the reader's language, else in the first language of
    fallback_order that has it: (text, the language it fell back to, or None)."""
    if value.get(language):
        return value[language], None
    for other in fallback_order:
        if value.get(other):
            return value[other], other
    return None, None
