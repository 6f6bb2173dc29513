"""LIX on texts whose value is computed by hand, and the build's readability gate."""

from __future__ import annotations

import pytest

from conftest import build, copy_project
from ungsoc.readability import lix


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
])
def test_lix_of_known_texts(text, expected):
    assert lix(text).value == expected


def test_youth_page_over_the_limit_fails_the_build_with_its_longest_sentence(tmp_path):
    project = copy_project(tmp_path / "project")
    long_sentence = ("Socialförvaltningens handläggare genomför förhandsbedömningar beträffande "
                     "orosanmälningar avseende minderåriga individer")
    (project / "docs/sv/youth/hard.md").write_text(
        f"---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# Svår text\n\n{long_sentence}.\n", encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/sv/youth/hard.md: lix: LIX " in result.stderr
    assert "is over the limit 35 for youth pages" in result.stderr
    assert long_sentence in result.stderr


def test_limits_are_configurable_in_the_plugin_config(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - ungsoc\n", "  - ungsoc:\n      lix_limits:\n        youth: 5\n"),
                      encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "is over the limit 5 for youth pages" in result.stderr
