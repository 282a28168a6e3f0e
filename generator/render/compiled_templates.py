"""Compiled Jinja templates kept for the life of the process, so each generation or rebuild does not compile them again."""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache in memory. A bucket's key names the template file; its checksum is of the
    source, so a template edited while serving is compiled again. Give each kind of environment its own:
    the compiled code depends on the environment's settings (trim_blocks, for one)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (compiled := self._compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._compiled.clear()
