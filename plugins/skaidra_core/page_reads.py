"""What a page read while it was rendered: the facts its key is checked against in the next build.

A fact is a name (`template:base.html`, `item:project:lkbs-2023#funding`, `name:articles`...);
page_memo.Facts says what each is worth in a build. While a page renders, `reading()` collects
the facts it touches: the templates Jinja loads for it (its `extends`, `include` and `import`
chain), the fields of the items it reads through views (views.py), the lists it walks, the
names of the shared context it resolves, the pictures it shows. What a page is handed by its
generator is not read here: its key holds those values themselves (page_memo.fingerprint).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from jinja2.runtime import Context

_collecting: list[set[str] | None] = [None]


def read(fact: str) -> None:
    """Note that the page being rendered (if any) read `fact`."""
    found = _collecting[-1]
    if found is not None:
        found.add(fact)


def read_all(facts) -> None:
    found = _collecting[-1]
    if found is not None:
        found.update(facts)


@contextmanager
def reading() -> Iterator[set[str]]:
    """Collect the facts read inside; they count for any reading around this one too."""
    found: set[str] = set()
    _collecting.append(found)
    try:
        yield found
    finally:
        _collecting.pop()
        read_all(found)


class ReadingContext(Context):
    """Jinja's template context, noting each name a template resolves from it."""

    def resolve_or_missing(self, key: str):
        found = _collecting[-1]
        if found is not None:
            found.add(f"name:{key}")
        return super().resolve_or_missing(key)


def watch_templates(env) -> None:
    """Make `env` note every template it loads while a page renders, and every name a page resolves."""
    env.context_class = ReadingContext
    load = env.get_template

    def get_template(name, parent=None, globals=None):
        template = load(name, parent, globals)
        read(f"template:{template.name}")
        return template

    env.get_template = get_template
