"""Compiled templates, kept for the life of the process.

Pelican gives each of its generators a Jinja environment of its own, and
every build (in the devserver, in the test suite) starts new ones: without a
shared cache each environment compiled `base.html` and every include again,
which was most of a small build's time. Jinja compares a template's source
checksum before it reuses the compiled code, so an edited template is
compiled anew; environments whose options change the compiled code get
separate caches. With a content cache, what was compiled is kept in its folder
too, for the builds of other processes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in memory, by template name and file; and in `kept` (a folder's), if given."""

    def __init__(self, kept: BytecodeCache | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._kept = kept

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
        elif self._kept is not None:
            self._kept.load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()
        if self._kept is not None:
            self._kept.dump_bytecode(bucket)


_caches: dict[tuple, MemoryBytecodeCache] = {}


def compiled_by(env: Environment) -> tuple:
    """The options of an environment that the compiled code depends on."""
    return (
        type(env), env.autoescape, env.finalize, env.is_async, env.optimized, tuple(sorted(env.extensions)),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
    )  # fmt: skip


def _named(option: object) -> object:
    """An option as its text will be in another process: a function by its name."""
    return getattr(option, "__qualname__", option) if callable(option) else option


def share_compiled_templates(env: Environment, folder: Path | None = None) -> None:
    """Let `env` reuse what any environment like it compiled in this process, or (with `folder`) in an
    earlier build's."""
    options = compiled_by(env)
    cache = _caches.get((options, folder))
    if cache is None:
        kept = None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            named = repr(tuple(_named(option) for option in options)).encode("utf-8")
            kept = FileSystemBytecodeCache(
                str(folder), f"{hashlib.blake2b(named, digest_size=8).hexdigest()}-%s.cache"
            )
        cache = _caches[(options, folder)] = MemoryBytecodeCache(kept)
    env.bytecode_cache = cache
