"""Every content validation, in one place: `ungsoc check` runs it, and so does the build.

The build loads the project through `load_project` in `on_config` (again only when a file
changed, so `mkdocs serve` stays fast) and fails with the same problems `ungsoc check`
prints; check never renders the theme. Each problem names the source file and line.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ungsoc import buildcache, feedback, frontmatter, glossary, lessons, placeholders, readability, records, schema
from ungsoc.errors import Problem, shown
from ungsoc.profile import LANGUAGES, Profile, load_profile
from ungsoc.yamlsource import load, read_text, text_problems

# Data files under content/ and the schema each must follow (the glossary, records,
# questionnaire and national files have loaders of their own with further rules).
DATA_FILES = {"ui/*.yml": "ui.schema.json", "national/*.yml": "national.schema.json"}

# Markup in a page that a strict Content-Security-Policy would have to trust or block.
# Fenced and inline code are left out (a page may show markup as an example).
CONTENT_MARKUP = [
    (re.compile(r"<script\b", re.I), "<script>", "a script in page content; the site's policy trusts only its own "
                                                  "template scripts: remove it (ask a developer for a template change)"),
    (re.compile(r"<[a-z][^<>]*?\s(on[a-z]+)\s*=", re.I), None, "an inline event handler in page content is never "
                                                                "allowed: remove the attribute"),
    (re.compile(r"javascript:", re.I), "javascript:", "a javascript: URL in page content is never allowed: link to a page"),
    (re.compile(r"<style\b", re.I), "<style>", "a style element in page content; put styles in overrides/assets"),
    (re.compile(r"<[a-z][^<>]*?\s(style)\s*=", re.I), None, "an inline style attribute; a strict CSP blocks it: "
                                                             "use a class from the site's stylesheet"),
    (re.compile(r"""(?:<(?:img|iframe|video|audio|source|script|link|embed|object)\b[^<>]*?\s(?:src|href|data)\s*=\s*["']?"""
                r"""|!\[[^\]]*\]\()\s*(?:https?:)?//""", re.I), "external asset",
     "loads a file from another site, which the site never does: save the file under docs/ and link to it"),
]
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
from ungsoc.profile import profile_path


def mask_code(markdown: str) -> str:
    """The Markdown with fenced and inline code blanked out, lines kept where they were."""
    out, fence = [], None
    for line in markdown.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(2)[0] * len(match.group(2))
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append("")
        else:
            out.append(INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(out)


def markup_problems(body: str, file: str, first_line: int) -> list[Problem]:
    masked, problems = mask_code(body), []
    for pattern, label, message in CONTENT_MARKUP:
        for match in pattern.finditer(masked):
            line = first_line + masked.count("\n", 0, match.start())
            problems.append(Problem(file, line, label or f"{match.group(1)}=", message))
    return problems


def check_page(path: Path, display: str, language: str | None, profile: Profile | None, limits,
               content_dir: Path, today: datetime.date | None = None) -> list[Problem]:
    """Everything that can be wrong with one page's source."""
    source, problems = read_text(path, display)
    if source is None:
        return problems
    problems = text_problems(source, display)
    if problems:
        return problems
    front = frontmatter.read(source, display, content_dir, today)
    problems = list(front.problems)
    body = "\n".join(source.split("\n")[front.body_start:])
    first_line = front.body_start + 1
    known = known_placeholders(profile, language)
    problems += placeholders.check(body, display, first_line, known or None)
    problems += markup_problems(body, display, first_line)
    filled = placeholders.fill(body, known)[0]
    problems += readability.check(filled, front.meta.get("audience"), limits, display)
    lesson = front.meta.get("lesson")
    if isinstance(lesson, dict) and lessons.lesson_meta(source) and language:
        problems += lessons.check(lesson, body, language, display)
        steps = "\n".join(str(step.get("do", "")) for step in lesson.get("steps") or [] if isinstance(step, dict))
        problems += [dataclasses.replace(p, line=2) for p in placeholders.check(steps, display, 2, known or None)]
    return problems


def known_placeholders(profile: Profile | None, language: str | None) -> dict[str, str]:
    """The placeholders a page in this language may use, with their values."""
    return placeholders.values(profile, language) if profile and language in profile.languages else {}


# The installed packages whose behaviour check_page's answer depends on (schema checks, YAML).
CHECK_PACKAGES = ("jsonschema", "PyYAML")


def page_checker(profile: Profile | None, limits, content_dir: Path, today: datetime.date | None,
                 cache: Path | None) -> Callable[[Path, str, str | None], list[Problem]]:
    """check_page for one load of the project: (path, display, language) -> problems.

    With a cache (buildcache.folder), each page's problems are kept under everything they
    depend on: the page's bytes, the name messages give it, its language and the placeholders
    it may use, the LIX limits, the content folder's schemas, the date (a `reviewed` date may
    not be in the future) and the code that checks (buildcache.code_version). Checking every
    page again was most of loading the project: now a build checks only the pages that changed."""
    def check(path: Path, display: str, language: str | None) -> list[Problem]:
        return check_page(path, display, language, profile, limits, content_dir, today)

    if cache is None:
        return check
    shared = buildcache.key(json.dumps(dict(limits), sort_keys=True),
                            (today or datetime.date.today()).isoformat(),
                            *(part for schema_file in sorted(content_dir.glob("*.schema.json"))
                              for part in (schema_file.name, schema_file.read_bytes())))
    by_language: dict[str | None, str] = {}

    def cached_check(path: Path, display: str, language: str | None) -> list[Problem]:
        try:
            data = path.read_bytes()
        except OSError:  # check_page names the reason
            return check(path, display, language)
        if language not in by_language:
            by_language[language] = buildcache.key(shared, language or "",
                                                   json.dumps(known_placeholders(profile, language), sort_keys=True))
        kept = buildcache.cached_json(cache, "ungsoc-checks", (by_language[language], display, data),
                                      lambda: [dataclasses.astuple(problem) for problem in check(path, display, language)],
                                      *CHECK_PACKAGES)
        return [Problem(*fields) for fields in kept]

    return cached_check


def check_data_files(content_dir: Path) -> list[Problem]:
    problems = []
    for pattern, schema_name in DATA_FILES.items():
        for path in sorted(content_dir.glob(pattern)):
            doc, found = load(path, shown(path))
            problems += found if doc is None else schema.validate(doc, content_dir / schema_name)
    return problems


def demo_problem(profile: Path) -> list[Problem]:
    """Publishing refuses the demo profile: its municipality numbers are fictional."""
    doc, problems = load(profile, shown(profile))
    if doc is None or not isinstance(doc.data, dict) or not doc.data.get("demo"):
        return []
    return [doc.problem(("demo",), "this is the demo profile, whose numbers are not real: refusing to publish it. "
                        "Write your own with `ungsoc new-municipality` (it writes content/municipality.yml), "
                        "or remove `demo: true` from a profile you have made real")]


@dataclass
class Project:
    """What the build needs from content/ and docs/, and every problem found in them."""
    profile: Profile | None = None
    terms: dict[str, list[dict]] = field(default_factory=dict)
    records: list[dict] = field(default_factory=list)
    questionnaire: dict | None = None
    problems: list[Problem] = field(default_factory=list)
    signature: tuple = ()


def signature(*folders_and_files: Path) -> tuple:
    """What changed since the last load: path, size and time of every file (cheap: no reading)."""
    entries = []
    for item in folders_and_files:
        if item.is_file():
            stat = item.stat()
            entries.append((str(item), stat.st_size, stat.st_mtime_ns))
        elif item.is_dir():
            for folder, _, names in os.walk(item):
                for name in names:
                    try:
                        stat = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    entries.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


def load_project(root: Path, profile_path: Path, content_dir: Path, docs_dir: Path, limits,
                 previous: Project | None = None, today: datetime.date | None = None,
                 cache: Path | None = None) -> Project:
    """Load and check everything; reuse `previous` when no file has changed since. With a
    cache (buildcache.folder), pages unchanged since a build that used it are not checked again."""
    root = root.resolve()
    sig = signature(profile_path, content_dir, docs_dir)
    if previous is not None and previous.signature == sig:
        return previous
    project = Project(signature=sig)
    project.profile, problems = load_profile(profile_path, root, content_dir)
    languages = project.profile.languages if project.profile else list(LANGUAGES)
    for language in languages:
        project.terms[language], found = glossary.load_terms(content_dir, language)
        problems += found
    project.questionnaire, found = feedback.load_questionnaire(content_dir)
    problems += found
    project.records, found = records.load_records(content_dir)
    problems += found + check_data_files(content_dir)
    check = page_checker(project.profile, limits, content_dir, today, cache)
    for page in sorted(docs_dir.rglob("*.md")):
        relative = page.relative_to(docs_dir).parts
        language = relative[0] if relative[0] in LANGUAGES else None
        problems += check(page, shown(page), language)
    # One message per problem, in file order (a file may be reached twice, e.g. national data).
    # A problem with a whole file (empty, too large, unreadable) points at its first line.
    problems = [p if p.line else dataclasses.replace(p, line=1) for p in problems]
    unique = {str(p): p for p in problems}
    project.problems = sorted(unique.values(), key=lambda p: (p.file, p.line or 0))
    return project


def check_all(root: Path, publish: bool = False) -> list[Problem]:
    """`ungsoc check`: the problems the build would report, with the docs folder, content
    folder, profile and limits the build reads (mkdocs.yml)."""
    from ungsoc.config import load_mkdocs_yml

    root = root.resolve()
    mkdocs_config, config = load_mkdocs_yml(root / "mkdocs.yml")
    content_dir, docs_dir = Path(config.content_dir), Path(mkdocs_config.docs_dir)
    profile = profile_path(root, config.profile, content_dir)
    project = load_project(root, profile, content_dir, docs_dir, config.lix_limits)
    return sorted((demo_problem(profile) if publish else []) + project.problems + link_problems(docs_dir, project.profile)
                  + order_problems(content_dir, docs_dir, project.records), key=lambda p: (p.file, p.line or 0))


def order_problems(content_dir: Path, docs_dir: Path, records: list[dict]) -> list[Problem]:
    """content/order.yml: readable, and every entry names a page (the build checks too, and
    that every page is placed, once it has each language's navigation)."""
    from ungsoc import navorder

    order, problems = navorder.load_order(content_dir, shown(content_dir))
    return problems + (navorder.stale_entries(order, navorder.site_pages(docs_dir, records)) if order else [])


def link_problems(docs_dir: Path, profile: Profile | None) -> list[Problem]:
    """Internal links and anchors (the build has MkDocs' own check for these)."""
    from ungsoc import accessibility, lessons, links

    pages, starts = {}, {}
    for path, file in links.read_pages(docs_dir).items():
        source, _ = read_text(file, "")
        if source is not None:
            _, starts[path] = frontmatter.split(source)
            pages[path] = "\n".join(source.split("\n")[starts[path]:])
    languages = profile.languages if profile else list(LANGUAGES)
    default = profile.default_language if profile else LANGUAGES[0]
    generated = {glossary.PATH, accessibility.PATH, feedback.PATH, lessons.PATH}
    return links.check(pages, languages, default, generated, starts)
