"""`{{ phone.emergency }}`-style placeholders in page Markdown.

Numbers and contacts live once in content/ and the profile (DESIGN: not in page text), so a
law or number change is one edit and a fork's own contacts appear in upstream pages. Only a
fixed set of names is allowed, which keeps Markdown free of logic (unlike mkdocs-macros,
which would put a template language into every page).
"""

from __future__ import annotations

import difflib
import re

from ungsoc.errors import Problem
from ungsoc.profile import Profile, tel

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_.]+)\s*\}\}")
# Anything that opens like a placeholder: `{{` up to the end of the line or the next `}}`.
OPENING = re.compile(r"\{\{([^\n]*?)(\}\}|$)", re.M)
NAMES = ("municipality", "phone.emergency", "phone.child_helpline", "name.child_helpline", "url.child_helpline",
         "phone.police", "phone.on_call", "name.on_call", "phone.reception", "email", "url.report_concern",
         "url.quick_exit")


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


# Lines only some countries have (values() leaves out those a country lacks).
OPTIONAL_LINES = ("medical_emergency", "health_advice", "suicide_prevention", "talk_line")


def all_names() -> tuple[str, ...]:
    """Every name any profile can have, for a page whose language is not built."""
    optional = [f"{kind}.{line}" for line in OPTIONAL_LINES for kind in ("phone", "name", "url")]
    phones = [name for name in (*NAMES, *optional) if name.startswith("phone.")]
    return (*NAMES, *optional, *(f"tel.{name[len('phone.'):]}" for name in phones))


def check(markdown: str, file: str, first_line: int, names=None) -> list[Problem]:
    """Every placeholder that is unknown, misspelt or not closed with `}}`; names: those the
    page's language has (values(profile, language)), by default every possible one."""
    names = tuple(names) if names is not None else all_names()
    problems = []
    for match in OPENING.finditer(markdown):
        line = first_line + markdown.count("\n", 0, match.start())
        inner, closed = match.group(1).strip(), match.group(2)
        if not closed:
            problems.append(Problem(file, line, "{{", f"placeholder '{{{{{match.group(1)[:30]}' is not closed; "
                                                      "end it with }} on the same line"))
        elif inner not in names:
            close = difflib.get_close_matches(inner, names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Problem(file, line, inner or "{{ }}",
                                    f"unknown placeholder; {hint}expected one of: {', '.join(sorted(names))}"))
    return problems


def fill(markdown: str, known: dict[str, str], file: str = "", first_line: int = 1) -> tuple[str, list[Problem]]:
    """The Markdown with every known placeholder filled in, and the problems `check` finds."""
    filled = PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), markdown)
    return filled, check(markdown, file, first_line, known)
