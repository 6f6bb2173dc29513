"""The municipality profile (content/municipality.yml): load, validate, and derive settings.

Upstream does not track content/municipality.yml: a fork writes its own (`ungsoc
new-municipality`), so upstream edits to the demo never conflict with it. Without one, the
build uses the demo profile (content/examples/municipality.yml) and says on every page that
its numbers are not real.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from ungsoc import schema
from ungsoc.colour import DARK_TEXT, contrast, mix
from ungsoc.errors import Problem, shown
from ungsoc.languages import LANGUAGES, pick
from ungsoc.yamlsource import YamlDoc, load, parse

WCAG_AA_TEXT = 4.5
PROFILE = "content/municipality.yml"
DEMO_PROFILE = "content/examples/municipality.yml"


def profile_path(root: Path, configured: str = PROFILE, content_dir: Path | None = None) -> Path:
    """The profile a build uses: the fork's own, else the upstream demo (examples/ in the
    content folder)."""
    own = root / configured
    demo = (content_dir if content_dir is not None else root / "content") / "examples" / "municipality.yml"
    demo = demo if demo.is_absolute() else root / demo
    return own if own.is_file() or not demo.is_file() else demo


@dataclass
class Profile:
    data: dict
    nationals: dict[str, dict]  # national numbers per country code
    root: Path

    @property
    def demo(self) -> bool:
        """The upstream demo (fictional numbers): every page says so, Pages jobs refuse it."""
        return bool(self.data.get("demo"))

    @property
    def languages(self) -> list[str]:
        return self.data["languages"]

    @property
    def hidden_sections(self) -> list[str]:
        return self.data.get("hide_sections") or []

    @property
    def default_language(self) -> str:
        return self.data["default_language"]

    @property
    def country(self) -> str:
        return self.data["country"]

    def country_of(self, language: str) -> str:
        """Whose national numbers pages in this language show: the profile's country unless
        `language_countries` says otherwise (the upstream demo shows each country's own)."""
        return (self.data.get("language_countries") or {}).get(language, self.country)

    def national(self, language: str) -> dict:
        return self.nationals[self.country_of(language)]

    def quick_exit_url(self, language: str) -> str:
        return self.data.get("quick_exit_url") or self.national(language)["quick_exit_url"]

    def name(self, language: str) -> str:
        return self.data["name"][language]

    def text(self, value: dict | None, language: str) -> str:
        """A per-language text in the reader's language, else the default language's."""
        return pick(value or {}, language, [self.default_language, *(value or {})])[0] or ""


def text_contrast(primary: str, text: str) -> float:
    """Contrast of text on the primary colour and on its darker variant (the help-now banner)."""
    return min(contrast(primary, text), contrast(mix(primary, "#000000", 0.2), text))


def _is_colour(value) -> bool:
    return isinstance(value, str) and re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value) is not None


def tel(number: str) -> str:
    """A number as a tel: URI: digits and a leading '+' only."""
    return "tel:" + re.sub(r"[^0-9+]", "", number)


def _semantic_problems(doc: YamlDoc, root: Path) -> list[Problem]:
    """Rules a JSON Schema cannot express: cross-field rules, files, contrast."""
    data, problems = doc.data, []
    languages = [lang for lang in data.get("languages", []) if lang in LANGUAGES]
    default = data.get("default_language")
    if default in LANGUAGES and languages and default not in languages:
        problems.append(doc.problem(("default_language",),
                                    f"'{default}' is not enabled; expected one of languages: {', '.join(languages)}"))
    names = data.get("name")
    if isinstance(names, dict):
        for lang in languages:
            if not names.get(lang):
                problems.append(doc.problem(("name",), f"missing the name in '{lang}'; every enabled language needs one"))
    for key in ("logo", "favicon"):
        value = data.get(key)
        if isinstance(value, str) and value.endswith((".svg", ".png")):
            if not (root / value).is_file():
                problems.append(doc.problem((key,), f"file '{value}' not found; expected a path relative to the repository"))
            else:
                reason = image_problem(root / value)
                if reason:
                    problems.append(doc.problem((key,), f"'{value}' {reason}"))
    site_url, exit_url = data.get("site_url"), data.get("quick_exit_url")
    if isinstance(site_url, str) and isinstance(exit_url, str) and same_site(exit_url, site_url):
        problems.append(doc.problem(("quick_exit_url",), f"'{exit_url}' is on the site itself ({site_url}); the quick exit "
                                                         "must leave for a neutral site elsewhere, e.g. a weather or news site"))
    colours = data.get("colors") or {}
    text_on_primary = colours.get("primary_text") or "#ffffff"
    if not _is_colour(text_on_primary):
        text_on_primary = "#ffffff"  # the schema reports it
    checks = {"primary": (text_on_primary, "white text on it" if text_on_primary == "#ffffff" else "text in primary_text on it"),
              "accent": ("#ffffff", "it as text on white")}
    for key, (other, use) in checks.items():
        value = colours.get(key)
        if _is_colour(value):
            ratio = text_contrast(value, other) if key == "primary" else contrast(value, other)
            if ratio < WCAG_AA_TEXT:
                with_what = "white" if other == "#ffffff" else f"primary_text '{other}'"
                advice = "choose a darker colour"
                if key == "primary" and other == "#ffffff" and text_contrast(value, DARK_TEXT) >= WCAG_AA_TEXT:
                    advice += f", or keep it with dark text: add primary_text: \"{DARK_TEXT}\" under colors"
                problems.append(doc.problem(("colors", key),
                    f"'{value}' has contrast {ratio:.2f}:1 with {with_what}, too low for {use}; "
                    f"expected at least {WCAG_AA_TEXT}:1 (WCAG AA): {advice}"))
    accessibility = data.get("accessibility") or {}
    required = {"se": ["status", "assessed", "feedback_email"], "dk": ["was_url"], "no": ["uustatus_url"]}
    for key in required.get(data.get("country"), []):
        if key not in accessibility:
            problems.append(doc.problem(("accessibility",),
                f"missing '{key}', which the accessibility statement for country '{data['country']}' requires"))
    # Digg's template: a site that is not fully accessible lists what is not.
    if data.get("country") == "se" and accessibility.get("status") in ("partial", "none") \
            and not accessibility.get("known_gaps"):
        problems.append(doc.problem(("accessibility", "known_gaps"),
            f"missing, but status is '{accessibility['status']}'; expected a list of what is not accessible "
            "(Digg's statement template requires it)"))
    return problems


MAX_IMAGE_BYTES = 500_000


def image_problem(path: Path) -> str | None:
    """Why a logo or favicon file is not a usable PNG or SVG image (None when it is)."""
    data = path.read_bytes()[:MAX_IMAGE_BYTES + 1]
    if len(data) > MAX_IMAGE_BYTES:
        return f"is larger than the limit of {MAX_IMAGE_BYTES:,} bytes; export a smaller image"
    if path.suffix == ".png":
        return None if data.startswith(b"\x89PNG\r\n\x1a\n") else "is not a PNG image; export the logo as PNG or SVG"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not an SVG image (not UTF-8 text); export the logo as SVG or PNG"
    if "<!ENTITY" in text or "<!DOCTYPE" in text.upper() and "[" in text.split("<svg", 1)[0]:
        return "declares XML entities, which are not allowed in an SVG here; export it again without them"
    try:
        element = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return f"is not a valid SVG image (XML error: {error}); export the logo as SVG or PNG again"
    if not element.tag.endswith("svg"):
        return "is not an SVG image (its root element is not <svg>); export the logo as SVG or PNG"
    if re.search(r"<script|\son[a-z]+\s*=|javascript:", text, re.I):
        return "contains a script; an SVG logo may hold only shapes and text"
    return None


def same_site(url: str, site_url: str) -> bool:
    """Whether url leads to the site at site_url (or is relative, which is the same)."""
    target, site = urlsplit(url), urlsplit(site_url)
    if not target.netloc:
        return True
    return target.netloc.lower() == site.netloc.lower() and target.path.startswith(site.path or "/")


def validate_doc(doc: YamlDoc, root: Path, content_dir: Path) -> list[Problem]:
    if doc.data is None:
        return [Problem(doc.file, None, "", "the profile is empty; start from `ungsoc new-municipality` or the README example")]
    if not isinstance(doc.data, dict):
        return [Problem(doc.file, 1, "", "expected a mapping of fields (name:, country:, ...) at the top level")]
    problems = schema.validate(doc, content_dir / "municipality.schema.json")
    return problems + _semantic_problems(doc, root)


def load_national(country: str, content_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = content_dir / "national" / f"{country}.yml"
    doc, problems = load(path, shown(path))
    if doc is None:
        return None, problems
    problems = schema.validate(doc, content_dir / "national.schema.json")
    return (None if problems else doc.data), problems


def load_profile(path: Path, root: Path, content_dir: Path) -> tuple[Profile | None, list[Problem]]:
    display = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    doc, problems = load(path, display)
    if doc is None:
        return None, problems
    problems = validate_doc(doc, root, content_dir)
    if problems:
        return None, problems
    nationals: dict[str, dict] = {}
    for country in sorted({doc.data["country"], *(doc.data.get("language_countries") or {}).values()}):
        nationals[country], found = load_national(country, content_dir)
        problems += found
    if problems:
        return None, problems
    if not doc.data["site_url"].endswith("/"):  # links into the 404 page are built from it
        doc.data["site_url"] += "/"
    return Profile(doc.data, nationals, root), []


def check_text(text: str, display: str, root: Path, content_dir: Path) -> list[Problem]:
    """Validate profile text that is not (yet) a file, e.g. from `ungsoc new-municipality`."""
    doc, problems = parse(text, display)
    return problems if doc is None else validate_doc(doc, root, content_dir)
