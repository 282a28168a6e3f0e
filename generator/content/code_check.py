"""ICD-10-CM codes across the causes: a code leads to one page unless each cause sharing it says why."""

from __future__ import annotations

from collections import defaultdict

from generator.content.errors import ContentError
from generator.content.link import Site
from generator.content.load import Document
from generator.content.schema import ICD10CM_SOURCE


def check_codes(site: Site) -> list[ContentError]:
    """A code listed twice on one cause, a code on two causes without shared_because, or codes without their source."""
    errors: list[ContentError] = []
    holders: dict[str, list[tuple[str, Document, int]]] = defaultdict(list)
    for cause_id, cause in sorted(site.causes.items()):
        first: dict[str, int] = {}
        for i, entry in enumerate(cause.model.icd10cm):
            if entry.code in first:
                line = cause.doc.where(("icd10cm", first[entry.code], "code"))[0]
                message = f"{entry.code} is listed twice (first at line {line}); remove one"
                errors.append(cause.doc.error(("icd10cm", i, "code"), message))
                continue
            first[entry.code] = i
            holders[entry.code].append((cause_id, cause.doc, i))
    for code, places in sorted(holders.items()):
        if len(places) < 2:
            continue
        for cause_id, doc, i in places:
            if site.causes[cause_id].model.icd10cm[i].shared_because is not None:
                continue
            others = ", ".join(
                f"{other.display}:{other.where(('icd10cm', j, 'code'))[0]}"
                for other_id, other, j in places
                if other_id != cause_id
            )
            errors.append(
                doc.error(
                    ("icd10cm", i, "code"),
                    f"{code} is also given to {others}; a code leads to one page, so remove it from one of them, "
                    "or, if both pages fit it, write shared_because on each to say why",
                )
            )
    if holders and ICD10CM_SOURCE not in site.sources:
        cause_id, doc, i = min(place for places in holders.values() for place in places)
        errors.append(
            doc.error(
                ("icd10cm", i, "code"),
                f"codes need the source '{ICD10CM_SOURCE}' (the CDC/NCHS tabular list they are checked against) "
                "in content/citations.yaml; add it",
            )
        )
    return errors
