"""Page weight per page type, measured in headless Chromium (not guessed).

For each page type (start, youth page, lesson, catalogue) and language it records every file
a first visit fetches (fresh browser profile, empty cache) with its raw and gzip size, and the
bytes a repeat visit fetches: the same browser opens the start page first, then the page
(warm cache). The site is built for and served from 127.0.0.1 with the cache times of the generated
nginx config: a year for content-hashed assets, five minutes for everything else. The search index
is left out of the first visit: it loads only when the reader opens search.

    .venv/bin/python scripts/bench_page_weight.py [--json reports/page_weight.json]

Goal (issue 10): first visit <= 60 KB gzip, repeat visit <= 10 KB gzip.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

from localsite import PREFIX, ROOT, QuietHandler, built_and_served
from ungsoc.security import ASSET_CACHE, HASHED_ASSET, HTML_CACHE

CHROMIUM = "/usr/bin/chromium"
PAGE_TYPES = {"start": "", "youth page": "youth/rights/", "lesson": "school/lesson-7-9/",
              "catalogue": "interventions/"}
GOAL_FIRST_KB, GOAL_REPEAT_KB = 60, 10


class CachingHandler(QuietHandler):
    """Sends the Cache-Control of the generated nginx config (the recommended host)."""

    def end_headers(self):
        hashed = re.search(HASHED_ASSET, urlsplit(self.path).path)
        self.send_header("Cache-Control", ASSET_CACHE if hashed else HTML_CACHE)
        super().end_headers()


def file_for(site: Path, url: str) -> Path:
    path = site / unquote(urlsplit(url).path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def visit(context, url: str, site: Path) -> list[dict]:
    """Every file the page fetched over the network (cache hits and 304s carry no body)."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    responses: dict[str, dict] = {}
    session.on("Network.responseReceived", lambda event: responses.__setitem__(event["requestId"], {
        "url": event["response"]["url"], "status": event["response"]["status"],
        "cached": event["response"].get("fromDiskCache") or event["response"].get("fromMemoryCache", False)}))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    files = []
    for response in responses.values():
        if response["status"] >= 400:
            raise SystemExit(f"{url}: {response['url']} answered {response['status']}: the measurement would be wrong")
        if response["cached"] or response["status"] != 200 or not response["url"].startswith("http://127.0.0.1"):
            continue
        body = file_for(site, response["url"]).read_bytes()
        files.append({"path": urlsplit(response["url"]).path, "raw": len(body),
                      "gzip": len(gzip.compress(body, compresslevel=6))})
    return files


def measure() -> dict:
    results = {}
    with built_and_served(CachingHandler) as (site, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for language, prefix in PREFIX.items():
            for page_type, path in PAGE_TYPES.items():
                context = browser.new_context()
                first = visit(context, base + prefix + path, site)
                context.close()
                context = browser.new_context()
                visit(context, base + prefix, site)
                repeat = visit(context, base + prefix + path, site)
                context.close()
                results[f"{language} {page_type}"] = {"first": first, "repeat": repeat}
        browser.close()
    return results


def total(files: list[dict], key: str) -> float:
    return sum(f[key] for f in files) / 1024


def report(results: dict) -> str:
    lines = ["| page | first visit files | first raw KB | first gzip KB | repeat gzip KB |",
             "| --- | ---: | ---: | ---: | ---: |"]
    for name, result in results.items():
        lines.append(f"| {name} | {len(result['first'])} | {total(result['first'], 'raw'):.1f} | "
                     f"{total(result['first'], 'gzip'):.1f} | {total(result['repeat'], 'gzip'):.1f} |")
    worst_first = max(total(r["first"], "gzip") for r in results.values())
    worst_repeat = max(total(r["repeat"], "gzip") for r in results.values())
    lines.append("")
    lines.append(f"Heaviest first visit {worst_first:.1f} KB gzip (goal {GOAL_FIRST_KB}), heaviest repeat visit "
                 f"{worst_repeat:.1f} KB gzip (goal {GOAL_REPEAT_KB}).")
    start = next(iter(results.values()))["first"]
    lines.append("")
    lines.append("Files of the first visit to the Swedish start page (gzip KB):")
    lines.extend(f"- {f['path']}: {f['gzip'] / 1024:.1f}" for f in sorted(start, key=lambda f: -f["gzip"]))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "reports/page_weight.json")
    args = parser.parse_args()
    results = measure()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
