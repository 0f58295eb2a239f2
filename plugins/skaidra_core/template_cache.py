"""Compiled templates, kept for the life of the process.

Pelican gives each of its generators a Jinja environment of its own, and
every build (in the devserver, in the test suite) starts new ones: without a
shared cache each environment compiled `base.html` and every include again,
which was most of a small build's time. Jinja compares a template's source
checksum before it reuses the compiled code, so an edited template is
compiled anew; environments whose options change the compiled code get
separate caches.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in memory, by template name and file."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_caches: dict[tuple, MemoryBytecodeCache] = {}


def compiled_by(env: Environment) -> tuple:
    """The options of an environment that the compiled code depends on."""
    return (
        type(env), env.autoescape, env.finalize, env.is_async, env.optimized, tuple(sorted(env.extensions)),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
    )  # fmt: skip


def share_compiled_templates(env: Environment) -> None:
    """Let `env` reuse what any environment like it compiled in this process."""
    env.bytecode_cache = _caches.setdefault(compiled_by(env), MemoryBytecodeCache())
