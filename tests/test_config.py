"""The plugin's options in mkdocs.yml are honoured: `enabled` and `content_dir`."""

from __future__ import annotations

import shutil

from mkdocs.config.defaults import MkDocsConfig

from conftest import DEFAULT_LANGUAGE, ROOT, build, copy_project
from ungsoc import cli
from ungsoc.plugin import UngsocPlugin


def test_disabled_plugin_changes_nothing():
    """`enabled: false` (e.g. `!ENV`) leaves config, files, pages and templates as they are."""
    plugin = UngsocPlugin()
    plugin.load_config({"enabled": False}, str(ROOT / "mkdocs.yml"))
    config = MkDocsConfig(config_file_path=str(ROOT / "mkdocs.yml"))
    markdown = "# Hej\n\nRing {{ phone.emergency }}.\n"
    assert plugin.on_config(config) is config and plugin.profile is None
    assert plugin.on_files("files", config) == "files"
    assert plugin.on_page_markdown(markdown, None, config, None) == markdown
    assert plugin.on_env("env", config, None) == "env"
    assert plugin._keep_language_404(config) is None and plugin._finish_site(config) is None


def moved_content(tmp_path):
    """A copy of the project whose content folder is data/, named in mkdocs.yml."""
    project = copy_project(tmp_path / "project")
    shutil.move(project / "content", project / "data")
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text(encoding="utf-8").replace(
        "  - ungsoc\n", "  - ungsoc:\n      content_dir: data\n      profile: data/municipality.yml\n"
        # the lesson PDFs have their own tests; rendering them here would only slow this build
        "      lesson_pdfs: false\n"), encoding="utf-8")
    profile = project / "data/municipality.yml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("content/assets/", "data/assets/"), encoding="utf-8")
    return project


def test_content_dir_is_read_by_check_and_build(tmp_path, monkeypatch, capsys):
    project = moved_content(tmp_path)
    monkeypatch.chdir(project)
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out.strip() == "Profile and content are valid."
    assert cli.main(["report"]) == 0
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site/interventions.json").is_file()


def test_content_dir_schemas_and_messages(tmp_path, monkeypatch, capsys):
    """Schemas come from the content folder, and messages name its files as they are."""
    project = moved_content(tmp_path)
    glossary = project / f"data/glossary/{DEFAULT_LANGUAGE}.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    schema = project / "data/feedback.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"required": [', '"required": ["owner", ', 1),
                      encoding="utf-8")
    monkeypatch.chdir(project)
    assert cli.main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"data/glossary/{DEFAULT_LANGUAGE}.yml:" in out and "extra: unknown key" in out
    assert "data/feedback.yml:" in out and "owner: missing; this field is required" in out
    assert "content/" not in out
