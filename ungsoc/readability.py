"""LIX, the Scandinavian readability index, on a page's prose.

LIX = words / sentences + 100 * long words / words, where a long word has more than six
letters. The same formula holds for Swedish, Danish and Norwegian. No maintained package
computes LIX on Markdown prose (textstat's lix works on plain text and splits sentences on
'.' only), so this module strips Markdown itself and treats every heading, list item, table cell and
paragraph end as a sentence end, as a reader does.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")
LONG_WORD = 6

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.S | re.M)
_HTML = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M)
_ABBR = re.compile(r"^\*\[[^\]]+\]:.*$", re.M)
_CODE = re.compile(r"`[^`]*`")
_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
_ATTRS = re.compile(r"\{:?[^}]*\}")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?|!!!|\?\?\?|:\s)")


@dataclass
class Lix:
    value: float
    words: int
    sentences: int
    long_words: int
    longest: list[str]


def prose_sentences(markdown: str) -> list[str]:
    """The sentences a reader reads: code, tables of numbers, HTML tags, URLs and front
    matter removed."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    for pattern, replacement in ((_FENCE, ""), (_REFDEF, ""), (_ABBR, ""), (_CODE, ""),
                                 (_PLACEHOLDER, "0"), (_LINK, r"\1"), (_HTML, " "), (_ATTRS, "")):
        text = pattern.sub(replacement, text)
    blocks, current = [], []
    for line in _tables_to_cells(text).splitlines():
        stripped = line.strip()
        if not stripped or _BLOCK_START.match(line) or set(stripped) <= set("-=*_ "):
            if current:
                blocks.append(" ".join(current))
            current = []
            if _BLOCK_START.match(line):
                blocks.append(_BLOCK_START.sub("", line).strip())
            continue
        current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    sentences = []
    for block in blocks:
        for part in SENTENCE_END.split(block):
            if WORD.search(part):
                sentences.append(part.strip())
    return sentences


_TABLE = re.compile(r"(?:^[ \t]*\|.*\n?)+", re.M)
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_NUMBER_CELL = re.compile(r"^[\W\d_]*\d[\W\d_]*$")


def _tables_to_cells(text: str) -> str:
    """A table of prose becomes one block per cell (a reader reads each cell on its own); a
    table of numbers (most body cells are numbers) is left out, as code is."""
    def cells(table: str) -> str:
        rows = [[cell.strip() for cell in row.strip().strip("|").split("|")]
                for row in table.splitlines() if row.strip() and not _TABLE_RULE.match(row)]
        body = [cell for row in rows[1:] for cell in row if cell]
        if body and sum(bool(_NUMBER_CELL.match(cell)) for cell in body) * 2 >= len(body):
            return "\n"
        return "\n" + "".join(f"\n{cell}\n" for row in rows for cell in row if cell) + "\n"
    return _TABLE.sub(lambda match: cells(match.group(0)), text)


def lix(markdown: str, longest: int = 3) -> Lix:
    sentences = prose_sentences(markdown)
    words = [w for s in sentences for w in WORD.findall(s)]
    if not words:
        return Lix(0.0, 0, 0, 0, [])
    long_words = sum(1 for w in words if len(w) > LONG_WORD)
    value = len(words) / len(sentences) + 100 * long_words / len(words)
    ranked = sorted(sentences, key=lambda s: len(WORD.findall(s)), reverse=True)[:longest]
    return Lix(round(value, 1), len(words), len(sentences), long_words, ranked)



def limit_for(audience: str | None, limits) -> int | None:
    """The LIX limit of an audience under the plugin's `lix_limits`, or None when it has none."""
    return limits.get(audience) if isinstance(audience, str) else None


def check(markdown: str, audience: str | None, limits, file: str) -> list:
    """A Problem when a youth or parents page is over its LIX limit, naming its longest sentences."""
    from ungsoc.errors import Problem

    limit = limit_for(audience, limits)
    if limit is None:
        return []
    result = lix(markdown)
    if result.value <= limit:
        return []
    longest = "; ".join(f'"{s}"' for s in result.longest)
    return [Problem(file, None, "lix", f"LIX {result.value} is over the limit {limit} for {audience} pages; "
                                       f"use shorter sentences and words. Longest sentences: {longest}")]

def main(argv: list[str] | None = None) -> int:
    """Print the LIX of each Markdown file given: `python -m ungsoc.readability FILE...`."""
    for name in argv if argv is not None else sys.argv[1:]:
        result = lix(Path(name).read_text(encoding="utf-8"))
        print(f"{name}: LIX {result.value} ({result.words} words, {result.sentences} sentences, "
              f"{result.long_words} long)")
        for sentence in result.longest:
            print(f"    longest: {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
