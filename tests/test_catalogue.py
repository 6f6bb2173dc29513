"""The intervention catalogue: validated records, a page per record per language, filters, open data."""

from __future__ import annotations

import codecs
import csv
import io
import json
import pytest
import yaml

from conftest import LANGUAGES, PREFIX, ROOT, THREE_LANGUAGES, build, copy_project, prefix

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "content/interventions").glob("*.yml")}


def test_every_source_intervention_has_a_record():
    assert {"soc-for-unga", "vasternorrlandsmodellen", "multikompetent-team-forskolan", "teknikstod-i-skolan",
            "riktad-drogprevention", "skolelos", "screening-socialfaglige-kompetencer"} <= set(RECORDS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_record_has_a_page_in_every_language(site, language):
    index = (site / f"{PREFIX[language]}interventions/index.html").read_text(encoding="utf-8")
    for record_id, record in RECORDS.items():
        page = site / f"{PREFIX[language]}interventions/{record_id}/index.html"
        html = page.read_text(encoding="utf-8")
        assert record["name"][language] in html
        assert f'href="{record_id}/"' in index


# The columns whose cells hold JSON (lists, numbers, null); every other cell is text as is.
JSON_COLUMNS = {"outcomes", "target_group.age_min", "target_group.age_max", "settings", "evidence", "sources"}


def unflatten(row: dict) -> dict:
    """A CSV row back into a record: name.sv -> {"name": {"sv": ...}}, empty cells left out."""
    record: dict = {}
    for column, cell in row.items():
        if cell == "":
            continue
        *parents, key = column.split(".")
        node = record
        for parent in parents:
            node = node.setdefault(parent, {})
        node[key] = json.loads(cell) if column in JSON_COLUMNS else cell
    return record


def test_open_data_round_trips_the_records(site):
    assert {r["id"]: r for r in json.loads((site / "interventions.json").read_text(encoding="utf-8"))} == RECORDS
    raw = (site / "interventions.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    assert header[:4] == ["id", "name.sv", "name.da", "name.no"] and len(set(header)) == len(header)
    assert {"description.sv", "purpose.no", "outcomes", "delivery.format.da", "staff.sv", "implementation.no",
            "results.da", "target_group.age_min", "sources"} <= set(header)
    assert all(len(row) == len(header) for row in rows)
    from_csv = [unflatten(dict(zip(header, row))) for row in rows]
    assert len(from_csv) == len(RECORDS) and {r["id"]: r for r in from_csv} == RECORDS


BAD = "content/interventions/skolelos.yml"


def line_of(text: str, key: str, offset: int = 0) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(f"{key}:")) + offset


@pytest.mark.parametrize("change, message, where", [
    (lambda r: r.update(phase="pilot"),
     "phase: 'pilot' is not allowed; expected one of: screening, maturing, testing, spreading, unknown",
     lambda text: line_of(text, "phase")),
    (lambda r: r["target_group"].update(age_min="tolv"),
     "target_group.age_min: expected ['integer', 'null'], got str 'tolv'", lambda text: line_of(text, "age_min")),
    (lambda r: r.update(settings=["school", "gym"]),
     "settings[1]: 'gym' is not allowed; expected one of: preschool, school, leisure, home, social_services",
     lambda text: line_of(text, "settings", 2)),
    (lambda r: r.pop("evidence"), "evidence: missing; this field is required", lambda text: 1),
], ids=["phase", "age", "setting", "missing"])
def test_bad_record_fails_the_build_with_file_line_field(tmp_path, change, message, where):
    project = copy_project(tmp_path / "project")
    path = project / BAD
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert f"{BAD}:{where(text)}: {message}" in result.stderr


@pytest.mark.fixed_profile
def test_record_missing_a_translation_falls_back_with_notice(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    path = project / BAD
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    del record["description"]["da"]
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert build(project).returncode == 0
    html = (project / "site/da/interventions/skolelos/index.html").read_text(encoding="utf-8")
    assert "Denne side findes ikke på dansk endnu." in html
    assert '<div lang="sv">' in html and record["description"]["sv"][:40] in html


def age_fits(record: dict, age: int) -> bool:
    """Whether a record shows for an age: its range includes it, or its range is not known."""
    low, high = record["target_group"]["age_min"], record["target_group"]["age_max"]
    return (low is None or low <= age) and (high is None or age <= high)


@pytest.mark.browser
def test_age_filter_keeps_records_of_unknown_age_and_other_filters_stay_strict(page, site_url):
    page.goto(f"{site_url}/{prefix('no')}interventions/")
    rows = page.locator(".ungsoc-catalogue tbody tr")
    assert rows.count() == len(RECORDS)
    age = page.get_by_role("spinbutton", name="Barnets alder")
    assert age.get_attribute("aria-describedby") == "ungsoc-age-hint"
    assert page.locator("#ungsoc-age-hint").inner_text() == "Tiltak med ukjent alder vises uansett hvilken alder du oppgir."

    def visible() -> dict[str, str]:
        """Shown record links -> their age cell."""
        return dict(page.eval_on_selector_all(
            ".ungsoc-catalogue tbody tr:not([hidden])",
            "rows => rows.map(r => [r.querySelector('a').getAttribute('href'), r.cells[2].innerText])"))

    age.fill("17")
    shown = visible()
    # 17 is within skolelos (12-18) and beyond the screening (3-16); the records without an age show, marked unknown
    assert "skolelos/" in shown and "screening-socialfaglige-kompetencer/" not in shown
    assert set(shown) == {f"{i}/" for i, r in RECORDS.items() if age_fits(r, 17)}
    unknown = {f"{i}/" for i, r in RECORDS.items() if r["target_group"]["age_min"] is None}
    assert unknown and all(shown[link] == "Ukjent" for link in unknown)
    assert page.locator(".ungsoc-filters__count").inner_text() == f"{len(shown)} av {len(RECORDS)} tiltak vises"

    page.locator("select[name=settings]").select_option("school")
    expected = {f"{i}/" for i, r in RECORDS.items() if age_fits(r, 17) and "school" in r["settings"]}
    assert set(visible()) == expected and expected < set(shown)
    assert page.locator(".ungsoc-filters__count").inner_text() == f"{len(expected)} av {len(RECORDS)} tiltak vises"


@pytest.mark.browser
def test_without_javascript_the_full_table_shows_and_filters_stay_hidden(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/interventions/")
    assert page.locator(".ungsoc-catalogue tbody tr").count() == len(RECORDS)
    assert not page.locator(".ungsoc-filters").is_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unknown_owner_shows_as_unknown_in_the_readers_language(language):
    from ungsoc.catalogue import record_page

    labels = yaml.safe_load((ROOT / f"content/ui/{language}.yml").read_text(encoding="utf-8"))
    labels = labels["catalogue"]
    record = {**RECORDS["vasternorrlandsmodellen"], "owner": "unknown"}
    page = record_page(record, language, labels, "notice", list(LANGUAGES), [str(ROOT / "overrides")])
    assert f"| {labels['owner']} | {labels['unknown']} |" in page
