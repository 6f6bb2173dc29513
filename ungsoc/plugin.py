"""The ungsoc MkDocs plugin: event handlers only; the work lives in one module per concern."""

from __future__ import annotations

import dataclasses
import logging
import posixpath
import sys
import time
from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from ungsoc import (accessibility, branding, buildcache, catalogue, cms, content, feedback, finish, frontmatter,
                    generated, glossary, lessons, navorder, ownassets, pdfpack, placeholders, readability, records,
                    search, sections, sitecontext, static_i18n, templates, translation)
from ungsoc.atomic import AtomicSiteDir
from ungsoc.config import UngsocConfig
from ungsoc.errors import Problem, raise_if_any
from ungsoc.languages import LANGUAGES
from ungsoc.profile import Profile
from ungsoc.profile import profile_path

log = logging.getLogger("mkdocs.plugins.ungsoc")
# Problems while serving go to a logger outside "mkdocs": MkDocs' strict mode counts every
# warning there as a failed rebuild, which leaves its server waiting.
editor_log = logging.getLogger("ungsoc")
if not editor_log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("ERROR   -  [ungsoc] %(message)s"))
    editor_log.addHandler(_handler)
    editor_log.propagate = False


class UngsocPlugin(BasePlugin[UngsocConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.site_dir = AtomicSiteDir()
        self.profile: Profile | None = None
        self.problems: dict[str, Problem] = {}
        self.terms: dict[str, list[dict]] = {}
        self.default_404: bytes | None = None
        self.questionnaire: dict | None = None
        self.records: list[dict] = []
        self.project: content.Project | None = None
        self.order: navorder.Order | None = None
        self.search_words: dict[str, dict[str, list[str]]] = {}
        self.school_pages: dict = {}  # src_uri -> Page of the teacher guide, in the language being built
        self.pdf_stats = {"packs": 0, "rendered": 0, "seconds": 0.0, "cpu_seconds": 0.0}
        self.bytecode_caches: dict = {}  # compiled templates, kept between builds (jinja_caches)
        # The same for every page of a language: made once per build (on_config empties them).
        self.placeholder_values: dict[str, dict[str, str]] = {}
        self.glossaries: dict[str, dict[str, str]] = {}

    def language(self, config) -> str:
        return static_i18n.language_being_built(config, self.profile.default_language)

    def on_startup(self, *, command, dirty) -> None:
        self.command = command

    # Runs before i18n (priority -100), which reads the languages the profile sets.
    # MkDocs 1.6 keeps this plugin object across `mkdocs serve` rebuilds, each with a fresh
    # config: the profile is applied to every config; loading and checking happen again
    # only when a file under content/ or docs/ changed.
    @event_priority(50)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).resolve().parent
        templates.bytecode_cache = self.jinja_caches(config)["ungsoc"]
        project = content.load_project(root, profile_path(root, self.config.profile, Path(self.config.content_dir)), Path(self.config.content_dir),
                                       Path(config.docs_dir), self.config.lix_limits, previous=self.project,
                                       cache=buildcache.folder(root))
        if project is not self.project:
            sitecontext.ui_strings.cache_clear()
        if project.profile is None and (self.command != "serve" or self.project is None
                                        or self.project.profile is None):
            raise_if_any(project.problems)
        if project.profile is None:  # serving: keep showing the last good profile, with the problems
            project = dataclasses.replace(self.project, problems=project.problems, signature=project.signature)
        self.project = project
        self.profile, self.terms = project.profile, project.terms
        self.placeholder_values, self.glossaries = {}, {}
        self.questionnaire, self.records = project.questionnaire, project.records
        self.fail_or_report(project.problems)
        content_dir = Path(self.config.content_dir)
        shown = content_dir.relative_to(root).as_posix() if content_dir.is_relative_to(root) else str(content_dir)
        order, problems = navorder.load_order(content_dir, shown)
        if order is not None:
            self.order = order
            problems += navorder.stale_entries(order, navorder.site_pages(Path(config.docs_dir), self.records))
        if self.order is None or self.command != "serve":
            raise_if_any(problems)
        self.report_to_editor(problems)
        for language in self.profile.languages:
            self.search_words[language], problems = search.load_words(content_dir, language, shown)
            self.add_problems(problems)
        branding.apply_languages(config, self.profile)
        branding.apply_site(config, self.profile, serving=self.command == "serve")
        if self.config.atomic_build and self.command == "build":
            config.site_dir = self.site_dir.redirect(config.site_dir)
        if self.command == "serve":
            # A preview is read on the editor's own machine: bytes saved there are not worth
            # the time (minifying HTML is a quarter of a rebuild). The published build is unchanged.
            minify = config.plugins.get("minify")
            if minify is not None:
                minify.config.minify_html = False
        return config

    def jinja_caches(self, config) -> dict:
        """Compiled templates of MkDocs' environment and of templates.py's, kept between builds."""
        if not self.bytecode_caches:
            folder = buildcache.folder(Path(config.config_file_path).resolve().parent)
            self.bytecode_caches = {name: buildcache.jinja_cache(folder, name) for name in ("mkdocs", "ungsoc")}
        return self.bytecode_caches

    def fail_or_report(self, problems: list[Problem]) -> None:
        if self.command == "serve":
            self.report_to_editor(problems)
        else:
            raise_if_any(problems)

    def report_to_editor(self, problems: list[Problem]) -> None:
        """While serving, problems are printed and shown on every page instead of failing the
        rebuild: a failed rebuild leaves MkDocs' server waiting, so the editor would see
        nothing. On a logger of our own: MkDocs' strict mode would count it as a failure."""
        if problems:
            editor_log.error("%d problem%s in content:\n%s", len(problems), "s" if len(problems) != 1 else "",
                      "\n".join(map(str, problems)))

    def on_serve(self, server, *, config, builder):
        """Content and templates are part of the site: a change there rebuilds it too."""
        root = Path(config.config_file_path).resolve().parent
        for folder in {Path(self.config.content_dir), root / self.config.profile, *map(Path, config.theme.dirs[:1])}:
            if folder.exists():
                server.watch(str(folder))
        return server

    # After i18n (-100), which only knows files that exist on disk under docs/.
    @event_priority(-200)
    def on_files(self, files, config):
        self.school_pages = {}
        if not self.config.enabled:
            return files
        branding.add_files(files, branding.brand_files(config, self.profile))
        ownassets.join(files, config, branding.brand_css(self.profile))
        language, content_dir = self.language(config), Path(self.config.content_dir)
        self.add_page(files, config, accessibility.PATH, accessibility.markdown(self.profile, language, content_dir))
        if self.terms.get(language):
            self.add_page(files, config, glossary.PATH, glossary.page_markdown(self.terms[language], self.strings(language)["glossary"]))
        labels = self.strings(language)["catalogue"]
        for record in self.records:
            self.add_page(files, config, f"{catalogue.FOLDER}/{record['id']}.md",
                          catalogue.record_page(record, language, labels, self.strings(language)["untranslated_notice"],
                                                self.fallback_order(), config.theme.dirs))
        if self.questionnaire:
            self.add_page(files, config, feedback.PATH, feedback.markdown(self.questionnaire, self.profile, language, config.theme.dirs))
        school = [(f.src_uri, f.content_string) for f in files.documentation_pages()
                  if f.src_uri.split("/", 1)[-1].startswith("school/")]
        self.add_page(files, config, lessons.PATH, lessons.index_markdown(school, language, self.lesson_words()))
        sections.remove(files, self.profile.hidden_sections, LANGUAGES)
        return files

    # After i18n (-100), which builds each language's navigation.
    @event_priority(-200)
    def on_nav(self, nav, config, files):
        if not self.config.enabled:
            return nav
        nav, problems = navorder.apply(nav, self.order, self.profile.languages)
        language = self.language(config)
        pages = {navorder.language_path(page.file.src_uri, self.profile.languages) for page in navorder.pages_of(nav.items)}
        problems += search.check_words(self.search_words.get(language, {}), pages,
                                       f"{self.order.file.rsplit('/', 1)[0]}/search/{language}.yml")
        self.add_problems(problems)
        return nav

    def add_page(self, files, config, path: str, markdown: str) -> None:
        profile = self.profile
        generated.add(files, config, generated.page(config, self.language(config), profile.default_language,
                                                    profile.languages, path, markdown))

    def strings(self, language: str) -> dict:
        return sitecontext.ui_strings(Path(self.config.content_dir), language)

    def lesson_words(self) -> dict[str, dict]:
        """Every language's lesson words: a lesson borrowed from another country keeps its band's name."""
        return {language: self.strings(language)["lessons"] for language in LANGUAGES}

    def fallback_order(self) -> list[str]:
        """Where a text is missing in the reader's language: the default language, then any."""
        return [self.profile.default_language, *LANGUAGES]

    def add_problems(self, problems: list[Problem]) -> None:
        # A fallback page is the same file in several language builds: report it once.
        self.problems.update((str(problem), problem) for problem in problems)

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        language = self.language(config)
        content_language = static_i18n.file_language(page.file, language)
        file, source = f"docs/{page.file.src_uri}", page.file.content_string
        # Checked with the page in on_config; only a page shown in another language's build (a
        # fallback, with that country's numbers) can still name one this language lacks.
        markdown, unknown = placeholders.fill(markdown, self.known_placeholders(language), file,
                                              frontmatter.split(source)[1] + 1)
        self.add_problems(unknown)
        if page.file.generated_by:  # pages from data; pages under docs/ were checked in on_config
            self.add_problems(frontmatter.check(source, file, Path(self.config.content_dir))
                              + readability.check(markdown, page.meta.get("audience"), self.config.lix_limits, file))
        if self.command == "serve" and self.project.problems:
            markdown = templates.render(config.theme.dirs, "partials/ungsoc-problems.html",
                                        problems=[str(p) for p in self.project.problems]) + "\n" + markdown
        markdown = sections.strip_links(markdown, self.profile.hidden_sections)  # after placeholders: same lines
        search.default_boost(page.meta)
        if isinstance(page.meta.get("lesson"), dict) and lessons.lesson_meta(source):
            lesson = page.meta["lesson"]  # checked with the page in on_config (content.check_page)
            if lesson.get("steps"):
                table = placeholders.fill(lessons.plan_table(lesson["steps"], language, self.lesson_words()),
                                          self.known_placeholders(language))[0]
                markdown = lessons.with_plan(markdown, table)
            handouts, problems = lessons.handout_links(lesson, page.file.src_uri, files, file)
            self.add_problems(problems)
            markdown = lessons.with_facts(markdown, lesson, language, self.lesson_words(), handouts)
        if content_language != language:
            notice = self.strings(language)["untranslated_notice"]
            markdown = translation.with_fallback_notice(markdown, notice, content_language, config.theme.dirs)
        if file.endswith(catalogue.INDEX):
            root = "../" * (1 if language == self.profile.default_language else 2)
            markdown += catalogue.table_html(self.records, language, self.strings(language)["catalogue"],
                                             self.fallback_order(), root, config.theme.dirs,
                                             Path(self.config.content_dir))
        if file.endswith(glossary.PATH) or content_language not in self.terms:
            glossary.use_for_page(config, {})
        else:
            if content_language not in self.glossaries:
                self.glossaries[content_language] = glossary.definitions(self.terms[content_language])
            glossary.use_for_page(config, self.glossaries[content_language])
        return markdown

    def known_placeholders(self, language: str) -> dict[str, str]:
        if language not in self.placeholder_values:
            self.placeholder_values[language] = placeholders.values(self.profile, language)
        return self.placeholder_values[language]

    def on_page_content(self, html, page, config, files):
        if self.config.enabled and self.config.lesson_pdfs and page.file.src_uri.split("/", 1)[-1].startswith("school/"):
            self.school_pages[page.file.src_uri] = page
        return html

    def make_lesson_pdfs(self, config) -> None:
        """Every lesson's pack as a PDF next to its page, linked from the page with its size.

        Runs once every page's HTML exists (on_env) and before any page is written, so the
        link with the size goes into the lesson page itself."""
        started, cpu, language = time.perf_counter(), time.process_time(), self.language(config)
        logo = self.profile.root / self.profile.data["logo"]
        # Keyed by content, so builds of copies of the project (tests, benchmarks) may share one.
        cache = buildcache.folder(Path(config.config_file_path).resolve().parent) / "ungsoc-pdf"
        for src_uri, page in self.school_pages.items():
            lesson = page.meta.get("lesson")
            if not isinstance(lesson, dict) or not lesson.get("handouts"):
                continue
            folder = posixpath.dirname(src_uri)
            sheets = [self.school_pages.get(posixpath.normpath(posixpath.join(folder, link)))
                      for link in lesson["handouts"]]
            content_language = getattr(page.file, "locale", language)
            pack = pdfpack.Pack(content_language, page.title, pdfpack.absolute(config.site_url, page.url),
                                page.content, [sheet.content for sheet in sheets if sheet is not None])
            words = self.lesson_words()[language]
            document = pdfpack.document(config.theme.dirs, pack, self.profile.name(language), logo, words)
            pdf, rendered = pdfpack.render(document, pack.url, cache, logo)
            name = f"{posixpath.basename(posixpath.splitext(src_uri)[0])}.pdf"
            target = Path(config.site_dir) / posixpath.dirname(page.file.dest_uri) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            page.content = pdfpack.with_link(config.theme.dirs, page.content, name, len(pdf), words)
            self.pdf_stats["packs"] += 1
            self.pdf_stats["rendered"] += rendered
        self.pdf_stats["seconds"] += time.perf_counter() - started
        self.pdf_stats["cpu_seconds"] += time.process_time() - cpu

    def on_env(self, env, config, files):
        if not self.config.enabled:
            return env
        if self.config.lesson_pdfs:
            self.make_lesson_pdfs(config)
        problems, self.problems = list(self.problems.values()), {}
        self.fail_or_report(problems)
        env.bytecode_cache = self.jinja_caches(config)["mkdocs"]
        env.filters["ungsoc_date"] = sitecontext.date_text
        env.filters["ungsoc_source_label"] = sitecontext.source_label
        env.globals["ungsoc"] = sitecontext.build(self.profile, self.language(config), Path(self.config.content_dir))
        return env

    def on_pre_template(self, template, *, template_name, config):
        if not self.config.enabled:
            return template
        if template_name == "404.html":
            static_i18n.switch_to_start_pages(config)
        return template

    # i18n builds every language into the same folder, each build overwriting 404.html:
    # keep each language's own copy before the next language's build replaces it.
    @event_priority(0)
    def _keep_language_404(self, config):
        if not self.config.enabled:
            return
        language, page = self.language(config), Path(config.site_dir) / "404.html"
        if not page.is_file():
            return
        if language == self.profile.default_language:
            self.default_404 = page.read_bytes()
        else:
            (Path(config.site_dir) / language).mkdir(exist_ok=True)
            (Path(config.site_dir) / language / "404.html").write_bytes(page.read_bytes())

    # After i18n (-100) has built every language and the root sitemap.
    @event_priority(-200)
    def _finish_site(self, config):
        if not self.config.enabled:
            return
        if static_i18n.building_a_language(config):
            return  # the site is not complete yet
        site_dir = Path(config.site_dir)
        if self.default_404 is not None:
            (site_dir / "404.html").write_bytes(self.default_404)
        if self.pdf_stats["packs"]:
            # scripts/bench_build.py reads this line for the PDF share of the build time.
            log.info("ungsoc: lesson PDFs: %d packs, %d rendered, %d from the cache, %.2f s (%.2f s CPU)",
                     self.pdf_stats["packs"], self.pdf_stats["rendered"], self.pdf_stats["packs"] - self.pdf_stats["rendered"],
                     self.pdf_stats["seconds"], self.pdf_stats["cpu_seconds"])
            self.pdf_stats = {"packs": 0, "rendered": 0, "seconds": 0.0, "cpu_seconds": 0.0}
        if self.config.finish:
            self.fail_or_report(finish.finish_site(site_dir, finish.Project(
                self.profile, self.records, Path(self.config.content_dir), config.theme.dirs, config.site_url,
                self.config.prune_css and self.command != "serve", write_cms=lambda site: self.write_cms(config, site),
                cache=None if self.command == "serve" else buildcache.folder(Path(config.config_file_path).resolve().parent),
                search_words=self.search_words)))

    def write_cms(self, config, site_dir: Path) -> str | None:
        """/admin/ when the profile enables the CMS; its CSP, or None."""
        settings = cms.settings(self.profile)
        if settings is None:
            return None
        root = Path(config.config_file_path).resolve().parent
        labels = {name.lower(): label for name, label in
                  static_i18n.nav_translations(config, self.profile.default_language).items()}
        content_dir = Path(self.config.content_dir)
        cms_config = cms.config(settings, self.profile, root, Path(config.docs_dir), content_dir,
                                self.config.profile, labels)
        page_collections = [c["name"] for c in cms_config["collections"] if c.get("folder") == "docs"]
        data_js = cms.preview_data(self.profile, cms.reader_stylesheets(site_dir),
                                   dict(self.config.lix_limits), page_collections)
        policy = cms.policy(settings)
        raise_if_any(cms.write_admin(site_dir, root, cms_config, data_js, policy))
        return policy

    on_post_build = CombinedEvent(_keep_language_404, _finish_site)

    def on_build_error(self, *, error) -> None:
        self.site_dir.fail()

    def on_shutdown(self) -> None:
        self.site_dir.finish()
