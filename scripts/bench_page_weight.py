"""Page weight on the wire, served as shipped: the generated nginx config over HTTPS/HTTP 2.

The site is built for https://127.0.0.1:<port>/ and served by nginx with the config the build
writes (`site/_deploy/nginx/ungsoc.conf`), only the listen addresses, the root and the
certificate placeholders changed (a throwaway certificate). Headless Chromium opens each page
type in each language and Chrome DevTools reports what crossed the network:

- wire: `Network.loadingFinished.encodedDataLength`, headers and (compressed) bodies, summed
  over every request of the page view;
- body: the bodies as the browser decoded them (`Network.dataReceived.dataLength`).

First visit: a fresh browser context (empty cache). Repeat visit: the same context opens the
language's start page first, then the page. The search index loads only when search is opened,
so it is not part of a page view.

    .venv/bin/python scripts/bench_page_weight.py [--json reports/page_weight.json]

Besides four page types, each language's heaviest page is measured: the page whose HTML is
largest gzipped (every other request of a first visit is the same on every page, but for the
listen and catalogue scripts).

`--profile PATH` builds a copy of the project with that profile as content/municipality.yml
(e.g. a published municipality's, or the demo profile without `demo: true`); by default the
profile a build of this folder uses.
`--headers-everywhere` measures the Swedish pages with the document-only headers (CSP,
Permissions-Policy, X-Frame-Options) on every response, as the config had them before.
`--without-bundle` measures the same views with Material's JavaScript bundle blocked: what a
page weighs if the bundle loaded only when a reader uses something that needs it.

Goal (issue 18): first visit <= 60 KB on the wire, repeat visit <= 10 KB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from ungsoc import localnginx  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PREFIX = {"sv": "", "da": "da/", "no": "no/"}
PAGE_TYPES = {"start": "", "youth page": "youth/rights/", "lesson": "school/lesson-7-9/",
              "catalogue": "interventions/"}
GOAL_FIRST_KB, GOAL_REPEAT_KB = 60, 10
BUNDLE = "/assets/javascripts/bundle."


def visit(context, url: str, origin: str, block_bundle: bool) -> dict:
    """Wire and body bytes of one page view, and its requests."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    if block_bundle:  # by DevTools: Playwright's page.route would turn the HTTP cache off
        session.send("Network.setBlockedURLs", {"urls": [f"*{BUNDLE}*"]})
    requests: dict[str, dict] = {}

    def entry(event) -> dict:
        return requests.setdefault(event["requestId"], {"url": "", "status": 0, "wire": 0, "body": 0})

    session.on("Network.requestWillBeSent", lambda event: entry(event).update(url=event["request"]["url"]))
    session.on("Network.responseReceived", lambda event: entry(event).update(
        status=event["response"]["status"], protocol=event["response"].get("protocol")))
    session.on("Network.dataReceived", lambda event: entry(event).__setitem__("body", entry(event)["body"] + event["dataLength"]))
    session.on("Network.loadingFinished", lambda event: entry(event).__setitem__("wire", event["encodedDataLength"]))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    for request in requests.values():
        if request["status"] >= 400:
            raise SystemExit(f"{url}: {request['url']} answered {request['status']}: the measurement would be wrong")
        if request["url"].startswith("http") and not request["url"].startswith(origin):
            raise SystemExit(f"{url}: a request left the site's origin: {request['url']}")
    fetched = [r for r in requests.values() if r["wire"]]
    return {"wire": sum(r["wire"] for r in fetched), "body": sum(r["body"] for r in fetched),
            "requests": len(fetched), "protocols": sorted({r.get("protocol") or "" for r in fetched}),
            "files": sorted(((r["url"][len(origin):], r["wire"]) for r in fetched), key=lambda f: -f[1])}


def headers_everywhere(config: str) -> str:
    """The config with the document-only headers on every response, for comparison."""
    head, rest = config.split("map $uri $ungsoc_document {", 1)
    block, tail = rest.split("}", 1)
    return head + "map $uri $ungsoc_document {" + block.replace('default "";', "default 1;") + "}" + tail


def heaviest_page(site: Path, prefix: str) -> str:
    """The path of the language's page whose HTML is largest gzipped (nginx's level 6)."""
    others = [p for p in PREFIX.values() if p and p != prefix]
    pages = [page for page in (site / prefix).rglob("index.html")
             if not any(page.relative_to(site).as_posix().startswith(other) for other in others)
             and b'class="md-content"' in page.read_bytes()]  # reader pages, not /admin/ or the /was/ redirect
    heaviest = max(pages, key=lambda page: len(gzip.compress(page.read_bytes(), 6)))
    folder = heaviest.parent.relative_to(site / prefix).as_posix()
    return "" if folder == "." else folder + "/"


def project_with(profile: Path, folder: Path) -> Path:
    """A copy of the project with profile as its content/municipality.yml (and its logo)."""
    project = folder / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("docs", "content", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(profile, project / "content" / "municipality.yml")
    for logo in profile.parent.glob("*.svg"):
        shutil.copy2(logo, project / "content" / "assets" / logo.name)
    return project


def measure(block_bundle: bool = False, all_headers_everywhere: bool = False, languages=PREFIX,
            profile: Path | None = None) -> dict:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        port, redirect_port = localnginx.free_port(), localnginx.free_port()
        origin = f"https://127.0.0.1:{port}"
        site = work / "site"
        project = project_with(profile.resolve(), work) if profile else ROOT
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=project, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "UNGSOC_SITE_URL": origin + "/"})
        config = (site / "_deploy/nginx/ungsoc.conf").read_text(encoding="utf-8")
        if all_headers_everywhere:
            config = headers_everywhere(config)
        with localnginx.serving(work, config, site, port, redirect_port, tls=True) as certificate, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                f"--ignore-certificate-errors-spki-list={localnginx.spki_hash(certificate)}"])
            for language, prefix in languages.items():
                heaviest = heaviest_page(site, prefix)
                for page_type, path in {**PAGE_TYPES, f"heaviest page ({heaviest or 'start'})": heaviest}.items():
                    url = f"{origin}/{prefix}{path}"
                    context = browser.new_context()
                    first = visit(context, url, origin, block_bundle)
                    context.close()
                    context = browser.new_context()
                    visit(context, f"{origin}/{prefix}", origin, block_bundle)
                    repeat = visit(context, url, origin, block_bundle)
                    context.close()
                    results[f"{language} {page_type}"] = {"first": first, "repeat": repeat}
            browser.close()
    return results


def kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def report(results: dict) -> str:
    lines = ["| page | language | requests | first visit, wire | first visit, body | repeat visit, wire |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for name, result in results.items():
        language, page_type = name.split(" ", 1)
        first, repeat = result["first"], result["repeat"]
        lines.append(f"| {page_type} | {language} | {first['requests']} | {kb(first['wire'])} KB | "
                     f"{kb(first['body'])} KB | {kb(repeat['wire'])} KB |")
    worst_first = max(r["first"]["wire"] for r in results.values())
    worst_repeat = max(r["repeat"]["wire"] for r in results.values())
    protocols = sorted({p for r in results.values() for p in r["first"]["protocols"]})
    lines += ["", f"Heaviest first visit {kb(worst_first)} KB on the wire (goal {GOAL_FIRST_KB}), heaviest repeat "
                  f"visit {kb(worst_repeat)} KB (goal {GOAL_REPEAT_KB}); protocol {', '.join(protocols)}.", "",
              "Requests of the first visit to the Swedish start page (wire KB):"]
    lines += [f"- {path}: {kb(wire)}" for path, wire in next(iter(results.values()))["first"]["files"]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "reports/page_weight.json")
    parser.add_argument("--without-bundle", action="store_true",
                        help="block Material's JavaScript bundle (what lazy loading it would save)")
    parser.add_argument("--profile", type=Path,
                        help="build a copy of the project with this profile (default: the profile a build here uses)")
    parser.add_argument("--headers-everywhere", action="store_true",
                        help="for comparison: the document-only headers on every response (Swedish pages only)")
    args = parser.parse_args()
    results = measure(block_bundle=args.without_bundle, all_headers_everywhere=args.headers_everywhere,
                      languages={"sv": ""} if args.headers_everywhere else PREFIX, profile=args.profile)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
