"""The intervention catalogue: a page per record, a filterable table, and open data files.

The table is plain HTML with data attributes; catalogue.js (external, for the CSP) adds the
filters. Without JavaScript the full table shows and the filter form stays hidden.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

from ungsoc.translation import with_fallback_notice

FOLDER = "interventions"
INDEX = f"{FOLDER}/index.md"
SETTINGS = ("preschool", "school", "leisure", "home", "social_services")
LEVELS = ("universal", "selective", "indicated", "unknown")
PHASES = ("screening", "maturing", "testing", "spreading", "unknown")
COUNTRIES = ("se", "dk", "no")


def localized(value, language: str, labels: dict, fallback_order: list[str]) -> tuple[str, str | None]:
    """A field in the reader's language: (text, language of the text if it had to fall back)."""
    if value == "unknown" or value is None:
        return labels["unknown"], None
    if language in value:
        return value[language], None
    for other in fallback_order:
        if other in value:
            return value[other], other
    return labels["unknown"], None


def age_text(record: dict, labels: dict) -> str:
    low, high = record["target_group"]["age_min"], record["target_group"]["age_max"]
    if low is None and high is None:
        return labels["unknown"]
    return f"{'' if low is None else low}–{'' if high is None else high} {labels['years']}"


def record_page(record: dict, language: str, labels: dict, notice: str, fallback_order: list[str]) -> str:
    """The Markdown page of one record in the reader's language."""
    borrowed: set[str] = set()

    def text(value) -> str:
        out, fell_back = localized(value, language, labels, fallback_order)
        if fell_back:
            borrowed.add(fell_back)
        return out

    def row(label: str, value: str) -> str:
        return f"| {labels[label]} | {value.replace('|', '/').replace(chr(10), ' ')} |"

    period = record["period"]
    funding = record["funding"]
    facts = [
        f"| {labels['name']} | {text(record['name'])} |", "| --- | --- |",
        row("country", labels[record["country"]]),
        row("owner", labels["unknown"] if record["owner"] == "unknown" else record["owner"]),
        row("age", age_text(record, labels)),
        row("settings", ", ".join(labels[s] for s in record["settings"])),
        row("prevention_level", labels[record["prevention_level"]]),
        row("phase", labels[record["phase"]]),
        row("period", labels["unknown"] if period == "unknown" else f"{period['start']}–{period.get('end', '')}"),
        row("funding", labels["unknown"] if funding == "unknown" else " ".join(filter(None, [funding["funder"], funding.get("amount")]))),
        row("reviewed", record["reviewed"]),
    ]
    outcomes = record["outcomes"]
    outcome_lines = ([f"- {text(o)}" for o in outcomes] if outcomes != "unknown" else [labels["unknown"]])
    evidence = [f"- {labels['not_rated']}" if e["scale"] == "not_rated" else
                f"- {e['scale']}: {e['rating']} ({e['date'] or labels['unknown']})" + (f", <{e['source']}>" if e["source"] else "")
                for e in record["evidence"]]
    sources = [f"- [{s['title']}]({s['url']})" if s.get("url") else f"- {s['title']}" for s in record["sources"]]
    sections = [
        ("summary", text(record["summary"])),
        ("description", text(record["description"])),
        ("purpose", text(record["purpose"])),
        ("outcomes", "\n".join(outcome_lines)),
        ("target_group", text(record["target_group"]["description"])),
        ("delivery_format", text(record["delivery"]["format"])),
        ("dose", text(record["delivery"]["dose"])),
        ("staff", text(record["staff"])),
        ("duration", text(record["duration"])),
        ("implementation", text(record["implementation"])),
        ("evidence", "\n".join(evidence)),
        ("results", text(record["results"])),
        ("sources", "\n".join(sources)),
    ]
    body = "\n\n".join(["\n".join(facts)] + [f"## {labels[key]}\n\n{value}" for key, value in sections])
    markdown = f"# {text(record['name'])}\n\n{body}\n"
    if borrowed:
        markdown = with_fallback_notice(markdown, notice, sorted(borrowed)[0])
    return f"---\naudience: professionals\nreviewed: {record['reviewed']}\n---\n\n{markdown}"


def table_html(records: list[dict], language: str, labels: dict, fallback_order: list[str], root: str) -> str:
    """The catalogue table for the section's index page; root is the relative path to the site root."""
    def options(name: str, values) -> str:
        items = "".join(f'<option value="{v}">{escape(labels[v])}</option>' for v in values)
        return (f'<label>{escape(labels[name])} <select name="{name}"><option value="">{escape(labels["any"])}</option>'
                f"{items}</select></label>")

    rows = []
    for record in sorted(records, key=lambda r: localized(r["name"], language, labels, fallback_order)[0].lower()):
        name = escape(localized(record["name"], language, labels, fallback_order)[0])
        group = record["target_group"]
        rows.append(
            f'<tr data-age-min="{"" if group["age_min"] is None else group["age_min"]}" '
            f'data-age-max="{"" if group["age_max"] is None else group["age_max"]}" '
            f'data-settings="{" ".join(record["settings"])}" data-country="{record["country"]}" '
            f'data-prevention-level="{record["prevention_level"]}" data-phase="{record["phase"]}">'
            f'<td><a href="{record["id"]}/">{name}</a></td><td>{escape(labels[record["country"]])}</td>'
            f"<td>{escape(age_text(record, labels))}</td>"
            f'<td>{escape(", ".join(labels[s] for s in record["settings"]))}</td>'
            f"<td>{escape(labels[record['prevention_level']])}</td><td>{escape(labels[record['phase']])}</td></tr>")
    head = "".join(f'<th scope="col">{escape(labels[c])}</th>'
                   for c in ("name", "country", "age", "settings", "prevention_level", "phase"))
    shown = escape(labels["shown"])
    return f"""
<form class="ungsoc-filters" data-module="ungsoc-catalogue" data-i18n-shown="{shown}" hidden>
<fieldset><legend>{escape(labels['filters'])}</legend>
<label>{escape(labels['age_input'])} <input type="number" name="age" min="0" max="25" inputmode="numeric"></label>
{options('settings', SETTINGS)}
{options('country', COUNTRIES)}
{options('prevention_level', LEVELS)}
{options('phase', PHASES)}
</fieldset>
<p class="ungsoc-filters__count" role="status" aria-live="polite"></p>
</form>

<div class="ungsoc-scroll" tabindex="0" role="region" aria-label="{escape(labels['name'])}">
<table class="ungsoc-catalogue">
<thead><tr>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>

<p>{escape(labels['open_data'])}: <a href="{root}interventions.json">interventions.json</a>,
<a href="{root}interventions.csv">interventions.csv</a></p>

<script src="{root}assets/ungsoc/catalogue.js" defer></script>
"""


CSV_FIELDS = ["id", "country", "owner", "name_sv", "name_da", "name_no", "summary_sv", "summary_da", "summary_no",
              "age_min", "age_max", "settings", "prevention_level", "phase", "period_start", "period_end",
              "funder", "funding_amount", "evidence", "source_urls", "reviewed"]


def open_data(records: list[dict]) -> tuple[str, str]:
    """interventions.json (the records as validated) and a flat interventions.csv."""
    as_json = json.dumps(records, ensure_ascii=False, indent=2)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        period = {} if r["period"] == "unknown" else r["period"]
        funding = {} if r["funding"] == "unknown" else r["funding"]
        row = {"id": r["id"], "country": r["country"], "owner": r["owner"],
               "age_min": r["target_group"]["age_min"], "age_max": r["target_group"]["age_max"],
               "settings": ";".join(r["settings"]), "prevention_level": r["prevention_level"], "phase": r["phase"],
               "period_start": period.get("start", ""), "period_end": period.get("end", ""),
               "funder": funding.get("funder", ""), "funding_amount": funding.get("amount", ""),
               "evidence": json.dumps(r["evidence"], ensure_ascii=False),
               "source_urls": " ".join(s["url"] for s in r["sources"] if s.get("url")), "reviewed": r["reviewed"]}
        for field in ("name", "summary"):
            for language in ("sv", "da", "no"):
                row[f"{field}_{language}"] = r[field].get(language, "")
        writer.writerow(row)
    return as_json, out.getvalue()
