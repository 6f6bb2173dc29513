"""`{{ phone.emergency }}`-style placeholders in page Markdown.

Numbers and contacts live once in content/ and the profile (DESIGN: not in page text), so a
law or number change is one edit and a fork's own contacts appear in upstream pages. Only a
fixed set of names is allowed, which keeps Markdown free of logic (unlike mkdocs-macros,
which would put a template language into every page).
"""

from __future__ import annotations

import re

from ungsoc.errors import Problem
from ungsoc.profile import Profile, tel

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")


def values(profile: Profile, language: str) -> dict[str, str]:
    national, contacts = profile.national(language), profile.data["contacts"]
    known = {
        "municipality": profile.name(language),
        "phone.emergency": national["emergency"],
        "phone.child_helpline": national["child_helpline"]["phone"],
        "name.child_helpline": national["child_helpline"]["name"],
        "url.child_helpline": national["child_helpline"]["url"],
        "phone.police": national["police_non_emergency"],
        "phone.on_call": contacts["on_call"]["phone"],
        "name.on_call": profile.text(national["on_call_service_name"], language),
        "phone.reception": contacts["reception"]["phone"],
        "email": contacts["email"],
        "url.report_concern": contacts["report_concern_url"],
        "url.quick_exit": profile.quick_exit_url(language),
    }
    # Lines a country may not have (a medical emergency number of its own, a listening line)
    # are left out there: a page that names one in a country without it fails the build.
    national = {**national, "medical_emergency": national.get("medical_emergency") or {"phone": national["emergency"]}}
    for line in ("medical_emergency", "health_advice", "suicide_prevention", "talk_line"):
        entry = national.get(line)
        if entry:
            known[f"phone.{line}"] = entry["phone"]
            known.update({f"{field}.{line}": entry[field] for field in ("name", "url") if field in entry})
    known.update({f"tel.{name[len('phone.'):]}": tel(number) for name, number in list(known.items())
                  if name.startswith("phone.")})
    return known


def fill(markdown: str, known: dict[str, str], file: str, first_line: int) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in known:
            return known[name]
        line = first_line + markdown.count("\n", 0, match.start())
        problems.append(Problem(file, line, name, f"unknown placeholder; expected one of: {', '.join(sorted(known))}"))
        return match.group(0)

    return PLACEHOLDER.sub(replace, markdown), problems
