"""The clinical-safety files' schema: the hazard log (what could harm a reader, and its controls) and the
clinicians' approvals of pages."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, model_validator

from generator.content.field_types import ContentFingerprint, Id, ReviewDate, Text, Title
from generator.content.schema import Change, Strict

Severity = Literal["minor", "significant", "considerable", "major", "catastrophic"]
Likelihood = Literal["very low", "low", "medium", "high", "very high"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)  # least to worst: the matrix's columns
# The clinical risk matrix of the NHS standards DCB0129/DCB0160 (likelihood rows, severity columns):
# 1 acceptable, 2 acceptable where it cannot be reduced further, 3 undesirable, 4 mandatory
# elimination, 5 unacceptable.
RISK_MATRIX: dict[Likelihood, tuple[int, int, int, int, int]] = {
    "very high": (3, 4, 4, 5, 5),
    "high": (2, 3, 3, 4, 5),
    "medium": (2, 2, 3, 3, 4),
    "low": (1, 2, 2, 3, 4),
    "very low": (1, 1, 2, 2, 3),
}
RISK_WORDS = {
    1: "acceptable",
    2: "acceptable where it cannot be reduced further",
    3: "undesirable: accepted only with a justification",
    4: "must be reduced",
    5: "unacceptable",
}
ACCEPTABLE_WITHOUT_JUSTIFICATION = 2  # a residual risk above this needs `justification`
ControlKind = Literal["red-flag", "flow-question", "flow-outcome", "cause", "treatment", "test", "topic"]


class Risk(Strict):
    """A risk on the 5x5 matrix."""

    severity: Severity = Field(description="How bad the harm would be: minor, significant, considerable, major or catastrophic.")
    likelihood: Likelihood = Field(description="How likely the harm is: very low, low, medium, high or very high.")

    @property
    def rating(self) -> int:
        """1 (acceptable) to 5 (unacceptable), from the matrix."""
        return RISK_MATRIX[self.likelihood][SEVERITIES.index(self.severity)]


class Control(Strict):
    """Something in the guide that makes a hazard less likely or less harmful."""

    kind: ControlKind = Field(
        description="What the control is: red-flag, flow-question, flow-outcome, cause, treatment, test or topic."
    )
    id: Id = Field(
        description="Its id: a red flag's, cause's, treatment's or test's file name, or a question's or outcome's id in the flow."
    )
    how: Text = Field(description="How it reduces the hazard, in one sentence.")


class Hazard(Strict):
    """One way the guide could lead to harm, its risk before and after controls, and the controls."""

    id: Id = Field(description="A short id for the hazard, like missed-stroke.")
    hazard: Title = Field(description="What could go wrong, in one line.")
    cause: Text = Field(description="How it could come about.")
    effect: Text = Field(description="What would happen to the reader.")
    before: Risk = Field(description="The risk with no controls.")
    after: Risk = Field(description="The risk with the controls in place (the residual risk).")
    controls: list[Control] = Field(
        default=[], description="What in the guide reduces it; a hazard without controls is an error."
    )
    missed_sign: Id | None = Field(
        default=None,
        description="For a hazard of a missed emergency sign: the red flag's id. The build proves the flow asks it and "
        "that 'Yes' ends at the emergency outcome.",
    )
    justification: Text | None = Field(
        default=None, description="Why a residual risk above 'acceptable where it cannot be reduced further' is accepted."
    )

    @model_validator(mode="after")
    def _reduced(self) -> Hazard:
        if self.after.rating > self.before.rating:
            raise ValueError("the risk after controls is higher than before; check before and after")
        return self


class HazardLog(Strict):
    """content/safety/hazards.yaml: the clinical hazard log (DCB0129) the build holds the content to."""

    title: Title = Field(description="The title of the page that sets the hazards out.")
    intro: Text = Field(description="A plain paragraph for readers: what this page is and why it exists.")
    hazards: list[Hazard] = Field(min_length=1, description="The hazards, one each.")
    changes: list[Change] = Field(
        default=[], description="The log's history, newest first; `check` asks for an entry when its text changes."
    )
    reviewed: ReviewDate = Field(description="Date the log was last reviewed by the editors, like 2026-12-03.")
    reviewed_by: Text = Field(description="Name and role of who reviewed it.")


# The kinds of page an approval can name, as `python3 -m generator approve` takes them.
ApprovedKind = Literal["topic", "decision-flow", "hazards", "glossary", "cause", "red-flag", "treatment", "test"]


class Approval(Strict):
    """A clinician's sign-off of one page, tied to the content they read by its fingerprint."""

    kind: ApprovedKind = Field(
        description="The kind of page: topic, decision-flow, hazards, glossary, cause, red-flag, treatment or test."
    )
    id: Id | None = Field(
        default=None, description="The page's id (its file name); none for topic, decision-flow, hazards and glossary."
    )
    by: Text = Field(description="The clinician's name.")
    role: Text = Field(description="Their role and registration, like 'GP, GMC 1234567'.")
    date: ReviewDate = Field(description="The day they approved it.")
    fingerprint: ContentFingerprint = Field(description="The page's fingerprint when they approved it.")


class Approvals(Strict):
    """content/safety/approvals.yaml: clinicians' approvals, written by `python3 -m generator approve`."""

    approvals: list[Approval] = Field(default=[], description="One approval per page, the newest for each.")
