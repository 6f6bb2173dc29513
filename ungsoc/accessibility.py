"""The accessibility statement page, with the parts the municipality's country requires:
Sweden (Digg): status, known gaps, assessment date, feedback channel, Digg's report form;
Denmark: the statement made in the WAS-Tool (also reachable at /was/);
Norway: the statement published in uustatus.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ungsoc import generated, templates
from ungsoc.profile import Profile
from ungsoc.yamlsource import read_data

PATH = "about/accessibility.md"


@lru_cache(maxsize=None)
def texts(content_dir: Path) -> dict:
    return read_data(content_dir / "accessibility.yml")


def markdown(profile: Profile, language: str, content_dir: Path) -> str:
    t = texts(content_dir)[language]
    country, data = profile.country, profile.data.get("accessibility", {})
    c = t[country]
    lines = [generated.front_matter("municipality", data.get("assessed", generated.REVIEWED)) + f"# {t['title']}", "", t["intro"].format(name=profile.name(language)), "", c["law"], ""]
    if country == "se":
        lines += [c["status"][data["status"]], ""]
        gaps = [profile.text(gap, language) for gap in data.get("known_gaps", [])]
        if gaps:
            lines += [f"## {c['gaps']}", "", *[f"- {gap}" for gap in gaps], ""]
        lines += [c["assessed"].format(assessed=data["assessed"]), "",
                  c["feedback"].format(feedback_email=data["feedback_email"]), "",
                  c["supervision"], "", f"[{c['supervision_text']}]({c['supervision_link']})", ""]
    else:
        url = data["was_url"] if country == "dk" else data["uustatus_url"]
        lines += [f"[{c['link_text']}]({url})", ""]
    return "\n".join(lines)


def was_redirect(profile: Profile, content_dir: Path, theme_dirs) -> str | None:
    """Danish public sites link their WAS-Tool statement at /was; a static page forwards there
    (overrides/partials/ungsoc-was.html), titled as the Danish statement."""
    url = profile.data.get("accessibility", {}).get("was_url")
    if profile.country != "dk" or not url:
        return None
    return templates.render(theme_dirs, "partials/ungsoc-was.html", url=url, title=texts(content_dir)["da"]["title"])
