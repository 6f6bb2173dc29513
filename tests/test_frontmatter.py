"""Page front matter is validated at build time with file:line: field: messages."""

from __future__ import annotations

import pytest

from conftest import ROOT, THREE_LANGUAGES, build, copy_project
from ungsoc.frontmatter import check

# Builds with profiles of its own: the profile in use changes nothing (CI runs it once).
pytestmark = pytest.mark.fixed_profile

FILE = "docs/da/youth/rights.md"
CASES = {
    "missing audience": ("---\nreviewed: 2026-11-24\n---\n# R\n",
                         "docs/da/youth/rights.md:2: audience: missing; this field is required: expected who the page is written for: youth, parents, school, professionals or municipality"),
    "unknown audience": ("---\naudience: kids\nreviewed: 2026-11-24\n---\n# R\n",
                         "docs/da/youth/rights.md:2: audience: 'kids' is not allowed; expected one of: youth, parents, school, professionals, municipality"),
    "reviewed not a date": ("---\naudience: youth\nreviewed: last week\n---\n# R\n",
                            "docs/da/youth/rights.md:3: reviewed: 'last week' is not valid; expected the date the page was last checked for correctness, YYYY-MM-DD"),
    "source without https": ("---\naudience: youth\nreviewed: 2026-11-24\nsources:\n  - http://retsinformation.dk/\n---\n# R\n",
                             "docs/da/youth/rights.md:5: sources[0]: 'http://retsinformation.dk/' is not valid; expected a link (https://) to the statute or authority page"),
    "unknown key": ("---\naudience: youth\nreveiwed: 2026-11-24\n---\n# R\n",
                    "docs/da/youth/rights.md:3: reveiwed: unknown key (did you mean 'reviewed'?)"),
    "no front matter": ("# R\n", "docs/da/youth/rights.md:1: no front matter; start the page with a --- block holding at least audience: and reviewed:"),
    "yaml syntax error": ("---\naudience: [youth\nreviewed: 2026-11-24\n---\n# R\n", "docs/da/youth/rights.md:3: YAML syntax error"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_front_matter_error_message(case):
    text, message = CASES[case]
    messages = [str(p) for p in check(text, FILE, ROOT / "content")]
    assert any(m.startswith(message) for m in messages), messages


def test_bad_front_matter_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    page = project / "docs/da/youth/rights.md"
    page.write_text(page.read_text(encoding="utf-8").replace("audience: youth", "audience: kids", 1), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert "docs/da/youth/rights.md:2: audience: 'kids' is not allowed" in result.stderr
