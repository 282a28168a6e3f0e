"""Limits on what content may hold: one place, so the loader, the schema and the editors' guide agree."""

from __future__ import annotations

MAX_FILE_BYTES = 4 * 1024 * 1024  # one YAML file; citations.yaml of a library of thousands of topics takes MiBs
MAX_DEPTH = 20  # lists and fields inside each other in one file
MAX_PAGES = 20000  # files in causes/, red_flags/, tests/ and treatments/ together (about 6,000 causes)
MAX_TEXT = 2000  # characters in one text (a paragraph)
MAX_TITLE = 120  # characters in a title: a page title, a navigation label, a site name
MAX_ID = 80  # characters in an id (a file name and a web address)
