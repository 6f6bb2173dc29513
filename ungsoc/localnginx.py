"""The generated nginx config run on 127.0.0.1, for the tests and the page-weight benchmark.

Only what must differ on a test machine changes: the listen addresses, the root and the
certificate placeholders (a throwaway self-signed certificate). Everything else (headers,
compression, caching, redirects, 404 pages) is what ships.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from ungsoc.security import CERTIFICATE, CERTIFICATE_KEY

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local_config(config: str, root: str, port: int, redirect_port: int, certificate: str, key: str,
                 tls: bool = True) -> str:
    """config with only listen, root and the certificate paths changed; tls=False serves the
    site over plain HTTP on port, for clients that cannot take a self-signed certificate."""
    site_listen = f"listen 127.0.0.1:{port} ssl http2;" if tls else f"listen 127.0.0.1:{port};"
    lines = []
    for line in config.splitlines():
        stripped = line.strip()
        if stripped.startswith("listen [::]"):
            continue
        line = line.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
        line = line.replace("listen 443 ssl http2;", site_listen)
        line = line.replace(CERTIFICATE, certificate).replace(CERTIFICATE_KEY, key)
        if stripped.startswith("root /var/www/ungsoc;"):
            line = f"    root {root};"
        lines.append(line)
    return "\n".join(lines) + "\n"


def throwaway_certificate(folder: Path) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, valid for a day."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True)
    return str(certificate), str(key)


def spki_hash(certificate: str) -> str:
    """The certificate's public key hash, for Chromium's --ignore-certificate-errors-spki-list:
    Chromium trusts it like a real one (with --ignore-certificate-errors it would cache nothing)."""
    public_key = subprocess.run(["openssl", "x509", "-in", certificate, "-noout", "-pubkey"], check=True,
                                capture_output=True).stdout
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=public_key, check=True,
                         capture_output=True).stdout
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def main_config(work: Path, server_config: str) -> Path:
    """A main nginx.conf for an nginx of its own in work/, including server_config."""
    (work / "ungsoc.conf").write_text(server_config, encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (work / "nginx.conf").write_text(f"""{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  access_log off;
{temp}
  include {work}/ungsoc.conf;
}}
""", encoding="utf-8")
    return work / "nginx.conf"


def check(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(config.parent), "-c", str(config)], capture_output=True, text=True)


@contextlib.contextmanager
def serving(work: Path, site_config: str, root: Path, port: int, redirect_port: int, tls: bool):
    """nginx serving root with site_config (the generated one) until the block ends."""
    certificate, key = throwaway_certificate(work)
    config = main_config(work, local_config(site_config, str(root), port, redirect_port, certificate, key, tls))
    checked = check(config)
    if checked.returncode != 0:
        raise RuntimeError(checked.stderr)
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(config)])
    try:
        deadline = time.monotonic() + 15
        while True:  # wait until nginx accepts connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError((work / "error.log").read_text(encoding="utf-8"))
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not start")
        yield certificate
    finally:
        process.terminate()
        process.wait(timeout=10)
