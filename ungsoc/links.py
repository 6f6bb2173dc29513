"""Internal links and anchors in page Markdown, checked on the sources for `ungsoc check`.

The build has MkDocs' own link and anchor validation (strict mode); this finds the same
kind of problem without rendering, and names the line. It errs on the side of silence: a
link it cannot resolve with certainty (to generated pages, to other file types) is left to
the build.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markdown.extensions.toc import slugify

from ungsoc.errors import Problem

# [text](target) and [label]: target, not images; the target up to whitespace or ")".
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(\s*<?([^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)|^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$", re.M)
ATTR_ID = re.compile(r"\{[^{}\n]*#([\w-]+)[^{}\n]*\}")
HTML_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")
ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*$")


def anchors(markdown: str) -> set[str]:
    """The ids a page's headings get from the toc extension, and explicit ids."""
    found: set[str] = set(ATTR_ID.findall(markdown)) | set(HTML_ID.findall(markdown))
    seen: dict[str, int] = {}
    for match in HEADING.finditer(markdown):
        text = ATTR_LIST.sub("", match.group(2))
        text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
        slug = slugify(text, "-")
        if slug in seen:
            seen[slug] += 1
            found.add(f"{slug}_{seen[slug]}")
        else:
            seen[slug] = 0
            found.add(slug)
    return found


def check(pages: dict[str, str], languages: list[str], default: str, generated: set[str],
          body_starts: dict[str, int]) -> list[Problem]:
    """pages: docs-relative path ("sv/youth/a.md") -> Markdown; generated: language-free paths
    of pages the plugin adds ("about/glossary.md")."""
    from ungsoc.content import mask_code

    problems = []
    cache: dict[str, set[str]] = {}
    for path, markdown in pages.items():
        language = path.split("/", 1)[0]
        if language not in languages:
            continue  # a language this site does not build: its pages are never published
        masked = mask_code(markdown)
        for match in LINK.finditer(masked):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^\{\{", target, re.I):
                continue  # another site, mail, phone, absolute or placeholder: not ours to resolve
            file_part, _, anchor = target.partition("#")
            line = body_starts.get(path, 0) + masked.count("\n", 0, match.start()) + 1
            where = f"docs/{path}"
            if not file_part:
                resolved = path
            elif not file_part.endswith(".md"):
                continue
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file_part))
            if resolved.startswith("../") or resolved == "..":
                problems.append(Problem(where, line, "link", f"'{target}' points outside docs/; link to a page in docs/"))
                continue
            lang, _, rest = resolved.partition("/")
            candidates = [resolved] + ([f"{default}/{rest}"] if lang in languages else [])
            found = next((c for c in candidates if c in pages), None)
            if found is None:
                if lang in languages and rest in generated or rest.startswith("interventions/"):
                    continue
                problems.append(Problem(where, line, "link", f"'{target}' is not a page (no docs/{resolved}); "
                                                             "check the file name and folder"))
                continue
            if anchor and anchor not in cache.setdefault(found, anchors(pages[found])):
                problems.append(Problem(where, line, "link", f"'#{anchor}' is not a heading or id on docs/{found}; "
                                                             "use the heading's anchor as the page shows it"))
    return problems


def read_pages(docs_dir: Path) -> dict[str, Path]:
    return {p.relative_to(docs_dir).as_posix(): p for p in sorted(docs_dir.rglob("*.md"))}
