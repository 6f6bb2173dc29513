"""National numbers: every country's file has the lines a child in danger needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = sorted(path.stem for path in (ROOT / "content/national").glob("*.yml"))
# Facts the files must match: where medical emergencies have a number of their own (in
# Norway 112 is the police and 113 the medical emergency line, helsenorge.no).
MEDICAL_EMERGENCY = {"se": "112", "dk": "112", "no": "113"}
# Where the child helpline is run by child protection and registers what it is told (Norway's
# Alarmtelefonen, 116111.no): a listening line that is no authority must be there too.
AUTHORITY_CHILD_HELPLINE = {"no"}


def national(country: str) -> dict:
    return yaml.safe_load((ROOT / "content/national" / f"{country}.yml").read_text(encoding="utf-8"))


def test_every_country_has_a_file():
    assert COUNTRIES == sorted(MEDICAL_EMERGENCY)


@pytest.mark.parametrize("country", COUNTRIES)
def test_country_has_emergency_medical_emergency_child_helpline_and_suicide_prevention(country):
    data = national(country)
    assert data["emergency"] == "112"
    medical = (data.get("medical_emergency") or {}).get("phone", data["emergency"])
    assert medical == MEDICAL_EMERGENCY[country]
    if medical != data["emergency"]:
        assert data["medical_emergency"]["url"].startswith("https://")
    assert data["child_helpline"]["phone"] == "116 111"
    suicide = data["suicide_prevention"]
    assert suicide["phone"].replace(" ", "").isdigit() and suicide["url"].startswith("https://")
    assert suicide["url"] in data["sources"], "the suicide line's page must be among the sources"


@pytest.mark.parametrize("country", sorted(AUTHORITY_CHILD_HELPLINE))
def test_where_the_child_helpline_is_an_authority_a_listening_line_is_named(country):
    data = national(country)
    for line in ("talk_line", "suicide_prevention"):
        assert data[line]["name"] and data[line]["phone"] != data["child_helpline"]["phone"]
