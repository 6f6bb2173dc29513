"""Lighthouse scores (mobile preset) for the start page and a youth page, per language.

Lighthouse is not a test dependency (about 185 MB); install it next to the project first:

    npm install --no-save lighthouse@12.8.2
    .venv/bin/python scripts/bench_lighthouse.py [--json reports/lighthouse.json]

It builds the site for, and serves it from, an address on 127.0.0.1 (so links between the
languages stay on that server), and runs offline in Debian's Chromium.
Goal (issue 10): performance >= 98, accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from localsite import PREFIX, ROOT, built_and_served

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
PAGES = {"start": "", "youth page": "youth/rights/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def scores(url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                        "--form-factor=mobile", "--only-categories=" + ",".join(CATEGORIES),
                        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
                       check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=180)
        result = json.loads(report.read_text(encoding="utf-8"))
    failing = sorted(audit["id"] + (": " + json.dumps(audit.get("details", {}).get("items", [])[:2])[:300] if audit["id"] == "errors-in-console" else "") for audit in result["audits"].values()
                     if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary")
    return {"scores": {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
            "failing_audits": failing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "reports/lighthouse.json")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} not found: npm install --no-save lighthouse@12.8.2", file=sys.stderr)
        return 2
    with built_and_served() as (_, base):
        results = {f"{language} {name}": scores(f"{base}{prefix}{path}")
                   for language, prefix in PREFIX.items() for name, path in PAGES.items()}
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
