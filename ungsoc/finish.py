"""Finishing a built site: the steps that work on the files of site/, not on MkDocs' pages.

Per-language search indexes, the /was/ redirect, the open data files, unused CSS pruned, gzip
copies of the assets every page view loads, and the CSP and deploy files. The plugin runs them
after the build (unless `finish: false`), and `ungsoc finish SITE_DIR` runs them on any built
site, so they do not depend on MkDocs' event loop (Material's authors have moved on to Zensical, which runs no MkDocs plugins).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ungsoc import accessibility, buildcache, catalogue, cms, precompress, search, security, unusedcss
from ungsoc.errors import Problem
from ungsoc.profile import Profile


@dataclass
class Project:
    """What finishing needs to know besides the built files."""
    profile: Profile
    records: list[dict]
    content_dir: Path
    theme_dirs: list[str]
    site_url: str | None
    prune_css: bool
    # Writes /admin/ when the profile enables the CMS (plugin.write_cms) and gives its CSP.
    write_cms: Callable[[Path], str | None] | None = None
    # Where results are kept between builds (buildcache.folder); None: no .gz files (a preview
    # is not served by nginx) and nothing kept.
    cache: Path | None = None
    # Each language's search words, when the caller has loaded them already (the plugin has).
    search_words: dict[str, dict[str, list[str]]] | None = None


def finish_site(site_dir: Path, project: Project) -> list[Problem]:
    profile = project.profile
    # Problems in the search words are reported when the content is loaded (check and build).
    words = project.search_words if project.search_words is not None else \
        {language: search.load_words(project.content_dir, language)[0] for language in profile.languages}
    search.split_index(str(site_dir), profile.languages, profile.default_language, words)
    redirect = accessibility.was_redirect(profile, project.content_dir, project.theme_dirs)
    if redirect:
        (site_dir / "was").mkdir(exist_ok=True)
        (site_dir / "was" / "index.html").write_text(redirect, encoding="utf-8")
    as_json, as_csv = catalogue.open_data(project.records, project.content_dir)
    (site_dir / "interventions.json").write_text(as_json, encoding="utf-8")
    # with a byte order mark, so Excel reads the file as UTF-8
    (site_dir / "interventions.csv").write_text(as_csv, encoding="utf-8-sig")
    security.remove_source_maps(site_dir)
    if project.prune_css:
        unusedcss.prune_site(site_dir, project.cache)
    if project.cache is not None:
        precompress.write(site_dir, project.cache)
    admin_csp = project.write_cms(site_dir) if project.write_cms else None
    endpoint = (profile.data.get("feedback") or {}).get("endpoint")
    return security.write_deploy_files(site_dir, [endpoint] if endpoint else [], profile.languages,
                                       profile.default_language, project.site_url,
                                       extra_policies={f"{cms.ADMIN}/": admin_csp} if admin_csp else None,
                                       cache=project.cache)


def main(root: Path, site_dir: Path) -> int:
    """`ungsoc finish SITE_DIR`: the project's configuration, profile and records, as a build reads them."""
    from ungsoc.branding import site_url
    from ungsoc.config import load_mkdocs_yml
    from ungsoc.profile import load_profile
    from ungsoc.records import load_records

    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no built site here (no index.html); build it first with `mkdocs build`.")
        return 1
    mkdocs_config, config = load_mkdocs_yml(root / "mkdocs.yml")
    content_dir = Path(config.content_dir)
    profile, problems = load_profile(root / config.profile, root, content_dir)
    records, record_problems = load_records(content_dir) if profile else ([], [])
    problems = problems + record_problems
    if not problems:
        plugin = mkdocs_config.plugins["ungsoc"]
        plugin.profile = profile
        project = Project(profile, records, content_dir, mkdocs_config.theme.dirs, site_url(profile), config.prune_css,
                          write_cms=lambda site: plugin.write_cms(mkdocs_config, site),
                          cache=buildcache.folder(root))
        problems = finish_site(site_dir, project)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"Finished {site_dir}.")
    return 0

