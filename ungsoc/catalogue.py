"""The intervention catalogue: a page per record, a filterable table, and open data files.

The table (overrides/partials/ungsoc-catalogue.html) is plain HTML with data attributes;
catalogue.js (external, for the CSP) adds the filters.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ungsoc import generated, schema, templates
from ungsoc.languages import pick
from ungsoc.translation import with_fallback_notice

FOLDER = "interventions"
INDEX = f"{FOLDER}/index.md"
# The table's columns; each filter offers the values intervention.schema.json allows.
COLUMNS = ("name", "country", "age", "settings", "prevention_level", "phase")
FILTERS = ("settings", "country", "prevention_level", "phase")


def localized(value, language: str, labels: dict, fallback_order: list[str]) -> tuple[str, str | None]:
    """A field in the reader's language: (text, language of the text if it had to fall back)."""
    if value == "unknown" or value is None:
        return labels["unknown"], None
    text, fell_back = pick(value, language, fallback_order)
    return (labels["unknown"], None) if text is None else (text, fell_back)


def age_text(record: dict, labels: dict) -> str:
    low, high = record["target_group"]["age_min"], record["target_group"]["age_max"]
    if low is None and high is None:
        return labels["unknown"]
    return f"{'' if low is None else low}–{'' if high is None else high} {labels['years']}"


def record_page(record: dict, language: str, labels: dict, notice: str, fallback_order: list[str],
                theme_dirs) -> str:
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
        markdown = with_fallback_notice(markdown, notice, sorted(borrowed)[0], theme_dirs)
    return generated.front_matter("professionals", record["reviewed"]) + markdown


def filter_choices(content_dir: Path) -> list[tuple[str, list[str]]]:
    """Each filter and its values, in the schema's order."""
    fields = schema.load_schema(content_dir / "intervention.schema.json")["properties"]
    return [(name, fields[name].get("items", fields[name])["enum"]) for name in FILTERS]


def table_html(records: list[dict], language: str, labels: dict, fallback_order: list[str], root: str,
               theme_dirs, content_dir: Path) -> str:
    """The filter form and table for the section's index page (partials/ungsoc-catalogue.html);
    root is the relative path to the site root."""
    rows = [{"record": record, "name": localized(record["name"], language, labels, fallback_order)[0],
             "age": age_text(record, labels)} for record in records]
    rows.sort(key=lambda row: row["name"].lower())
    return "\n" + templates.render(theme_dirs, "partials/ungsoc-catalogue.html", labels=labels, rows=rows, root=root,
                                   columns=COLUMNS, filters=filter_choices(content_dir))


def csv_columns(record_schema: dict) -> dict[str, bool]:
    """The CSV columns in schema order, each mapped to whether its cells hold JSON.

    An object opens into a column per key (name.sv, target_group.age_min); a field that is either
    "unknown" or an object has both (purpose holds "unknown", purpose.sv the text). Lists, numbers
    and null are not text, so their columns hold JSON (settings, evidence, target_group.age_min).
    An empty cell means the record does not have that field.
    """
    columns: dict[str, bool] = {}

    def walk(node: dict, path: str) -> None:
        if "$ref" in node:
            node = record_schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        if "oneOf" in node:
            for alternative in node["oneOf"]:
                walk(alternative, path)
        elif node.get("type") == "object":
            children = node.get("properties")
            if children is None:
                # a text per language: the keys are listed in propertyNames, the value in one pattern
                [value] = node["patternProperties"].values()
                children = dict.fromkeys(node["propertyNames"]["enum"], value)
            for key, child in children.items():
                walk(child, f"{path}.{key}" if path else key)
        else:
            text = (node.get("type") == "string" or isinstance(node.get("const"), str)
                    or ("enum" in node and all(isinstance(v, str) for v in node["enum"])))
            columns[path] = columns.get(path, False) or not text

    walk(record_schema, "")
    return columns


def flatten(value, path: str = "") -> dict:
    """Field path -> value, opening objects (not lists) into their keys."""
    if not isinstance(value, dict):
        return {path: value}
    return {column: cell for key, item in value.items()
            for column, cell in flatten(item, f"{path}.{key}" if path else key).items()}


def open_data(records: list[dict], content_dir: Path) -> tuple[str, str]:
    """interventions.json (the records as validated) and interventions.csv, a row per record
    with every field (see csv_columns), so either file gives back the records."""
    as_json = json.dumps(records, ensure_ascii=False, indent=2)
    columns = csv_columns(schema.load_schema(content_dir / "intervention.schema.json"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({column: json.dumps(value, ensure_ascii=False) if columns[column] else value
                         for column, value in flatten(record).items()})
    return as_json, out.getvalue()
