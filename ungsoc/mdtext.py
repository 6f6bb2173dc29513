"""Small edits to page Markdown shared by the features that add blocks to pages."""

from __future__ import annotations

import re

HEADING = re.compile(r"^# .*$", re.M)


def split_after_heading(markdown: str) -> tuple[str, str]:
    """The page up to and including its first `# ` heading, and the rest."""
    match = HEADING.search(markdown)
    cut = match.end() if match else 0
    return markdown[:cut], markdown[cut:]


def after_first_heading(markdown: str, block: str) -> str:
    head, body = split_after_heading(markdown)
    return f"{head}\n\n{block}\n{body}"
