"""What the templates get as `ungsoc`: reader-language strings, help numbers, contacts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ungsoc.profile import Profile, tel
from ungsoc.yamlsource import read_data


@lru_cache(maxsize=None)
def ui_strings(content_dir: Path, language: str) -> dict:
    return read_data(content_dir / "ui" / f"{language}.yml")


def build(profile: Profile, language: str, content_dir: Path) -> dict:
    strings = ui_strings(content_dir, language)
    national, contacts = profile.national(language), profile.data["contacts"]
    on_call_name = profile.text(national["on_call_service_name"], language)
    medical = (national.get("medical_emergency") or {}).get("phone")
    suicide = national["suicide_prevention"]
    on_call = {"label": strings["on_call"], "name": on_call_name[:1].upper() + on_call_name[1:],
               "phone": contacts["on_call"]["phone"]}
    help_now = [
        {"label": strings["emergency"], "name": national["emergency"], "phone": national["emergency"]},
        *([{"label": strings["medical_emergency"], "name": medical, "phone": medical}] if medical else []),
        {"label": strings["child_helpline"], "name": national["child_helpline"]["name"],
         "phone": national["child_helpline"]["phone"]},
        # Where the suicide line is the emergency number (Denmark), the entry above says so.
        *([{"label": strings["suicide_prevention"], "name": suicide.get("name", suicide["phone"]),
            "phone": suicide["phone"]}] if suicide["phone"] not in (national["emergency"], medical) else []),
        on_call,
    ]
    for entry in help_now:
        entry["href"] = tel(entry["phone"])
        # On a phone these two are call buttons; the rest of the help box is one tap away.
        entry["quick"] = entry["phone"] in (national["emergency"], national["child_helpline"]["phone"])
    return {
        "language": language,
        "default_language": profile.default_language,
        "demo": profile.demo,
        "strings": strings,
        "name": profile.name(language),
        "help_now": help_now,
        "on_call": on_call,  # the footer's; its place in help_now depends on the country's lines
        "quick_exit_url": profile.quick_exit_url(language),
        "contacts": contacts,
        "reception_href": tel(contacts["reception"]["phone"]),
        "reception_hours": profile.text(contacts["reception"].get("hours"), language),
        "on_call_hours": profile.text(contacts["on_call"].get("hours"), language),
    }


def date_text(value, words: dict) -> str:
    """A date (YAML gives a date, or an ISO string) as readers write it: "24 november 2026"."""
    import datetime

    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    return words["date"].format(day=day.day, month=words["months"][day.month - 1], year=day.year)


def source_label(url: str) -> str:
    """A source link's text: the whole address without https:// and www. (it wraps on phones)."""
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")
