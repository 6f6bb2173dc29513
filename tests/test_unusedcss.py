"""Material's stylesheet without what the site cannot use: nothing a page needs may go."""

from __future__ import annotations

from pathlib import Path

from ungsoc import unusedcss

MATERIAL_CSS = """:root{--md-used-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-unused-icon:url("data:image/svg+xml;charset=utf-8,<svg/>");--md-colour:red}
.md-typeset .admonition.bug:before{mask-image:var(--md-unused-icon)}
.md-typeset a:not(.md-button){color:var(--md-colour)}
.md-nav__link:before{mask-image:var(--md-used-icon)}
[dir=ltr] .md-nav__link{margin-left:1px}[dir=rtl] .md-nav__link{margin-right:1px}
.md-tooltip2{opacity:0}
.md-annotation{color:red}.tabbed-button{color:blue}
.ungsoc-open,.never-used{display:block}
@media screen and (max-width:76em){.md-nav__link{padding:0}.md-version{display:none}}
@keyframes spin{to{transform:rotate(1turn)}}
"""


def make_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets/stylesheets").mkdir(parents=True)
    (site / "assets/javascripts").mkdir(parents=True)
    (site / "assets/ungsoc").mkdir(parents=True)
    (site / "assets/stylesheets/main.0123abcd.min.css").write_text(MATERIAL_CSS, encoding="utf-8")
    (site / "assets/stylesheets/main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (site / "assets/javascripts/bundle.js").write_text('x("div",{class:"md-tooltip2"});var bug="bug";'
                                                       'x("span",{class:"md-annotation"});x("a",{class:"tabbed-button"})',
                                                       encoding="utf-8")
    (site / "assets/ungsoc/own.js").write_text('el.classList.add("ungsoc-open")', encoding="utf-8")
    (site / "index.html").write_text('<link rel="stylesheet" href="assets/stylesheets/main.0123abcd.min.css">'
                                     '<html lang="sv" dir="ltr"><div class="md-typeset"><a class="md-nav__link" href="#">x</a></div>',
                                     encoding="utf-8")
    return site


def test_unused_rules_and_custom_properties_go_and_the_rest_stays(tmp_path):
    site = make_site(tmp_path)
    before, after = unusedcss.prune_site(site)
    assert after < before
    [stylesheet] = (site / "assets/stylesheets").glob("main.*.min.css")
    css = stylesheet.read_text(encoding="utf-8")
    # Used by pages, by Material's script or by the site's own script: kept.
    for kept in (".md-nav__link:before", ".md-typeset a:not(.md-button)", ".md-tooltip2", ".ungsoc-open",
                 "--md-used-icon", "--md-colour", ".md-nav__link{padding:0", "@keyframes spin",
                 "[dir=ltr] .md-nav__link"):
        assert kept in css, kept
    # A word in Material's script is not a class it sets; data URIs with ";" go whole; no page
    # is right to left.
    # Material's script sets the classes of code annotations and content tabs only where the
    # site has those features: it has neither.
    for gone in (".admonition.bug", "--md-unused-icon", ".never-used", ".md-version", "[dir=rtl]", ".md-annotation",
                 ".tabbed-button"):
        assert gone not in css, gone
    assert css.count("{") == css.count("}")
    assert 'url("data:image/svg+xml;charset=utf-8,<svg/>")' in css


def test_pruned_stylesheet_gets_a_new_name_that_the_pages_load(tmp_path):
    site = make_site(tmp_path)
    unusedcss.prune_site(site)
    [stylesheet] = (site / "assets/stylesheets").glob("main.*.min.css")
    assert stylesheet.name != "main.0123abcd.min.css"
    assert not (site / "assets/stylesheets/main.0123abcd.min.css.map").exists()
    assert f'href="assets/stylesheets/{stylesheet.name}"' in (site / "index.html").read_text(encoding="utf-8")


def pruned_css(site: Path) -> str:
    [stylesheet] = (site / "assets/stylesheets").glob("main.*.min.css")
    return stylesheet.read_text(encoding="utf-8")


def test_a_build_using_the_same_classes_reuses_the_result_and_another_class_prunes_anew(tmp_path):
    uncached = make_site(tmp_path / "uncached")
    unusedcss.prune_site(uncached)
    cache = tmp_path / "cache"
    for name in ("first", "second"):
        site = make_site(tmp_path / name)
        unusedcss.prune_site(site, cache)
        assert pruned_css(site) == pruned_css(uncached)
    assert len(list((cache / "ungsoc-css").iterdir())) == 1
    site = make_site(tmp_path / "more")
    (site / "page.html").write_text('<p class="never-used">x</p>', encoding="utf-8")
    unusedcss.prune_site(site, cache)
    assert ".never-used" in pruned_css(site)
    assert len(list((cache / "ungsoc-css").iterdir())) == 2


def test_a_feature_switched_on_in_the_page_config_or_present_in_a_page_keeps_its_classes(tmp_path):
    site = make_site(tmp_path)
    (site / "tabs.html").write_text('<div class="tabbed-set"></div><script id="__config" type="application/json">'
                                    '{"features": ["content.code.annotate"], "version": null}</script>', encoding="utf-8")
    unusedcss.prune_site(site)
    css = pruned_css(site)
    assert ".md-annotation" in css and ".tabbed-button" in css


def test_only_a_dir_attribute_gives_a_page_a_text_direction(tmp_path):
    site = make_site(tmp_path)
    stylesheet = site / "assets/stylesheets/main.0123abcd.min.css"
    page = site / "other.html"
    page.write_text('<div data-dir="rtl" class="x">dir=rtl <b>dir="rtl"</b>', encoding="utf-8")
    assert "dir=rtl" not in unusedcss.site_usage(site, stylesheet)[0]
    page.write_text('<div class="x"\ndir=RTL><p dir=\'rtl\'>', encoding="utf-8")
    assert "dir=rtl" in unusedcss.site_usage(site, stylesheet)[0]
