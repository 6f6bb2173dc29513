"""The site built for, and served from, an address on 127.0.0.1, for the benchmarks.

Built for that address, every absolute link (canonical, sitemap) stays on the local server, so what a browser fetches is what a
reader's browser fetches from the real address.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Where each language lives in the built site (sv is the default, at the root).
PREFIX = {"sv": "", "da": "da/", "no": "no/"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def built_and_served(handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler):
    """Yields (site folder, base URL) while the server runs."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        try:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], cwd=ROOT,
                           check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "UNGSOC_SITE_URL": base})
            yield site, base
        finally:
            server.shutdown()
