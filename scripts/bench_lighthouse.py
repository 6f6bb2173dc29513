"""Lighthouse scores (mobile preset) for the start page and a youth page, per language.

Lighthouse is not a test dependency (about 185 MB); install it next to the project first:

    npm install --no-save lighthouse@12.8.2
    .venv/bin/python scripts/bench_lighthouse.py [--site site] [--json reports/lighthouse.json]

It runs offline against the built site served from 127.0.0.1, in Debian's Chromium.
Goal (issue 10): performance >= 98, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
PAGES = {"start": "", "youth page": "youth/rights/"}
PREFIX = {"sv": "", "da": "da/", "no": "no/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.func.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def scores(url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--form-factor=mobile", "--only-categories=" + ",".join(CATEGORIES),
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=180)
        result = json.loads(report.read_text(encoding="utf-8"))
    failing = sorted(audit["id"] for audit in result["audits"].values()
                     if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary")
    return {"scores": {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
            "failing_audits": failing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (make build)")
    parser.add_argument("--json", type=Path, default=ROOT / "reports/lighthouse.json")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} not found: npm install --no-save lighthouse@12.8.2", file=sys.stderr)
        return 2
    server = serve(args.site)
    results = {f"{language} {name}": scores(f"http://127.0.0.1:{server.server_port}/{prefix}{path}")
               for language, prefix in PREFIX.items() for name, path in PAGES.items()}
    server.shutdown()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("| page | " + " | ".join(CATEGORIES) + " | failing audits |")
    print("| --- |" + " ---: |" * len(CATEGORIES) + " --- |")
    for page, result in results.items():
        print(f"| {page} | " + " | ".join(str(result["scores"][c]) for c in CATEGORIES)
              + f" | {', '.join(result['failing_audits']) or '-'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
