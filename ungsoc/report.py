"""`ungsoc report`: what is untranslated, behind its source, unreviewed, or hard to read."""

from __future__ import annotations

import json
from pathlib import Path

from ungsoc.config import LixLimits
from ungsoc.profile import load_profile
from ungsoc.translation import STALE_AFTER_DAYS, status


def main(root: Path, json_path: Path | None) -> int:
    profile, problems = load_profile(root / "content" / "municipality.yml", root, root / "content")
    if problems:
        print("\n".join(map(str, problems)))
        return 1
    report = status(root / "docs", profile.languages, profile.default_language)
    limits = LixLimits()
    limits.load_dict({})
    limits.validate()
    for language, data in report.items():
        print(f"== {language}: {len(data['pages'])} pages")
        print(f"  missing ({len(data['missing'])}): {', '.join(data['missing']) or 'none'}")
        print(f"  behind their source ({len(data['behind_source'])}): {', '.join(data['behind_source']) or 'none'}")
        print(f"  reviewed more than {STALE_AFTER_DAYS} days ago ({len(data['stale_review'])}): "
              f"{', '.join(data['stale_review']) or 'none'}")
        for entry in data["pages"]:
            limit = limits.get(entry["audience"]) if entry["audience"] in ("youth", "parents") else None
            flag = " OVER LIMIT" if limit is not None and entry["lix"] > limit else ""
            print(f"  {entry['page']}: LIX {entry['lix']}{f' (limit {limit})' if limit else ''}{flag}, "
                  f"hash {entry['hash']}")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"Wrote {json_path}")
    return 0
