"""The `ungsoc` command: one subcommand per task."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from ungsoc import content
from ungsoc.profile import COUNTRY_LANGUAGE, check_text

SCHEMA_LINE = "# yaml-language-server: $schema=municipality.schema.json\n"


def cmd_check(args) -> int:
    """Validate the profile and all content without building."""
    problems = content.check_all(Path(args.root).resolve(), publish=args.publish)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", file=sys.stderr)
        return 1
    print("Profile and content are valid.")
    return 0


def _names(values: list[str], languages: list[str]) -> dict:
    """`--name Sollentuna` names every language; `--name da=Aarhus` one language."""
    names = {}
    for value in values:
        language, sep, name = value.partition("=")
        if sep and language in ("sv", "da", "no"):
            names[language] = name
        else:
            names.update({lang: value for lang in languages})
    return names


def cmd_new_municipality(args) -> int:
    """Write a valid municipality profile from options."""
    languages = args.languages.split(",") if args.languages else [COUNTRY_LANGUAGE.get(args.country, "sv")]
    profile = {
        "name": _names(args.name, languages),
        "country": args.country,
        "languages": languages,
        "default_language": args.default_language or languages[0],
        "site_url": args.site_url,
        "logo": args.logo,
        "colors": {"primary": args.primary, "accent": args.accent or args.primary},
        "contacts": {
            "reception": {"phone": args.reception_phone},
            "on_call": {"phone": args.on_call_phone},
            "email": args.email,
            "report_concern_url": args.report_url,
        },
    }
    if args.favicon:
        profile["favicon"] = args.favicon
    if args.quick_exit_url:
        profile["quick_exit_url"] = args.quick_exit_url
    accessibility = {key: value for key, value in {
        "status": args.a11y_status, "assessed": args.a11y_assessed, "feedback_email": args.a11y_email or args.email,
        "was_url": args.was_url, "uustatus_url": args.uustatus_url}.items() if value}
    if args.a11y_gap:
        accessibility["known_gaps"] = [{profile["default_language"]: gap} for gap in args.a11y_gap]
    profile["accessibility"] = accessibility
    text = SCHEMA_LINE + yaml.safe_dump(profile, allow_unicode=True, sort_keys=False)
    output = Path(args.output)
    root = Path(args.root).resolve()
    problems = check_text(text, str(output), root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("Nothing written: fix the options above.", file=sys.stderr)
        return 1
    if output.exists() and not args.force:
        print(f"{output} exists; add --force to replace it.", file=sys.stderr)
        return 1
    output.write_text(text, encoding="utf-8")
    print(f"Wrote {output}. Next: `ungsoc check`, then `make build`; commit it once with `git add -f {output}`.")
    return 0


def cmd_report(args) -> int:
    """Print translation status, staleness and readability per language; write JSON."""
    from ungsoc import report

    return report.main(Path(args.root).resolve(), Path(args.json) if args.json else None)


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
    new.add_argument("--country", required=True, help="se, dk or no")
    new.add_argument("--languages", help="comma-separated, e.g. da or no,sv (default: the country's)")
    new.add_argument("--default-language")
    new.add_argument("--site-url", required=True)
    new.add_argument("--logo", required=True, help="path to an .svg or .png in the repository")
    new.add_argument("--favicon")
    new.add_argument("--primary", required=True, help="brand colour #rrggbb")
    new.add_argument("--accent")
    new.add_argument("--reception-phone", required=True)
    new.add_argument("--on-call-phone", required=True)
    new.add_argument("--email", required=True)
    new.add_argument("--report-url", required=True, help="the municipality's page for reporting concern")
    new.add_argument("--quick-exit-url")
    new.add_argument("--a11y-status", choices=["full", "partial", "none"])
    new.add_argument("--a11y-assessed", help="YYYY-MM-DD")
    new.add_argument("--a11y-email")
    new.add_argument("--a11y-gap", action="append", help="what is not accessible (Sweden, status partial or none); repeat per gap")
    new.add_argument("--was-url")
    new.add_argument("--uustatus-url")
    new.add_argument("--output", default="content/municipality.yml")
    new.add_argument("--force", action="store_true")

    report = sub.add_parser("report", help=cmd_report.__doc__)
    report.add_argument("--json", help="also write the report as JSON to this file")
    report.set_defaults(run=cmd_report)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
