"""The site engines: the built Markdown to HTML with MkDocs (or Zensical), serving and fast rebuilds."""


class EngineError(Exception):
    """The site engine stopped; the message says why. The old site is left as it was."""
