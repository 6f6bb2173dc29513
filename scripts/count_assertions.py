"""Count the test suite's assertions: `assert` statements, Playwright expect() calls and
pytest.raises blocks in tests/ (the README's assertion count comes from here).

    python scripts/count_assertions.py [PROJECT_DIR] [-v]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def count(tests: Path) -> dict[str, tuple[int, int, int]]:
    per_file = {}
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        asserts = sum(isinstance(node, ast.Assert) for node in ast.walk(tree))
        expects = sum(getattr(c.func, "id", getattr(c.func, "attr", None)) == "expect" for c in calls)
        raises = sum(getattr(c.func, "attr", None) == "raises" for c in calls)
        per_file[path.relative_to(tests).as_posix()] = (asserts, expects, raises)
    return per_file


def main(argv: list[str]) -> int:
    args = [a for a in argv if a != "-v"]
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent
    per_file = count(root / "tests")
    if "-v" in argv:
        for name, (asserts, expects, raises) in per_file.items():
            print(f"{name:32} assert={asserts:3} expect={expects:3} raises={raises}")
    totals = [sum(column) for column in zip(*per_file.values())] or [0, 0, 0]
    print(f"assert={totals[0]} expect={totals[1]} raises={totals[2]} total={sum(totals)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
