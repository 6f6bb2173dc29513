"""The editing interface at /admin/: Decap CMS, self-hosted, configured from the project's schemas.

Decap CMS (npm `decap-cms`, pinned in package-lock.json) edits the Markdown and YAML in the
repository through the browser and commits them, or opens pull/merge requests with the
editorial workflow. Its configuration is never kept by hand: every collection and field is
generated here from content/page.schema.json, intervention.schema.json, glossary.schema.json
and the contacts of municipality.schema.json, so a schema change reaches the CMS at the next
build. Reader pages never reference anything under /admin/; /admin/ has its own CSP.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from ungsoc import placeholders, schema, security
from ungsoc.errors import Problem
from ungsoc.profile import Profile

ADMIN = "admin"
ASSETS = Path(__file__).resolve().parent / "admin"
# `make edit` sets this to decap-server's address: the CMS then edits the working tree.
LOCAL_BACKEND = "UNGSOC_CMS_LOCAL_BACKEND"
DECAP_DIST = Path("node_modules/decap-cms/dist")
JS_YAML = Path("node_modules/js-yaml/dist/js-yaml.min.js")

# Where each git host's API lives, unless the profile names a self-managed instance.
HOSTS = {
    "github": {"api": "https://api.github.com", "images": ["https://avatars.githubusercontent.com",
                                                            "https://raw.githubusercontent.com"]},
    "gitlab": {"api": "https://gitlab.com", "images": ["https://gitlab.com", "https://secure.gravatar.com"]},
}


def settings(profile: Profile) -> dict | None:
    """The profile's `cms:` block when the CMS is enabled, or a local-only one for `make edit`."""
    cms = profile.data.get("cms") or {}
    if os.environ.get(LOCAL_BACKEND):
        # decap-server writes straight into the working tree: no pull requests to review.
        return {"backend": "github", "repo": "local/working-tree", "branch": "main", **cms,
                "editorial_workflow": False, "local_backend": os.environ[LOCAL_BACKEND]}
    if not cms or cms.get("enabled") is False:
        return None
    return cms


# --- fields from JSON Schema -------------------------------------------------------------

def _resolve(node: dict, root: dict) -> dict:
    """A schema node with its $ref followed (local refs only), keeping the node's description."""
    while "$ref" in node:
        target = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def field(name: str, node: dict, required: bool, root: dict) -> dict | None:
    """The Decap field for one schema property, or None for what an editor should not touch.

    The mapping is generic (type, enum, format, pattern, items, properties), so a new or
    changed schema property shows up in the CMS without editing any CMS configuration.
    """
    node = _resolve(node, root)
    out: dict = {"name": name, "label": _label(name), "required": required}
    if node.get("description"):
        out["hint"] = node["description"]
    types = node.get("type")
    nullable = isinstance(types, list) and "null" in types
    if isinstance(types, list):
        types = next((t for t in types if t != "null"), None)
    if nullable:
        out["required"] = False
    if "const" in node:
        return {**out, "widget": "hidden", "default": node["const"]}
    if "enum" in node:
        options = [value for value in node["enum"] if isinstance(value, str)]
        return {**out, "widget": "select", "options": options}
    if "oneOf" in node or "anyOf" in node:
        # No Decap widget holds "one of several shapes": edit the value as JSON (also YAML).
        return {**out, "widget": "ungsoc-json"}
    if types == "string":
        if node.get("format") == "date":
            # the editor's own calendar day (a UTC picker would say "yesterday" after midnight)
            return {**out, "widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                    "time_format": False, "picker_utc": False}
        widget = "text" if node.get("maxLength", 0) > 120 or name in ("description", "definition", "summary") else "string"
        out["widget"] = widget
        if "pattern" in node:
            out["pattern"] = [node["pattern"], node.get("description", f"must match {node['pattern']}")]
        return out
    if types in ("integer", "number"):
        out.update(widget="number", value_type="int" if types == "integer" else "float")
        if "minimum" in node:
            out["min"] = node["minimum"]
        if "maximum" in node:
            out["max"] = node["maximum"]
        return out
    if types == "boolean":
        return {**out, "widget": "boolean"}
    if types == "array":
        items = _resolve(node.get("items", {}), root)
        if "enum" in items:
            return {**out, "widget": "select", "multiple": True,
                    "options": [v for v in items["enum"] if isinstance(v, str)]}
        inner = field("item", items, True, root)
        if inner is None:
            return None
        out["widget"] = "list"
        if inner["widget"] == "object":
            out["fields"] = inner["fields"]
        else:
            out["field"] = {k: v for k, v in inner.items() if k != "hint"}
        if node.get("minItems"):
            out["min"] = node["minItems"]
        return out
    if types == "object" or "properties" in node or "patternProperties" in node:
        keys = list(node.get("properties", {}))
        sub = {key: node["properties"][key] for key in keys}
        if not keys and "propertyNames" in node:
            # A text per language ({sv, da, no}): one field per language, side by side.
            pattern = next(iter(node.get("patternProperties", {}).values()), {"type": "string"})
            keys = list(node["propertyNames"].get("enum", []))
            sub = {key: pattern for key in keys}
        if not keys:
            return None  # free-form objects (e.g. `search:`) stay as they are in the file
        # Decap checks the fields of an optional object even when the object is left empty, so
        # inside an optional object nothing is required here; `ungsoc check` still checks them.
        inner_required = node.get("required", []) if required else []
        fields = [f for key in keys if (f := field(key, sub[key], key in inner_required, root))]
        return {**out, "widget": "object", "fields": fields, "collapsed": False}
    return None


def fields_from_schema(schema_file: Path, only: list[str] | None = None) -> list[dict]:
    root = schema.load_schema(schema_file)
    required = root.get("required", [])
    names = only or list(root.get("properties", {}))
    return [f for name in names if (f := field(name, root["properties"][name], name in required, root))]


# --- collections ---------------------------------------------------------------------------

def sections(docs_dir: Path, default_language: str, content_dir: Path) -> list[str]:
    """Each top-level folder of the default language's pages, plus `local` for a fork's own,
    in the reader's order of content/order.yml (unlisted folders last, by name)."""
    from ungsoc.navorder import load_order

    order, _ = load_order(content_dir)  # a broken order file is reported by the build itself
    listed = order.sections if order else []
    found = {p.name for p in (docs_dir / default_language).iterdir() if p.is_dir()} | {"local"}
    return sorted(found, key=lambda name: (listed.index(name) if name in listed else len(listed), name))


# A required field with an obvious value is filled in as soon as the editor writes a title or
# text in that language. Decap's own `default` cannot do this: it goes into every language
# of a new entry, and Decap writes a file for each language that has any value, so a page
# nobody translated would appear as a Norwegian file holding only "reviewed: <today>".
# The widget `ungsoc-default` (ungsoc/admin/ungsoc-cms.js) wraps the field's own widget.
WRITTEN_DEFAULT = "ungsoc-default"
TODAY = "today"


def written_default(f: dict, section: str) -> str | None:
    """What a required page field is filled with once a language is written, or None."""
    if not f["required"]:
        return None
    if f["widget"] == "datetime":
        return TODAY  # `reviewed`: written today is checked today
    if f["widget"] == "select" and not f.get("multiple") and section in f.get("options", []):
        return section  # `audience`: a page in youth/ is for youth
    return None


def page_collection(section: str, label: str, content_dir: Path) -> dict:
    fields = fields_from_schema(content_dir / "page.schema.json")
    for f in fields:
        f["i18n"] = True
        if f["name"] == "title":
            # Decap names a new file after its title, so the CMS asks for one.
            f.update(required=True, hint="the page title; also the file name of a new page")
        default = written_default(f, section)
        if default is not None:
            f.update(widget=WRITTEN_DEFAULT, base_widget=f["widget"], default_when_written=default)
    # Markdown as written: the rich-text mode rewrites what it does not know (admonitions,
    # attribute lists, abbreviations) and escapes placeholders, so it stays off.
    body = {"name": "body", "label": "Text", "widget": "markdown", "i18n": True,
            "modes": ["raw"], "editor_components": [],
            "hint": "Markdown. Numbers and contacts as placeholders, e.g. {{ phone.child_helpline }}."}
    return {"name": section, "label": label, "folder": "docs", "path": f"{section}/{{{{slug}}}}",
            "extension": "md", "format": "ungsoc-md", "create": True, "i18n": True,
            "identifier_field": "title", "slug": "{{slug}}",
            "summary": "{{title}}", "fields": [*fields, body]}


def records_collection(content_dir: Path, folder: str) -> dict:
    fields = fields_from_schema(content_dir / "intervention.schema.json")
    return {"name": "interventions_records", "label": "Intervention records", "folder": folder,
            "extension": "yml", "format": "ungsoc-yml", "create": True, "identifier_field": "id",
            "slug": "{{id}}", "summary": "{{id}}", "fields": fields}


def glossary_collection(content_dir: Path, folder: str, languages: list[str]) -> dict:
    fields = fields_from_schema(content_dir / "glossary.schema.json")
    return {"name": "glossary", "label": "Glossary", "format": "ungsoc-yml",
            "files": [{"name": f"glossary_{language}", "label": f"Glossary ({language})",
                       "file": f"{folder}/{language}.yml", "fields": fields} for language in languages]}


def profile_collection(content_dir: Path, profile_file: str) -> dict:
    # Only what an editor answers for; name, colours, languages and URLs stay with developers.
    fields = fields_from_schema(content_dir / "municipality.schema.json", only=["contacts"])
    return {"name": "municipality", "label": "Contacts and opening hours", "format": "ungsoc-yml",
            "files": [{"name": "contacts", "label": "Contacts and opening hours", "file": profile_file,
                       "fields": fields}]}


def config(cms: dict, profile: Profile, root: Path, docs_dir: Path, content_dir: Path, profile_file: str,
           section_labels: dict[str, str]) -> dict:
    content = content_dir.relative_to(root).as_posix() if content_dir.is_absolute() else content_dir.as_posix()
    backend = {"name": cms["backend"], "repo": cms["repo"], "branch": cms.get("branch", "main")}
    for key in ("base_url", "api_root", "auth_endpoint", "app_id"):
        if cms.get(key):
            backend[key] = cms[key]
    if cms["backend"] == "gitlab" and cms.get("app_id"):
        backend["auth_type"] = "pkce"
    out = {"backend": backend}
    if cms.get("editorial_workflow", True):
        out["publish_mode"] = "editorial_workflow"
    if cms.get("local_backend"):
        out["local_backend"] = {"url": cms["local_backend"]}
    out.update({
        "locale": {"no": "nb_no"}.get(profile.default_language, profile.default_language),
        "site_url": profile.data["site_url"],
        "media_folder": f"{content}/assets",
        # ASCII file names (å, æ, ø -> a, ae, o): addresses that survive every host and tool
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "i18n": {"structure": "multiple_folders", "locales": list(profile.languages),
                 "default_locale": profile.default_language},
        "collections": [
            *[page_collection(section, section_labels.get(section, _label(section)), content_dir)
              for section in sections(docs_dir, profile.default_language, content_dir)],
            records_collection(content_dir, f"{content}/interventions"),
            glossary_collection(content_dir, f"{content}/glossary", list(profile.languages)),
            profile_collection(content_dir, profile_file),
        ],
    })
    return out


# --- the /admin/ folder ----------------------------------------------------------------------

STYLESHEET = re.compile(r'<link[^>]+rel="stylesheet"[^>]*>')
HREF = re.compile(r'href="([^"]+)"')


def reader_stylesheets(site_dir: Path) -> list[str]:
    """The stylesheets a reader page loads (Material's, and the site's with the brand colours), as URLs
    relative to the site root: the preview shows a page the way readers see it."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    return [HREF.search(tag).group(1) for tag in STYLESHEET.findall(html) if HREF.search(tag)]


def preview_data(profile: Profile, stylesheets: list[str], lix_limits: dict, page_collections: list[str]) -> str:
    data = {
        "page_collections": page_collections,
        "languages": list(profile.languages),
        "default_language": profile.default_language,
        "placeholders": {language: placeholders.values(profile, language) for language in profile.languages},
        "stylesheets": stylesheets,
        "lix_limits": lix_limits,
    }
    return "// Generated by ungsoc at build time from the profile and mkdocs.yml.\nwindow.UNGSOC_CMS = " + \
        json.dumps(data, ensure_ascii=False, indent=1) + ";\n"


def policy(cms: dict) -> str:
    """/admin/'s own Content-Security-Policy: the CMS needs more than reader pages allow.

    Decap CMS styles with runtime CSS-in-JS ('unsafe-inline' styles) and compiles its config
    validator at run time ('unsafe-eval'); it talks to the git host's API and shows images
    from it. Nothing else leaves the site: no CDN, no fonts, no analytics.
    """
    host = HOSTS[cms["backend"]]
    connect = ["'self'", cms.get("api_root") or host["api"]]
    if cms.get("base_url"):
        connect.append(cms["base_url"])
    if cms.get("local_backend"):
        local = urlsplit(cms["local_backend"])
        connect.append(f"{local.scheme}://{local.netloc}")
    origins = sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in connect if u != "'self'"})
    images = sorted({*host["images"], *origins})
    return "; ".join([
        "default-src 'none'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        " ".join(["img-src 'self' data: blob:", *images]),
        # blob: Decap keeps unsaved drafts in the browser and reads them back as blob: URLs
        " ".join(["connect-src 'self'", *origins, "blob:"]),
        "font-src 'self' data:",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ])


def write_admin(site_dir: Path, root: Path, cms_config: dict, data_js: str, csp: str) -> list[Problem]:
    """Write /admin/ into the built site: Decap's bundle from node_modules, the generated
    config, and the site's own preview and LIX scripts."""
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file() or not (root / JS_YAML).is_file():
        return [Problem("content/municipality.yml", None, "cms",
                        "the CMS is enabled but node_modules/decap-cms is missing: run `npm ci "
                        "--no-audit --no-fund --ignore-scripts` (Node.js is needed only with the CMS on)")]
    admin = site_dir / ADMIN
    if admin.exists():
        shutil.rmtree(admin)
    admin.mkdir(parents=True)
    # The bundle loads its chunks and WebAssembly from its own folder; source maps stay out.
    for file in dist.iterdir():
        if file.name.endswith("decap-cms.js") or file.suffix == ".wasm":
            shutil.copy2(file, admin / file.name)
    shutil.copy2(dist / "decap-cms.js.LICENSE.txt", admin / "decap-cms.js.LICENSE.txt")
    shutil.copy2(root / JS_YAML, admin / "js-yaml.min.js")
    html = (ASSETS / "index.html").read_text(encoding="utf-8").replace("{csp}", security.meta_policy(csp))
    (admin / "index.html").write_text(html, encoding="utf-8")
    for file in ("ungsoc-init.js", "ungsoc-cms.js", "ungsoc-cms.css", "lix.js"):
        shutil.copy2(ASSETS / file, admin / file)
    (admin / "config.yml").write_text(
        "# Generated by ungsoc at build time from content/*.schema.json; rebuild instead of editing.\n"
        + yaml.safe_dump(cms_config, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    (admin / "ungsoc-data.js").write_text(data_js, encoding="utf-8")
    return []
