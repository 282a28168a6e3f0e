"""The content: its schema, reading the YAML, validating, linking and checking it."""
