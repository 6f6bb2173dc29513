"""The editing interface at /admin/ (Decap CMS): generated config, LIX parity, deploy headers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_LANGUAGE, LANGUAGES, PREFIX, ROOT, build, copy_project, require
from ungsoc import cms, frontmatter, placeholders, readability, security
from ungsoc.profile import load_profile

NODE = shutil.which("node")


def with_cms(project: Path, block: str) -> None:
    profile = project / "content/municipality.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + block, encoding="utf-8")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    # Lesson PDFs take minutes to render and have nothing to do with the CMS.
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(re.sub(r"^  - ungsoc\n", "  - ungsoc:\n      lesson_pdfs: false\n",
                                 mkdocs_yml.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")


GITHUB = "cms:\n  backend: github\n  repo: kommun/ungsoc\n  branch: main\n"


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory):
    require(ROOT / "node_modules/decap-cms/dist/decap-cms.js", "decap-cms", "npm ci")
    project = copy_project(tmp_path_factory.mktemp("cms") / "project")
    with_cms(project, GITHUB)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


def admin_config(project: Path) -> dict:
    return yaml.safe_load((project / "site/admin/config.yml").read_text(encoding="utf-8"))


def collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def test_site_without_cms_has_no_admin_and_needs_no_node(site):
    assert not (site / "admin").exists()
    assert not list((site / "_deploy").glob("csp-*.txt"))
    assert "/*\n  Content-Security-Policy:" in (site / "_headers").read_text(encoding="utf-8")


def test_admin_is_self_hosted_and_generated(cms_site):
    admin = cms_site / "site/admin"
    html = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from a CDN
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert (admin / "decap-cms.js").read_bytes() == (ROOT / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    assert lock["packages"]["node_modules/decap-cms"]["version"] == "3.16.2"
    config = admin_config(cms_site)
    assert config["backend"] == {"name": "github", "repo": "kommun/ungsoc", "branch": "main"}
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
    assert config["i18n"] == {"structure": "multiple_folders", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANGUAGE}


def test_reader_pages_never_reference_admin(cms_site):
    for page in (cms_site / "site").rglob("*.html"):
        if "admin" not in page.relative_to(cms_site / "site").parts:
            text = page.read_text(encoding="utf-8")
            assert "admin/" not in text and "decap" not in text.lower(), page


def test_one_collection_per_section_with_schema_fields(cms_site):
    config = admin_config(cms_site)
    names = [c["name"] for c in config["collections"]]
    assert names[:3] == ["youth", "parents", "school"] and "local" in names
    youth = collection(config, "youth")
    assert (youth["folder"], youth["path"], youth["i18n"]) == ("docs", "youth/{{slug}}", True)
    fields = {f["name"]: f for f in youth["fields"]}
    page_schema = json.loads((ROOT / "content/page.schema.json").read_text(encoding="utf-8"))
    # required and filled in once a language is written (ungsoc-cms.js), never a Decap default,
    # which would write a file for every language, also those nobody translated
    assert fields["audience"]["widget"] == "ungsoc-default" and fields["audience"]["base_widget"] == "select"
    assert fields["audience"]["options"] == page_schema["properties"]["audience"]["enum"]
    assert fields["audience"]["default_when_written"] == "youth"
    assert fields["reviewed"]["default_when_written"] == "today" and fields["reviewed"]["base_widget"] == "datetime"
    assert fields["reviewed"]["format"] == "YYYY-MM-DD" and fields["reviewed"]["picker_utc"] is False
    assert fields["audience"]["required"] is True and fields["reviewed"]["required"] is True
    assert not [f["name"] for c in config["collections"] for f in c.get("fields", []) if "default" in f]
    # a section that is no audience gets no audience filled in
    assert "default_when_written" not in {f["name"]: f for f in collection(config, "local")["fields"]}["audience"]
    assert fields["sources"]["widget"] == "list" and fields["sources"]["required"] is False
    assert fields["sources"]["field"]["pattern"][0] == page_schema["properties"]["sources"]["items"]["pattern"]
    assert fields["description"]["required"] is False
    assert all(f["i18n"] is True for f in youth["fields"])
    records = collection(config, "interventions_records")
    assert records["folder"] == "content/interventions" and records["format"] == "ungsoc-yml"
    glossary = collection(config, "glossary")
    assert [f["file"] for f in glossary["files"]] == [f"content/glossary/{lang}.yml" for lang in LANGUAGES]
    contacts = collection(config, "municipality")["files"][0]
    assert [f["name"] for f in contacts["fields"]] == ["contacts"]  # not colours, URLs or languages


def test_schema_change_reaches_the_cms_without_cms_config(tmp_path):
    project = copy_project(tmp_path / "project")
    schema_file = project / "content/page.schema.json"
    page_schema = json.loads(schema_file.read_text(encoding="utf-8"))
    page_schema["properties"]["audience"]["enum"].append("grandparents")
    page_schema["properties"]["contact_person"] = {"type": "string", "description": "who answers questions"}
    page_schema["required"].append("contact_person")
    schema_file.write_text(json.dumps(page_schema), encoding="utf-8")
    profile, _ = load_profile(project / "content/municipality.yml", project, project / "content")
    settings = {"backend": "gitlab", "repo": "kommun/webb/ungsoc", "app_id": "abc"}
    cms.schema.load_schema.cache_clear()
    try:
        config = cms.config(settings, profile, project, project / "docs", project / "content",
                            "content/municipality.yml", {})
    finally:
        cms.schema.load_schema.cache_clear()
    fields = {f["name"]: f for f in collection(config, "parents")["fields"]}
    assert "grandparents" in fields["audience"]["options"]
    assert fields["contact_person"] == {"name": "contact_person", "label": "Contact person", "required": True,
                                        "hint": "who answers questions", "widget": "string", "i18n": True}
    assert config["backend"]["auth_type"] == "pkce"


def test_admin_has_its_own_policy_and_readers_keep_theirs(cms_site, site):
    deploy = cms_site / "site/_deploy"
    admin = (deploy / "csp-admin.txt").read_text(encoding="utf-8").strip()
    reader = (deploy / "csp.txt").read_text(encoding="utf-8").strip()
    assert reader == (site / "_deploy/csp.txt").read_text(encoding="utf-8").strip()  # unchanged by the CMS
    assert "unsafe" not in reader
    assert "connect-src 'self' https://api.github.com" in admin and "frame-ancestors 'none'" in admin
    assert "cdn" not in admin and "unpkg" not in admin
    conf = (deploy / "nginx/ungsoc.conf").read_text(encoding="utf-8")
    location = conf.split("location ^~ /admin/ {", 1)[1].split("}", 1)[0]
    assert f'Content-Security-Policy "{admin}"' in location
    headers = (cms_site / "site/_headers").read_text(encoding="utf-8")
    blocks = ["\n".join(line for line in block.splitlines() if not line.startswith("#")) for block in headers.split("\n\n")]
    rules = {block.split("\n", 1)[0]: block for block in blocks if block.strip()}
    assert f"Content-Security-Policy: {reader}" not in rules["/*"]  # two policies would both apply
    assert f"Content-Security-Policy: {admin}" in rules["/admin/*"]
    assert f"Content-Security-Policy: {reader}" in rules["/youth/*"] and f"Content-Security-Policy: {reader}" in rules["/"]


def policy_in_404(page: Path) -> tuple[list[str], str]:
    html = page.read_text(encoding="utf-8")
    return re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html), html


def test_a_missing_address_keeps_the_reader_policy_with_the_cms_on(cms_site, tmp_path):
    """With /admin/'s own policy, the site's policy moves from /* to each top-level path of
    _headers, and a missing address (/no-such-page) matches none of them: the 404 pages
    Netlify and Cloudflare Pages serve there carry the policy themselves."""
    site = cms_site / "site"
    reader = (site / "_deploy/csp.txt").read_text(encoding="utf-8").strip()
    for language in LANGUAGES:
        policies, html = policy_in_404(site / PREFIX[language] / "404.html")
        assert policies == [security.meta_policy(reader)], language
        assert html.index("Content-Security-Policy") < html.index("<script"), "the policy must precede every script"
        assert "frame-ancestors" not in policies[0] and "script-src 'self' 'sha256-" in policies[0]
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "\n/*\n" in headers and "X-Frame-Options: DENY" in headers  # framing stays blocked everywhere
    # finishing again (ungsoc finish on a finished site) changes nothing
    again = shutil.copytree(site, tmp_path / "site")
    admin = (site / "_deploy/csp-admin.txt").read_text(encoding="utf-8").strip()
    assert security.write_deploy_files(again, [], list(LANGUAGES), DEFAULT_LANGUAGE, None, {"admin/": admin}) == []
    assert (again / "404.html").read_text(encoding="utf-8") == (site / "404.html").read_text(encoding="utf-8")


def test_without_cms_the_404_page_carries_the_same_policy_as_its_header(site):
    policies, _ = policy_in_404(site / "404.html")
    assert policies == [security.meta_policy((site / "_deploy/csp.txt").read_text(encoding="utf-8").strip())]


def test_enabled_cms_without_node_modules_says_what_to_do(tmp_path):
    project = copy_project(tmp_path / "project")
    profile = project / "content/municipality.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + GITHUB, encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert "node_modules/decap-cms is missing: run `npm ci" in result.stderr


# --- LIX in the preview and in the build --------------------------------------------------

def test_lix_in_the_cms_equals_the_build_on_every_youth_and_parents_page(tmp_path):
    if NODE is None:
        require(Path("/usr/bin/node"), "Node.js", "apt-get install nodejs")
    project = copy_project(tmp_path / "project")  # with the profile in use
    profile, problems = load_profile(project / "content/municipality.yml", project, project / "content")
    assert not problems
    pages, python = [], []
    for language in profile.languages:
        for section in ("youth", "parents"):
            for path in sorted((ROOT / "docs" / language / section).glob("*.md")):
                source = path.read_text(encoding="utf-8")
                _, body_start = frontmatter.split(source)
                body = "".join(source.splitlines(True)[body_start:])
                values = placeholders.values(profile, language)
                filled, _ = placeholders.fill(body, values, str(path), body_start + 1)
                pages.append({"body": body, "values": values, "name": str(path.relative_to(ROOT))})
                python.append(readability.lix(filled))
    assert len(pages) >= 15 * len(profile.languages)
    # The preview fills placeholders itself (ungsoc-cms.js does the same), then counts.
    script = """
const Lix = require(process.argv[1]);
const pages = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const fill = (t, v) => t.replace(/\\{\\{\\s*([a-z_.]+)\\s*\\}\\}/g, (m, n) => n in v ? v[n] : m);
console.log(JSON.stringify(pages.map(p => Lix.lix(fill(p.body, p.values)))));
"""
    result = subprocess.run([NODE or "/usr/bin/node", "-e", script, str(ROOT / "ungsoc/admin/lix.js")],
                            input=json.dumps(pages), capture_output=True, text=True, timeout=60, check=True)
    for page, py, js in zip(pages, python, json.loads(result.stdout)):
        assert (js["value"], js["words"], js["sentences"], js["long_words"], js["longest"]) == \
            (py.value, py.words, py.sentences, py.long_words, py.longest), page["name"]
