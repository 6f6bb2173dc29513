"""Edit-to-preview latency: from saving one page to `mkdocs serve` serving the change.

Starts `python -m mkdocs serve` on a free port in a temporary copy of the project (the
shipped site: mkdocs.yml, docs/, content/, overrides/), waits for the first build, then
--runs times appends a sentence to one page and measures the wall time until the served
page contains it (polling the page; MkDocs holds a page request while it rebuilds). Also
times `ungsoc check` on the shipped site. Prints the median and each run, and the CPU count.

    .venv/bin/python scripts/bench_edit_preview.py
    .venv/bin/python scripts/bench_edit_preview.py --runs 3 --page sv/youth/rights.md
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ungsoc.localnginx import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 3.0


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, process: subprocess.Popen, deadline: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        if process.poll() is not None:
            raise SystemExit("mkdocs serve stopped")
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)  # a benchmark's polling interval (tests wait on conditions instead)
    raise SystemExit(f"timed out waiting for {text!r} at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="sv/youth/rights.md", help="the page under docs/ to edit")
    args = parser.parse_args()

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start, before = time.monotonic(), resource.getrusage(resource.RUSAGE_CHILDREN)
    check = subprocess.run([sys.executable, "-m", "ungsoc.cli", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    check_seconds = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    check_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", project)
        for folder in ("docs", "content", "overrides"):
            shutil.copytree(ROOT / folder, project / folder)
        port = free_port()
        log = open(Path(tmp) / "serve.log", "w")
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        page = project / "docs" / args.page
        language, rest = args.page.split("/", 1)
        address = rest.removesuffix(".md").removesuffix("index").removesuffix("/")
        url = f"http://127.0.0.1:{port}/" + ("" if language == "sv" else f"{language}/") + (f"{address}/" if address else "")
        try:
            first = wait_for(url, "<h1", process, 600)
            original = page.read_text(encoding="utf-8")
            times = []
            for run in range(args.runs):
                marker = f"Mätpunkt {run} {time.time_ns()}"
                started = time.monotonic()
                page.write_text(original + f"\n\n{marker}.\n", encoding="utf-8")
                wait_for(url, marker, process, 600)
                times.append(time.monotonic() - started)
        finally:
            process.terminate()
            process.wait(timeout=60)
            log.close()
    median = statistics.median(times)
    print(f"CPUs: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"ungsoc check on the shipped site: {check_seconds:.2f} s wall, {check_cpu:.2f} s CPU (exit {check.returncode})")
    print(f"first `mkdocs serve` build: {first:.1f} s")
    print(f"edit-to-preview, {args.page}: median {median:.2f} s over {len(times)} runs "
          f"({', '.join(f'{t:.2f}' for t in times)})")
    print(f"goal: under {GOAL_SECONDS:.0f} s: {'met' if median < GOAL_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
