"""The `ungsoc` command: one subcommand per task."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from ungsoc import content
from ungsoc.colour import DARK_TEXT, contrast, darkened_until
from ungsoc.config import from_mkdocs_yml
from ungsoc.errors import shown
from ungsoc.languages import COUNTRY_LANGUAGE, LANGUAGES
from ungsoc.profile import WCAG_AA_TEXT, check_text, text_contrast

SCHEMA_LINE = "# yaml-language-server: $schema=municipality.schema.json\n"


def cmd_check(args) -> int:
    """Validate the profile and all content without building."""
    problems = content.check_all(Path(args.root).resolve(), publish=args.publish)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was built.")
        return 1
    print("Profile and content are valid.")
    return 0


def _per_language(values: list[str] | None, languages: list[str]) -> dict:
    """`--name Sollentuna` gives every language the text; `--name da=Aarhus` one language."""
    texts = {}
    for value in values or []:
        language, sep, text = value.partition("=")
        if sep and language in LANGUAGES:
            texts[language] = text
        else:
            texts.update({lang: value for lang in languages})
    return texts


# The option that sets each profile field: messages name what the user typed, not lines of
# a file they did not write.
OPTIONS = {
    "name": "--name", "country": "--country", "languages": "--languages", "default_language": "--default-language",
    "site_url": "--site-url", "logo": "--logo", "favicon": "--favicon", "colors.primary": "--primary",
    "colors.accent": "--accent", "colors.primary_text": "--primary-text",
    "contacts.reception.phone": "--reception-phone", "contacts.reception.hours": "--reception-hours",
    "contacts.on_call.phone": "--on-call-phone", "contacts.on_call.hours": "--on-call-hours",
    "contacts.email": "--email", "contacts.address": "--address", "contacts.report_concern_url": "--report-url",
    "quick_exit_url": "--quick-exit-url", "accessibility.status": "--a11y-status",
    "accessibility.assessed": "--a11y-assessed", "accessibility.feedback_email": "--a11y-email",
    "accessibility.known_gaps": "--a11y-gap", "accessibility.was_url": "--was-url",
    "accessibility.uustatus_url": "--uustatus-url",
}
# Accessibility-statement options and the one country whose statement uses each.
COUNTRY_OPTIONS = {"a11y_status": "se", "a11y_assessed": "se", "a11y_email": "se", "a11y_gap": "se",
                   "was_url": "dk", "uustatus_url": "no"}
COUNTRY_NAMES = {"se": "Sweden", "dk": "Denmark", "no": "Norway"}


def _option_message(problem) -> str:
    """A profile problem said in terms of the command's options."""
    field, message = problem.field, problem.message
    missing = re.match(r"missing '(\w+)'", message)
    if field == "accessibility" and missing:
        field = f"accessibility.{missing.group(1)}"
        message = message.replace(f"missing '{missing.group(1)}'", "missing")
    message = message.replace(f'add primary_text: "{DARK_TEXT}" under colors', "use --primary-text dark")
    option = OPTIONS.get(re.sub(r"\[\d+\]", "", field), field or "options")
    return f"{option}: {message}"


def _colours(args) -> tuple[dict, str | None]:
    """The colours to write, and a note when a light brand colour is kept with dark text.

    A brand colour too light for white text (yellow, light green) stays the header colour
    with dark text on it, when that reaches WCAG AA; links then get a darker shade of it,
    computed to reach 4.5:1 on white."""
    primary, note = args.primary, None
    colours = {"primary": primary}
    valid = isinstance(primary, str) and re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", primary)
    if valid and args.primary_text == "auto" and text_contrast(primary, "#ffffff") < WCAG_AA_TEXT \
            and text_contrast(primary, DARK_TEXT) >= WCAG_AA_TEXT:
        colours["primary_text"] = DARK_TEXT
        note = (f"--primary {primary} is too light for white text ({text_contrast(primary, '#ffffff'):.2f}:1): "
                f"kept with dark text {DARK_TEXT} on it ({text_contrast(primary, DARK_TEXT):.2f}:1)")
    elif args.primary_text == "dark":
        colours["primary_text"] = DARK_TEXT
    accent = args.accent
    if not accent:
        accent = darkened_until(primary, "#ffffff", WCAG_AA_TEXT) if valid else primary
        if valid and accent != primary.lower():
            note = (note + "; " if note else "") + \
                f"links use {accent}, a darker shade ({contrast(accent, '#ffffff'):.2f}:1 on white; --accent to choose)"
    colours["accent"] = accent
    return colours, note


def cmd_new_municipality(args) -> int:
    """Write a valid municipality profile (content/municipality.yml) from options."""
    foreign = [f"--{key.replace('_', '-')}: only for {COUNTRY_NAMES[country]}'s accessibility statement "
               f"(--country {country}); leave it out for --country {args.country}"
               for key, country in COUNTRY_OPTIONS.items() if getattr(args, key) and country != args.country]
    if foreign:
        print("\n".join(foreign + ["Nothing written: fix the options above."]), file=sys.stderr)
        return 1
    languages = args.languages.split(",") if args.languages else [COUNTRY_LANGUAGE.get(args.country, "sv")]
    default = args.default_language or languages[0]
    colours, note = _colours(args)
    reception = {"phone": args.reception_phone}
    if args.reception_hours:
        reception["hours"] = _per_language(args.reception_hours, languages)
    on_call = {"phone": args.on_call_phone}
    if args.on_call_hours:
        on_call["hours"] = _per_language(args.on_call_hours, languages)
    contacts = {"reception": reception, "on_call": on_call, "email": args.email}
    if args.address:
        contacts["address"] = args.address
    contacts["report_concern_url"] = args.report_url
    profile = {
        "name": _per_language(args.name, languages),
        "country": args.country,
        "languages": languages,
        "default_language": default,
        "site_url": args.site_url,
        "logo": args.logo,
    }
    if args.favicon:
        profile["favicon"] = args.favicon
    profile |= {"colors": colours, "contacts": contacts}
    if args.quick_exit_url:
        profile["quick_exit_url"] = args.quick_exit_url
    # Only what the country's accessibility statement uses (Sweden: Digg's template).
    accessibility = {"se": {"status": args.a11y_status, "assessed": args.a11y_assessed,
                            "known_gaps": [{default: gap} for gap in args.a11y_gap or []] or None,
                            "feedback_email": args.a11y_email or args.email},
                     "dk": {"was_url": args.was_url}, "no": {"uustatus_url": args.uustatus_url}}.get(args.country, {})
    profile["accessibility"] = {key: value for key, value in accessibility.items() if value}
    text = SCHEMA_LINE + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    root = Path(args.root).resolve()
    config = from_mkdocs_yml(root / "mkdocs.yml")
    output = Path(args.output or root / config.profile)
    problems = check_text(text, shown(output), root, Path(config.content_dir))
    for problem in problems:
        print(_option_message(problem), file=sys.stderr)
    if problems:
        print("Nothing written: fix the options above.", file=sys.stderr)
        return 1
    if output.exists() and not args.force:
        print(f"{output} exists; add --force to replace it.", file=sys.stderr)
        return 1
    output.write_text(text, encoding="utf-8")
    if note:
        print(f"Note: {note}.")
    print(f"Wrote {shown(output)}. Next: `ungsoc check`, then `make build`; commit it once with `git add -f {shown(output)}`.")
    return 0


def cmd_report(args) -> int:
    """Print translation status, staleness and readability per language; write JSON."""
    from ungsoc import report

    return report.main(Path(args.root).resolve(), Path(args.json) if args.json else None)


def cmd_finish(args) -> int:
    """Finish a built site: search indexes, open data, unused CSS, CSP and deploy files."""
    from ungsoc import finish

    return finish.main(Path(args.root).resolve(), Path(args.site_dir).resolve())


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="ungsoc", description=__doc__)
    top.add_argument("--root", default=".", help="the project folder (with mkdocs.yml); default: here")
    sub = top.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help=cmd_check.__doc__)
    check.set_defaults(run=cmd_check)
    check.add_argument("--publish", action="store_true",
                       help="also refuse the demo profile (its numbers are not real); the Pages jobs run this")

    new = sub.add_parser("new-municipality", help=cmd_new_municipality.__doc__)
    new.set_defaults(run=cmd_new_municipality)
    new.add_argument("--name", action="append", required=True, help="name, or LANG=name per language")
    new.add_argument("--country", required=True, choices=["se", "dk", "no"])
    new.add_argument("--languages", help="comma-separated, e.g. da or no,sv (default: the country's)")
    new.add_argument("--default-language", help="the language at the site root (default: the first of --languages)")
    new.add_argument("--site-url", required=True, help="where the site is published, https://...")
    new.add_argument("--logo", required=True, help="path to an .svg or .png in the repository")
    new.add_argument("--favicon", help="path to an .svg or .png in the repository (default: the logo)")
    new.add_argument("--primary", required=True, help="brand colour #rrggbb (header); a light one gets dark text")
    new.add_argument("--primary-text", choices=["auto", "white", "dark"], default="auto",
                     help="text on the brand colour: auto (white, or dark when the colour is too light), white or dark")
    new.add_argument("--accent", help="link colour #rrggbb on white (default: the brand colour, darkened as needed)")
    new.add_argument("--reception-phone", required=True)
    new.add_argument("--reception-hours", action="append", help="opening hours, or LANG=hours per language")
    new.add_argument("--on-call-phone", required=True, help="social services after office hours")
    new.add_argument("--on-call-hours", action="append", help="when the on-call service answers, or LANG=hours")
    new.add_argument("--email", required=True)
    new.add_argument("--address", help="visiting address, one line")
    new.add_argument("--report-url", required=True, help="the municipality's page for reporting concern")
    new.add_argument("--quick-exit-url", help="neutral site the quick exit leads to (default: the country's)")
    new.add_argument("--a11y-status", choices=["full", "partial", "none"], help="Sweden: accessibility status")
    new.add_argument("--a11y-assessed", help="Sweden: date of the last assessment, YYYY-MM-DD")
    new.add_argument("--a11y-email", help="Sweden: where readers report accessibility problems (default: --email)")
    new.add_argument("--a11y-gap", action="append", help="Sweden: what is not accessible (status partial or none); repeat per gap")
    new.add_argument("--was-url", help="Denmark: the statement made in the WAS-Tool")
    new.add_argument("--uustatus-url", help="Norway: the statement made in uustatus")
    new.add_argument("--output", help="default: the profile named in mkdocs.yml (content/municipality.yml)")
    new.add_argument("--force", action="store_true")

    finish = sub.add_parser("finish", help=cmd_finish.__doc__)
    finish.add_argument("site_dir", metavar="SITE_DIR", help="the built site, e.g. site")
    finish.set_defaults(run=cmd_finish)

    report = sub.add_parser("report", help=cmd_report.__doc__)
    report.add_argument("--json", help="also write the report as JSON to this file")
    report.set_defaults(run=cmd_report)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
