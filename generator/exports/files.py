"""Every export as a file of the generated docs folder, written with the pages (so both engines publish them)."""

from __future__ import annotations

import json
from typing import Any

from generator.content.link import Site
from generator.exports import codes, feeds, fhir
from generator.exports.content_api import api_documents


def _json(data: Any) -> str:
    """Byte-identical for the same data: keys sorted, no time of writing."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_files(site: Site) -> dict[str, str]:
    """docs-relative path -> text of every export."""
    files = {path: _json(data) for path, data in api_documents(site).items()}
    files[codes.PATH] = _json(codes.code_lookup(site))
    files[fhir.PATH] = _json(fhir.questionnaire(site))
    files[feeds.JSON_PATH] = feeds.json_feed(site)
    files[feeds.ATOM_PATH] = feeds.atom_feed(site)
    return dict(sorted(files.items()))
