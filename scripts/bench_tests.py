"""Wall time of `make test` in one or more checkouts, one after the other in one sitting
(the README's test-suite time comes from here). The machine's load at the start and the end
of each run is printed too: on a shared machine it moves the numbers a lot.

    python scripts/bench_tests.py BEFORE_CHECKOUT AFTER_CHECKOUT
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def run(checkout: Path) -> tuple[float, int, str]:
    load = os.getloadavg()[0]
    start = time.monotonic()
    result = subprocess.run(["make", "test"], cwd=checkout, capture_output=True, text=True)
    seconds = time.monotonic() - start
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    print(f"{checkout}: {seconds:.0f} s, exit {result.returncode}, load {load:.1f} -> {os.getloadavg()[0]:.1f}: {summary}",
          flush=True)
    return seconds, result.returncode, summary


def main(argv: list[str]) -> int:
    times = [run(Path(checkout).resolve())[0] for checkout in argv]
    if len(times) == 2:
        print(f"after / before: {times[1] / times[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
