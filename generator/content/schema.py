"""The content schema: the one definition of every content kind."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from generator.content.field_types import (
    FILLS_EMERGENCY_NUMBER,
    MOVED_EXAMPLE,
    READER_PROSE,
    CauseGroup,
    CitedText,
    ContentFingerprint,
    Doi,
    HttpsUrl,
    Icd10CmCode,
    Id,
    PageAddress,
    ReviewDate,
    Text,
    Title,
    TreatmentKind,
    Urgency,
)


def field_order(model: type[BaseModel]) -> list[str]:
    """A model's fields as editors meet them in its files: its own first, then those every page
    shares (moved_from, then the review fields, which close each file in content/)."""
    order: list[str] = []
    for cls in model.__mro__:
        for name in inspect.get_annotations(cls):
            if name in model.model_fields and name not in order:
                order.append(name)
    return order


# Fields no reader sees: who checked a page and when, where it used to live, and the codes other
# systems find it by. Changing them changes nothing a reader is told, so they are left out of the fingerprint.
NOT_READER_FACING = frozenset({"changes", "reviewed", "reviewed_by", "moved_from", "icd10cm"})


class Strict(BaseModel):
    """Unknown fields are errors, so a typo never silently drops text."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(Strict):
    """One entry of a page's history: the day its reader-facing text changed, and how."""

    date: ReviewDate = Field(description="The day of the change, like 2026-12-03.")
    what: Annotated[Text, StringConstraints(max_length=160), READER_PROSE] = Field(
        description="One line in plain words on what changed; readers see it under 'Page history'."
    )
    fingerprint: ContentFingerprint = Field(
        description="The page's fingerprint after the change: `python3 -m generator changed` writes it, and "
        "`check` prints it when the page needs a new entry."
    )


class Reviewed(Strict):
    """Fields every content page carries."""

    changes: list[Change] = Field(
        default=[],
        description="The page's history, newest first: an entry each time its reader-facing text changes. "
        "`check` asks for a new one when the text differs from the newest entry's fingerprint.",
    )
    reviewed: ReviewDate = Field(
        description="Date of the last editorial review of this page (not a clinician's approval), like 2026-11-20."
    )
    reviewed_by: Text = Field(description="Who did that editorial review: a name or team, and their role.")
    sources: list[Id] = Field(
        min_length=1,
        description="Ids from content/citations.yaml that support the lists on this page.",
    )


class Page(Reviewed):
    """Fields of every page made from one file: the causes, warning signs, tests and treatments."""

    moved_from: list[PageAddress] = Field(
        default=[],
        description="Addresses this page had before its file was renamed or its kind changed, like "
        f"{MOVED_EXAMPLE}: old links, bookmarks and printed handouts then lead here.",
    )


class Topic(Reviewed):
    """The symptom itself: the home page."""

    title: Title = Field(description="Page title.")
    summary: CitedText = Field(description="Two or three plain sentences: what this guide is about.")
    what_it_feels_like: CitedText = Field(description="How numbness in the feet can feel.")
    sensations: list[Text] = Field(min_length=1, description="Feelings that can come with it, one each.")
    not_just_asleep: CitedText = Field(description="How it differs from a foot that has 'fallen asleep'.")
    long_term: CitedText = Field(description="What long-standing numbness can do (weakness, muscle loss).")
    complications: list[CitedText] = Field(min_length=1, description="Harms it can lead to, one each.")
    outlook: CitedText = Field(description="A closing, hopeful note on care and treatment.")


Onset = Literal["sudden", "gradual", "varies"]
Sides = Literal["one", "both", "varies"]
# What each choice tells a reader, on the cause's page and its handout alike.
ONSET_WORDS: dict[str, str] = {
    "sudden": "It usually starts suddenly.",
    "gradual": "It usually starts slowly, over weeks, months or years.",
    "varies": "It can start suddenly or slowly.",
}
SIDES_WORDS: dict[str, str] = {
    "one": "It usually affects one side of the body.",
    "both": "It usually affects both feet.",
    "varies": "It can affect one foot or both.",
}


# The source every ICD-10-CM code is checked against (content/citations.yaml): the CDC/NCHS tabular list.
ICD10CM_SOURCE = "cdc-icd-10-cm"
ICD10CM_URL = "https://www.cdc.gov/nchs/icd/icd-10-cm/files.html"


class DiagnosisCode(Strict):
    """One ICD-10-CM code of a cause, as the tabular list writes it."""

    code: Icd10CmCode = Field(description="The code in capitals with its dot, like E11.42 (or a category, like G35).")
    title: Title = Field(description="Its title exactly as the tabular list writes it, for reviewers to compare.")
    shared_because: Text | None = Field(
        default=None,
        description="Why another cause has this code too; needed on each cause that shares a code.",
    )


class Cause(Page):
    """One condition that can make feet numb."""

    name: Title = Field(description="The name most readers know.")
    also_called: list[Text] = Field(
        default=[], description="Other names people search for; the site's search weighs them like the name."
    )
    group: CauseGroup = Field(description="Which family of causes it belongs to.")
    summary: CitedText = Field(description="One or two sentences: what it is.")
    how_it_causes_numbness: CitedText = Field(description="Why it makes feet numb, in plain words.")
    onset: Onset = Field(description="How fast it usually starts.")
    sides: Sides = Field(description="One foot, both feet, or either.")
    other_symptoms: list[Text] = Field(default=[], description="Other signs that often come with it.")
    tests: list[Id] = Field(default=[], description="Ids of tests (content/tests/) that help find it.")
    treatments: list[Id] = Field(default=[], description="Ids of treatments that can help.")
    red_flags: list[Id] = Field(default=[], description="Ids of warning signs that matter for it.")
    icd10cm: list[DiagnosisCode] = Field(
        default=[],
        description="Its ICD-10-CM codes, never shown to readers: health records and other sites find this page "
        f"by them (api/codes.json). Look each up in the CDC/NCHS tabular list ({ICD10CM_URL}, source "
        f"{ICD10CM_SOURCE}); leave out a code you cannot confirm there.",
    )

    def typical_pattern(self, words: Callable[[str], str] = str) -> str:
        """How it usually starts and where, in a reader's words (`words`: into the page's language)."""
        return f"{words(ONSET_WORDS[self.onset])} {words(SIDES_WORDS[self.sides])}"


class RedFlag(Page):
    """A warning sign that needs a provider or an emergency call."""

    sign: Title = Field(description="The sign in a reader's own words.")
    urgency: Urgency = Field(
        description="emergency: call the emergency number now; urgent: contact a provider today; soon: book a visit."
    )
    why: CitedText = Field(description="Why this sign matters, in one or two sentences.")


class Medicine(Strict):
    """A medicine by its generic name, with a brand name readers may know."""

    name: Text = Field(description="Generic name, lower case, spelled exactly (e.g. pregabalin).")
    brand: Text | None = Field(default=None, description="A US brand name, if any (e.g. Lyrica).")


class Treatment(Page):
    """A medical treatment, a home remedy, a foot-care habit or an alternative approach."""

    name: Title = Field(description="Short name of the treatment or habit.")
    kind: TreatmentKind = Field(description="Where it is listed on the site.")
    summary: CitedText = Field(description="What it is and how it helps.")
    details: list[CitedText] = Field(default=[], description="Extra points: how to do it, who it is for.")
    medicines: list[Medicine] = Field(default=[], description="Medicines this treatment uses, if any.")
    cautions: list[CitedText] = Field(default=[], description="Safety points and when to ask a provider first.")
    evidence: CitedText | None = Field(default=None, description="How strong the research is, said honestly.")


class DiagnosticTest(Page):
    """A test a provider can use to find the cause."""

    name: Title = Field(description="Name of the test.")
    also_called: list[Text] = Field(
        default=[], description="Other names or short forms; the site's search weighs them like the name."
    )
    what_happens: CitedText = Field(description="What the reader will go through.")
    what_it_can_show: CitedText = Field(description="What it can find.")


class Source(Strict):
    """One entry of the citations registry."""

    # The rule in _kind_fields below, told to editors' IDEs too.
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "allOf": [
                {"if": {"properties": {"kind": {"const": "journal"}}}, "then": {"required": ["journal"]}},
                {"if": {"properties": {"kind": {"const": "web"}}}, "then": {"required": ["publisher"]}},
            ]
        },
    )

    id: Id = Field(description="Short kebab-case id that content cites, like cdc-diabetes-feet.")
    kind: Literal["web", "journal"] = Field(description="web: a web page; journal: a journal article.")
    authors: list[Text] = Field(default=[], description="Authors as 'Surname Initials', in order.")
    et_al: bool = Field(default=False, description="true when the author list is cut short with 'et al.'")
    title: Text = Field(description="Title of the page or article.")
    publisher: Text | None = Field(default=None, description="Organization that published a web page.")
    journal: Text | None = Field(default=None, description="Journal name (journal articles).")
    year: int | None = Field(default=None, ge=1900, le=2100, description="Year of publication.")
    volume: Text | None = Field(default=None, description="Journal volume.")
    issue: Text | None = Field(default=None, description="Journal issue.")
    pages: Text | None = Field(default=None, description="Pages or article number.")
    doi: Doi | None = Field(default=None, description="Bare DOI, like 10.1111/jnu.12300.")
    url: HttpsUrl | None = Field(default=None, description="https address of the page.")

    @model_validator(mode="after")
    def _kind_fields(self) -> Source:
        if self.kind == "journal" and not self.journal:
            raise ValueError("a journal article needs 'journal'")
        if self.kind == "web" and not self.publisher:
            raise ValueError("a web page needs 'publisher'")
        return self

    @property
    def link(self) -> str | None:
        """Where a reader can find it: the DOI resolver when there is a DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else self.url


class Citations(Strict):
    """content/citations.yaml: the registry of every source."""

    sources: list[Source] = Field(min_length=1, description="Every source the content cites.")


FlowUrgency = Literal["emergency", "urgent", "soon", "self-care"]


class FlowAnswer(Strict):
    """One answer button of a choice question."""

    label: Title = Field(description="The button's words, short (quote Yes and No).")
    next: Id = Field(description="Id of the question or outcome this answer leads to.")


class FlowQuestion(Strict):
    """A question in the decision flow: either about warning signs (yes/no) or a choice."""

    ask: Annotated[Title, FILLS_EMERGENCY_NUMBER] = Field(description="The question, in a reader's words, asking one thing.")
    help: Annotated[Text, FILLS_EMERGENCY_NUMBER] | None = Field(
        default=None, description="A short hint shown under the question."
    )
    red_flags: list[Id] = Field(default=[], description="Ids of the warning signs this question asks about (a yes/no question).")
    if_yes: Id | None = Field(default=None, description="Where 'Yes' leads, for a warning-sign question.")
    if_no: Id | None = Field(default=None, description="Where 'No' leads, for a warning-sign question.")
    answers: list[FlowAnswer] = Field(default=[], description="The answers of a choice question (two or more).")

    @model_validator(mode="after")
    def _one_shape(self) -> FlowQuestion:
        if self.red_flags or self.if_yes or self.if_no:
            missing = [name for name in ("red_flags", "if_yes", "if_no") if not getattr(self, name)]
            if missing or self.answers:
                what = f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing" if missing else (
                    "it also has answers"
                )
                raise ValueError(
                    f"a warning-sign question needs red_flags, if_yes and if_no (and no answers), and {what}; "
                    "a choice question needs answers only"
                )
        elif len(self.answers) < 2:
            raise ValueError("a choice question needs at least two answers (or use red_flags with if_yes and if_no)")
        return self

    def targets(self) -> list[tuple[str, str]]:
        """(answer label, target id) for every way out of this question."""
        if self.red_flags:
            return [("Yes", str(self.if_yes)), ("No", str(self.if_no))]
        return [(answer.label, answer.next) for answer in self.answers]


class FlowOutcome(Strict):
    """Where the flow ends: what to do now."""

    urgency: FlowUrgency = Field(
        description="emergency: call now; urgent: contact a provider today; soon: book a visit; self-care: home care."
    )
    title: Annotated[Title, FILLS_EMERGENCY_NUMBER] = Field(description="The action, short (e.g. 'Contact your provider today').")
    text: CitedText = Field(description="What to do and why, in two or three sentences.")
    steps: list[CitedText] = Field(
        default=[],
        description="What to do now, one short step each; the emergency outcome's steps are also on every emergency card.",
    )
    come_back_if: CitedText | None = Field(default=None, description="When to seek care after all (self-care, soon).")
    causes: list[Id] = Field(default=[], description="Ids of cause pages to suggest.")
    tests: list[Id] = Field(default=[], description="Ids of test pages to suggest.")
    treatments: list[Id] = Field(default=[], description="Ids of treatment pages to suggest.")


class DecisionFlow(Reviewed):
    """content/decision_flow.yaml: the 'Check your symptoms' questions and outcomes."""

    title: Title = Field(description="Page title.")
    intro: Annotated[Text, READER_PROSE] = Field(description="What the checker is and is not, shown above the first question.")
    start: Id = Field(description="Id of the first question.")
    questions: dict[Id, FlowQuestion] = Field(min_length=1, description="Questions by id.")
    outcomes: dict[Id, FlowOutcome] = Field(min_length=1, description="Outcomes by id.")


# Every kind of entity that lives one file per entity in a folder of content/.
ENTITY_FOLDERS: dict[str, type[Reviewed]] = {
    "causes": Cause,
    "red_flags": RedFlag,
    "treatments": Treatment,
    "tests": DiagnosticTest,
}
