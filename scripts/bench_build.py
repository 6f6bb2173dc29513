"""Build time and peak memory of the ungsoc site, compared with the bare MkDocs stack.

Every build is its own `python -m mkdocs build --site-dir ...` child process, in a temporary
copy of the project; a build's time is its wall time (with its CPU time, user + system, which
other load on the machine disturbs less) and its memory the child's peak resident set size
(from os.wait4, so each build is measured on its own). Builds measured:

1. the shipped site (mkdocs.yml, docs/, content/, overrides/) with the ungsoc plugin, against
   the bare stack (MkDocs + Material + i18n and the same settings, without the plugin and its
   overrides) building the same docs/: the ratio that matters first;
2. synthetic sites of N pages per language (sv, da, no; docs/<lang>/... folders), each built
   (a) with the ungsoc plugin: the project's mkdocs.yml, content/ and overrides/, with docs/
       replaced by the synthetic pages;
   (b) on the bare stack: the same pages, theme features, Markdown extensions, search, privacy
       and i18n settings, without the ungsoc plugin and its template overrides (they need it).

For the shipped site it also reports the lesson PDFs' share (the plugin logs it): two more
builds, one with an empty PDF cache (every pack rendered) and one with every pack cached.

Each site is built once before the measured runs (its first build: the plugin fills its caches
in .cache/, lesson PDFs included, and both stacks read their code and files from disk for the
first time); that build is reported on its own for the shipped site, not in the median, which
is then of like builds on both sides (with the first build among the five, the plugin's median
was the third of four rebuilds, the bare stack's the third of five). Builds of the two stacks
then alternate, run after run, so load from other processes falls on both alike; each figure is
the median of --runs runs (default 5). Prints a Markdown table, writes
JSON to --json, and ends with a verdict against the goals: the shipped site at most 1.5x the
bare stack; synthetic sites at most 1.3x, build time growing linearly with the number of pages.

Run from the project root (N = 1000 is 3,000 pages per build: allow several minutes per run):

    .venv/bin/python scripts/bench_build.py
    .venv/bin/python scripts/bench_build.py --sizes 10 100 --runs 1    # a quick look
    .venv/bin/python scripts/bench_build.py --sizes                    # the shipped site only
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml

from ungsoc import navorder, ownassets
from ungsoc.languages import LANGUAGES
from ungsoc.records import load_records

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.3
# The shipped site (docs/ with the plugin) against the bare stack building the same docs/.
GOAL_SHIPPED_RATIO = 1.5
# Load from other processes makes the cost per page wobble between sizes; growth within this
# factor from one size step to the next still counts as linear.
LINEAR_TOLERANCE = 1.5
# Real sites group pages in sections; one folder of 1,000 pages would be an odd navigation.
PAGES_PER_FOLDER = 50
AUDIENCES = ("youth", "parents", "school", "professionals")

# Short sentences of short words, so youth and parents pages stay under their LIX limits.
PROSE = {
    "sv": {
        "title": "Sida", "home": "Start", "back": "Till start",
        "headings": ("Vad du kan göra", "Bra att veta", "Om du vill prata"),
        "columns": ("Vad", "När"), "rows": (("Ring oss", "Vardagar"), ("Skriv till oss", "Alla dagar")),
        "sentences": ("Du kan få hjälp av soc.", "Det är gratis att ringa.", "Du får säga vad du tycker.",
                      "En vuxen ska lyssna på dig.", "Du kan ta med en vän.", "Ring om du är rädd.",
                      "Vi svarar så fort vi kan.", "Du behöver inte säga ditt namn."),
    },
    "da": {
        "title": "Side", "home": "Start", "back": "Til start",
        "headings": ("Hvad du kan gøre", "Godt at vide", "Hvis du vil tale"),
        "columns": ("Hvad", "Hvornår"), "rows": (("Ring til os", "Hverdage"), ("Skriv til os", "Alle dage")),
        "sentences": ("Du kan få hjælp af os.", "Det er gratis at ringe.", "Du må sige hvad du mener.",
                      "En voksen skal lytte til dig.", "Du kan tage en ven med.", "Ring hvis du er bange.",
                      "Vi svarer så hurtigt vi kan.", "Du behøver ikke sige dit navn."),
    },
    "no": {
        "title": "Side", "home": "Start", "back": "Til start",
        "headings": ("Hva du kan gjøre", "Godt å vite", "Hvis du vil snakke"),
        "columns": ("Hva", "Når"), "rows": (("Ring oss", "Hverdager"), ("Skriv til oss", "Alle dager")),
        "sentences": ("Du kan få hjelp av oss.", "Det er gratis å ringe.", "Du får si hva du mener.",
                      "En voksen skal lytte til deg.", "Du kan ta med en venn.", "Ring hvis du er redd.",
                      "Vi svarer så fort vi kan.", "Du trenger ikke si navnet ditt."),
    },
}


@dataclass
class Measurement:
    seconds: float  # wall time
    cpu_seconds: float  # user + system: less sensitive than wall time to other load on the machine
    peak_mb: float
    log: str = ""  # the build's output


# The plugin's log line for the lesson PDFs (ungsoc/plugin.py): their share of a build.
PDF_LOG = re.compile(r"lesson PDFs: (\d+) packs, (\d+) rendered, \d+ from the cache, ([\d.]+) s \(([\d.]+) s CPU\)")


def paragraph(sentences: tuple[str, ...], start: int, count: int = 8) -> str:
    """`count` sentences from `start`, wrapping round, so pages differ in their text."""
    return " ".join(sentences[(start + i) % len(sentences)] for i in range(count))


def page_markdown(language: str, number: int) -> str:
    """One synthetic page: valid front matter, headings, prose, a list, a table, a link."""
    text = PROSE[language]
    say = text["sentences"]
    first, second, third = text["headings"]
    (row1_what, row1_when), (row2_what, row2_when) = text["rows"]
    return f"""---
audience: {AUDIENCES[number % len(AUDIENCES)]}
reviewed: 2026-01-15
description: {say[number % len(say)]}
---

# {text['title']} {number}

{paragraph(say, number)}

## {first}

{paragraph(say, number + 1)}

- {say[(number + 2) % len(say)]}
- {say[(number + 3) % len(say)]}
- {say[(number + 4) % len(say)]}

## {second}

| {text['columns'][0]} | {text['columns'][1]} |
| --- | --- |
| {row1_what} | {row1_when} |
| {row2_what} | {row2_when} |

{paragraph(say, number + 5)}

### {third}

{paragraph(say, number + 6)} [{text['back']}](../index.md)
"""


def home_markdown(language: str) -> str:
    text = PROSE[language]
    return f"""---
audience: youth
reviewed: 2026-01-15
---

# {text['home']}

{paragraph(text['sentences'], 0)}
"""


def write_pages(docs: Path, pages_per_language: int) -> None:
    """docs/<lang>/index.md plus pages_per_language - 1 pages in folders of PAGES_PER_FOLDER."""
    for language in LANGUAGES:
        (docs / language).mkdir(parents=True)
        (docs / language / "index.md").write_text(home_markdown(language), encoding="utf-8")
        for number in range(1, pages_per_language):
            folder = docs / language / f"part-{(number - 1) // PAGES_PER_FOLDER + 1:02d}"
            folder.mkdir(exist_ok=True)
            (folder / f"page-{number:04d}.md").write_text(page_markdown(language, number), encoding="utf-8")


def copy_sources(target: Path, folders: tuple[str, ...]) -> Path:
    """mkdocs.yml and the given folders, as tests/conftest.py copy_project copies them."""
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in folders:
        shutil.copytree(ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def is_override_asset(entry, custom_dir: Path) -> bool:
    """A file of the overrides, or one the plugin joins from them."""
    path = entry.get("path") if isinstance(entry, dict) else entry
    return isinstance(path, str) and ((custom_dir / path).is_file() or path == ownassets.SCRIPT)


def without_override_assets(value, custom_dir: Path):
    """A list with the override assets' names left out; anything else unchanged."""
    if not isinstance(value, list):
        return value
    return [entry for entry in value if not is_override_asset(entry, custom_dir)]


def bare_config(config: dict) -> dict:
    """The project's MkDocs config without the ungsoc plugin and the template overrides that
    need it (with the CSS and JavaScript they ship); everything else stays as it is."""
    bare = copy.deepcopy(config)
    custom_dir = ROOT / bare["theme"].pop("custom_dir")
    plugins = []
    for plugin in bare["plugins"]:
        if plugin == "ungsoc" or (isinstance(plugin, dict) and "ungsoc" in plugin):
            continue
        if isinstance(plugin, dict):
            # Other plugins may name the override assets too (minify's js_files, css_files).
            plugin = {name: {key: without_override_assets(value, custom_dir) for key, value in (options or {}).items()}
                      for name, options in plugin.items()}
        plugins.append(plugin)
    bare["plugins"] = plugins
    for key in ("extra_css", "extra_javascript"):
        bare[key] = without_override_assets(bare.get(key, []), custom_dir)
    return bare


def fit_content_to_pages(project: Path) -> None:
    """content/order.yml and the search words name the shipped pages, which the synthetic docs/
    replaces: the build would (rightly) stop on every entry that names a missing page. Each
    section of the synthetic site, and of the pages the plugin makes, gets all its pages in
    folder order (a lone `*`); search words for pages the site lacks go; the build is not strict
    (as the bare stack's build of the shipped docs/ is not, shipped_bare_project)."""
    content = project / "content"
    pages = navorder.site_pages(project / "docs", load_records(content)[0])
    sections = sorted({page.split("/", 1)[0] for page in pages if "/" in page})
    (content / navorder.FILE).write_text(yaml.safe_dump({section: ["*"] for section in sections}), encoding="utf-8")
    # Not strict: the feedback page the plugin makes links to a shipped page (youth/get-help-now.md).
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["strict"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for words in sorted((content / "search").glob("*.yml")):
        kept = {page: found for page, found in (yaml.safe_load(words.read_text(encoding="utf-8")) or {}).items()
                if page in pages}
        words.write_text(yaml.safe_dump(kept, allow_unicode=True) if kept else "{}\n", encoding="utf-8")


def plugin_project(target: Path, pages_per_language: int) -> Path:
    project = copy_sources(target, ("content", "overrides"))
    write_pages(project / "docs", pages_per_language)
    fit_content_to_pages(project)
    return project


def bare_project(target: Path, pages_per_language: int) -> Path:
    target.mkdir(parents=True)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    (target / "mkdocs.yml").write_text(yaml.safe_dump(bare_config(config), allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    write_pages(target / "docs", pages_per_language)
    return target


def build_once(project: Path) -> Measurement:
    site_dir = project / "site"
    shutil.rmtree(site_dir, ignore_errors=True)  # every run starts from nothing
    # Each copy keeps its caches in its own .cache/ (first builds fill them; pdf_costs empties it).
    env = {**{k: v for k, v in os.environ.items() if k != "UNGSOC_CACHE"}, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)],
                                 cwd=project, env=env, stdout=log, stderr=log)
        # wait4 gives this child's own resource usage, not the sum over all children so far.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
        if child.returncode != 0:
            log.seek(0)
            tail = log.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"build failed in {project} (exit {child.returncode}):\n{tail}")
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB.
    return Measurement(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def median(measurements: list[Measurement]) -> Measurement:
    return Measurement(statistics.median(m.seconds for m in measurements),
                       statistics.median(m.cpu_seconds for m in measurements),
                       statistics.median(m.peak_mb for m in measurements))


def measure(projects: dict[str, Path], runs: int, label: str) -> tuple[dict[str, Measurement], dict[str, Measurement]]:
    """The median build of each project, and its first build (not in the median); runs
    alternate between projects so that load from other processes on the machine falls on all
    of them alike."""
    first = {}
    for name, project in projects.items():
        first[name] = build_once(project)
        print(f"  {label} {name} first build (not counted): {first[name].seconds:.2f} s "
              f"({first[name].cpu_seconds:.2f} s CPU)", file=sys.stderr, flush=True)
    results: dict[str, list[Measurement]] = {name: [] for name in projects}
    for run in range(1, runs + 1):
        for name, project in projects.items():
            results[name].append(build_once(project))
            latest = results[name][-1]
            print(f"  {label} {name} run {run}/{runs}: {latest.seconds:.2f} s ({latest.cpu_seconds:.2f} s CPU), "
                  f"{latest.peak_mb:.0f} MB",
                  file=sys.stderr, flush=True)
    return {name: median(values) for name, values in results.items()}, first


def synthetic_rows(workdir: Path, sizes: list[int], runs: int) -> list[dict]:
    rows = []
    for size in sizes:
        projects = {"plugin": plugin_project(workdir / f"n{size}-plugin", size),
                    "bare": bare_project(workdir / f"n{size}-bare", size)}
        result, _ = measure(projects, runs, f"N={size}")
        for project in projects.values():
            shutil.rmtree(project)  # 1,000-page sites are large; keep the temp folder small
        pages = size * len(LANGUAGES)
        plugin, bare = result["plugin"], result["bare"]
        rows.append({"pages_per_language": size, "pages": pages,
                     "plugin_seconds": plugin.seconds, "plugin_cpu_seconds": plugin.cpu_seconds,
                     "plugin_mb": plugin.peak_mb,
                     "bare_seconds": bare.seconds, "bare_cpu_seconds": bare.cpu_seconds, "bare_mb": bare.peak_mb,
                     "ratio": plugin.seconds / bare.seconds, "cpu_ratio": plugin.cpu_seconds / bare.cpu_seconds,
                     "plugin_seconds_per_page": plugin.seconds / pages,
                     "bare_seconds_per_page": bare.seconds / pages})
    # The cost of each added page between sizes: fixed start-up cost cancels out, so this is
    # what stays constant when growth is linear.
    for previous, row in zip(rows, rows[1:]):
        added = row["pages"] - previous["pages"]
        for stack in ("plugin", "bare"):
            row[f"{stack}_marginal_seconds_per_page"] = (row[f"{stack}_seconds"] - previous[f"{stack}_seconds"]) / added
    return rows


def shipped_bare_project(target: Path) -> Path:
    """The shipped docs/ on the bare stack. Not strict: the pages link to pages only the
    plugin generates (glossary, catalogue, accessibility), which are missing here."""
    target.mkdir(parents=True)
    config = bare_config(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    config["strict"] = False
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def shipped_row(workdir: Path, runs: int) -> dict:
    """The shipped site against the bare stack building the same docs/, paired and alternating."""
    projects = {"plugin": copy_sources(workdir / "shipped", ("docs", "content", "overrides")),
                "bare": shipped_bare_project(workdir / "shipped-bare")}
    result, first = measure(projects, runs, "shipped")
    plugin, bare = result["plugin"], result["bare"]
    pages = sum(1 for _ in (projects["plugin"] / "docs").rglob("*.md"))
    return {"pages": pages, "plugin_seconds": plugin.seconds, "plugin_cpu_seconds": plugin.cpu_seconds,
            "plugin_mb": plugin.peak_mb, "bare_seconds": bare.seconds, "bare_cpu_seconds": bare.cpu_seconds,
            "bare_mb": bare.peak_mb, "ratio": plugin.seconds / bare.seconds,
            "cpu_ratio": plugin.cpu_seconds / bare.cpu_seconds,
            "plugin_seconds_per_page": plugin.seconds / pages, "bare_seconds_per_page": bare.seconds / pages,
            "plugin_first_seconds": first["plugin"].seconds, "plugin_first_cpu_seconds": first["plugin"].cpu_seconds,
            "bare_first_seconds": first["bare"].seconds, "bare_first_cpu_seconds": first["bare"].cpu_seconds,
            **pdf_costs(projects["plugin"])}


def pdf_costs(project: Path) -> dict:
    """The lesson PDFs' share of a shipped build: all rendered (empty cache), then all cached."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    costs = {}
    for state in ("cold", "warm"):
        packs, rendered, seconds, cpu = PDF_LOG.search(build_once(project).log).groups()
        costs.update({"pdf_packs": int(packs), f"pdf_{state}_rendered": int(rendered),
                      f"pdf_{state}_seconds": float(seconds), f"pdf_{state}_cpu_seconds": float(cpu)})
    return costs


def growth_verdict(rows: list[dict], stack: str) -> tuple[bool | None, str]:
    """Linear when the marginal cost per page does not grow beyond LINEAR_TOLERANCE per size step."""
    marginals = [row[f"{stack}_marginal_seconds_per_page"] for row in rows[1:]]
    if len(marginals) < 2:
        return None, "growth not judged (needs three sizes or more)"
    linear = all(later <= LINEAR_TOLERANCE * earlier for earlier, later in zip(marginals, marginals[1:]))
    steps = " → ".join(f"{m * 1000:.1f}" for m in marginals)
    return linear, f"{'linear' if linear else 'not linear'} growth (marginal ms/page {steps})"


def verdict(rows: list[dict]) -> str:
    worst = max(rows, key=lambda row: row["ratio"])
    ratio_ok = worst["ratio"] <= GOAL_RATIO
    ratio_text = (f"time ratio ≤ {GOAL_RATIO}× at every size" if ratio_ok else
                  f"time ratio over {GOAL_RATIO}× at N = "
                  + ", ".join(str(row["pages_per_language"]) for row in rows if row["ratio"] > GOAL_RATIO))
    linear, growth_text = growth_verdict(rows, "plugin")
    _, bare_growth_text = growth_verdict(rows, "bare")
    met = ratio_ok and linear is not False
    return (f"Verdict: {'MEETS' if met else 'MISSES'} the goal (≤ {GOAL_RATIO}× bare, linear growth): "
            f"{ratio_text} (worst {worst['ratio']:.2f}× at N = {worst['pages_per_language']}); "
            f"with plugin {growth_text}; bare stack {bare_growth_text}.")


def markdown_table(shipped: dict, rows: list[dict]) -> str:
    lines = ["| Site | Pages | Plugin s | Plugin MB | Bare s | Bare MB | Ratio | CPU ratio "
             "| Plugin s/page | Bare s/page |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
             ]
    for row in [{**shipped, "pages_per_language": None}, *rows]:
        name = "shipped" if row["pages_per_language"] is None else f"N = {row['pages_per_language']}"
        lines.append(f"| {name} | {row['pages']} | {row['plugin_seconds']:.2f} "
                     f"| {row['plugin_mb']:.0f} | {row['bare_seconds']:.2f} | {row['bare_mb']:.0f} "
                     f"| {row['ratio']:.2f} | {row['cpu_ratio']:.2f} | {row['plugin_seconds_per_page']:.4f} "
                     f"| {row['bare_seconds_per_page']:.4f} |")
    lines.append(f"\nFirst build of the shipped site (empty caches, not in the medians): with plugin "
                 f"{shipped['plugin_first_seconds']:.2f} s ({shipped['plugin_first_cpu_seconds']:.2f} s CPU), "
                 f"bare {shipped['bare_first_seconds']:.2f} s ({shipped['bare_first_cpu_seconds']:.2f} s CPU).")
    lines.append(f"Lesson PDFs in the shipped build: {shipped['pdf_packs']} packs, "
                 f"{shipped['pdf_cold_seconds']:.2f} s ({shipped['pdf_cold_cpu_seconds']:.2f} s CPU) to render them all, "
                 f"{shipped['pdf_warm_seconds']:.2f} s with every pack from the cache.")
    return "\n".join(lines)


def source_state() -> dict:
    """The commit measured and the files changed on top of it: the working tree is what builds."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout
    # Porcelain lines are "XY path": no strip(), which would eat the first line's status column.
    return {"commit": git("rev-parse", "HEAD").strip(),
            "changed_files": [line[3:] for line in git("status", "--porcelain").splitlines()]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000],
                        help="synthetic pages per language (default: 10 100 1000)")
    parser.add_argument("--runs", type=int, default=5, help="builds per site; the median counts (default: 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "reports" / "bench_build.json",
                        help="where to write the results as JSON (default: reports/bench_build.json)")
    args = parser.parse_args(argv)
    if args.runs < 1 or min(args.sizes, default=1) < 1:
        parser.error("--runs and --sizes must be at least 1")

    started, load_before = time.perf_counter(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ungsoc-bench-") as workdir:
        shipped = shipped_row(Path(workdir), args.runs)
        rows = synthetic_rows(Path(workdir), sorted(set(args.sizes)), args.runs)
    summary = (f"Shipped site: {shipped['ratio']:.2f}× the bare stack (goal ≤ {GOAL_SHIPPED_RATIO}×, "
               f"{'met' if shipped['ratio'] <= GOAL_SHIPPED_RATIO else 'missed'})." + (" " + verdict(rows) if rows else ""))
    print(markdown_table(shipped, rows))
    print()
    print("Pages: Markdown pages under docs/ (3 languages). The plugin also generates pages of its "
          "own (catalogue, glossary, accessibility, feedback, lessons) in each language.")
    print(summary)

    total = time.perf_counter() - started
    report = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "runs": args.runs, "statistic": "median", "total_seconds": round(total, 1),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average_before": load_before,
                    "load_average_after": os.getloadavg()},
        "source": source_state(),
        "goal": {"max_ratio": GOAL_RATIO, "linear_tolerance": LINEAR_TOLERANCE},
        "shipped": shipped, "synthetic": rows, "verdict": summary,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nTotal {total:.0f} s; JSON in {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
