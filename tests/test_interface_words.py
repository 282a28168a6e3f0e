"""The generator's fixed words in the site's language: the Spanish catalog, Spanish pages, handouts and theme."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import jinja2
import jinja2.ext
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.content.built_in_pages import BUILT_IN_PAGES
from generator.content.edition import Edition, TranslationReview
from generator.content.link import GROUP_TITLES, KIND_TITLES, Site
from generator.content.load import strings_in
from generator.content.safety_schema import RISK_WORDS
from generator.content.schema import ONSET_WORDS, SIDES_WORDS
from generator.handouts import content as handout_content
from generator.handouts import handout_uri
from generator.handouts.content import all_handouts
from generator.handouts.html import render_handouts
from generator.pipeline import prepare
from generator.render import feedback, interface_words, pages, safety
from generator.render.editions import alternates
from generator.render.flow import flow_data
from generator.render.interface_words import MissingWords, Words, load_catalog, words_for
from generator.render.pages import navigation, render_pages

from .conftest import FIXTURES, ROOT, build_tree

GENERATOR = ROOT / "generator"
TEMPLATES = GENERATOR / "render" / "templates"
# Whole prose pages: each language has its own copy (templates/es/), so they hold no catalog words.
PROSE_PAGES = ("about.md.j2", "accessibility.md.j2", "safety.md.j2")
MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]
REVIEW = TranslationReview("Ana Ruiz", "traductora médica certificada", dt.date(2026, 11, 3))


def spanish(site: Site, reviews: dict[str, TranslationReview] | None = None) -> Site:
    """The site as its Spanish edition sees it: the same content, Spanish settings, published under es/."""
    config = site.config.model_copy(update={
        "language": "es", "site_url": site.config.site_url + "es/",
        "date_format": "{day} de {month} de {year}", "month_names": MONTHS,
    })
    return dataclasses.replace(site, config=config, edition=Edition("es", "es/", reviews or {}), languages=("en", "es"))


@pytest.fixture(scope="module")
def real() -> Site:
    return prepare(ROOT / "content", ROOT / "site_config")


@pytest.fixture(scope="module")
def spanish_pages(real: Site) -> dict[str, str]:
    return render_pages(spanish(real, {"causes/stroke.md": REVIEW}), jobs=1)


def _template_strings() -> dict[str, str]:
    """Every constant text the templates pass to `_` or `_text`, with the template it is in."""
    env = jinja2.Environment()
    files = [*TEMPLATES.glob("*.j2"), *(GENERATOR / "handouts").glob("*.j2"), GENERATOR / "handouts" / "handout.css"]
    found: dict[str, str] = {}
    for path in sorted(files):
        for _, _, strings in jinja2.ext.extract_from_ast(env.parse(path.read_text()), gettext_functions=("_", "_text")):
            text = strings[0] if isinstance(strings, tuple) else strings
            if text is not None:  # a text from a variable (a group's title): listed from its table below
                found.setdefault(text, path.name)
    return found


def _python_strings() -> dict[str, str]:
    """Every constant text the generator's Python passes to its words (`words(...)`, `say(...)`)."""
    found: dict[str, str] = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in ("words", "say") and isinstance(node.args[0].value, str):
                found.setdefault(node.args[0].value, path.name)
    return found


def _table_strings() -> dict[str, str]:
    """The fixed texts kept in tables and translated where they are printed."""
    tables: dict[str, list[str]] = {
        "CARE_LEVELS": list(pages.CARE_LEVELS.values()),
        "GROUP_TITLES": list(GROUP_TITLES.values()),
        "KIND_TITLES": list(KIND_TITLES.values()),
        "ONSET_WORDS": list(ONSET_WORDS.values()),
        "SIDES_WORDS": list(SIDES_WORDS.values()),
        "BUILT_IN_PAGES": [text for page in BUILT_IN_PAGES for text in (page.title, page.menu_label) if text],
        "feedback.SUBJECT": [feedback.SUBJECT],
        "FlowQuestion.targets": ["Yes", "No"],
        "handouts ELSEWHERE": [text for name in dir(handout_content) if name.endswith("_ELSEWHERE")
                               for text in getattr(handout_content, name)],
        "safety": [*safety._KIND_WORDS.values(), *safety.SEVERITY_WORDS.values(), *safety.LIKELIHOOD_WORDS.values(),
                   *RISK_WORDS.values()],
    }
    return {text: table for table, texts in tables.items() for text in texts}


def _all_fixed_strings() -> dict[str, str]:
    return _table_strings() | _python_strings() | _template_strings()


def test_every_fixed_text_has_spanish_words() -> None:
    """Each text the generator writes in English (templates, Python, tables) has an entry in es.yaml, and
    es.yaml holds no entry nothing uses (a key with a typo would never match)."""
    catalog = load_catalog(interface_words.catalog_path("es"))
    used = _all_fixed_strings()
    missing = sorted(f"{where}: {text!r}" for text, where in used.items() if text not in catalog)
    unused = sorted(text for text in catalog if text not in used)
    assert missing == [] and unused == []


def test_extraction_finds_the_templates_words() -> None:
    """The catalog check above sees the templates' words (an empty extraction would pass it)."""
    strings = _template_strings()
    assert strings["How it causes numbness"] == "cause.md.j2"
    assert strings["Page {page} of {pages}"] == "handout.css"
    assert _python_strings()["Contact a provider today"] == "pages.py"


def _bare_words(source: str) -> list[str]:
    """Lines of a template with words printed as they are: everything but Jinja, HTML tags, attribute
    lists, link targets and front-matter keys taken out, what has a letter left."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", source, flags=re.DOTALL)
    offenders = []
    for line in text.splitlines():
        line = re.sub(r"<[^>]*>", "", line)  # tags, with their attributes
        line = re.sub(r"\{:?[^{}]*\}", "", line)  # attribute lists: {: .also-called }, { #about-this-page }
        line = re.sub(r"\]\([^)]*\)|\[\^", "", line)  # link targets, footnote marks
        line = re.sub(r"^(title|description|tags|hide):( \[toc\])?", "", line)
        if re.search(r"[^\W\d_]", line):
            offenders.append(line.strip())
    return offenders


@pytest.mark.parametrize(
    "template",
    [*sorted(path.name for path in TEMPLATES.glob("*.j2") if path.name not in PROSE_PAGES), "handout.html.j2"],
)
def test_templates_print_no_word_outside_the_catalog(template: str) -> None:
    """A template's fixed words all go through `_` (so every language gets them), except the prose pages."""
    path = TEMPLATES / template if (TEMPLATES / template).exists() else GENERATOR / "handouts" / template
    assert _bare_words(path.read_text()) == []


def test_the_bare_word_check_can_fail() -> None:
    """The check above finds a word printed as it is, in text and in an HTML element."""
    assert _bare_words('## {{ _("Why") }}\nSources for this page: {{ x }}\n<p>Call {{ n }}</p>\n{: .note }') == [
        "Sources for this page:", "Call"]


def _content_text(site: Site) -> str:
    """Every text the content holds: English in these tests, so a catalog key that is also content is not a leftover."""
    return "\n".join(text for doc in site.content_docs() for _, text in strings_in(doc.data))


def test_spanish_pages_have_spanish_words_and_no_english_ones(real: Site, spanish_pages: dict[str, str]) -> None:
    """No page of the Spanish edition keeps a fixed English text (outside the hazard log, English by design),
    and its headings, care cards and page ends are in Spanish."""
    catalog = load_catalog(interface_words.catalog_path("es"))
    content = _content_text(real)
    english = [text for text, spanish_text in catalog.items()
               if text != spanish_text and "{" not in text and len(text.split()) >= 3 and text not in content]
    leftovers = sorted(f"{path}: {text!r}" for path, page in spanish_pages.items() if path != "safety.md"
                       for text in english if text in page)
    assert leftovers == []
    stroke = spanish_pages["causes/stroke.md"]
    for expected in ("## Cómo causa entumecimiento", "<strong>Llame al 911 ahora</strong> si tiene entumecimiento",
                     "## Sobre esta página", "**Todavía no la ha revisado un profesional clínico.**",
                     "[Cómo escribimos y revisamos esta guía](../about.md#how-it-is-written-and-checked)",
                     "**Cómo suele aparecer:** Suele empezar de repente.", "Fuentes de esta lista:",
                     "[Lea la fuente](", "¿Le sirve esta página? [Avísenos de un problema en esta página](mailto:"):
        assert expected in stroke, expected
    assert "# Causas de los pies entumecidos" in spanish_pages["causes/index.md"]
    assert "### Pregunta 1: " in spanish_pages["check-your-symptoms.md"]
    assert "- **Sí:** " in spanish_pages["check-your-symptoms.md"]
    assert "## Problemas de los nervios" in spanish_pages["causes/index.md"]
    assert "# Acerca de esta guía" in spanish_pages["about.md"]  # the Spanish copy of a prose page


def test_spanish_dates(spanish_pages: dict[str, str]) -> None:
    """Dates read as Spanish readers write them, from the edition's date format and month names."""
    stroke = spanish_pages["causes/stroke.md"]
    assert re.search(r"Revisión editorial: \d{1,2} de [a-z]+ de 20\d\d, por ", stroke)
    english_months = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December")
    assert [month for month in english_months if month in stroke] == []


def test_translation_review_line_on_every_spanish_page(spanish_pages: dict[str, str]) -> None:
    """Every Spanish page says who checked its translation (or that no one has yet), next to the sign-off."""
    reviewed = "Traducción revisada por Ana Ruiz, traductora médica certificada, el 3 de noviembre de 2026.\n{: .translation-review }"
    pending = ("Ningún traductor médico ha revisado esta traducción todavía. La escribió nuestro equipo editorial.\n"
               "{: .translation-review }")
    assert spanish_pages["causes/stroke.md"].count(reviewed) == 1
    assert [path for path, page in spanish_pages.items() if path != "causes/stroke.md" and page.count(pending) != 1] == []
    stroke = spanish_pages["causes/stroke.md"]
    assert stroke.index("{: .review-status") < stroke.index(reviewed) < stroke.index("Revisión editorial:")


def test_the_english_site_has_no_translation_line(real: Site) -> None:
    """The line is about translations: the site's own language never shows it."""
    english = render_pages(dataclasses.replace(real, languages=("en", "es")), jobs=1)
    assert [path for path, page in english.items() if "translation-review" in page] == []


def test_flow_answers_in_spanish(real: Site) -> None:
    """The symptom checker's script gets "Sí" and "No" for the warning-sign questions."""
    labels = {answer["label"] for question in flow_data(spanish(real))["questions"].values() for answer in question["answers"]}
    assert {"Sí", "No"} <= labels and "Yes" not in labels


def _front_matter(page: str) -> dict:
    return yaml.safe_load(page[4:].partition("\n---\n")[0])


def test_json_ld_names_the_language(real: Site, spanish_pages: dict[str, str]) -> None:
    """Each page's JSON-LD says which language it is in."""
    english = render_pages(real, jobs=1)
    assert json.loads(_front_matter(english["index.md"])["structured_data"])["inLanguage"] == "en"
    assert json.loads(_front_matter(spanish_pages["index.md"])["structured_data"])["inLanguage"] == "es"


def test_language_switch_and_alternates_on_both_sites(real: Site, spanish_pages: dict[str, str]) -> None:
    """Each page's front matter links it to itself in the other language (relative, as directory URLs), and
    its addresses in both languages and the English one as x-default are absolute (for the sitemaps)."""
    english = render_pages(dataclasses.replace(real, languages=("en", "es")), jobs=1)
    switches = {
        ("en", "causes/stroke.md"): {"href": "../../es/causes/stroke/", "lang": "es", "name": "Español"},
        ("es", "causes/stroke.md"): {"href": "../../../causes/stroke/", "lang": "en", "name": "English"},
        ("en", "index.md"): {"href": "es/", "lang": "es", "name": "Español"},
        ("es", "index.md"): {"href": "../", "lang": "en", "name": "English"},
        ("en", "causes/index.md"): {"href": "../es/causes/", "lang": "es", "name": "Español"},
    }
    for (language, path), switch in switches.items():
        page = (english if language == "en" else spanish_pages)[path]
        assert _front_matter(page)["language_switch"] == [switch], (language, path)
        assert page.split("\n---\n", 1)[1].startswith("\n# "), (language, path)  # nothing before the title
    for site in (real, spanish(real)):
        assert alternates(site, "causes/stroke.md") == [
            {"hreflang": "en", "href": "https://example.org/numb-feet/causes/stroke/"},
            {"hreflang": "es", "href": "https://example.org/numb-feet/es/causes/stroke/"},
            {"hreflang": "x-default", "href": "https://example.org/numb-feet/causes/stroke/"},
        ]
    assert [path for path, page in english.items() if "language_switch:" not in page] == []


def test_one_language_no_switch(real: Site) -> None:
    """A site in one language gets neither the switch nor alternates (its pages stay as they were)."""
    assert real.languages == ("en", "es")
    alone = dataclasses.replace(real, languages=("en",), translations={})
    assert [path for path, page in render_pages(alone, jobs=1).items() if "language_switch" in page] == []


def test_navigation_in_spanish(real: Site) -> None:
    """Menu labels, the warning signs' groups and the causes' groups are Spanish on the Spanish edition."""
    labels = [next(iter(item)) for item in navigation(spanish(real))]
    assert labels[0] == "Inicio" and "Señales de alarma" in labels and "Fuentes" in labels
    signs = next(item["Señales de alarma"] for item in navigation(spanish(real)) if "Señales de alarma" in item)
    assert [next(iter(group)) for group in signs[1:]][:2] == ["Llame al 911 ahora", "Comuníquese hoy con un proveedor"]


def test_spanish_handouts(real: Site) -> None:
    """A Spanish handout: Spanish words and dates, <html lang="es">, its QR code and address on the Spanish page."""
    site = spanish(real, {"causes/stroke.md": REVIEW})
    html = render_handouts(site, all_handouts(site))["causes/stroke.pdf"]
    for expected in ('<html lang="es">', "Hoja informativa para imprimir", "<strong>Llame al 911 ahora</strong>",
                     "<h2>Qué es</h2>", "Cómo suele aparecer:", "Revisión editorial: ", " de 2026, por ",
                     "Traducción revisada por Ana Ruiz", "https://example.org/numb-feet/es/causes/stroke/",
                     'content: "P\\e1 gina " counter(page) " de " counter(pages);'):
        assert expected in html, expected
    catalog = load_catalog(interface_words.catalog_path("es"))
    content = _content_text(real)
    leftovers = [text for text, spanish_text in catalog.items()
                 if text != spanish_text and "{" not in text and len(text.split()) >= 3 and text not in content and text in html]
    assert leftovers == []


def test_a_missing_text_stops_the_render_naming_it(real: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendering in a language whose catalog lacks a text fails, naming the text: never English in its place."""
    catalog = load_catalog(interface_words.catalog_path("es"))
    del catalog["How it causes numbness"]
    (tmp_path / "es.yaml").write_text(yaml.safe_dump(catalog, allow_unicode=True))
    monkeypatch.setattr(interface_words, "LOCALES", tmp_path)
    words_for.cache_clear()
    try:
        with pytest.raises(MissingWords, match=re.escape("no 'es' words for 'How it causes numbness'; add it there")):
            render_pages(spanish(real), jobs=1)
    finally:
        words_for.cache_clear()


def test_a_language_without_a_catalog_is_refused() -> None:
    """No catalog at all is an error that names the file to add."""
    with pytest.raises(MissingWords, match=r"no words for the language 'fr': add .*locales/fr\.yaml"):
        words_for("fr")
    assert words_for("en")("Call {number} now", number="999") == "Call 999 now"  # English needs none


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"Call {number} now": "Llame ahora"\n', "the translation must keep the same {placeholders}: 'Llame ahora'"),
        ('"Yes": "Sí"\n"Yes": "Sí"\n', "es.yaml:2: 'Yes' is translated twice; keep one"),
        ('"No": No\n', "'No': both sides must be quoted text (YAML reads a bare No as false)"),
    ],
)
def test_catalog_mistakes_are_refused(tmp_path: Path, text: str, message: str) -> None:
    """A translation that drops a value, a text translated twice, and an unquoted No are each refused."""
    (tmp_path / "es.yaml").write_text(text)
    with pytest.raises(MissingWords, match=re.escape(message)):
        load_catalog(tmp_path / "es.yaml")


def test_values_fill_in_once() -> None:
    """A value's own braces are not read as placeholders (a content text may hold any characters)."""
    words = Words("es", {"Question {number}: {ask}": "Pregunta {number}: {ask}"})
    assert words("Question {number}: {ask}", number=1, ask="{number}?") == "Pregunta 1: {number}?"


def test_scripts_have_spanish_words() -> None:
    """Each theme script that shows words has the same ones in Spanish as in English."""
    problems = []
    for path in sorted((ROOT / "theme/assets/javascripts").glob("*.js")):
        source = path.read_text()
        if "WORDS" not in source:
            continue
        tables = {language: set(re.findall(r"(?:^|[{,])\s*(\w+):", body))  # keys, not the words' own colons
                  for language, body in re.findall(r"\b(en|es): \{((?:[^{}]|\{\w+\})*)\}", source)}
        if set(tables) != {"en", "es"} or tables["en"] != tables["es"]:
            problems.append(f"{path.name}: {tables}")
    assert problems == []
    assert "Empezar de nuevo" in (ROOT / "theme/assets/javascripts/decision-flow.js").read_text()


def _built(site: Site, out: Path) -> Path:
    """The site's pages built by MkDocs (strict, theme in the site's language), without the generator's hook."""
    docs = out / "docs"
    for path, page in render_pages(site, jobs=1).items():
        for file, text in ((docs / path, page), (docs / handout_uri(path), "%PDF-1.4\n")):
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config.pop("hooks")
    config["theme"] |= {"language": site.config.language, "custom_dir": str(ROOT / "theme")}
    config |= {"docs_dir": str(docs), "site_dir": str(out / "site"), "site_url": site.config.site_url,
               "nav": navigation(site), "extra": {"emergency_number": site.config.emergency_number}}
    config["validation"]["omitted_files"] = "ignore"  # the handouts' stand-ins
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    build(load_config(str(out / "mkdocs.yml")))
    return out / "site"


def test_built_pages_carry_the_switch_and_the_theme_speaks_spanish(tmp_path: Path) -> None:
    """Built by MkDocs: the switch above the page (and no <link rel="alternate">, whose sitemap Material's
    script would fetch), and on the Spanish edition <html lang="es">, the page tools and the 404 page in Spanish."""
    site = prepare(FIXTURES / "minimal" / "content", FIXTURES / "minimal" / "site_config")
    english = _built(dataclasses.replace(site, languages=("en", "es")), tmp_path / "en")
    page = (english / "causes/toe-trouble/index.html").read_text()
    assert 'rel="alternate"' not in page
    assert '<a href="../../es/causes/toe-trouble/" hreflang="es" lang="es">Español</a>' in page
    assert ">Listen to this page</button>" in page
    built = _built(spanish(site), tmp_path / "es")
    page = (built / "causes/toe-trouble/index.html").read_text()
    assert '<html lang="es"' in page and ">Escuchar esta página</button>" in page and ">Imprimir esta página</button>" in page
    assert '<a href="../../../causes/toe-trouble/" hreflang="en" lang="en">English</a>' in page
    assert "Página no encontrada" in (built / "404.html").read_text()


def test_the_build_names_a_language_without_words(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A site in a language the generator has no catalog for stops with one line naming the file to add."""
    config = tree / "site_config/site.yaml"
    config.write_text(config.read_text().replace("language: en\n", "language: fr\n"))
    assert build_tree(tree, tmp_path) == 1
    assert capsys.readouterr().err == (
        "error: the generator has no words for the language 'fr': add generator/render/locales/fr.yaml (each English "
        "text of the templates as a key, its translation as the value)\n"
    )
    assert not (tmp_path / "docs").exists()
