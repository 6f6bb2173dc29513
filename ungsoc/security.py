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
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

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
# which reports the line.
MAYBE_BLOCKED = re.compile(r"<style[\s>]|<[a-z][^<]*?\s(?:style|on[a-z]+)\s*=|javascript:", re.I)
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


def scan(site_dir: Path, skip: list[str] = ()) -> tuple[list[str], list[Problem]]:
    """The sorted script hashes of every page, and every inline style or unhashable script;
    folders in skip (e.g. "admin/") have a policy of their own."""
    hashes: set[str] = set()
    problems: list[Problem] = []
    for page in sorted(site_dir.rglob("*.html")):
        if "_deploy" in page.parts or any(page.relative_to(site_dir).as_posix().startswith(s) for s in skip):
            continue
        html = page.read_text(encoding="utf-8")
        if not MAYBE_BLOCKED.search(html):
            hashes |= quick_script_hashes(html)
            continue
        finder = _InlineFinder(f"site/{page.relative_to(site_dir).as_posix()}")
        finder.feed(html)
        hashes |= finder.hashes
        problems += finder.problems
    return sorted(hashes), problems


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


def nginx(header_map: dict[str, str], languages: list[str], default: str, base: str = "/") -> str:
    """The server block; base is the site URL's path, e.g. "/sub/" for https://example.org/sub/."""
    def block(cache: str) -> list[str]:
        lines = [f'        add_header {name} "{value}" always;' for name, value in header_map.items()]
        return lines + [f'        add_header Cache-Control "{cache}" always;']

    root = "root /var/www/ungsoc;" + ("" if base == "/" else f"  # the built folder goes in {base.strip('/')}/ below it")
    out = ["# Generated by ungsoc at build time from the built pages; rebuild instead of editing.",
           "# Copy into /etc/nginx/conf.d/, set listen/server_name/TLS and root, and reload nginx.",
           "server {",
           "    listen 80;",
           "    server_name _;",
           f"    {root}",
           "    index index.html;",
           "    charset utf-8;",
           "    server_tokens off;",
           "    gzip on;",
           "    gzip_types text/css application/javascript application/json image/svg+xml application/xml;",
           "",
           "    # Deploy configs are built into site/_deploy/ but are not part of the site.",
           f"    location ^~ {base}_deploy/ {{",
           *block(HTML_CACHE),
           "        return 404;",
           "    }",
           "",
           f'    location ~* "{HASHED_ASSET}" {{',
           *block(ASSET_CACHE),
           "    }",
           ""]
    for language in languages:
        if language == default:
            continue
        out += [f"    location {base}{language}/ {{",
                f"        error_page 404 {base}{language}/404.html;",
                "        try_files $uri $uri/ =404;",
                *block(HTML_CACHE),
                "    }",
                ""]
    out += ["    location / {",
            f"        error_page 404 {base}404.html;",
            "        try_files $uri $uri/ =404;",
            *block(HTML_CACHE),
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


def write_deploy_files(site_dir: Path, form_targets: list[str], languages: list[str], default: str,
                       site_url: str | None, extra_policies: dict[str, str] | None = None) -> list[Problem]:
    """extra_policies: a folder of the site (e.g. "admin/") with its own CSP instead of the site's."""
    extra_policies = extra_policies or {}
    hashes, problems = scan(site_dir, skip=list(extra_policies))
    if problems:
        return problems
    header_map = headers(policy(hashes, form_targets))
    base = urlsplit(site_url or "/").path or "/"
    deploy = site_dir / "_deploy"
    (deploy / "nginx").mkdir(parents=True, exist_ok=True)
    server = nginx(header_map, languages, default, base)
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
    (site_dir / "_headers").write_text(rules, encoding="utf-8")
    (site_dir / "_redirects").write_text(redirects_file(languages, default), encoding="utf-8")
    return []
