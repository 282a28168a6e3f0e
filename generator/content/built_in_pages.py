"""The pages a site has beside one page per entity, listed once: address, title, template and menu label."""

from __future__ import annotations

from dataclasses import dataclass

HOME_PAGE = "index.md"
FLOW_PAGE = "check-your-symptoms.md"
WARNING_SIGNS_PAGE = "warning-signs/index.md"
CAUSES_PAGE = "causes/index.md"
TESTS_PAGE = "tests/index.md"
TREATMENTS_PAGE = "treatments/index.md"
FOOT_CARE_PAGE = "foot-care/index.md"
GLOSSARY_PAGE = "glossary.md"  # only when content/glossary.yaml exists
SOURCES_PAGE = "sources.md"
ABOUT_PAGE = "about.md"
ACCESSIBILITY_PAGE = "accessibility.md"
SAFETY_PAGE = "safety.md"  # only when content/safety/hazards.yaml exists


@dataclass(frozen=True)
class BuiltInPage:
    """A page the generator makes. A title of None is the title of the content file it is written from."""

    path: str
    title: str | None
    template: str
    menu_label: str | None = None  # the navigation's label where it differs from the title
    # The content it prints beyond what every page reads (render/page_cache.shared_inputs), as names of the
    # Site's tables; None when that is every file's (it is rendered again after any edit while serving).
    reads: tuple[str, ...] | None = ()


BUILT_IN_PAGES: tuple[BuiltInPage, ...] = (
    BuiltInPage(HOME_PAGE, None, "topic.md.j2", "Home", reads=("topic",)),
    BuiltInPage(FLOW_PAGE, None, "flow.md.j2"),
    BuiltInPage(CAUSES_PAGE, "Causes", "causes_index.md.j2", reads=("causes",)),
    BuiltInPage(WARNING_SIGNS_PAGE, "Warning signs", "warning_signs_index.md.j2"),
    BuiltInPage(TESTS_PAGE, "Tests", "tests_index.md.j2", reads=("tests",)),
    BuiltInPage(TREATMENTS_PAGE, "Treatment and home care", "treatments_index.md.j2", reads=("treatments",)),
    BuiltInPage(FOOT_CARE_PAGE, "Foot care", "foot_care_index.md.j2", reads=("treatments",)),
    BuiltInPage(GLOSSARY_PAGE, "Glossary", "glossary.md.j2"),
    BuiltInPage(SOURCES_PAGE, "Sources", "sources.md.j2"),
    # It counts the pages whose approval still matches them, which any edit can change.
    BuiltInPage(ABOUT_PAGE, "About this guide", "about.md.j2", "About", reads=None),
    BuiltInPage(ACCESSIBILITY_PAGE, "Accessibility statement", "accessibility.md.j2", "Accessibility"),
    BuiltInPage(SAFETY_PAGE, None, "safety.md.j2", "How we keep it safe"),
)
BUILT_IN_BY_PATH = {page.path: page for page in BUILT_IN_PAGES}


def menu_label(path: str) -> str:
    """The navigation's label of a built-in page with a fixed title."""
    page = BUILT_IN_BY_PATH[path]
    label = page.menu_label or page.title
    assert label is not None, f"{path} takes its title from the content"
    return label
