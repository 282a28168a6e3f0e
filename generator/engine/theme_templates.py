"""The theme's compiled templates, kept for the life of the process in this imported module: MkDocs runs the
hook file afresh with each configuration it loads, and serve loads one on every edit."""

from __future__ import annotations

from jinja2 import Environment

from generator.render.compiled_templates import CompiledTemplates

_COMPILED = CompiledTemplates()


def reuse_compiled_templates(env: Environment) -> Environment:
    """Give the environment MkDocs made for this build the templates compiled by earlier builds."""
    env.bytecode_cache = _COMPILED
    return env
