"""How long the README quick start takes: `make serve` from a fresh clone (no .venv) until the
site answers, and `make test`; also the CI run (`make ci`) when asked.

Each command runs in a fresh copy of the tracked files (git ls-files) in a temporary folder,
so nothing of this checkout's .venv or node_modules is reused; pip's and npm's download
caches are (as on a machine that has installed Python packages before). Prints the times and
writes them as JSON to --json.

    .venv/bin/python scripts/bench_setup.py                 # make serve cold, make test
    .venv/bin/python scripts/bench_setup.py --only serve    # just make serve
    .venv/bin/python scripts/bench_setup.py --ci            # also bash .ci/run (the whole CI)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ungsoc.localnginx import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def fresh_copy(target: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


def time_serve(project: Path) -> float:
    """Seconds from `make serve` in a clone without .venv until the start page answers."""
    address = f"127.0.0.1:{free_port()}"
    start = time.monotonic()
    process = subprocess.Popen(["make", "serve", f"DEV_ADDR={address}"], cwd=project, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if process.poll() is not None:
                raise SystemExit(f"make serve stopped with {process.returncode}")
            try:
                with urllib.request.urlopen(f"http://{address}/", timeout=5) as response:
                    if response.status == 200:
                        return time.monotonic() - start
            except OSError:
                time.sleep(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def time_command(project: Path, *command: str) -> float:
    start = time.monotonic()
    result = subprocess.run(command, cwd=project, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["serve", "test"])
    parser.add_argument("--ci", action="store_true", help="also time bash .ci/run (the whole CI)")
    parser.add_argument("--json", default=str(ROOT / "reports" / "setup.json"))
    args = parser.parse_args()
    results = {"cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="ungsoc-setup-") as folder:
        if args.only in (None, "serve"):
            results["make_serve_cold_s"] = round(time_serve(fresh_copy(Path(folder) / "serve")), 1)
            print(f"make serve, fresh clone, until the site answers: {results['make_serve_cold_s']} s")
        if args.only in (None, "test"):
            results["make_test_s"] = round(time_command(fresh_copy(Path(folder) / "test"), "make", "test"), 1)
            print(f"make test, fresh clone (installs the test extras and npm tools): {results['make_test_s']} s")
        if args.ci:
            results["ci_s"] = round(time_command(fresh_copy(Path(folder) / "ci"), "bash", ".ci/run"), 1)
            print(f"bash .ci/run (the whole CI): {results['ci_s']} s")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
