"""The feedback page's text, without a browser: the reader is told once not to write names."""

from __future__ import annotations

import copy
import re

import pytest

from conftest import LANGUAGES, ROOT, copy_project
from ungsoc.feedback import load_questionnaire, markdown
from ungsoc.profile import load_profile

NAME_WORD = {"sv": r"\bnamn\b", "da": r"\bnavn(e)?\b", "no": r"\bnavn(et)?\b"}


@pytest.fixture(scope="module")
def questionnaire():
    doc, problems = load_questionnaire(ROOT / "content")
    assert problems == []
    return doc


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("profile") / "project")  # with the profile in use
    loaded, problems = load_profile(project / "content/municipality.yml", project, project / "content")
    assert problems == []
    return loaded


def _lead(page: str) -> str:
    """The page's prose before the questions (front matter and markup left out)."""
    return page.split("\n---\n", 1)[1].split("<", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("endpoint", [None, "https://svar.example.org/feedback"])
def test_the_name_warning_is_given_once(questionnaire, profile, language, endpoint):
    used = copy.copy(profile)
    used.data = {**profile.data, "feedback": {"endpoint": endpoint}} if endpoint else {
        k: v for k, v in profile.data.items() if k != "feedback"}
    lead = _lead(markdown(questionnaire, used, language, [str(ROOT / "overrides")]))
    assert lead.count(questionnaire["texts"]["no_name"][language]) == 1
    mentions = re.findall(NAME_WORD[language], lead, flags=re.IGNORECASE)
    # no_name itself says "your name or others' names": one sentence, no other mention.
    assert len(mentions) == len(re.findall(NAME_WORD[language], questionnaire["texts"]["no_name"][language],
                                           flags=re.IGNORECASE)), lead
