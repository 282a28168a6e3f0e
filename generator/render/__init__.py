"""Rendering: linked content -> the Markdown pages, navigation and page data in docs/, written atomically."""
