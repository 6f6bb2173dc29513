"""Atomic builds: a failed build never replaces a good site/.

MkDocs writes straight into site_dir and cleans it first, so a failing build (a broken link
under strict mode fails only after everything is written) would leave a half-built site.
No MkDocs or Material option changes that, hence this small piece: build into a sibling
temporary folder and swap it in with two renames once MkDocs reports no error.
"""

from __future__ import annotations

import os
import shutil
import tempfile


class AtomicSiteDir:
    def __init__(self) -> None:
        self.final_dir: str | None = None
        self.staging_dir: str | None = None
        self.failed = False

    def redirect(self, site_dir: str) -> str:
        """Return the folder MkDocs should write to instead of site_dir (idempotent)."""
        if self.staging_dir is None:
            self.final_dir = os.path.abspath(site_dir)
            parent = os.path.dirname(self.final_dir)
            os.makedirs(parent, exist_ok=True)
            name = os.path.basename(self.final_dir)
            self.staging_dir = tempfile.mkdtemp(prefix=f".{name}-building-", dir=parent)
            self.failed = False
        return self.staging_dir

    def fail(self) -> None:
        self.failed = True

    def finish(self) -> None:
        """Swap the staging folder into place if the build succeeded; discard it otherwise."""
        staging, final = self.staging_dir, self.final_dir
        self.staging_dir = self.final_dir = None
        if staging is None or final is None:
            return
        if self.failed or not os.listdir(staging):
            shutil.rmtree(staging, ignore_errors=True)
            return
        os.chmod(staging, 0o755)  # mkdtemp makes it 0700; a web server must read it.
        previous = None
        if os.path.exists(final):
            previous = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}-old-", dir=os.path.dirname(final))
            os.rename(final, os.path.join(previous, "site"))
        os.rename(staging, final)
        if previous:
            shutil.rmtree(previous, ignore_errors=True)
