"""A municipality rebrands the site from content/municipality.yml, with clear errors."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

import yaml

from conftest import PROFILES, ROOT, build, copy_project
from conftest import use_profile as use_profile_file
from test_atomic_build import tree_digest
from ungsoc.profile import DEMO_PROFILE, tel

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile

DEMO = yaml.safe_load((ROOT / DEMO_PROFILE).read_text(encoding="utf-8"))


def demo_traces() -> tuple[str, ...]:
    """What of the upstream demo profile must not survive in a fork's site: names, numbers (as
    shown and as tel: links), colour, contacts and addresses, and the demo notice."""
    contacts = DEMO["contacts"]
    phones = [contacts["reception"]["phone"], contacts["on_call"]["phone"]]
    notices = [yaml.safe_load((ROOT / f"content/ui/{lang}.yml").read_text(encoding="utf-8"))[key]
               for lang in ("sv", "da", "no") for key in ("demo_notice", "demo_notice_short")]
    return (*DEMO["name"].values(), *phones, *map(tel, phones), DEMO["colors"]["primary"], contacts["email"],
            contacts["address"].split(",")[0], DEMO["site_url"].removeprefix("https://").rstrip("/"),
            contacts["report_concern_url"].removeprefix("https://"), *notices)


DEMO_TRACES = demo_traces()


def brand_colour(site, name: str) -> str:
    """A colour the site's stylesheet sets, as #rrggbb (the minifier writes #ffdd00 as #fd0)."""
    css = (site / "assets/ungsoc/ungsoc.min.css").read_text(encoding="utf-8")
    value = re.search(rf"{name}:\s*(#[0-9a-fA-F]+)", css).group(1).lower()
    return "#" + "".join(digit * 2 for digit in value[1:]) if len(value) == 4 else value


def use_profile(project, name):
    use_profile_file(project, PROFILES / name)


def all_text(site):
    """Every page, sitemap, data file, stylesheet, script and deploy config of the site."""
    suffixes = {".html", ".xml", ".json", ".csv", ".txt", ".css", ".js", ".conf", ""}
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*") if p.is_file() and p.suffix in suffixes}


def test_danish_only_municipality(tmp_path):
    project = copy_project(tmp_path / "fork")
    use_profile(project, "dk-da-only.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    start = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da"' in start
    assert "Fjordby Kommune" in start
    assert 'href="tel:+4599992020"' in start  # on-call in help-now
    assert "boernogfamilie@fjordby.example.dk" in start
    assert "BørneTelefonen" in start
    assert not (site / "da").exists() and not (site / "no").exists() and not (site / "sv").exists()
    assert brand_colour(site, "--md-primary-fg-color") == "#6a1b4d"
    assert (site / "assets/brand/logo.svg").read_text() == (PROFILES / "fjordby.svg").read_text()
    assert (site / "was/index.html").is_file()
    for path, text in all_text(site).items():
        for trace in DEMO_TRACES:
            assert trace not in text, f"{trace!r} left in {path}"


def test_norwegian_municipality_with_swedish(tmp_path):
    project = copy_project(tmp_path / "fork")
    use_profile(project, "no-sv.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    start = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in start and "Fjellvik kommune" in start
    swedish = (site / "sv/index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in swedish and "Fjellviks kommun" in swedish
    assert "Alarmtelefonen for barn og unge" in swedish and 'href="tel:+4755550202"' in swedish
    assert not (site / "da").exists()
    assert "uustatus.no/nb/erklaringer/publisert/fjellvik-example" in (site / "about/accessibility/index.html").read_text()
    for path, text in all_text(site).items():
        for trace in DEMO_TRACES:
            assert trace not in text, f"{trace!r} left in {path}"


# The error-message tests break a test profile of their own (a Swedish municipality), not the
# profile in use, so they hold in any fork.
GOOD_FILE = "se-sv-only.yml"
GOOD = (PROFILES / GOOD_FILE).read_text(encoding="utf-8")


def line(prefix: str, profile: str = GOOD) -> int:
    """The line in the profile (by default GOOD) that starts with prefix."""
    return 1 + next(i for i, text in enumerate(profile.splitlines()) if text.startswith(prefix))


FIRST_KEY = line("name:")
RECEPTION_PHONE = line('    phone: "070-174 06 50"')

BAD_PROFILES = {
    "missing name": (GOOD.replace("name:\n  sv: Bergby kommun\n", ""),
                     f"content/municipality.yml:{FIRST_KEY}: name: missing; this field is required: expected the municipality's name per enabled language"),
    "unknown country": (GOOD.replace("country: se", "country: fi"),
                        f"content/municipality.yml:{line('country:')}: country: 'fi' is not allowed; expected one of: se, dk, no"),
    "default language not enabled": (GOOD.replace("default_language: sv", "default_language: da"),
                                     f"content/municipality.yml:{line('default_language:')}: default_language: 'da' is not enabled; expected one of languages: sv"),
    "logo missing": (GOOD.replace("logo: content/assets/bergby.svg", "logo: content/assets/vapen.svg"),
                     f"content/municipality.yml:{line('logo:')}: logo: file 'content/assets/vapen.svg' not found; expected a path relative to the repository"),
    "colour not a colour": (GOOD.replace('primary: "#5a2d82"', "primary: blue"),
                            f"content/municipality.yml:{line('  primary:')}: colors.primary: 'blue' is not valid; expected a colour as #rgb or #rrggbb, e.g. \"#1f5f8b\""),
    "low contrast": (GOOD.replace('primary: "#5a2d82"', 'primary: "#7fb3d5"'),
                     f"content/municipality.yml:{line('  primary:')}: colors.primary: '#7fb3d5' has contrast 2.26:1 with white, too low for white text on it; expected at least 4.5:1 (WCAG AA): choose a darker colour"),
    "phone with letters": (GOOD.replace('phone: "070-174 06 50"', 'phone: "070-SOCIAL"'),
                           f"content/municipality.yml:{RECEPTION_PHONE}: contacts.reception.phone: '070-SOCIAL' is not valid; expected a phone number"),
    "url without https": (GOOD.replace("site_url: https://ung.bergby.example.se/", "site_url: http://ung.bergby.example.se/"),
                          f"content/municipality.yml:{line('site_url:')}: site_url: 'http://ung.bergby.example.se/' is not valid; expected a full URL starting with https://"),
    "unknown key": (GOOD.replace("contacts:\n", "contacs:\n", 1),
                    f"content/municipality.yml:{line('contacts:')}: contacs: unknown key (did you mean 'contacts'?)"),
    "yaml syntax error": (GOOD.replace("default_language: sv", "default_language: sv: da"),
                          f"content/municipality.yml:{line('default_language:')}: YAML syntax error"),
    "empty file": ("", "content/municipality.yml:1: the profile is empty"),
}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("good") / "project")
    use_profile(project, GOOD_FILE)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_profile_fails_with_message_and_keeps_site(built_project, tmp_path, case):
    project = tmp_path / "project"
    shutil.copytree(built_project, project)
    before = tree_digest(project / "site")
    text, message = BAD_PROFILES[case]
    (project / "content" / "municipality.yml").write_text(text, encoding="utf-8")

    result = build(project)

    assert result.returncode != 0
    assert message in result.stderr
    assert tree_digest(project / "site") == before


def test_every_problem_is_reported_at_once(built_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_project, project)
    text = GOOD.replace("country: se", "country: fi").replace('primary: "#5a2d82"', "primary: blue")
    (project / "content" / "municipality.yml").write_text(text, encoding="utf-8")
    result = build(project)
    assert "2 problems in content:" in result.stderr
    assert "country: 'fi'" in result.stderr and "colors.primary: 'blue'" in result.stderr


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ungsoc.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_new_municipality_writes_a_profile_that_checks_and_builds(tmp_path):
    project = copy_project(tmp_path / "fork")
    shutil.copy2(PROFILES / "fjordby.svg", project / "content/assets/fjordby.svg")
    result = run_cli("new-municipality", "--name", "Fjordby Kommune", "--country", "dk",
                     "--site-url", "https://ung.fjordby.example.dk/", "--logo", "content/assets/fjordby.svg",
                     "--primary", "#6a1b4d", "--reception-phone", "+45 99 99 10 10",
                     "--on-call-phone", "+45 99 99 20 20", "--email", "bf@fjordby.example.dk",
                     "--report-url", "https://www.fjordby.example.dk/underretning",
                     "--was-url", "https://www.was.digst.dk/fjordby", "--force", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "content/municipality.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=municipality.schema.json\n")
    assert run_cli("check", cwd=project).stdout.strip() == "Profile and content are valid."
    assert build(project).returncode == 0


def test_new_municipality_refuses_invalid_options_naming_them(tmp_path):
    project = copy_project(tmp_path / "fork")
    before = (project / "content/municipality.yml").read_text(encoding="utf-8")
    result = run_cli("new-municipality", "--name", "X", "--country", "dk", "--site-url", "http://x.dk/",
                     "--logo", "content/assets/logo.svg", "--primary", "#808080", "--reception-phone", "12ab",
                     "--on-call-phone", "112", "--email", "a@b.dk", "--report-url", "https://x.dk/",
                     "--force", cwd=project)
    assert result.returncode == 1
    # Grey is too light for white text and too dark for dark text: refused, with what to do.
    assert result.stderr.splitlines() == [
        "--reception-phone: '12ab' is not valid; expected a phone number of digits, spaces, '-', '(' ')' and an optional leading '+', e.g. \"08-579 210 00\"",
        "--site-url: 'http://x.dk/' is not valid; expected a full URL starting with https://",
        "--primary: '#808080' has contrast 3.95:1 with white, too low for white text on it; expected at least 4.5:1 (WCAG AA): choose a darker colour",
        "--was-url: missing, which the accessibility statement for country 'dk' requires",
        "Nothing written: fix the options above."]
    assert (project / "content/municipality.yml").read_text(encoding="utf-8") == before


NORDVIK = ["new-municipality", "--name", "Nordvik kommune", "--country", "no", "--site-url", "https://ung.nordvik.example.no/",
           "--logo", "content/assets/nordvik.svg", "--favicon", "content/assets/nordvik.svg",
           "--reception-phone", "+47 55 55 03 03", "--reception-hours", "Mandag–fredag 8–15",
           "--on-call-phone", "+47 55 55 04 04", "--on-call-hours", "Hele døgnet",
           "--email", "barnevern@nordvik.example.no", "--address", "Rådhuset, Storgata 1, 9999 Nordvik",
           "--report-url", "https://www.nordvik.example.no/bekymringsmelding",
           "--uustatus-url", "https://uustatus.no/nb/erklaringer/publisert/nordvik", "--force"]


def test_new_municipality_writes_only_the_countrys_fields_and_refuses_foreign_ones(tmp_path):
    project = copy_project(tmp_path / "fork")
    refused = run_cli(*NORDVIK, "--primary", "#0f4c5c", "--a11y-email", "uu@nordvik.example.no", cwd=project)
    assert refused.returncode == 1
    assert refused.stderr.startswith("--a11y-email: only for Sweden's accessibility statement (--country se); "
                                     "leave it out for --country no")
    assert run_cli(*NORDVIK, "--primary", "#0f4c5c", cwd=project).returncode == 0
    profile = yaml.safe_load((project / "content/municipality.yml").read_text(encoding="utf-8"))
    assert profile["accessibility"] == {"uustatus_url": "https://uustatus.no/nb/erklaringer/publisert/nordvik"}
    assert profile["favicon"] == "content/assets/nordvik.svg"
    assert profile["contacts"]["reception"]["hours"] == {"no": "Mandag–fredag 8–15"}
    assert run_cli("check", cwd=project).returncode == 0
    assert build(project).returncode == 0
    footer = (project / "site/index.html").read_text(encoding="utf-8")
    assert "Rådhuset, Storgata 1, 9999 Nordvik" in footer and "(Mandag–fredag 8–15)" in footer and "(Hele døgnet)" in footer
    assert (project / "site/assets/brand/favicon.svg").read_text() == (PROFILES / "nordvik.svg").read_text()


@pytest.fixture(scope="module")
def light_brand_fork(tmp_path_factory):
    """A fork whose brand colour (yellow) is too light for white text."""
    project = copy_project(tmp_path_factory.mktemp("light") / "fork")
    result = run_cli(*NORDVIK, "--primary", "#ffdd00", cwd=project)
    assert result.returncode == 0, result.stderr
    build_result = build(project)
    assert build_result.returncode == 0, build_result.stderr
    return project, result.stdout


def test_a_light_brand_colour_is_kept_with_dark_text_and_a_darker_link_colour(light_brand_fork):
    from ungsoc.colour import contrast, mix

    project, stdout = light_brand_fork
    colours = yaml.safe_load((project / "content/municipality.yml").read_text(encoding="utf-8"))["colors"]
    assert colours["primary"] == "#ffdd00" and colours["primary_text"] == "#1a1a1a"
    for background in ("#ffdd00", mix("#ffdd00", "#000000", 0.2)):  # the header and the help-now banner
        assert contrast(background, colours["primary_text"]) >= 4.5
    assert contrast(colours["accent"], "#ffffff") >= 4.5
    assert stdout.startswith("Note: --primary #ffdd00 is too light for white text (1.35:1): kept with dark text #1a1a1a")
    assert brand_colour(project / "site", "--md-primary-fg-color") == "#ffdd00"
    assert brand_colour(project / "site", "--md-primary-bg-color") == "#1a1a1a"


@pytest.mark.browser
def test_a_light_brand_colour_site_passes_axe(light_brand_fork, browser):
    from test_quality import run_axe

    project, _ = light_brand_fork
    page = browser.new_page()
    for path in ("index.html", "youth/index.html"):
        page.goto((project / "site" / path).as_uri())
        assert run_axe(page) == [], path
    page.close()


def test_check_reports_bad_profile_without_building(tmp_path):
    project = copy_project(tmp_path / "fork")
    (project / "content/municipality.yml").write_text(GOOD.replace("country: se", "country: fi"), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert f"content/municipality.yml:{line('country:')}: country: 'fi' is not allowed" in result.stdout
    assert not (project / "site").exists()


def without_known_gaps(profile: str) -> str:
    start = profile.index("  known_gaps:")
    return profile[:start] + profile[profile.index("  feedback_email:"):]


def check_profile(tmp_path, profile_file: str | None, edit) -> subprocess.CompletedProcess:
    """`ungsoc check` on a copy of the project whose profile is profile_file (GOOD), edited."""
    project = copy_project(tmp_path / "fork")
    use_profile(project, profile_file or GOOD_FILE)
    path = project / "content/municipality.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return run_cli("check", cwd=project)


@pytest.mark.parametrize("profile_file, field, edit", [
    (None, "feedback_email", lambda text: re.sub(r"\n  feedback_email: .*", "", text)),
    ("dk-da-only.yml", "was_url", lambda text: re.sub(r"was_url: .*", "status: full", text)),
    ("no-sv.yml", "uustatus_url", lambda text: re.sub(r"uustatus_url: .*", "status: full", text)),
], ids=["se", "dk", "no"])
def test_missing_accessibility_statement_field_is_named_per_country(tmp_path, profile_file, field, edit):
    result = check_profile(tmp_path, profile_file, edit)
    text = (PROFILES / (profile_file or GOOD_FILE)).read_text(encoding="utf-8")
    country = re.search(r'^country: "?(\w+)', text, re.M).group(1)
    assert result.returncode == 1
    assert (f"content/municipality.yml:{line('accessibility:', text)}: accessibility: missing '{field}', "
            f"which the accessibility statement for country '{country}' requires") in result.stdout


@pytest.mark.parametrize("status", ["partial", "none"])
def test_swedish_statement_not_fully_accessible_must_list_known_gaps(tmp_path, status):
    result = check_profile(tmp_path, None, lambda text: without_known_gaps(text).replace("status: partial", f"status: {status}"))
    assert result.returncode == 1
    assert (f"content/municipality.yml:{line('accessibility:')}: accessibility.known_gaps: missing, but status is "
            f"'{status}'; expected a list of what is not accessible") in result.stdout


def test_swedish_statement_fully_accessible_needs_no_known_gaps(tmp_path):
    result = check_profile(tmp_path, None, lambda text: without_known_gaps(text).replace("status: partial", "status: full"))
    assert result.returncode == 0, result.stdout


def test_new_swedish_municipality_not_fully_accessible_needs_its_gaps(tmp_path):
    project = copy_project(tmp_path / "fork")
    options = ["new-municipality", "--name", "Bergby kommun", "--country", "se", "--site-url", "https://ung.bergby.example.se/",
               "--logo", "content/assets/logo.svg", "--primary", "#1f5f8b", "--reception-phone", "0500-12 34 50",
               "--on-call-phone", "0500-12 34 60", "--email", "soc@bergby.example.se",
               "--report-url", "https://www.bergby.example.se/oro", "--a11y-status", "partial",
               "--a11y-assessed", "2026-11-20", "--force"]
    refused = run_cli(*options, cwd=project)
    assert refused.returncode == 1 and "--a11y-gap: missing, but status is 'partial'" in refused.stderr
    assert run_cli(*options, "--a11y-gap", "Filmerna saknar textning.", cwd=project).returncode == 0
    assert run_cli("check", cwd=project).returncode == 0
    assert build(project).returncode == 0
    assert "Filmerna saknar textning." in (project / "site/about/accessibility/index.html").read_text(encoding="utf-8")
