"""Search quality for readers: each question of tests/search_questions.yml is put to
Material's own search worker (scripts/search_worker.js, in Node) on the built index of its
language, and counts as a hit when the expected page is among the first three results.

    .venv/bin/python scripts/search_quality.py [SITE_DIR]    (default: site/, from `make build`)

prints the hit rate per language and the Markdown table for the README.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "search_questions.yml"
WORKER = ROOT / "scripts" / "search_worker.js"
TOP = 3


def questions() -> dict[str, list[tuple[str, str]]]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return {language: [(query, page) for query, page in rows] for language, rows in data.items()}


def results(site: Path, language: str, queries: list[str]) -> list[list[str]]:
    """Each query's result pages, best first, as Material's search worker ranks them, as
    paths below the language's root (the default language has no folder of its own)."""
    done = subprocess.run(["node", str(WORKER), str(site), language], input=json.dumps(queries),
                          capture_output=True, text=True, check=True, timeout=120)
    return [[page.removeprefix(f"{language}/") for page in pages] for pages in json.loads(done.stdout)]


def measure(site: Path) -> dict[str, list[dict]]:
    """The questions of each language the site was built in (a fork may publish one)."""
    table = {}
    for language, rows in questions().items():
        if not (site / "search" / f"search_index.{language}.json").is_file():
            continue
        found = results(site, language, [query for query, _ in rows])
        table[language] = [{"query": query, "expected": page, "top": pages[:TOP], "hit": page in pages[:TOP]}
                           for (query, page), pages in zip(rows, found)]
    return table


def rate(rows: list[dict]) -> float:
    return sum(row["hit"] for row in rows) / len(rows)


def markdown(table: dict[str, list[dict]]) -> str:
    lines = ["| language | questions | expected page in the top 3 |", "| --- | ---: | ---: |"]
    lines += [f"| {language} | {len(rows)} | {sum(r['hit'] for r in rows)} ({rate(rows):.0%}) |"
              for language, rows in table.items()]
    for language, rows in table.items():
        lines += ["", f"<details><summary>{language}: every question</summary>", "",
                  "| question | expected page | hit |", "| --- | --- | :---: |"]
        lines += [f"| {r['query']} | `{r['expected']}` | {'yes' if r['hit'] else 'no'} |" for r in rows]
        lines += ["", "</details>"]
    return "\n".join(lines)


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    table = measure(site)
    for language, rows in table.items():
        misses = [f"{r['query']!r} -> {r['top']}" for r in rows if not r["hit"]]
        print(f"{language}: {rate(rows):.0%} of {len(rows)}" + "".join(f"\n  miss: {m}" for m in misses))
    print()
    print(markdown(table))
