"""`mkdocs serve` as an editor uses it: every edit shows, a broken page says what is wrong.

A real server in a subprocess on a free port, on a copy of the project. No sleeps: each step
polls the served page until the change shows, with a deadline.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
import yaml

from conftest import copy_project
from ungsoc.localnginx import free_port

# Seconds per step: generous, as a full rebuild (lesson PDFs included) on 2 cores shared with
# other test runs can take minutes; each step returns as soon as its condition holds.
DEADLINE = 900


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return f"<fetch failed: {error}>"


class Server:
    def __init__(self, project, log):
        self.project, self.log_path = project, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.log = open(log, "w", encoding="utf-8")
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                                        cwd=project, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def wait_for(self, path: str, condition, what: str) -> str:
        """Poll path until condition(html) holds; fail with the server's output otherwise."""
        end, html = time.monotonic() + DEADLINE, ""
        while time.monotonic() < end:
            assert self.process.poll() is None, f"the server stopped while waiting for {what}:\n{self.output()[-3000:]}"
            html = fetch(self.url + path)
            if condition(html):
                return html
            # Waiting on the server's own log instead of a timer: the next try follows a change in it.
            size = len(self.output())
            while time.monotonic() < end and len(self.output()) == size and self.process.poll() is None:
                self.process_wait(0.2)
        pytest.fail(f"timed out waiting for {what}; last page:\n{html[:500]}\nserver output:\n{self.output()[-3000:]}")

    def process_wait(self, seconds: float) -> None:
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# The editing loop is the same with any profile (seven rebuilds: the suite's longest test).
@pytest.mark.one_profile
def test_serve_shows_every_edit_and_every_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    from ungsoc.config import from_mkdocs_yml

    plugin = from_mkdocs_yml(project / "mkdocs.yml")
    profile_path = project / plugin.profile
    profile = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    default = profile["default_language"]
    page = project / "docs" / default / "youth" / "rights.md"
    glossary_path = project / "content" / "glossary" / f"{default}.yml"
    glossary = yaml.safe_load(glossary_path.read_text(encoding="utf-8"))
    term = glossary["terms"][0]["term"]
    original = page.read_text(encoding="utf-8")

    server = Server(project, tmp_path / "serve.log")
    try:
        server.wait_for("youth/rights/", lambda html: "<h1" in html, "the first build")

        # 1. A page edit shows on that page.
        page.write_text(original + f"\n\nEn mening som testet skrev. Den nämner {term}.\n", encoding="utf-8")
        server.wait_for("youth/rights/", lambda html: "En mening som testet skrev" in html, "the edited page")

        # 2. The profile's name shows on every page (here: two of them).
        profile["name"][default] = "Testköping Ändrad"
        profile_path.write_text(yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8")
        server.wait_for("", lambda html: "Testköping Ändrad" in html, "the new name on the start page")
        server.wait_for("youth/rights/", lambda html: "Testköping Ändrad" in html, "the new name on a page")

        # 3. A glossary edit changes the tooltip.
        glossary["terms"][0]["definition"] = "En förklaring som testet skrev in i ordlistan."
        glossary_path.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
        server.wait_for("youth/rights/", lambda html: 'title="En förklaring som testet skrev in i ordlistan."' in html,
                        "the new tooltip")

        # 4. A broken page: the server stays up and says what is wrong, where.
        page.write_text(original + "\n\nRing {{ phone.finns_inte }} nu.\n", encoding="utf-8")
        broken = server.wait_for("youth/rights/", lambda html: "unknown placeholder" in html, "the problem on the page")
        where = f"docs/{default}/youth/rights.md:{len(original.splitlines()) + 3}: phone.finns_inte: unknown placeholder"
        assert where in broken
        assert where in server.output()
        assert "Traceback" not in server.output()

        # 5. Fixed: the page is back, without the problem.
        page.write_text(original + "\n\nEn lagad mening.\n", encoding="utf-8")
        server.wait_for("youth/rights/", lambda html: "En lagad mening" in html and "unknown placeholder" not in html,
                        "the fixed page")
    finally:
        server.stop()
