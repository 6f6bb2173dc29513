"""A table of bad inputs an editor can make: each one is found, named by file and line,
without a traceback, and nothing is published.

The table runs `ungsoc check` in-process on one copy of the project (each case edits it and
puts it back); one end-to-end build shows that the build stops on the same problems as
check and keeps the previous site/.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_LANGUAGE, build, copy_project
from test_atomic_build import tree_digest
from ungsoc import cli, content
from ungsoc.config import from_mkdocs_yml
from ungsoc.profile import load_profile
from ungsoc.yamlsource import MAX_FILE_BYTES

PAGE = f"docs/{DEFAULT_LANGUAGE}/youth/bad-input.md"  # a page in a language the profile publishes
FRONT = "---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Rubrik\n\n"


def append(text):
    return lambda old: old + text


def replace(text):
    return lambda old: text


def page(body, front=FRONT):
    return {PAGE: replace(front + body)}


def lines_of(text: str) -> int:
    return len(text.splitlines())


class P:
    """Files of this project whose names come from its configuration, not from the demo."""

    def __init__(self, project: Path):
        self.profile = from_mkdocs_yml(project / "mkdocs.yml").profile
        data = yaml.safe_load((project / self.profile).read_text(encoding="utf-8"))
        self.site_url, self.logo = data["site_url"], data["logo"]
        self.default = data["default_language"]


# (id, {path or profile key: change}, expected text, expected line: int, "end" (the last
# line after the change) or None for "any line number")
CASES = [
    # The profile
    ("profile-duplicate-key", {"PROFILE": append("country: se\n")}, "duplicate key", "end"),
    ("profile-unquoted-no-key", {"PROFILE": append("extra_names:\n  no: Noreg\n")}, 'unquoted no is read as false; write "no"', "end"),
    ("profile-tab", {"PROFILE": append("contacts_extra:\n\tphone: 1\n")}, "tab in indentation", "end"),
    ("profile-conflict-markers", {"PROFILE": append("<<<<<<< HEAD\nx: 1\n=======\nx: 2\n>>>>>>> theirs\n")},
     "merge-conflict marker", None),
    ("profile-alias-bomb", {"PROFILE": append('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n')},
     "aliases (*name) are not allowed", None),
    ("profile-invalid-date", {"PROFILE": append("assessed_on: 2026-13-45\n")}, "'2026-13-45' is not a valid date", "end"),
    ("profile-binary", {"PROFILE": lambda old: b"\x00\x01\x02binary"}, "binary data, not text", 1),
    ("profile-latin-1", {"PROFILE": lambda old: "name:\n  sv: Köping\n".encode("latin-1")}, "not UTF-8", 2),
    ("profile-oversized", {"PROFILE": append("# " + "x" * MAX_FILE_BYTES + "\n")}, f"the limit is {MAX_FILE_BYTES:,} bytes", 1),
    ("profile-syntax", {"PROFILE": append("broken: [unclosed\n")}, "YAML syntax error", None),
    ("profile-empty", {"PROFILE": replace("")}, "the profile is empty", 1),
    ("profile-not-mapping", {"PROFILE": replace("- a\n- b\n")}, "expected a mapping", 1),
    ("profile-unknown-key", {"PROFILE": append("colour_scheme: dark\n")}, "unknown key", "end"),
    ("profile-quick-exit-to-itself", {"PROFILE": "QUICK_EXIT_SELF"}, "is on the site itself", "end"),
    ("profile-logo-not-svg", {"LOGO": replace("this is not an image\n")}, "is not a valid SVG image", None),
    ("profile-logo-svg-script", {"LOGO": replace('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')},
     "contains a script", None),
    ("profile-logo-png-garbage", {"content/assets/bad.png": replace("not a png"), "PROFILE": "LOGO_PNG"},
     "is not a PNG image", None),
    # Front matter
    ("page-no-front-matter", {PAGE: replace("# Rubrik\n\nText.\n")}, "no front matter", 1),
    ("page-duplicate-key", page("Text.\n", "---\naudience: youth\naudience: parents\nreviewed: 2026-11-24\n---\n\n"),
     "duplicate key (first on line 2)", 3),
    ("page-unknown-audience", page("Text.\n", "---\naudience: kids\nreviewed: 2026-11-24\n---\n\n"), "'kids' is not allowed", 2),
    ("page-invalid-date", page("Text.\n", "---\naudience: youth\nreviewed: 2026-02-30\n---\n\n"),
     "'2026-02-30' is not a valid date", 3),
    ("page-future-review", page("Text.\n", "---\naudience: youth\nreviewed: 2999-01-01\n---\n\n"), "is in the future", 3),
    ("page-missing-reviewed", page("Text.\n", "---\naudience: youth\n---\n\n"), "reviewed: missing", 2),
    ("page-unknown-key", page("Text.\n", "---\naudience: youth\nreviewd: 2026-11-24\n---\n\n"), "did you mean 'reviewed'", 3),
    ("page-tab", page("Text.\n", "---\naudience: youth\nreviewed: 2026-11-24\nsources:\n\t- https://x.se\n---\n\n"),
     "tab in indentation", 5),
    ("page-front-matter-list", page("Text.\n", "---\n- youth\n---\n\n"), "front matter must be a mapping", 2),
    ("page-bad-translation-of", page("Text.\n", "---\naudience: youth\nreviewed: 2026-11-24\ntranslation_of: x\n---\n\n"),
     "translation_of: 'x' is not valid", 4),
    ("page-unquoted-no", page("Text.\n", "---\naudience: youth\nreviewed: 2026-11-24\nsearch:\n  no: 1\n---\n\n"),
     'unquoted no is read as false', 5),
    # Markdown
    ("page-unknown-placeholder", page("Ring {{ phone.finns_inte }}.\n"), "phone.finns_inte: unknown placeholder", 8),
    ("page-unclosed-placeholder", page("Ring {{ phone.emergency nu.\n"), "is not closed", 8),
    ("page-script", page("Text.\n\n<script>alert(1)</script>\n"), "a script in page content", 10),
    ("page-handler", page('Text.\n\n<a href="#" onclick="x()">Klicka</a>\n'), "inline event handler", 10),
    ("page-javascript-url", page("[Klicka](javascript:alert(1))\n"), "javascript: URL", 8),
    ("page-inline-style", page('<p style="color: red">Röd text.</p>\n'), "inline style attribute", 8),
    ("page-style-element", page("<style>p { color: red }</style>\n"), "style element", 8),
    ("page-external-image", page("![Bild](https://example.org/bild.png)\n"), "loads a file from another site", 8),
    ("page-external-iframe", page('<iframe src="https://example.org/"></iframe>\n'), "loads a file from another site", 8),
    ("page-conflict-markers", page("<<<<<<< HEAD\nEtt.\n=======\nTvå.\n>>>>>>> theirs\n"), "merge-conflict marker", 8),
    ("page-binary", {PAGE: lambda old: b"---\n\x00\xff\xfe"}, "binary data, not text", 2),
    ("page-latin-1", {PAGE: lambda old: (FRONT + "Här är text.\n").encode("latin-1")}, "not UTF-8", 8),
    ("page-oversized", page("Text. " * (MAX_FILE_BYTES // 6 + 10)), f"the limit is {MAX_FILE_BYTES:,} bytes", 1),
    ("page-lix-over-limit", page("Socialförvaltningsadministrationen handläggningsprioriteringsbeslutade "
                                 "barnavårdsutredningsdokumentationen omedelbart myndighetsutövningsansvaret " * 20 + ".\n"),
     "is over the limit", 1),
    ("page-broken-link", page("Se [sidan](finns-inte.md).\n"), "'finns-inte.md' is not a page", 8),
    ("page-broken-anchor", page("Se [rubriken](#finns-inte).\n"), "'#finns-inte' is not a heading", 8),
    # Intervention records
    ("record-age-range", {"content/interventions/aaa-bad.yml": "RECORD_AGES"}, "is greater than age_max", None),
    ("record-id-mismatch", {"content/interventions/aaa-bad.yml": "RECORD_ID"}, "differs from the file name", 2),
    ("record-duplicate-key", {"content/interventions/aaa-bad.yml": "RECORD_DUPLICATE"}, "duplicate key", "end"),
    ("record-empty", {"content/interventions/aaa-bad.yml": replace("")}, "the record is empty", 1),
    ("record-syntax", {"content/interventions/aaa-bad.yml": replace("id: aaa-bad\nname: {sv: x\n")}, "YAML syntax error", None),
    # Glossary
    ("glossary-duplicate-term-case", {"GLOSSARY": "GLOSSARY_CASE"}, "is already explained", "end-1"),
    ("glossary-duplicate-key", {"GLOSSARY": append("terms: []\n")}, "duplicate key", "end"),
    ("glossary-short-definition", {"GLOSSARY": append("  - term: ordet\n    definition: kort\n")}, "terms[", "end"),
    # Questionnaire, interface words, national data
    ("feedback-duplicate-key", {"content/feedback.yml": append("title: {}\n")}, "duplicate key", "end"),
    ("feedback-syntax", {"content/feedback.yml": append("statements: [\n")}, "YAML syntax error", None),
    ("ui-duplicate-key", {"content/ui/sv.yml": append("help_now: Hjälp\n")}, "duplicate key", "end"),
    ("national-binary", {"content/national/se.yml": lambda old: b"\x00\x00"}, "binary data, not text", 1),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("bad") / "project")


def special(action, path: Path, p: P, project: Path):
    """Changes that need the project's own values (never the demo's)."""
    if action == "QUICK_EXIT_SELF":
        return lambda old: re.sub(r"(?m)^quick_exit_url: .*\n", "", old) + f"quick_exit_url: {p.site_url}om/\n"
    if action == "LOGO_PNG":
        return lambda old: re.sub(r"(?m)^logo: .*$", "logo: content/assets/bad.png", old)
    record_text = sorted((project / "content/interventions").glob("[!a]*.yml"))[0].read_text(encoding="utf-8")
    record = yaml.safe_load(record_text)
    record["id"] = "aaa-bad"
    if action == "RECORD_AGES":
        record["target_group"]["age_min"], record["target_group"]["age_max"] = 15, 10
        return replace(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    if action == "RECORD_ID":
        record["id"] = "ett-annat-namn"
        return replace("# a record\n" + yaml.safe_dump(record, allow_unicode=True, sort_keys=False))
    if action == "RECORD_DUPLICATE":
        return replace(yaml.safe_dump(record, allow_unicode=True, sort_keys=False) + "id: aaa-bad\n")
    if action == "GLOSSARY_CASE":
        first = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"][0]["term"]
        return append(f"  - term: {first.upper() if first != first.upper() else first.lower()}\n"
                      "    definition: Samma ord en gång till, med andra bokstäver.\n")
    raise AssertionError(action)


def resolve(key: str, project: Path, p: P) -> Path:
    names = {"PROFILE": p.profile, "LOGO": p.logo, "GLOSSARY": f"content/glossary/{p.default}.yml"}
    return project / names.get(key, key)


def apply(changes: dict, project: Path) -> tuple[dict[Path, bytes | None], dict[str, int]]:
    """Make the changes; return what to put back, and the line count of each changed file."""
    p = P(project)
    saved, ends = {}, {}
    for key, action in changes.items():
        path = resolve(key, project, p)
        if isinstance(action, str):
            action = special(action, path, p, project)
        saved[path] = path.read_bytes() if path.exists() else None
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        new = action(old)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(new, bytes):
            path.write_bytes(new)
        else:
            path.write_text(new, encoding="utf-8")
            ends[key] = lines_of(new)
    return saved, ends


def restore(saved: dict[Path, bytes | None]) -> None:
    for path, data in saved.items():
        if data is None:
            path.unlink()
        else:
            path.write_bytes(data)


def expected_line(line, changes: dict, ends: dict[str, int]):
    if line is None:
        return r"\d+"
    if isinstance(line, str):
        key = next(iter(changes))
        return str(ends[key] - (1 if line == "end-1" else 0))
    return str(line)


def display(key: str, project: Path) -> str:
    return resolve(key, project, P(project)).relative_to(project).as_posix()


def test_the_table_has_at_least_forty_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("changes, text, line", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_names_file_and_line_of_every_bad_input(project, capsys, monkeypatch, changes, text, line):
    monkeypatch.chdir(project)  # files are named relative to where the command runs
    first = next(iter(changes))
    # A bad image is reported at the profile's `logo:` field.
    where = display("PROFILE" if first == "LOGO" or first.endswith(".png") else first, project)
    saved, ends = apply(changes, project)
    try:
        code = cli.main(["--root", str(project), "check"])
        out = capsys.readouterr()
    finally:
        restore(saved)
    output = out.out + out.err
    assert code != 0, output
    assert "Traceback" not in output
    pattern = re.compile(rf"^{re.escape(where)}:{expected_line(line, changes, ends)}: .*{re.escape(text)}", re.M)
    assert pattern.search(output), f"expected {pattern.pattern!r} in:\n{output}"


# Cases that change pages only: their problems come from content.check_page.
PAGE_CASES = [case for case in CASES if all(key.startswith("docs/") for key in case[1])]


def test_kept_page_checks_report_exactly_what_checking_again_reports(project, tmp_path, monkeypatch):
    """A build keeps each page's problems in its cache (content.page_checker): every bad page
    gives, from an empty cache and from a full one, the same messages as checking it again,
    also after the good page was kept; the date and the LIX limits are part of what is kept."""
    monkeypatch.chdir(project)  # files are named relative to where the command runs
    config = from_mkdocs_yml(project / "mkdocs.yml")
    content_dir = Path(config.content_dir)
    profile = load_profile(project / config.profile, project, content_dir)[0]
    cache = tmp_path / "cache"

    def problems(path: str, cache_dir: Path | None, limits=config.lix_limits, today=None) -> list[str]:
        check = content.page_checker(profile, limits, content_dir, today, cache_dir)
        language = path.split("/")[1]
        return [str(problem) for problem in check(project / path, path, language)]

    found_by_page_checks = 0  # the others (broken links) are found once every page is read
    for name, changes, text, _ in PAGE_CASES:
        good = {path: problems(path, cache) for path in changes if (project / path).exists()}
        saved, _ = apply(changes, project)
        try:
            for path in changes:
                again = problems(path, None)
                found_by_page_checks += text in "\n".join(again)
                assert problems(path, cache) == again, name  # not kept yet
                assert problems(path, cache) == again, name  # kept
        finally:
            restore(saved)
        for path, found in good.items():
            assert problems(path, cache) == found, name
    assert found_by_page_checks >= 20

    page = f"docs/{DEFAULT_LANGUAGE}/youth/index.md"
    assert problems(page, cache) == problems(page, None) == []
    earlier = datetime.date(2000, 1, 1)  # every `reviewed` date is after it
    assert "in the future" in "\n".join(problems(page, cache, today=earlier))
    assert problems(page, cache, today=earlier) == problems(page, None, today=earlier)
    strict = {**dict(config.lix_limits), "youth": 1}
    assert "is over the limit 1" in "\n".join(problems(page, cache, limits=strict))
    assert problems(page, cache, limits=strict) == problems(page, None, limits=strict)


def problem_lines(output: str) -> set[str]:
    return {line.strip() for line in output.splitlines() if re.match(r"\s*(docs|content)/\S+:\d+: ", line)}


def test_build_stops_on_the_problems_check_finds_and_keeps_the_site(site, tmp_path, capsys, monkeypatch):
    project = copy_project(tmp_path / "project")
    shutil.copytree(site, project / "site")  # a good build of the same sources (conftest.site)
    monkeypatch.chdir(project)
    before = tree_digest(project / "site")
    chosen = {"profile-duplicate-key", "page-unknown-placeholder", "record-age-range", "glossary-duplicate-term-case",
              "ui-duplicate-key"}  # five different files
    changes = {}
    for case in CASES:
        if case[0] in chosen:
            changes.update(case[1])
    apply(changes, project)

    built = build(project)
    code = cli.main(["--root", str(project), "check"])
    checked = capsys.readouterr().out

    assert built.returncode != 0 and code != 0
    assert "Traceback" not in built.stderr
    assert len(problem_lines(checked)) >= len(chosen)
    assert problem_lines(built.stderr) == problem_lines(checked)
    assert tree_digest(project / "site") == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site-")] == []


def test_only_reviewed_template_scripts_are_trusted(tmp_path):
    from ungsoc import security

    reviewed = next(iter(security.REVIEWED_SCRIPTS))
    (tmp_path / "index.html").write_text("<html><script>var palette=1</script></html>", encoding="utf-8")
    hashes, problems = security.scan(tmp_path)
    assert hashes == []
    assert [p.file for p in problems] == ["site/index.html"]
    assert "is not on the reviewed list" in problems[0].message
    assert reviewed not in problems[0].message
