"""The navigation written in Python (generator/nav_html.py) is Material's, and the interface texts
(generator/interface_texts.py), the header and config kept per depth (generator/depth_blocks.py) and
the one Markdown converter of a build (generator/markdown_reuse.py) change no byte of the site; all
are really used."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import mkdocs.structure.pages
import pytest
from mkdocs.structure.nav import Section

from bench.synth import write_content
from generator import depth_blocks, interface_texts, markdown_reuse, nav_html
from generator.cli import main

from .conftest import ROOT
from .hostile import make_tree

EPOCH = "1767225600"  # fixes the sitemap's date and the handouts' print time
NAV_START = '<nav class="md-nav md-nav--primary"'
# What follows the primary navigation in Material's base.html: the table of contents' sidebar, or
# the content when a page hides it.
NAV_ENDS = ('<div class="md-sidebar md-sidebar--secondary"', '<div class="md-content"')


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _split_nav(html: str) -> tuple[str, str]:
    """The page without its primary navigation, and that navigation with white space runs made one space."""
    start = html.find(NAV_START)
    if start < 0:
        return html, ""
    end = min(found for found in (html.find(marker, start) for marker in NAV_ENDS) if found >= 0)
    return html[:start] + html[end:], re.sub(r"\s+", " ", html[start:end])


class _Page:
    """What the renderer reads of a MkDocs page."""

    def __init__(self, url: str, title: str = "A page", active: bool = False, meta: dict | None = None) -> None:
        self.url, self.title, self.active, self.meta, self.children = url, title, active, meta or {}, None
        self.is_index, self.toc = False, []


def test_material_templates_are_wrapped_as_expected() -> None:
    """Material's nav template and language template still look as the rewrites expect (after an
    upgrade this fails, rather than the rewrite silently doing nothing); other templates are refused."""
    import material

    templates = Path(material.__file__).parent / "templates"
    nav = nav_html.wrap_nav_template((templates / nav_html.NAV_TEMPLATE).read_text(encoding="utf-8"))
    assert nav is not None and nav.count("quick_nav(") == 1 and "or item.render(nav_item, path, 1)" in nav
    assert nav_html.wrap_nav_template("<nav></nav>") is None
    language = interface_texts.wrap_language_template((templates / interface_texts.TEMPLATE).read_text(encoding="utf-8"))
    assert language is not None and "{% macro t(key) %}{{ interface_text(lang, fallback, key) }}{% endmacro %}" in language
    assert interface_texts.wrap_language_template("{% macro t(key) %}{{ key }}{% endmacro %}") is None
    header = depth_blocks.wrap_header_template((templates / depth_blocks.HEADER_TEMPLATE).read_text(encoding="utf-8"))
    assert header is not None and header.count("depth_title_mark") == 2 and "{{ page.title }}" not in header
    base = depth_blocks.wrap_base_template((templates / depth_blocks.BASE_TEMPLATE).read_text(encoding="utf-8"))
    assert base is not None and 'depth_block("config"' in base
    assert depth_blocks.wrap_header_template("<header>{{ page.title }}</header>") is None
    assert depth_blocks.wrap_base_template("{% block other %}{% endblock %}") is None


def test_kept_blocks_get_each_page_its_title() -> None:
    """The kept header takes each page's own title (its front matter's first), an empty one without a
    page, and nothing is kept with sticky tabs, which show the page's place."""
    blocks = depth_blocks.DepthBlocks(["navigation.prune"])
    page = _Page("causes/a/", title="Numb toes", meta={"title": "Numb toes &amp; more"})
    html = f"<span>{depth_blocks.MARK}</span>"
    assert blocks.put("header", page, "../..", html) == html
    assert blocks.get("header", _Page("causes/b/"), "../..") == html, "same depth, same top folder"
    assert blocks.get("header", _Page("tests/b/"), "../..") is None and blocks.get("header", page, "..") is None
    assert blocks.title(html, page) == "<span>Numb toes &amp; more</span>"
    assert blocks.title(html, _Page("causes/b/", title="Plain")) == "<span>Plain</span>"
    assert blocks.title(html, None) == "<span></span>"
    sticky = depth_blocks.DepthBlocks(["navigation.tabs", "navigation.tabs.sticky"])
    sticky.put("header", page, "../..", html)
    assert sticky.get("header", page, "../..") is None


def test_relative_addresses_worked_out_once_per_folder() -> None:
    """The renderer's relative address of an entry is MkDocs' own, for pages in and out of the entry's folder."""
    from mkdocs.utils import normalize_url

    urls = ["", "a/", "a/b/", "a/b/c/", "a/c/", "b/", "b/a/", "ab/", "a/bc/", "index.html", "a/x.html", "a/b/x.html"]
    # Addresses MkDocs normalizes (a link entry could carry one), and addresses of other hosts.
    urls += ["a/b", "a/./b/", "./a/b/", "../a/b/c/", "a//b/", "/a/b/", "https://example.org/a/", "#top"]
    renderer = nav_html.NavRenderer(["navigation.prune"], None)
    for _round in range(2):  # the second round answers from what the first kept
        for url in urls:
            for here in urls:
                assert renderer._url(url, _Page(here)) == normalize_url(url, page=_Page(here)), (url, here)
    assert renderer.relative, "addresses were kept"


def test_what_it_does_not_write_is_left_to_material() -> None:
    """Features that open sections, entries with an icon or subtitle and a missing page give '' (Material renders them)."""
    page = _Page("causes/a/", active=True)
    other = _Page("causes/b/", title="B")
    section = Section("Causes", [page, other])
    section.active = True
    renderer = nav_html.NavRenderer(["navigation.prune", "navigation.indexes"], None)
    html = renderer.top_item(section, "__nav_2", page, "Table of contents")
    assert 'href="../b/" class="md-nav__link"' in html and "md-nav__link--active" in html
    assert renderer.top_item(section, "__nav_2", None, "Table of contents") == ""
    for features in (["navigation.prune", "navigation.tabs"], ["navigation.sections"], ["navigation.expand"], ["toc.integrate"]):
        assert nav_html.NavRenderer(features, None).top_item(section, "__nav_2", page, "Contents") == "", features
    for meta in ({"icon": "material/star"}, {"subtitle": "More"}, {"status": "new"}):
        marked = Section("Causes", [page, _Page("causes/c/", meta=meta)])
        marked.active = True
        assert renderer.top_item(marked, "__nav_2", page, "Contents") == "", meta
    assert nav_html.NavRenderer([], None).top_item(Section("Tests", [other]), "__nav_3", page, "x") == "", (
        "closed sections unpruned"
    )


def _build(tree: Path, docs: Path, out: Path) -> dict[str, bytes]:
    args = ["build", "--content", str(tree / "content"), "--site-config", str(tree / "site_config")]
    # One docs folder for both builds, so the handouts are printed once.
    assert main([*args, "--docs-dir", str(docs), "--site-dir", str(out / "site"), "--jobs", "1"]) == 0
    return _snapshot(out / "site")


@pytest.mark.parametrize("library", ["real", "hostile", "150 causes"])
def test_a_site_has_materials_navigation(library: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real guide, a guide of hostile text and a library large enough for nested navigation
    sections (150 causes) build to the same bytes with the quick navigation, interface texts, kept
    blocks and one Markdown converter as with Material's own templates and a converter per page,
    except for white space inside the navigation; and all were used."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    tree = tmp_path / "tree"
    if library == "real":
        shutil.copytree(ROOT / "content", tree / "content")
        shutil.copytree(ROOT / "site_config", tree / "site_config")
    elif library == "hostile":
        make_tree(tree, hostile=True)
    else:
        write_content(tree, 150, seed=5)
    renderers: list[nav_html.NavRenderer] = []
    texts: list[interface_texts.InterfaceTexts] = []
    kept: list[depth_blocks.DepthBlocks] = []
    reused: list[bool] = []
    install_nav, install_texts, install_kept = nav_html.install, interface_texts.install, depth_blocks.install
    install_converter = markdown_reuse.install
    monkeypatch.setattr(nav_html, "install", lambda env, config: renderers.append(install_nav(env, config)) or renderers[-1])
    monkeypatch.setattr(interface_texts, "install", lambda env: texts.append(install_texts(env)) or texts[-1])
    monkeypatch.setattr(depth_blocks, "install", lambda env, features: kept.append(install_kept(env, features)) or kept[-1])
    monkeypatch.setattr(markdown_reuse, "install", lambda config: reused.append(install_converter(config)) or reused[-1])
    quick = _build(tree, tmp_path / "docs", tmp_path / "quick")
    assert renderers and renderers[-1].closed, "the navigation was written by the renderer, closed entries kept"
    assert texts and ("partials/languages/en.html", "action.skip") in texts[-1].texts, "texts were looked up once"
    assert kept and {key[0] for key in kept[-1].html} == {"header", "config"}, "header and config were kept"
    # Two kept blocks a (depth, top folder), fewer than two a page: pages share them.
    assert len(kept[-1].html) < 2 * len([name for name in quick if name.endswith(".html")]), "and reused"
    assert reused == [True] and markdown_reuse._converters.kept is not None, "pages were converted by one converter"
    monkeypatch.setattr(nav_html, "install", lambda env, config: None)
    monkeypatch.setattr(interface_texts, "install", lambda env: None)
    monkeypatch.setattr(depth_blocks, "install", lambda env, features: None)
    # MkDocs' own way: its pages module makes a converter for each page.
    monkeypatch.setattr(markdown_reuse, "install", lambda config: None)
    monkeypatch.setattr(mkdocs.structure.pages, "markdown", markdown)
    material = _build(tree, tmp_path / "docs", tmp_path / "material")
    assert quick.keys() == material.keys()
    assert [name for name in quick if not name.endswith(".html") and quick[name] != material[name]] == []
    pages = [name for name in quick if name.endswith(".html")]
    split = {name: (_split_nav(quick[name].decode()), _split_nav(material[name].decode())) for name in pages}
    assert [name for name, (mine, theirs) in split.items() if mine[0] != theirs[0]] == [], "outside the navigation"
    assert [name for name, (mine, theirs) in split.items() if mine[1] != theirs[1]] == [], "the navigation"
    # Every page shows its own entry as the active one (the 404 page and a renamed page's old address have none).
    pages_with_entries = [name for name in split if name != "404.html" and b'http-equiv="refresh"' not in quick[name]]
    assert [name for name in pages_with_entries if "md-nav__link--active" not in split[name][0][1]] == []
    assert sum(map(len, quick.values())) < sum(map(len, material.values())), "less white space written"


class _PluginsExtension(markdown.extensions.Extension):
    """An extension a plugin could add as an object: nothing says its state ends with a page."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        pass


def test_one_converter_only_with_extensions_known_to_reset() -> None:
    """Python-Markdown's own extensions and this package's share a converter between pages; with any
    other (its state may outlive a page), one added after the hook ran, or footnotes numbered across
    documents, every page gets a new one, as MkDocs makes them."""
    configs = {"toc": {"permalink": False}}
    ours = {"markdown_extensions": ["toc", "footnotes", "generator.markdown_profile"], "mdx_configs": configs}
    assert markdown_reuse.install(ours) is True
    convert = mkdocs.structure.pages.markdown.Markdown
    first = convert(extensions=ours["markdown_extensions"], extension_configs=configs)
    assert first.convert("A note.[^1]\n\n[^1]: The note.").count('class="footnote-ref"') == 1
    second = convert(extensions=ours["markdown_extensions"], extension_configs=configs)
    assert second is first and second.convert("No notes.") == "<p>No notes.</p>", "reset between pages"
    assert convert(extensions=list(ours["markdown_extensions"]), extension_configs=configs) is not first, "another build's"
    numbered = {"markdown_extensions": ["footnotes"], "mdx_configs": {"footnotes": {"UNIQUE_IDS": True}}}
    assert markdown_reuse.install(numbered) is False, "its ids count the documents a converter made"
    late = {"markdown_extensions": ["toc"], "mdx_configs": {}}
    assert markdown_reuse.install(late) is True
    late["markdown_extensions"].append(_PluginsExtension())  # a plugin adds its own after the hook ran
    assert convert(extensions=late["markdown_extensions"], extension_configs={}) is not convert(
        extensions=late["markdown_extensions"], extension_configs={}
    )
    theirs = {"markdown_extensions": ["toc", "pymdownx.snippets"], "mdx_configs": {}}
    assert markdown_reuse.install(theirs) is False
    assert convert(extensions=theirs["markdown_extensions"], extension_configs={}) is not convert(
        extensions=theirs["markdown_extensions"], extension_configs={}
    )
