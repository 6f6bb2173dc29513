"""Deploy configs carry a strict CSP, and a real nginx serves the site with every header."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, PREFIX, build, copy_project, prefix
from ungsoc import localnginx, precompress, security
from ungsoc.localnginx import free_port
from test_notfound import assert_404_in_language


def require_nginx():
    if not os.path.exists(localnginx.NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx not found: .ci/run installs the Debian package nginx-light")
        pytest.skip("nginx not installed (apt-get install nginx-light)")


def run_nginx(tmp_path_factory, base="/", built_for=None):
    """Build a copy of the project for a local nginx serving it under base (or for the
    address built_for, as a preview of a site meant for another origin), serve it with the
    generated config (listen, root and certificate paths changed; the site over plain HTTP,
    which urllib and the test browser take without a certificate), yield (origin, site
    folder, redirect server's origin)."""
    require_nginx()
    work = tmp_path_factory.mktemp("nginx")
    project = copy_project(work / "project")
    port, redirect_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    result = build(project, site_url=built_for or url + base)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    # The document root holds the built folder at the site URL's path.
    www = site if base == "/" else work / "www"
    if base != "/":
        (www / base.strip("/")).parent.mkdir(parents=True)
        (www / base.strip("/")).symlink_to(site, target_is_directory=True)
    config = (site / "_deploy/nginx/ungsoc.conf").read_text(encoding="utf-8")
    with localnginx.serving(work, config, www, port, redirect_port, tls=False):
        yield url, site, f"http://127.0.0.1:{redirect_port}"


# Built for another origin than the one serving it, like a preview deploy: every page must
# still work there without a request to the origin it was built for.
BUILT_FOR = "https://elsewhere.example.net/"


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    yield from run_nginx(tmp_path_factory, built_for=BUILT_FOR)


@pytest.fixture(scope="module")
def nginx_sub_path_site(tmp_path_factory):
    """The site built for https://host/sub/ and served there."""
    yield from run_nginx(tmp_path_factory, base="/sub/")


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def assert_security_headers(headers, csp):
    assert headers["Content-Security-Policy"] == csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    max_age = int(re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"]).group(1))
    assert max_age >= 183 * 24 * 3600
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.parametrize("language", LANGUAGES)
def test_nginx_sends_every_header_on_pages_assets_and_404(nginx_site, language):
    url, site, _ = nginx_site
    csp = (site / "_deploy/csp.txt").read_text(encoding="utf-8").strip()
    base = f"{url}/{PREFIX[language]}"
    for path in ("", "youth/rights/"):
        status, headers, body = fetch(base + path)
        assert status == 200
        assert_security_headers(headers, csp)
        assert headers["Cache-Control"] == "public, max-age=300"
        assert f'<html lang="{HTML_LANG[language]}"' in body
    bundle = next((site / "assets/javascripts").glob("bundle.*.min.js")).name
    status, headers, _ = fetch(f"{url}/assets/javascripts/{bundle}")
    assert status == 200
    assert_asset_headers(headers)
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The search worker takes its policy from its own script's response.
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    status, headers, _ = fetch(f"{url}/assets/javascripts/workers/{worker}")
    assert status == 200
    assert_security_headers(headers, csp)
    status, headers, body = fetch(base + "no-such-page/")
    assert status == 404
    assert_security_headers(headers, csp)
    assert f'<html lang="{HTML_LANG[language]}"' in body
    start = assert_404_in_language(body, language, base + "no-such-page/")
    status, _, body = fetch(start)
    assert (status, start) == (200, base)
    assert f'<html lang="{HTML_LANG[language]}"' in body


def test_deploy_folder_is_not_served(nginx_site):
    url, _, _ = nginx_site
    assert fetch(f"{url}/_deploy/nginx/ungsoc.conf")[0] == 404


def test_nginx_serves_a_sub_path_site_with_each_languages_404(nginx_sub_path_site):
    url, site, _ = nginx_sub_path_site
    csp = (site / "_deploy/csp.txt").read_text(encoding="utf-8").strip()
    for language in LANGUAGES:
        base = f"{url}/sub/{PREFIX[language]}"
        status, headers, body = fetch(base)
        assert status == 200 and f'<html lang="{HTML_LANG[language]}"' in body
        status, headers, body = fetch(base + "nothing")
        assert status == 404
        assert_security_headers(headers, csp)
        assert f'<html lang="{HTML_LANG[language]}"' in body
        assert fetch(assert_404_in_language(body, language, base + "nothing"))[0] == 200
        assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js|svg))"', body)
        assert len(assets) >= 5
        for asset in assets:
            assert asset.startswith("/sub/assets/"), asset
            assert fetch(url + asset)[0] == 200, asset
        assert fetch(base + "youth/sitemap.xml")[0] == 404  # only the root sitemap, for search engines
    assert fetch(f"{url}/sub/_deploy/nginx/ungsoc.conf")[0] == 404


def assert_asset_headers(headers):
    """A stylesheet, script or data file: the headers that act on it, none of the document-only ones."""
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    for name in security.DOCUMENT_ONLY:
        assert name not in headers, name


def raw_get(url, **headers):
    """One request, redirects not followed: (status, headers, body bytes)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers)
    response = connection.getresponse()
    result = response.status, response.headers, response.read()
    connection.close()
    return result


def test_nginx_config_has_tls_http2_redirect_and_gzip_and_nginx_accepts_it(site, tmp_path):
    require_nginx()
    config = (site / "_deploy/nginx/ungsoc.conf").read_text(encoding="utf-8")
    host = urlsplit(re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)).hostname
    servers = re.split(r"^server \{", config, flags=re.M)[1:]
    assert len(servers) == 2
    redirect, tls = servers
    assert "listen 80;" in redirect and f"return 301 https://{host}$request_uri;" in redirect
    assert "listen 443 ssl http2;" in tls and f"server_name {host};" in tls
    assert re.search(r"ssl_certificate \S*REPLACE-WITH\S*;", tls) and re.search(r"ssl_certificate_key \S*REPLACE-WITH\S*;", tls)
    assert "absolute_redirect off;" in tls
    assert "gzip on;" in tls and "gzip_comp_level 6;" in tls and "gzip_static on;" in tls
    types = re.search(r"gzip_types ([^;]+);", tls).group(1).split()
    for wanted in ("text/css", "application/javascript", "application/json", "image/svg+xml", "text/xml", "text/csv"):
        assert wanted in types
    # nginx accepts it as generated, with only the certificate placeholders and addresses filled in.
    certificate, key = localnginx.throwaway_certificate(tmp_path)
    local = localnginx.local_config(config, str(site), free_port(), free_port(), certificate, key, tls=True)
    check = localnginx.check(localnginx.main_config(tmp_path, local))
    assert check.returncode == 0, check.stderr
    assert not list(site.rglob("*.map"))


def test_nginx_redirects_http_to_https_and_directories_relatively(nginx_site):
    url, _, redirect_origin = nginx_site
    youth = f"/{PREFIX[LANGUAGES[-1]]}youth"  # a folder of whichever languages the profile has
    status, headers, _ = raw_get(f"{redirect_origin}{youth}/?q=1")
    assert status == 301 and headers["Location"] == f"{BUILT_FOR.rstrip('/')}{youth}/?q=1"
    status, headers, _ = raw_get(url + youth)
    assert status == 301 and headers["Location"] == youth + "/"


def test_nginx_compresses_every_text_type_and_hides_host_files(nginx_site):
    url, site, _ = nginx_site
    text_files = ["/", "/sitemap.xml", "/interventions.csv", "/interventions.json", f"/search/search_index.{LANGUAGES[-1]}.json",
                  "/" + next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix(),
                  "/" + next(site.glob("assets/stylesheets/main.*.min.css")).relative_to(site).as_posix(),
                  "/" + next(site.glob("assets/**/*.svg")).relative_to(site).as_posix()]
    for path in text_files:
        status, headers, body = raw_get(url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers["Content-Encoding"] == "gzip", path
        assert gzip.decompress(body) == (site / path.lstrip("/") / ("index.html" if path.endswith("/") else "")).read_bytes(), path
    assert raw_get(url + "/interventions.csv")[1]["Content-Type"].startswith("text/csv")
    _, headers, _ = raw_get(url + "/interventions.json")
    assert_asset_headers(headers)
    for hidden in ("/_headers", "/_redirects", "/_deploy/csp.txt", "/_deploy/nginx/ungsoc.conf"):
        assert (site / hidden.lstrip("/")).is_file()
        assert raw_get(url + hidden)[0] == 404, hidden


def test_assets_every_page_loads_are_served_precompressed_smaller_than_gzip_9(nginx_site):
    url, site, _ = nginx_site
    assets = [path for pattern in precompress.ASSETS for path in site.glob(pattern)]
    assert {path.suffix for path in assets} == {".js", ".css"} and len(assets) >= 5
    for path in assets:
        address, plain = url + "/" + path.relative_to(site).as_posix(), path.read_bytes()
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == plain
        assert len(packed) <= len(gzip.compress(plain, 9)), path
        status, headers, body = raw_get(address, **{"Accept-Encoding": "gzip"})
        assert (status, headers["Content-Encoding"], body) == (200, "gzip", packed), path
        assert raw_get(address)[2] == plain  # a client without gzip gets the file itself


def test_every_page_loads_one_stylesheet_and_one_script_of_the_sites_own(site):
    """Brand colours inside the site's stylesheet, quick exit and search on demand in one
    script; the listen script only with its button, the catalogue's only with its filters."""
    own = re.compile(r'(?:src|href)="[^"]*?(assets/(?:ungsoc|brand)/[^"]+\.(?:js|css))"')
    listen_pages = 0
    for page in site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        if "_deploy" in page.parts or "md-content" not in html:
            continue  # /admin/ and the /was/ redirect are no reader pages
        expected = ["assets/ungsoc/ungsoc.min.css", "assets/ungsoc/ungsoc.min.js"]
        if 'class="md-button ungsoc-listen"' in html:
            expected.append("assets/ungsoc/listen.min.js")
            listen_pages += 1
        if 'data-module="ungsoc-catalogue"' in html:
            expected.append("assets/ungsoc/catalogue.min.js")
        assert sorted(own.findall(html)) == sorted(expected), page
    assert listen_pages > 10
    assert not (site / "assets/brand/brand.css").exists()


def inline_script_hashes(site):
    hashes = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            if "src=" not in attrs and "application/json" not in attrs:
                hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return hashes


def test_csp_hashes_match_the_built_pages(site):
    csp = (site / "_deploy/csp.txt").read_text(encoding="utf-8")
    script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
    assert set(script_src[1:]) == inline_script_hashes(site)
    assert (site / "_headers").read_text(encoding="utf-8").count(csp.strip()) == 1


def test_an_unreviewed_template_script_and_an_inline_style_fail_the_build(tmp_path):
    """Only the reviewed template scripts are hashed into the CSP (ungsoc/security.py): a new
    inline script fails the build and says how to review it; so does an inline style."""
    project = copy_project(tmp_path / "project")
    main = project / "overrides/main.html"
    original = main.read_text(encoding="utf-8")
    main.write_text(original + "\n{% block libs %}{{ super() }}<script>window.ungsocTest = 1</script>{% endblock %}\n",
                    encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "REVIEWED_SCRIPTS" in result.stderr
    assert not (project / "site").exists()
    main.write_text(original, encoding="utf-8")

    page = project / f"docs/{DEFAULT_LANGUAGE}/youth/index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<p style="color: red">Röd</p>\n', encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"docs/{DEFAULT_LANGUAGE}/youth/index.md:" in result.stderr and "style" in result.stderr, result.stderr


def headers_rules(text: str) -> list[tuple[str, dict]]:
    rules = []
    for line in text.splitlines():
        if line.startswith("/"):
            rules.append((line, {}))
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def matching_rules(rules, path: str) -> list[dict]:
    """Netlify and Cloudflare Pages apply every rule whose pattern matches; * matches anything."""
    return [found for pattern, found in rules if re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path)]


def test_headers_file_sets_each_header_once_and_immutable_only_on_hashed_files(site):
    rules = headers_rules((site / "_headers").read_text(encoding="utf-8"))
    csp = (site / "_deploy/csp.txt").read_text(encoding="utf-8").strip()
    paths = ["/", "/da/youth/", "/no/youth/"] + ["/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    immutable = set()
    for path in paths:
        names = [name for found in matching_rules(rules, path) for name in found]
        assert len(names) == len(set(names)), f"{path} gets a header from two rules: {names}"
        merged = {name: value for found in matching_rules(rules, path) for name, value in found.items()}
        assert merged["Content-Security-Policy"] == csp, path
        if "immutable" in merged.get("Cache-Control", ""):
            immutable.add(path)
    # Material's bundles carry a content hash in their names; lunr, the search index and
    # the site's own scripts do not, and must be fetched again when they change.
    hashed = {"/" + p.relative_to(site).as_posix() for pattern in (
        "assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
        "assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css") for p in site.glob(pattern)}
    assert len(hashed) == 4 and all(re.search(r"\.[0-9a-f]{8}\.min\.", path) for path in hashed)
    assert immutable == hashed
    assert "/assets/javascripts/lunr/min/lunr.sv.min.js" in paths


@pytest.mark.browser
def test_every_page_under_nginx_has_no_csp_violation_or_console_error(nginx_site, context):
    """Served at another origin than it was built for (a preview), no page asks for a
    sitemap or anything outside the serving origin, and none logs an error."""
    url, site, _ = nginx_site
    page = context.new_page()
    problems, requested = [], []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("request", lambda request: requested.append(request.url))
    paths = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html") if "_deploy" not in p.parts)
    assert len(paths) > 100
    for path in paths:
        page.goto(f"{url}/{'' if path == '.' else path + '/'}")
    # goto waits for each page's load event; a request made later is still caught on the last page.
    page.wait_for_load_state("networkidle")
    assert problems == []
    assert context.offsite.blocked == []
    assert [address for address in requested if not address.startswith((url + "/", "data:", "blob:"))] == []
    assert [address for address in requested if "sitemap" in address] == []
    assert BUILT_FOR in (site / "sitemap.xml").read_text(encoding="utf-8")  # it was built for elsewhere


@pytest.mark.browser
def test_search_and_quick_exit_work_under_the_csp(nginx_site, page):
    url, _, _ = nginx_site
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{url}/{prefix('da')}")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("underretning")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() >= 1
    page.keyboard.press("Escape")
    page.evaluate("document.querySelector('.ungsoc-exit__button').setAttribute('href', location.origin + '/about/')")
    page.click(".ungsoc-exit__button")
    page.wait_for_url(f"{url}/about/")
    assert violations == []


def test_quick_script_scan_finds_what_the_html_parser_finds_on_every_page(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        finder = security._InlineFinder(str(page))
        finder.feed(html)
        assert security.quick_script_hashes(html) == finder.hashes, page


def test_a_page_with_an_inline_handler_is_never_taken_for_a_clean_one():
    for html in ('<a title="x > y" onclick="go()">', '<p style="color:red">', "<style>p{}</style>",
                 '<a href="JavaScript:void(0)">', '<div\n  data-x="1"\n  onmouseover="x()">'):
        assert security.maybe_blocked(html), html


def test_the_quick_look_for_handlers_and_styles_answers_as_one_expression_would(site):
    """security.maybe_blocked looks for the space before the name after a match: the same
    answer as the single expression it replaced, on every page and on near misses."""
    expression = re.compile(r"\s(?:style|on[a-z]+)\s*=")
    pages = [page.read_text(encoding="utf-8") for page in site.rglob("*.html")]
    tricky = ['<a data-onclick="x">', "<p>style = yes</p>", 'x-style="a"', "\tonload =", "<b\nstyle\t=1>",
              "onclick=", " on=", " one two=", "button=x", "<i\u2003onfocus=x>", "ON CLICK=", " ONCLICK="]
    for text in pages + tricky:
        low = text.lower()
        quick = any(security.after_space(low, pattern) for pattern in security.STYLE_OR_HANDLER)
        assert quick == (expression.search(low) is not None), text[:200]


def test_netlify_redirects_send_each_language_its_own_404(site):
    rules = [line.split() for line in (site / "_redirects").read_text().splitlines() if not line.startswith("#")]
    assert rules == [[f"/{path}*", f"/{path}404.html", "404"] for path in PREFIX.values() if path]
    for _, target, _ in rules:
        assert (site / target.lstrip("/")).is_file()
