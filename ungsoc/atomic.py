"""Atomic builds: a failed build never replaces a good site/.

MkDocs writes straight into site_dir and cleans it first, so a failing build (a broken link
under strict mode fails only after everything is written) would leave a half-built site.
No MkDocs or Material option changes that, hence this small piece: build into a sibling
temporary folder and swap it in with two renames once MkDocs reports no error.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile


STALE = re.compile(r"\.(?P<name>.+)-(?:building|old)-(?:(?P<pid>\d+)-)?[^-]+$")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(parent: str, name: str) -> None:
    """Remove the staging folders of builds that were killed (their process is gone)."""
    for entry in os.listdir(parent):
        match = STALE.fullmatch(entry)
        if not match or match.group("name") != name:
            continue
        pid = match.group("pid")
        if pid is None or not alive(int(pid)):  # without a process id: left by an older version
            shutil.rmtree(os.path.join(parent, entry), ignore_errors=True)


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
            remove_stale(parent, name)
            # The builder's process id in the name tells the next build whether it was left behind.
            self.staging_dir = tempfile.mkdtemp(prefix=f".{name}-building-{os.getpid()}-", dir=parent)
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
            previous = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}-old-{os.getpid()}-", dir=os.path.dirname(final))
            os.rename(final, os.path.join(previous, "site"))
        os.rename(staging, final)
        if previous:
            shutil.rmtree(previous, ignore_errors=True)
