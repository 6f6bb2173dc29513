"""The child-feedback questionnaire: a real form when the profile names an endpoint, a
printable sheet (and no form) when it does not."""

from __future__ import annotations

import http.server
import io
import threading
import urllib.parse

import pytest
from pypdf import PdfReader

from conftest import THREE_LANGUAGES, build, copy_project, prefix

pytestmark = pytest.mark.browser


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers["Content-Length"])
        self.server.received.append(urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8")))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write("<!doctype html><title>Tack</title><h1>Tack</h1>".encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


def test_without_endpoint_there_is_no_form_and_the_sheet_prints(page, site_url):
    page.goto(f"{site_url}/{prefix('da')}feedback/")
    assert page.locator("form[method=post], form[action]").count() == 0
    assert page.locator("fieldset.ungsoc-question").count() == 11  # ten statements and the age band
    text = page.locator("article").inner_text()
    # Where the sheet goes, that the child's own social worker does not see it, that nobody
    # reads the free text at once, and where to turn instead.
    assert "skriv kommunen på kuverten" in text
    assert "Din egen sagsbehandler skal ikke se dine svar." in text
    assert "Ingen læser det, du skriver, med det samme, og ingen svarer på det." in text
    assert page.locator("article a[href$='youth/get-help-now/']").count() == 1
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert 1 <= len(pdf.pages) <= 4
    assert "3. Jeg følte, at de lyttede til mig." in text
    assert "Forlad siden hurtigt" not in text


def test_with_endpoint_the_form_posts_the_answers_and_nothing_else(browser, tmp_path, receiver):
    project = copy_project(tmp_path / "project", THREE_LANGUAGES)
    profile = project / "content/municipality.yml"
    endpoint = f"http://127.0.0.1:{receiver.server_port}/svar"
    profile.write_text(profile.read_text(encoding="utf-8") + f"feedback:\n  endpoint: {endpoint}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert f"form-action 'self' {endpoint}" in (project / "site/_deploy/csp.txt").read_text()

    context = browser.new_context(java_script_enabled=False)  # a plain HTML form works without it
    page = context.new_page()
    page.goto((project / "site/no/feedback/index.html").as_uri())
    assert "Svarene blir sendt til barnevernet i kommunen" in page.locator("article").inner_text()
    page.get_by_label("Ja, helt").first.check()
    page.locator("#listened-to-3").check()
    page.locator("#age-13-15").check()
    page.locator("#comment").fill("Det var fint å bli hørt.")
    page.get_by_role("button", name="Send svarene").click()
    page.wait_for_url(endpoint)
    context.close()
    assert receiver.received == [{"told-why": ["4"], "listened-to": ["3"], "age": ["13-15"],
                                  "comment": ["Det var fint å bli hørt."]}]
