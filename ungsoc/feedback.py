"""The child-feedback questionnaire page (content/feedback.yml), per language.

With `feedback.endpoint` in the profile it is a plain HTML form that posts there (no
JavaScript needed); without one it is a printable sheet and no form is shown at all.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from ungsoc import schema
from ungsoc.errors import Problem
from ungsoc.profile import Profile
from ungsoc.yamlsource import load

PATH = "feedback/index.md"


def load_questionnaire(content_dir: Path) -> tuple[dict | None, list[Problem]]:
    doc, problems = load(content_dir / "feedback.yml", "content/feedback.yml")
    if doc is None:
        return None, problems
    problems = schema.validate(doc, schema.SCHEMA_DIR / "feedback.schema.json")
    return (None if problems else doc.data), problems


def _choices(name: str, options: list[dict], language: str, interactive: bool) -> str:
    items = []
    for option in options:
        label = escape(option["label"][language])
        value = escape(str(option["value"]))
        control = (f'<input type="radio" name="{name}" id="{name}-{value}" value="{value}">'
                   if interactive else '<span class="ungsoc-box" aria-hidden="true"></span>')
        label_tag = f'<label for="{name}-{value}">{label}</label>' if interactive else f"<span>{label}</span>"
        items.append(f'<li>{control} {label_tag}</li>')
    return f'<ul class="ungsoc-choices">{"".join(items)}</ul>'


def markdown(questionnaire: dict, profile: Profile, language: str) -> str:
    q, t = questionnaire, questionnaire["texts"]
    endpoint = (profile.data.get("feedback") or {}).get("endpoint")
    interactive = bool(endpoint)
    receiver = profile.text((profile.data.get("feedback") or {}).get("receiver"), language) or t["receiver_default"][language]
    blocks = []
    for number, statement in enumerate(q["statements"], start=1):
        blocks.append(f'<fieldset class="ungsoc-question"><legend>{number}. {escape(statement["text"][language])}</legend>'
                      f'{_choices(statement["id"], q["scale"], language, interactive)}</fieldset>')
    blocks.append(f'<fieldset class="ungsoc-question"><legend>{escape(t["age"][language])}</legend>'
                  f'{_choices("age", q["age_bands"], language, interactive)}</fieldset>')
    if interactive:
        blocks.append(f'<p><label for="comment">{escape(t["free_text"][language])}</label><br>'
                      f'<textarea id="comment" name="comment" rows="5" maxlength="2000"></textarea></p>')
        how = t["sends_to"][language].format(receiver=f"{receiver} ({endpoint})")
        body = (f'<form class="ungsoc-feedback" method="post" action="{escape(endpoint)}">\n'
                + "\n".join(blocks)
                + f'\n<p><button type="submit" class="md-button md-button--primary">{escape(t["submit"][language])}</button></p>\n</form>')
        lead = f"{how} {t['no_name'][language]}"
    else:
        blocks.append(f'<p class="ungsoc-question">{escape(t["free_text"][language])}</p><div class="ungsoc-lines"></div>')
        body = '<div class="ungsoc-feedback ungsoc-feedback--print">\n' + "\n".join(blocks) + "\n</div>"
        lead = f"{t['print_only'][language].format(receiver=receiver)} {t['no_name'][language]}"
    return (f"---\naudience: youth\nreviewed: 2026-11-24\n---\n\n# {q['title'][language]}\n\n"
            f"{q['intro'][language]}\n\n{lead}\n\n{t['not_read_at_once'][language]}\n\n{body}\n")
