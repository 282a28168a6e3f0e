"""The navigation cache (generator/nav_cache.py) and the interface texts (generator/interface_texts.py)
change no byte of the site, and are really used."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth import write_content
from generator import interface_texts, nav_cache
from generator.cli import main

EPOCH = "1767225600"  # fixes the sitemap's date and the handouts' print time


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class _Page:
    """What the cache reads of a MkDocs page."""

    def __init__(self, url: str, active: bool = False) -> None:
        self.url, self.active, self.children = url, active, None


def test_material_templates_are_wrapped_as_expected() -> None:
    """Material's two navigation templates still look as the wrapping expects (after an upgrade this
    fails, rather than the cache silently doing nothing); other templates are refused."""
    import material

    templates = Path(material.__file__).parent / "templates"
    item = nav_cache.wrap_item_template((templates / nav_cache.ITEM_TEMPLATE).read_text(encoding="utf-8"))
    nav = nav_cache.wrap_nav_template((templates / nav_cache.NAV_TEMPLATE).read_text(encoding="utf-8"))
    assert item is not None and "nav_cache_put(_nav_key, _nav_html)" in item and item.count("nav_cached(") == 1
    assert nav is not None and nav.count("nav_cached(") == 1
    assert nav_cache.wrap_item_template("{% macro other() %}{% endmacro %}") is None
    assert nav_cache.wrap_nav_template("<nav></nav>") is None
    language = interface_texts.wrap_language_template((templates / interface_texts.TEMPLATE).read_text(encoding="utf-8"))
    assert language is not None and "{% macro t(key) %}{{ interface_text(lang, fallback, key) }}{% endmacro %}" in language
    assert interface_texts.wrap_language_template("{% macro t(key) %}{{ key }}{% endmacro %}") is None


def test_relative_addresses_worked_out_once_per_folder() -> None:
    """The cache's relative address of an entry is MkDocs' own, for pages in and out of the entry's folder."""
    from mkdocs.utils import normalize_url

    urls = ["", "a/", "a/b/", "a/b/c/", "a/c/", "b/", "b/a/", "ab/", "a/bc/", "index.html", "a/x.html", "a/b/x.html"]
    # Addresses MkDocs normalizes (a link entry could carry one), and addresses of other hosts.
    urls += ["a/b", "a/./b/", "./a/b/", "../a/b/c/", "a//b/", "/a/b/", "https://example.org/a/", "#top"]
    cache = nav_cache.NavCache(["navigation.prune"])
    for _round in range(2):  # the second round answers from what the first kept
        for url in urls:
            for here in urls:
                assert cache._relative(url, _Page(here)) == normalize_url(url, page=_Page(here)), (url, here)
    assert cache.relative, "addresses were kept"


def test_closed_entries_only() -> None:
    """Only entries off the open path are cached, and with features that open sections nothing is."""
    from mkdocs.structure.nav import Section

    page = _Page("causes/a/", active=True)
    other = _Page("causes/b/")
    section = Section("Tests", [_Page("tests/x/"), _Page("tests/y/")])
    cache = nav_cache.NavCache(["navigation.prune"])
    assert cache.key(page, "__nav_1", 1, page) is None
    assert cache.key(other, "__nav_2", 1, page) == (id(other), "__nav_2", 1, "../b/")
    assert cache.key(section, "__nav_3", 1, page)[-1] == "../../tests/x/", "a pruned section links its first page"
    assert nav_cache.NavCache(["navigation.prune", "navigation.sections"]).key(other, "__nav_2", 1, page) is None
    assert nav_cache.NavCache([]).key(other, "__nav_2", 1, page) is None


def test_a_site_built_with_the_cache_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library large enough for nested navigation sections (150 causes) builds to the same bytes with
    and without the navigation cache and the interface texts, and both served what they kept."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write_content(tmp_path / "tree", 150, seed=5)
    caches: list[nav_cache.NavCache] = []
    texts: list[interface_texts.InterfaceTexts] = []
    install = nav_cache.install
    install_texts = interface_texts.install

    def recording_install(env, features):  # type: ignore[no-untyped-def]
        caches.append(install(env, features))
        return caches[-1]

    def build(name: str) -> dict[str, bytes]:
        out = tmp_path / name
        args = ["build", "--content", str(tmp_path / "tree" / "content"), "--site-config", str(tmp_path / "tree" / "site_config")]
        # One docs folder for both builds, so the handouts are printed once.
        assert main([*args, "--docs-dir", str(tmp_path / "docs"), "--site-dir", str(out / "site"), "--jobs", "1"]) == 0
        return _snapshot(out / "site")

    monkeypatch.setattr(nav_cache, "install", recording_install)
    monkeypatch.setattr(interface_texts, "install", lambda env: texts.append(install_texts(env)) or texts[-1])
    cached = build("cached")
    assert caches and len(caches[-1].html) > 50, "closed entries were kept and reused"
    assert texts and ("partials/languages/en.html", "action.skip") in texts[-1].texts, "texts were looked up once"
    monkeypatch.setattr(nav_cache, "install", lambda env, features: None)
    monkeypatch.setattr(interface_texts, "install", lambda env: None)
    plain = build("plain")
    assert cached.keys() == plain.keys()
    assert [name for name in cached if cached[name] != plain[name]] == []
