"""Editors' tools: new content files, the exported JSON Schema, reading level and the review report."""
