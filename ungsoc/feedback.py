"""The child-feedback questionnaire page (content/feedback.yml), per language.

With `feedback.endpoint` in the profile it is a plain HTML form that posts there (no
JavaScript needed); without one it is a printable sheet and no form is shown at all
(overrides/partials/ungsoc-feedback.html).
"""

from __future__ import annotations

from pathlib import Path

from ungsoc import generated, schema, templates
from ungsoc.errors import Problem, shown
from ungsoc.profile import Profile
from ungsoc.yamlsource import load

PATH = "feedback/index.md"


def load_questionnaire(content_dir: Path) -> tuple[dict | None, list[Problem]]:
    doc, problems = load(content_dir / "feedback.yml", shown(content_dir / "feedback.yml"))
    if doc is None:
        return None, problems
    problems = schema.validate(doc, content_dir / "feedback.schema.json")
    return (None if problems else doc.data), problems


def markdown(questionnaire: dict, profile: Profile, language: str, theme_dirs) -> str:
    q, t = questionnaire, questionnaire["texts"]
    endpoint = (profile.data.get("feedback") or {}).get("endpoint")
    receiver = profile.text((profile.data.get("feedback") or {}).get("receiver"), language) or t["receiver_default"][language]
    if endpoint:
        lead = f"{t['sends_to'][language].format(receiver=f'{receiver} ({endpoint})')} {t['no_name'][language]}"
    else:
        lead = f"{t['print_only'][language].format(receiver=receiver)} {t['no_name'][language]}"
    body = templates.render(theme_dirs, "partials/ungsoc-feedback.html", questionnaire=q, texts=t,
                            language=language, endpoint=endpoint)
    return (f"{generated.front_matter('youth')}# {q['title'][language]}\n\n"
            f"{q['intro'][language]}\n\n{lead}\n\n{t['not_read_at_once'][language]}\n\n{body}")
