"""Content-Security-Policy from the built site, and the deploy configs that carry it.

A strict policy allows an inline script only by its hash, and no inline style at all, so
the hashes are taken from the finished pages after every build and written into the
configs next to them. MkDocs and Material have no such step (Material's privacy plugin
handles external assets, not headers), hence this module. A page with an inline style, an
event-handler attribute or a javascript: URL fails the build: no policy could allow it
without 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from ungsoc import buildcache
from ungsoc.errors import Problem

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _InlineFinder(HTMLParser):
    def __init__(self, file: str):
        super().__init__(convert_charrefs=False)
        self.file = file
        self.hashes: set[str] = set()
        self.problems: list[Problem] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        for name, value in attrs:
            if name == "style":
                self.problems.append(Problem(self.file, line, f"<{tag} style>", "inline style; a strict CSP (style-src 'self') blocks it: move it into a CSS file"))
            elif name.startswith("on"):
                self.problems.append(Problem(self.file, line, f"<{tag} {name}>", "inline event handler cannot be hashed: use an external script"))
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(Problem(self.file, line, f"<{tag} {name}>", "javascript: URL cannot be allowed by a strict CSP"))
        if tag == "style":
            self.problems.append(Problem(self.file, line, "<style>", "inline style element; move it into a CSS file"))
        if tag == "script" and "src" not in attributes and (attributes.get("type") or "").lower() in EXECUTABLE_TYPES:
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.hashes.add(script_hash("".join(self._script)))
            self._script = None


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"


# HTMLParser reads about 10 MB/s, and every page carries Material's whole navigation, so on a
# large site parsing every page costs more than the rest of the plugin. Most pages hold
# nothing a strict CSP blocks: these expressions find their scripts much faster, and only a
# page that might hold a problem (a false alarm costs only time) goes through the parser,
# which reports the line. "Might" is a plain search of the lowercased page (a style element,
# a style or on... attribute name after white space and before "=", or "javascript:"): one
# expression that looked for them inside tags only cost as much as the rest of the CSP step.
# Python's re finds a pattern that starts with plain letters far faster than one that starts
# with \s (tried at every space of the page), so the space before the name is looked at
# after a match: a third of the time of r"\s(?:style|on[a-z]+)\s*=", same answer.
STYLE_OR_HANDLER = (re.compile(r"style\s*="), re.compile(r"on[a-z]+\s*="))


def matches_after_space(text: str, pattern: re.Pattern) -> Iterator[re.Match]:
    """pattern's matches in text right after white space (as "\\s" + pattern would find them)."""
    return (match for match in pattern.finditer(text) if match.start() and text[match.start() - 1].isspace())


def after_space(text: str, pattern: re.Pattern) -> bool:
    """Whether pattern matches text right after white space."""
    return any(matches_after_space(text, pattern))


def maybe_blocked(html: str) -> bool:
    low = html.lower()
    return "<style" in low or "javascript:" in low or any(after_space(low, pattern) for pattern in STYLE_OR_HANDLER)


INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script\s*>", re.I | re.S)
SCRIPT_SRC = re.compile(r"\ssrc\s*=", re.I)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.I)


def quick_script_hashes(html: str) -> set[str]:
    """Hashes of the executable inline scripts of a page without inline styles or handlers."""
    hashes = set()
    for attributes, body in INLINE_SCRIPT.findall(html):
        script_type = SCRIPT_TYPE.search(attributes or "")
        if not SCRIPT_SRC.search(attributes or "") and \
                (script_type.group(1) if script_type else "").lower() in EXECUTABLE_TYPES:
            hashes.add(script_hash(body))
    return hashes


# The only inline scripts the policy trusts: Material's own, reviewed (mkdocs-material 9.8.1,
# with `extra.scope: /`). Scripts in page content never get here: `ungsoc check` and the build
# stop on them with the page's file and line (content.py). A template change that adds or
# alters an inline script fails the build until its hash is reviewed and listed here.
REVIEWED_SCRIPTS = {
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='": "Material base.html: __md_scope and storage helpers",
    "'sha256-DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4='": "Material base.html: colour palette from storage",
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='": "Material base.html: open the tab named in the URL",
}


def unreviewed(hashes: set[str], pages: dict[str, str]) -> list[Problem]:
    """One problem per inline script that is not on the reviewed list, at the first page with it."""
    return [Problem(pages[h], None, "<script>", f"inline script {h} is not on the reviewed list of template scripts; "
                    "content may not add scripts: if a template adds it, review it and add its hash to "
                    "REVIEWED_SCRIPTS in ungsoc/security.py")
            for h in sorted(hashes) if h not in REVIEWED_SCRIPTS]


def page_scripts(html: str, name: str) -> tuple[set[str], list[Problem]]:
    """The hashes of a page's inline scripts, and its inline styles and unhashable scripts."""
    if not maybe_blocked(html):
        return quick_script_hashes(html), []
    finder = _InlineFinder(name)
    finder.feed(html)
    return finder.hashes, finder.problems


def scan(site_dir: Path, skip: list[str] = (), cache: Path | None = None) -> tuple[list[str], list[Problem]]:
    """The sorted script hashes of every page, and every inline style or unhashable script;
    folders in skip (e.g. "admin/") have a policy of their own. With a cache
    (buildcache.folder), each page's findings are kept under its name and text: a rebuild
    reads again only the pages that changed."""
    hashes: set[str] = set()
    first_page: dict[str, str] = {}
    problems: list[Problem] = []
    for page in sorted(site_dir.rglob("*.html")):
        if "_deploy" in page.parts or any(page.relative_to(site_dir).as_posix().startswith(s) for s in skip):
            continue
        html = page.read_text(encoding="utf-8")
        name = f"site/{page.relative_to(site_dir).as_posix()}"

        def make() -> dict:
            found, blocked = page_scripts(html, name)
            return {"hashes": sorted(found), "problems": [dataclasses.astuple(problem) for problem in blocked]}

        kept = buildcache.cached_json(cache, "ungsoc-csp", (name, html), make)
        found = set(kept["hashes"])
        problems += [Problem(*fields) for fields in kept["problems"]]
        for h in found - hashes:
            first_page.setdefault(h, name)
        hashes |= found
    return sorted(hashes & REVIEWED_SCRIPTS.keys()), problems + unreviewed(hashes, first_page)


def policy(hashes: list[str], form_targets: list[str]) -> str:
    return "; ".join([
        "default-src 'none'",
        " ".join(["script-src 'self'", *hashes]),
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        " ".join(["form-action 'self'", *form_targets]),
        "frame-ancestors 'none'",
        "object-src 'none'",
    ])


def headers(csp: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp,
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }


# Material's bundles carry a content hash in their names; only those are cached for long.
HASHED_ASSET = r"\.[0-9a-f]{8}\.min\.(js|css)$"
HTML_CACHE = "public, max-age=300"
ASSET_CACHE = "public, max-age=31536000, immutable"

# Headers that only act on a document (or a worker, which gets its own policy from its script's
# response): sent with HTML pages and Material's search worker, not with every stylesheet,
# script, image and index. The Observatory reads them from the page itself; a browser takes
# HSTS from the page as from any response. nginx's HTTP/2 does not index response headers
# (HPACK dynamic table), so every header costs its bytes again on every response.
DOCUMENT_ONLY = ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Strict-Transport-Security",
                 "Referrer-Policy")
# Every text type the site serves; nginx compresses text/html always. Measured on this site,
# files precompressed at level 9 are 0.6 % smaller than nginx's level 6 on the fly, and writing
# them all would add more than a second to every build: level 6 it is, except for the assets
# that every page view loads, which the build writes as .gz with zopfli (precompress.py), and
# nginx serves those (gzip_static).
GZIP_TYPES = ("text/css", "application/javascript", "application/json", "image/svg+xml", "text/xml",
              "application/xml", "text/csv", "text/plain")
# Clear placeholders: nginx refuses to start until they name a real certificate and key.
CERTIFICATE = "/etc/ssl/ungsoc/REPLACE-WITH-fullchain.pem"
CERTIFICATE_KEY = "/etc/ssl/ungsoc/REPLACE-WITH-privkey.pem"


def _variable(name: str) -> str:
    return "$ungsoc_" + name.lower().replace("-", "_")


def nginx(header_map: dict[str, str], languages: list[str], default: str, site_url: str = "https://example.org/") -> str:
    """The deploy config for nginx's http block: an HTTPS server (HTTP/2) for the site, and
    an HTTP server that redirects every request to it. Every location carries the site URL's
    path, e.g. "/sub/" for https://example.org/sub/."""
    parts = urlsplit(site_url)
    host, base = parts.hostname or "_", parts.path or "/"
    if not base.endswith("/"):
        base += "/"
    root = "root /var/www/ungsoc;" + ("" if base == "/" else f"  # the built folder goes in {base.strip('/')}/ below it")
    # nginx sends no header whose value is empty: these maps leave the document-only headers
    # off everything but pages and the search worker, and give only content-hashed files a
    # long cache life, with one add_header per header at the server level (an add_header in a
    # location would drop all of the server's).
    out = ["# Generated by ungsoc at build time from the built pages; rebuild instead of editing.",
           "# Goes into nginx's http block (e.g. /etc/nginx/conf.d/ungsoc.conf): put the built site in",
           "# the root below, replace the two REPLACE-WITH certificate paths, and reload nginx.",
           "",
           "map $uri $ungsoc_document {",
           '    "~(/|\\.html)$" 1;',
           f'    "~^{base}assets/javascripts/workers/" 1;',
           '    default "";',
           "}"]
    for name in DOCUMENT_ONLY:
        out += [f"map $ungsoc_document {_variable(name)} {{",
                f'    1 "{header_map[name]}";',
                '    default "";',
                "}"]
    out += ["map $uri $ungsoc_cache_control {",
            f'    "~{HASHED_ASSET}" "{ASSET_CACHE}";',
            f'    default "{HTML_CACHE}";',
            "}",
            "",
            "# Plain HTTP only redirects to HTTPS (with HSTS, browsers then stay on HTTPS).",
            "server {",
            "    listen 80;",
            "    listen [::]:80;",
            f"    server_name {host};",
            "    server_tokens off;",
            f"    return 301 https://{host}$request_uri;",
            "}",
            "",
            "server {",
            "    listen 443 ssl http2;",
            "    listen [::]:443 ssl http2;",
            f"    server_name {host};",
            f"    ssl_certificate {CERTIFICATE};",
            f"    ssl_certificate_key {CERTIFICATE_KEY};",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            f"    {root}",
            "    index index.html;",
            "    charset utf-8;",
            f"    charset_types {' '.join(GZIP_TYPES)};",
            "    server_tokens off;",
            "    # Redirects such as /da -> /da/ keep the scheme and host the reader used.",
            "    absolute_redirect off;",
            "    # Last-Modified is enough to revalidate static files.",
            "    etag off;",
            "    gzip on;",
            "    gzip_comp_level 6;",
            "    gzip_static on;",
            "    gzip_vary on;",
            f"    gzip_types {' '.join(GZIP_TYPES)};",
            f"    error_page 404 {base}404.html;",
            ""]
    for name, value in header_map.items():
        value = _variable(name) if name in DOCUMENT_ONLY else f'"{value}"'
        out.append(f"    add_header {name} {value} always;")
    out += ["    add_header Cache-Control $ungsoc_cache_control always;",
            "",
            "    # Deploy configs for hosts are built into the site folder but are not part of the site.",
            f"    location ^~ {base}_deploy/ {{",
            "        return 404;",
            "    }",
            f"    location ~ ^{base}(_headers|_redirects)$ {{",
            "        return 404;",
            "    }",
            "    # nginx's mime.types has no CSV.",
            '    location ~ "\\.csv$" {',
            "        types { }",
            '        default_type text/csv;',
            "    }",
            ""]
    for language in languages:
        if language == default:
            continue
        out += [f"    location {base}{language}/ {{",
                f"        error_page 404 {base}{language}/404.html;",
                "        try_files $uri $uri/ =404;",
                "    }",
                ""]
    out += ["    location / {",
            "        try_files $uri $uri/ =404;",
            "    }",
            "}",
            ""]
    return "\n".join(out)


def headers_file(header_map: dict[str, str], hashed: list[str]) -> str:
    """`_headers` for Netlify and Cloudflare Pages.

    Both hosts apply every rule a path matches and join a header set by two rules into one
    contradictory value, so Cache-Control is set only by per-file rules that never overlap:
    the content-hashed bundles are immutable; everything else keeps the host's default
    (revalidate on every visit), so a changed page or unhashed script is seen at once.
    """
    lines = ["# Generated by ungsoc at build time; rebuild instead of editing.", "/*"]
    lines += [f"  {name}: {value}" for name, value in header_map.items()]
    lines.append("")
    for path in hashed:
        lines += [f"/{path}", f"  Cache-Control: {ASSET_CACHE}", ""]
    return "\n".join(lines)


def with_folder_policy(server: str, location: str, header_map: dict[str, str]) -> str:
    """The nginx server block with a location for a folder that has a policy of its own."""
    lines = [f'        add_header {name} "{value}" always;' for name, value in header_map.items()]
    block = "\n".join([f"    location ^~ {location} {{", "        try_files $uri $uri/ =404;", *lines,
                       f'        add_header Cache-Control "{HTML_CACHE}" always;', "    }", "", ""])
    return server.replace("    location / {", block + "    location / {", 1)


def with_folder_policies(rules: str, site_dir: Path, header_map: dict[str, str], extra: dict[str, str]) -> str:
    """`_headers` where a folder has its own CSP. Netlify joins a header that two matching rules
    set into one value (two policies, both enforced), so the site's CSP cannot sit on `/*`: it
    goes on every top-level entry except those folders, each of which gets its own."""
    csp = f"  Content-Security-Policy: {header_map['Content-Security-Policy']}"
    rules = rules.replace(csp + "\n", "", 1)
    own = {folder.strip("/") for folder in extra}
    paths = ["/"] + [f"/{entry.name}" + ("/*" if entry.is_dir() else "")
                     for entry in sorted(site_dir.iterdir()) if entry.name not in own]
    out = [rules.rstrip("\n"), ""]
    for path in paths:
        out += [path, csp, ""]
    for folder, policy_text in extra.items():
        out += [f"/{folder.strip('/')}/*", f"  Content-Security-Policy: {policy_text}", ""]
    return "\n".join(out)


# The 404 template's policy (overrides/404.html), filled in with the site's after the build;
# left empty (no policy), the minified page says just `content`.
POLICY_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content)(?:="[^"]*")?>')


def meta_policy(csp: str) -> str:
    """A policy for a <meta> tag: browsers ignore frame-ancestors there (with a console
    warning); X-Frame-Options, sent on every path, keeps the page out of frames."""
    return "; ".join(d for d in csp.split("; ") if not d.startswith("frame-ancestors"))


def fill_meta_policy(html: str, csp: str) -> str:
    """The page with the policy in its Content-Security-Policy <meta> (the one the template put
    before any script); a page without one is returned as it is."""
    return POLICY_META.sub(lambda found: f'{found.group(1)}="{meta_policy(csp)}">', html, count=1)


def not_found_pages(site_dir: Path, skip: list[str]) -> list[Path]:
    """404.html at the root and in each language's folder (not in folders with their own policy)."""
    return [page for page in [site_dir / "404.html", *sorted(site_dir.glob("*/404.html"))]
            if page.is_file() and page.parent.name not in {folder.strip("/") for folder in skip}]


def redirects_file(languages: list[str], default: str) -> str:
    """`_redirects` for Netlify: each language's own 404 page for a missing address under its
    folder (the root 404.html is the default language's). Netlify applies such a rule only
    where no file exists; Cloudflare Pages finds the nearest 404.html by itself and skips
    rules with status 404."""
    lines = ["# Generated by ungsoc at build time; rebuild instead of editing."]
    lines += [f"/{language}/*  /{language}/404.html  404" for language in languages if language != default]
    return "\n".join(lines) + "\n"


# What the build writes for particular hosts; Pages jobs delete these before publishing.
HOST_CONFIGS = ("_deploy", "_headers", "_redirects")


def remove_source_maps(site_dir: Path) -> None:
    """Material ships 1.2 MB of source maps for its bundles: for its developers, not readers."""
    for source_map in site_dir.glob("assets/**/*.map"):
        source_map.unlink()


def write_deploy_files(site_dir: Path, form_targets: list[str], languages: list[str], default: str,
                       site_url: str | None, extra_policies: dict[str, str] | None = None,
                       cache: Path | None = None) -> list[Problem]:
    """extra_policies: a folder of the site (e.g. "admin/") with its own CSP instead of the
    site's; cache: where scan keeps each page's findings (buildcache.folder), or None."""
    extra_policies = extra_policies or {}
    hashes, problems = scan(site_dir, skip=list(extra_policies), cache=cache)
    if problems:
        return problems
    header_map = headers(policy(hashes, form_targets))
    base = urlsplit(site_url or "/").path or "/"
    deploy = site_dir / "_deploy"
    (deploy / "nginx").mkdir(parents=True, exist_ok=True)
    server = nginx(header_map, languages, default, site_url or "https://example.org/")
    for folder, csp in extra_policies.items():
        server = with_folder_policy(server, base + folder, {**header_map, "Content-Security-Policy": csp})
        (deploy / f"csp-{folder.strip('/')}.txt").write_text(csp + "\n", encoding="utf-8")
    (deploy / "nginx" / "ungsoc.conf").write_text(server, encoding="utf-8")
    (deploy / "csp.txt").write_text(header_map["Content-Security-Policy"] + "\n", encoding="utf-8")
    hashed = sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*")
                    if re.search(HASHED_ASSET, path.name))
    rules = headers_file(header_map, hashed)
    if extra_policies:
        rules = with_folder_policies(rules, site_dir, header_map, extra_policies)
    # With a folder policy the site's is on each top-level path instead of on /*, and a
    # missing address (/no-such-page) matches none of them: the 404 pages, which Netlify and
    # Cloudflare Pages serve there, carry it themselves (and so on hosts without headers).
    for page in not_found_pages(site_dir, list(extra_policies)):
        html = page.read_text(encoding="utf-8")
        page.write_text(fill_meta_policy(html, header_map["Content-Security-Policy"]), encoding="utf-8")
    (site_dir / "_headers").write_text(rules, encoding="utf-8")
    (site_dir / "_redirects").write_text(redirects_file(languages, default), encoding="utf-8")
    return []
