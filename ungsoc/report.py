"""`ungsoc report`: what is untranslated, behind its source, unreviewed, or hard to read.

It reads the ungsoc plugin's configuration from mkdocs.yml (profile, content folder, LIX
limits) and measures LIX on the text with its placeholders filled, as the build does, so a
page the report flags is a page the build fails, and the other way round.
"""

from __future__ import annotations

import json
from pathlib import Path

from ungsoc import placeholders
from ungsoc.config import from_mkdocs_yml
from ungsoc.profile import load_profile, profile_path
from ungsoc.readability import limit_for
from ungsoc.translation import STALE_AFTER_DAYS, status


def build_report(root: Path) -> tuple[dict | None, object, list]:
    """The report data, the LIX limits the build applies, and any problems with the profile."""
    config = from_mkdocs_yml(root / "mkdocs.yml")
    profile, problems = load_profile(profile_path(root, config.profile, Path(config.content_dir)), root, Path(config.content_dir))
    if problems:
        return None, config.lix_limits, problems
    known = {language: placeholders.values(profile, language) for language in profile.languages}

    def prepare(language: str, source: str) -> str:
        return placeholders.fill(source, known[language], "", 1)[0]

    report = status(root / "docs", profile.languages, profile.default_language, prepare=prepare)
    for data in report.values():
        for entry in data["pages"]:
            limit = limit_for(entry["audience"], config.lix_limits)
            entry["lix_limit"] = limit
            entry["over_lix_limit"] = limit is not None and entry["lix"] > limit
    return report, config.lix_limits, []


def main(root: Path, json_path: Path | None) -> int:
    report, _, problems = build_report(root)
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    for language, data in report.items():
        print(f"== {language}: {len(data['pages'])} pages")
        print(f"  missing ({len(data['missing'])}): {', '.join(data['missing']) or 'none'}")
        print(f"  behind their source ({len(data['behind_source'])}): {', '.join(data['behind_source']) or 'none'}")
        print(f"  reviewed more than {STALE_AFTER_DAYS} days ago ({len(data['stale_review'])}): "
              f"{', '.join(data['stale_review']) or 'none'}")
        for entry in data["pages"]:
            limit = entry["lix_limit"]
            flag = " OVER LIMIT" if entry["over_lix_limit"] else ""
            print(f"  {entry['page']}: LIX {entry['lix']}{f' (limit {limit})' if limit else ''}{flag}, "
                  f"hash {entry['hash']}")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"Wrote {json_path}")
    return 0
