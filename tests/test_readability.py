"""LIX on texts whose value is computed by hand, and the build's readability gate."""

from __future__ import annotations

import re

import pytest

from conftest import THREE_LANGUAGES, build, copy_project
from ungsoc.readability import lix

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile


@pytest.mark.parametrize("text, expected", [
    # 6 words, 2 sentences, 0 long words: 6/2 + 0 = 3.0
    ("Jag är här. Du är där.", 3.0),
    # 3 words, 1 sentence, 3 long (socialtjänsten, hjälper, familjer): 3 + 100 = 103.0
    ("Socialtjänsten hjälper familjer.", 103.0),
    # Danish: 8 words, 2 sentences, 2 long (kommunen, undersøgelse): 4 + 25 = 29.0
    ("Kommunen laver en undersøgelse. Du må sige nej.", 29.0),
    # heading and list items end sentences; 7 words, 3 sentences, 1 long (barnevernet): 2.33 + 14.29
    ("# Hjelp nå\n\n- Ring barnevernet\n- Snakk med noen\n", 16.6),
    # code, tables, link targets and HTML are not prose: 4 words, 1 sentence, 0 long = 4.0
    ("Les [mer her](https://lovdata.no/dokument/NL/lov/2021-06-18-97) nå.\n\n```\nkode som ikke teller\n```\n\n"
     "| Tall | Antall |\n| --- | --- |\n| 1 | 2 |\n", 4.0),
    # a table of prose is read cell by cell (Hva; Utredningen tar fire måneder): 5 words,
    # 2 sentences, 2 long (utredningen, måneder): 2.5 + 40 = 42.5
    ("| Hva |\n| --- |\n| Utredningen tar fire måneder |\n", 42.5),
])
def test_lix_of_known_texts(text, expected):
    assert lix(text).value == expected


def test_youth_page_over_the_limit_fails_the_build_with_its_longest_sentence(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    long_sentence = ("Socialförvaltningens handläggare genomför förhandsbedömningar beträffande "
                     "orosanmälningar avseende minderåriga individer")
    (project / "docs/sv/youth/hard.md").write_text(
        f"---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Svår text\n\n{long_sentence}.\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert re.search(r"^docs/sv/youth/hard\.md:\d+: lix: LIX ", result.stderr, flags=re.M), result.stderr
    assert "is over the limit 35 for youth pages" in result.stderr
    assert long_sentence in result.stderr


def test_limits_are_configurable_in_the_plugin_config(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - ungsoc\n", "  - ungsoc:\n      lix_limits:\n        youth: 5\n"),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "is over the limit 5 for youth pages" in result.stderr


def _with_limits(project, youth: int, parents: int) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - ungsoc\n", f"  - ungsoc:\n      lix_limits:\n        youth: {youth}\n        parents: {parents}\n"),
        encoding="utf-8")


def test_report_reads_the_limits_from_mkdocs_yml(tmp_path):
    """`ungsoc report` applies the plugin's configured limits, not the defaults."""
    from ungsoc.config import from_mkdocs_yml
    from ungsoc.report import build_report

    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    _with_limits(project, youth=21, parents=31)
    report, limits, problems = build_report(project)
    assert problems == []
    assert dict(limits) == dict(from_mkdocs_yml(project / "mkdocs.yml").lix_limits) == {"youth": 21, "parents": 31}
    by_audience = {e["audience"]: e["lix_limit"] for data in report.values() for e in data["pages"]}
    assert by_audience["youth"] == 21 and by_audience["parents"] == 31
    assert by_audience.get("school") is None


def test_report_flags_exactly_the_pages_the_build_fails(tmp_path):
    """With tight limits, the pages and LIX values the build rejects are the ones the report flags."""
    from ungsoc.report import build_report

    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    _with_limits(project, youth=10, parents=30)
    # LIX 2.0 as written, over 20 once {{ municipality }} is filled in, as the build measures it.
    (project / "docs/sv/youth/kommun.md").write_text(
        "---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Hej\n\nDu bor i {{ municipality }}.\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    failed = {file: float(value) for file, value in
              re.findall(r"^(docs/\S+\.md):\d+: lix: LIX ([\d.]+) is over the limit", result.stderr, flags=re.M)
              if (project / file).exists()}  # generated pages (the feedback form) have no file to report on
    # The build stops at the end of the first language with problems: compare the languages it checked.
    checked = {file.split("/")[1] for file in failed}
    report, _, _ = build_report(project)
    flagged = {f"docs/{e['page']}": e["lix"] for language in checked
               for e in report[language]["pages"] if e["over_lix_limit"]}
    assert "docs/sv/youth/kommun.md" in failed
    assert flagged == failed
