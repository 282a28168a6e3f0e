"""Translated editions: translation files checked against their English files, stale ones found, the /es/ site built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content.link import link
from generator.content.translation_schema import TRANSLATED_KINDS, translatable
from generator.content.validate import PartlyValid, validate_content

from .conftest import build_tree
from .test_errors import check, edit

SPANISH = """
locales:
  es:
    site_name: Guía de prueba
    emergency_number: "999"
    disclaimer: Solo información general.
    reviewer:
      name: Dra. Prueba
      role: médica de familia
    funding: Lo pagamos nosotros.
    conflicts_of_interest: Ninguno.
    date_format: "{day} de {month} de {year}"
    month_names: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]
"""
ES_CAUSE = "content/es/causes/toe-trouble.yaml"


def _spanish(value: object) -> object:
    """A stand-in translation: each text marked as Spanish, its sources and placeholders kept."""
    if isinstance(value, dict):
        return {key: _spanish(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_spanish(item) for item in value]
    return f"ES {value}"


def _write_translations(tree: Path) -> None:
    """content/es/: a translation of every page of the tree, with the fingerprint line to fill in."""
    with (tree / "site_config/site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(SPANISH)
    (tree / "content/es").mkdir()
    site = link(validate_content(tree / "content", tree / "site_config"))
    pages = {"topic": [(None, site.topic)], "decision-flow": [(None, site.flow)]}
    for kind, table in (("cause", site.causes), ("red-flag", site.red_flags), ("test", site.tests),
                        ("treatment", site.treatments)):
        pages[kind] = list(table.items())
    names = {"topic": "topic.yaml", "decision-flow": "decision_flow.yaml"}
    folders = {"cause": "causes", "red-flag": "red_flags", "test": "tests", "treatment": "treatments"}
    for kind, entries in pages.items():
        assert kind in TRANSLATED_KINDS
        for id_, entry in entries:
            relative = names[kind] if id_ is None else f"{folders[kind]}/{id_}.yaml"
            data = {"translated_from": "000000000000", **_spanish(translatable(entry.model))}  # type: ignore[dict-item]
            target = tree / "content/es" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def spanish_tree(tree: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The minimal tree with a Spanish edition, every translation marked as made from today's English."""
    _write_translations(tree)
    assert main(["translated", "es", "--content", str(tree / "content"), "--site-config", str(tree / "site_config")]) == 0
    capsys.readouterr()
    return tree


def test_a_complete_translation_passes_check(spanish_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(spanish_tree, capsys, "--strict")
    assert code == 0, lines


def test_an_english_edit_makes_its_translation_stale(spanish_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The warning is at the translation's fingerprint line, says what to do, and fails --strict."""
    edit(spanish_tree, "content/causes/toe-trouble.yaml", "The nerves stop sending signals.", "The nerves stop working.")
    _, lines = check(spanish_tree, capsys)
    stale = [line for line in lines if line.startswith(f"{ES_CAUSE}:")]
    assert len(stale) == 1 and re.match(rf"{ES_CAUSE}:1:18: translated_from: warning: out of date: ", stale[0]), lines
    assert "python3 -m generator translated es cause toe-trouble" in stale[0]
    assert check(spanish_tree, capsys, "--strict")[0] == 1
    # Marking it again (after translating the change) clears the warning.
    assert main(["translated", "es", "cause", "toe-trouble", "--content", str(spanish_tree / "content"),
                 "--site-config", str(spanish_tree / "site_config")]) == 0
    capsys.readouterr()
    assert not [line for line in check(spanish_tree, capsys)[1] if line.startswith(ES_CAUSE)]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("summary:", "sumary:",
         ":5:1: sumary: unknown field 'sumary'; did you mean 'summary'?"),
        ("- ES Cold toes", "- ES Cold toes\n- ES Warm toes",
         "other_symptoms: has 2 items, but the English list in content/causes/toe-trouble.yaml has 1"),
        ("[^alpha-source]", "[^beta-paper]",
         "how_it_causes_numbness: cites other sources than the English text: add [^alpha-source] and remove "
         "[^beta-paper]"),
    ],
    ids=["misspelt field", "an item too many", "other sources"],
)
def test_a_misshapen_translation_is_an_error_at_its_line(
    spanish_tree: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    text = (spanish_tree / ES_CAUSE).read_text(encoding="utf-8")
    assert old in text
    (spanish_tree / ES_CAUSE).write_text(text.replace(old, new, 1), encoding="utf-8")
    code, lines = check(spanish_tree, capsys)
    assert code == 1
    assert any(line.startswith(f"{ES_CAUSE}:") and expected in line for line in lines), lines


def test_missing_text_unknown_id_and_missing_file(spanish_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    es = spanish_tree / "content/es"
    data = yaml.safe_load((es / "causes/toe-trouble.yaml").read_text(encoding="utf-8"))
    del data["summary"]
    (es / "causes/toe-trouble.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (es / "red_flags/rash.yaml").rename(es / "red_flags/rashes.yaml")
    code, lines = check(spanish_tree, capsys)
    assert code == 1
    text = "\n".join(lines)
    assert "'summary' is missing: translate the English text (\"Toe trouble harms toe nerves.\")" in text
    assert "content/es/red_flags/rashes.yaml:1:1: translates no page: no red-flag has the id 'rashes'; did you mean 'rash'?" in text
    assert "content/es/red_flags/rash.yaml:1:1: file is missing: the 'es' edition needs every page" in text


def test_an_edition_folder_without_settings_is_named(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "content/es").mkdir()
    code, lines = check(tree, capsys)
    assert code == 1
    assert any("content/es:1:1: is not a known content file or folder; to publish it as an edition, add `locales: es:`"
               in line for line in lines), lines


def test_the_spanish_edition_is_built_page_for_page(spanish_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_tree(spanish_tree, out) == 0
    english = sorted(p.relative_to(out / "site").as_posix() for p in (out / "site").rglob("index.html")
                     if not p.relative_to(out / "site").as_posix().startswith("es/"))
    spanish = sorted(p.relative_to(out / "site/es").as_posix() for p in (out / "site/es").rglob("index.html"))
    assert english and spanish == english
    page = (out / "site/es/causes/toe-trouble/index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page
    assert "ES Toe trouble harms toe nerves." in page
    assert (out / "site/es/search/search_index.json").is_file()
    # hreflang in both sitemaps: each page's address in English, in Spanish, and English as the default.
    base = "https://example.org/test/"
    for sitemap, loc in (("site/sitemap.xml", base), ("site/es/sitemap.xml", base + "es/")):
        text = (out / sitemap).read_text(encoding="utf-8")
        entry = text.split(f"<loc>{loc}causes/toe-trouble/</loc>", 1)[1].split("</url>", 1)[0]
        assert [line.strip() for line in entry.strip().splitlines()[:3]] == [
            f'<xhtml:link rel="alternate" hreflang="en" href="{base}causes/toe-trouble/"/>',
            f'<xhtml:link rel="alternate" hreflang="es" href="{base}es/causes/toe-trouble/"/>',
            f'<xhtml:link rel="alternate" hreflang="x-default" href="{base}causes/toe-trouble/"/>',
        ]
    assert '"lang":["es"]' in (out / "site/es/search/search_index.json").read_text(encoding="utf-8").replace(" ", "")


def test_a_partly_translated_site_still_links(spanish_tree: Path) -> None:
    """A translation with errors leaves the rest of the edition to be checked (one run reports everything)."""
    (spanish_tree / ES_CAUSE).write_text("translated_from: [\n", encoding="utf-8")
    with pytest.raises(PartlyValid) as caught:
        validate_content(spanish_tree / "content", spanish_tree / "site_config")
    assert ("cause", "toe-trouble") in caught.value.content.translations["es"].unreadable


def test_the_spanish_markdown_is_byte_identical_from_build_to_build(spanish_tree: Path, tmp_path: Path) -> None:
    """Two builds of the same content into different folders write the same Spanish Markdown, byte for byte."""
    runs = []
    for name in ("one", "two"):
        assert build_tree(spanish_tree, tmp_path / name) == 0
        docs = tmp_path / name / "build/editions/es/docs"
        runs.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()})
    assert runs[0] and runs[0] == runs[1]
    assert "causes/toe-trouble.md" in runs[0]


def test_a_hard_spanish_text_is_warned_at_its_line(spanish_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Spanish texts are scored with Fernández Huerta against the edition's floor, at the translation's file:line."""
    hard = ("Las manifestaciones neurológicas periféricas extraordinariamente complicadas comprometen "
            "significativamente la funcionalidad sensitiva distal.[^beta-paper]")
    text = (spanish_tree / ES_CAUSE).read_text(encoding="utf-8")
    (spanish_tree / ES_CAUSE).write_text(text.replace("summary: ES Toe trouble harms toe nerves.[^beta-paper]",
                                                      f"summary: {hard}"), encoding="utf-8")
    code, lines = check(spanish_tree, capsys)
    warned = [line for line in lines if "Fernández Huerta" in line]
    assert code == 0 and len(warned) == 1, lines
    assert re.match(rf"{ES_CAUSE}:\d+:\d+: summary: warning: reads at Fernández Huerta ease -?\d+, below this edition's "
                    r"floor of 60 \(higher is easier\)", warned[0])


def test_a_translators_review_shows_until_the_translation_changes(
    spanish_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`approve --translation es` names the translator on the Spanish page; an edit to the translation drops it."""
    args = ["--content", str(spanish_tree / "content"), "--site-config", str(spanish_tree / "site_config")]
    assert main(["approve", "cause", "toe-trouble", "--translation", "es", "--by", "Ana Pérez, traductora médica",
                 "--date", "2026-05-20", *args]) == 0
    assert "content/es/reviews.yaml" in capsys.readouterr().out
    assert main(["approve", "cause", "toe-troubel", "--translation", "es", "--by", "X, Y", *args]) == 2
    assert "no cause has the id 'toe-troubel'; did you mean 'toe-trouble'?" in capsys.readouterr().err
    assert build_tree(spanish_tree, tmp_path / "one") == 0
    page = (tmp_path / "one/site/es/causes/toe-trouble/index.html").read_text(encoding="utf-8")
    assert "Traducción revisada por Ana Pérez, traductora médica, el 20 de mayo de 2026." in page
    edit(spanish_tree, ES_CAUSE, "ES Cold toes", "ES Dedos fríos")
    assert build_tree(spanish_tree, tmp_path / "two") == 0
    page = (tmp_path / "two/site/es/causes/toe-trouble/index.html").read_text(encoding="utf-8")
    assert "Ana Pérez" not in page and "Ningún traductor médico ha revisado esta traducción todavía." in page


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('date_format: "{day} de {month} de {year}"', 'date_format: "{day} de {mes} de {year}"',
         "locales.es.date_format: a date format must say where {month} go, like '{day} de {month} de {year}'"),
        ("month_names: [enero, ", "month_names: [", "locales.es.month_names: this list needs at least 12 items; add them"),
        ("    site_name: Guía de prueba\n", "    site_nme: Guía de prueba\n", "locales.es.site_nme: unknown field 'site_nme'"),
    ],
    ids=["a date format without the month", "eleven months", "a misspelt setting"],
)
def test_bad_edition_settings_are_named_at_their_line(
    spanish_tree: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    edit(spanish_tree, "site_config/site.yaml", old, new)
    code, lines = check(spanish_tree, capsys)
    assert code == 1
    assert any(re.match(r"site_config/site\.yaml:\d+:\d+: ", line) and expected in line for line in lines), lines
