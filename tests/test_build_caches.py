"""What makes a build over a content cache quick, checked on its own: templates compiled by an earlier
process are taken while their source is the same, and a tag's articles tell membership as a list does."""

from __future__ import annotations

import datetime

import pytest
from jinja2 import DictLoader, Environment
from pelican.contents import Article as PelicanArticle
from pelican.contents import Page as PelicanPage
from pelican.settings import DEFAULT_CONFIG
from skaidra_core import template_cache
from skaidra_core.fixed_addresses import fix_addresses, fix_when_made
from skaidra_core.tag_lists import TagArticles, tag_lists


def environment(source: str) -> Environment:
    return Environment(loader=DictLoader({"puslapis.html": source}), autoescape=True)


def test_templates_compiled_in_an_earlier_process_are_taken_while_their_source_is_the_same(
    tmp_path, monkeypatch
):
    folder = tmp_path / "templates"
    first = environment("<p>{{ tekstas }}</p>")
    template_cache.share_compiled_templates(first, folder)
    assert first.get_template("puslapis.html").render(tekstas="Labas") == "<p>Labas</p>"
    assert list(folder.iterdir())  # kept for other processes

    monkeypatch.setattr(template_cache, "_caches", {})  # as a new process starts
    second = environment("<p>{{ tekstas }}</p>")
    template_cache.share_compiled_templates(second, folder)
    compiled = []
    original = Environment.compile

    def counting(self, *args, **kwargs):
        compiled.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)
    assert second.get_template("puslapis.html").render(tekstas="<b>") == "<p>&lt;b&gt;</p>"
    assert compiled == []  # taken from the folder

    monkeypatch.setattr(template_cache, "_caches", {})
    third = environment("<p>{{ tekstas }}!</p>")  # edited
    template_cache.share_compiled_templates(third, folder)
    assert third.get_template("puslapis.html").render(tekstas="Labas") == "<p>Labas!</p>"
    assert len(compiled) == 1

    monkeypatch.setattr(template_cache, "_caches", {})
    plain = Environment(loader=DictLoader({"puslapis.html": "<p>{{ tekstas }}!</p>"}))
    template_cache.share_compiled_templates(plain, folder)  # other options: compiled apart
    assert plain.get_template("puslapis.html").render(tekstas="<b>") == "<p><b>!</p>"
    assert len(compiled) == 2


class Article:  # as Pelican's: no equality of its own
    def __init__(self, title: str):
        self.title = title


@pytest.mark.parametrize("count", [0, 1, 5])
def test_a_tags_articles_hold_what_the_list_holds(count):
    articles = [Article(f"įrašas {i}") for i in range(count)]
    others = [Article("kitas"), None, "įrašas 0"]
    tagged = TagArticles(articles)
    assert list(tagged) == articles
    for item in [*articles, *others]:
        assert (item in tagged) == (item in articles)
    late = Article("vėliau")
    tagged.append(late)  # a list changed after it was asked is asked anew
    assert late in tagged


def test_the_articles_of_each_tag_author_and_category_are_handed_to_pelican_as_tag_articles():
    from types import SimpleNamespace

    first, second, third = (Article(f"įrašas {i}") for i in range(3))
    tags = {"vaikai": [first, third], "senjorai": [second]}
    authors = [("Skaidra", [third, second, first])]
    categories = [("naujienos", [second])]
    generator = SimpleNamespace(
        tags=tags, authors=authors, categories=categories,
        context={"tags": list(tags.items()), "authors": authors, "categories": categories},
    )  # fmt: skip
    tag_lists(generator)
    for name, pairs in [("tags", generator.tags.items()), ("authors", generator.authors),
                        ("categories", generator.categories)]:  # fmt: skip
        assert all(type(articles) is TagArticles for _, articles in pairs), name
        assert [(key, list(articles)) for key, articles in generator.context[name]] == [
            (key, list(articles)) for key, articles in pairs
        ]
    assert [list(a) for _, a in generator.authors] == [[third, second, first]]  # in their order
    assert second in generator.authors[0][1] and second not in generator.tags["vaikai"]


def facts(tmp_path):
    from types import SimpleNamespace

    from skaidra_core.page_memo import Facts

    site = SimpleNamespace(posts={}, pages={}, events=[], episodes=[])
    return Facts({"PATH": str(tmp_path)}, site, str, lambda: ())


def test_a_long_list_handed_to_many_pages_is_told_by_what_it_holds(tmp_path):
    from skaidra_core.page_memo import LONG, fingerprint

    words = [f"žodis {i}" for i in range(LONG * 2)]
    build = facts(tmp_path)
    first = fingerprint({"articles": words}, build)
    assert fingerprint({"articles": list(words)}, build) == first  # another list, the same words
    assert fingerprint({"articles": words}, facts(tmp_path)) == first  # in the next build too
    changed = [*words[:-1], "kitas žodis"]
    assert fingerprint({"articles": changed}, build) != first
    words.append("dar vienas")  # a list that grew since it was first told
    assert fingerprint({"articles": words}, build) != first
    assert fingerprint({"articles": words}, build) == fingerprint(
        {"articles": words}, facts(tmp_path)
    )
    assert fingerprint({"articles": [*words, lambda: None]}, build) is None  # cannot be told


def test_values_that_would_join_alike_are_told_apart(tmp_path):
    """A fingerprint joins its parts with a NUL: each part is a repr, or made of reprs, so no text an
    editor wrote (a NUL in a tag's name, in a list's words) holds one, nor makes two values alike."""
    from pelican.urlwrappers import Tag
    from skaidra_core.page_memo import _fingerprint, fingerprint

    build = facts(tmp_path)
    settings = {"SLUGIFY_SOURCE": "name", "TAG_URL": "{slug}/", "TAG_SAVE_AS": ""}
    values = [
        {"words": ["a\0b"]},
        {"words": ["a", "b"]},
        {"words": "a\0b"},
        {"tag": Tag("a\0b", settings)},
        {"tag": Tag("a", settings)},
        ["a", "b"],
        ("a\0b",),
    ]
    for value in values:
        parts: list[str] = []
        _fingerprint(value, build, parts, 0)
        assert not [part for part in parts if "\0" in part], value
    told = [fingerprint(value, build) for value in values]
    assert None not in told and len(set(told)) == len(told)


class Worths:
    """Facts whose worth a test sets."""

    def __init__(self, **worth):
        self.worth = worth
        self.stamped = None

    def of(self, fact: str):
        return self.worth.get(fact.replace(":", "_"))


def lines_of(record) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in record.read_text().splitlines()[1:])


def test_a_page_taken_from_the_last_build_keeps_its_record_line_and_its_facts_their_places(
    tmp_path,
):
    import json

    from skaidra_core.outputs import PAGE, Output
    from skaidra_core.page_memo import SLACK, PageMemo

    record, output = tmp_path / "pages.jsonl", tmp_path / "output"
    for name in ("a.html", "b.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(name)
    page = {name: [Output(name, PAGE, "lt")] for name in ("a.html", "b.html")}

    def memo(**worth):
        found = PageMemo(record, output, Worths(**worth))
        found.facts.stamped = type("S", (), {"current": {}})()
        return found

    first = memo(f_1="1", f_2="2", f_3="3")
    first.remember("a.html", "A", page["a.html"], ["f:1", "f:2"], rendered=True)
    first.remember("b.html", "B", page["b.html"], ["f:2", "f:3"], rendered=True)
    first.save()
    before = lines_of(record)
    placed = [fact for fact, _ in json.loads(record.read_text().splitlines()[0])["facts"]]

    second = memo(f_1="1", f_2="2", f_3="changed", f_4="4")
    assert second.reusable("a.html", "A") == page["a.html"]
    second.keep("a.html", "A", page["a.html"])
    assert second.reusable("b.html", "B") is None  # f:3 changed
    second.remember("b.html", "B", page["b.html"], ["f:2", "f:4"], rendered=True)
    second.save()
    after = lines_of(record)
    assert after['"a.html"'] == before['"a.html"']  # word for word
    facts = [fact for fact, _ in json.loads(record.read_text().splitlines()[0])["facts"]]
    assert facts == [*placed, "f:4"]  # each fact in its place, the new one after them

    third = memo(f_1="1", f_2="2", f_4="4")
    assert third.reusable("a.html", "A") and third.reusable("b.html", "B")

    # once most places are of facts no page reads, the table is made anew
    many = {f"f_{n}": str(n) for n in range(2 * SLACK)}
    fourth = memo(**many)
    fourth.remember(
        "a.html", "A", page["a.html"], [f"f:{n}" for n in range(2 * SLACK)], rendered=True
    )
    fourth.remember("b.html", "B", page["b.html"], ["f:1"], rendered=True)
    fourth.save()
    fifth = memo(**many)
    assert fifth.reusable("b.html", "B")
    fifth.keep("b.html", "B", page["b.html"])
    fifth.remember("a.html", "A2", page["a.html"], ["f:2"], rendered=True)
    fifth.save()
    facts = json.loads(record.read_text().splitlines()[0])["facts"]
    assert sorted(fact for fact, _ in facts) == ["f:1", "f:2"]
    sixth = memo(**many)
    assert sixth.reusable("a.html", "A2") and sixth.reusable("b.html", "B")
    assert not memo(**{**many, "f_1": "changed"}).reusable("b.html", "B")


@pytest.mark.parametrize("sets_aside", [True, False], ids=["command-line", "devserver"])
def test_what_a_build_loads_is_set_aside_from_the_collector_until_the_build_ends(sets_aside):
    import gc

    from skaidra_core.collector import collector_for_build, loading, set_aside

    assert gc.get_freeze_count() == 0 and gc.isenabled()
    with collector_for_build(sets_aside):
        with loading():
            model = [[n] for n in range(1000)]  # what a build keeps
            assert gc.isenabled() != sets_aside  # no collector pass while it loads
        assert gc.isenabled()
        assert (gc.get_freeze_count() >= len(model)) == sets_aside
        set_aside()
        assert (gc.get_freeze_count() > 0) == sets_aside
    assert gc.get_freeze_count() == 0  # after the build, everything is collected again


def test_posts_and_pages_keep_the_addresses_pelican_gave_them_and_a_future_post_its_drafts():
    settings = {
        **DEFAULT_CONFIG, "DEFAULT_LANG": "lt", "ARTICLE_URL": "naujienos/{slug}/",
        "ARTICLE_SAVE_AS": "naujienos/{slug}/index.html", "ARTICLE_LANG_URL": "en/news/{slug}/",
        "ARTICLE_LANG_SAVE_AS": "en/news/{slug}/index.html", "DRAFT_URL": "juodrasciai/{slug}/",
        "DRAFT_SAVE_AS": "juodrasciai/{slug}/index.html", "PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html",
        "WITH_FUTURE_DATES": False,  # a site may set it: a post dated later is a draft until then
    }  # fmt: skip
    past = datetime.datetime(2026, 5, 4, 12)
    future = datetime.datetime.now() + datetime.timedelta(hours=2)

    def made(kind, slug, date=past, **metadata):
        item = kind("<p>x</p>", {"title": slug, "slug": slug, "date": date, **metadata}, settings,
                    f"/svetaine/{slug}.md")  # fmt: skip
        fix_when_made(item)  # as Pelican's content_object_init
        return item

    post, translation = made(PelicanArticle, "ataskaita"), made(PelicanArticle, "report", lang="en")
    post.translations = [translation]
    draft, page = made(PelicanArticle, "planas", status="draft"), made(PelicanPage, "apie")
    coming = made(
        PelicanArticle, "renginys", date=future
    )  # Pelican makes it a draft after the signal
    assert coming.status == "draft" and not hasattr(coming, "override_url")
    assert post.override_save_as == "naujienos/ataskaita/index.html"  # fixed as soon as made
    context = {"articles": [post], "drafts": [draft, coming], "pages": [page]}
    fix_addresses(context)
    settings.update(ARTICLE_URL="kita/{slug}/", DRAFT_SAVE_AS="kita.html", PAGE_URL="kita/")
    found = {
        item.slug: (item.url, item.save_as) for item in (post, translation, draft, page, coming)
    }
    assert found == {
        "ataskaita": ("naujienos/ataskaita/", "naujienos/ataskaita/index.html"),
        "report": ("en/news/report/", "en/news/report/index.html"),
        "planas": ("juodrasciai/planas/", "juodrasciai/planas/index.html"),
        "apie": ("apie/", "apie/index.html"),
        "renginys": ("juodrasciai/renginys/", "juodrasciai/renginys/index.html"),
    }  # as Pelican made them, not worked out again from the settings


def test_a_model_object_handed_to_a_page_is_told_by_every_value_it_holds(tmp_path):
    from decimal import Decimal

    from pydantic import BaseModel
    from skaidra_core.page_memo import fingerprint

    class Suma(BaseModel):
        amount: Decimal

    class Dotacija(Suma):  # held where a Suma is declared: told by its own fields too
        programme: str

    class Projektas(BaseModel):
        title: str
        grant: Suma
        packed: bytes = b""

    def told(value):
        return fingerprint({"project": value}, facts(tmp_path))

    first = Projektas(title="Tiltai", grant=Dotacija(amount=Decimal(1000), programme="NVO fondas"))
    assert told(first) == told(first.model_copy(deep=True))
    changed = first.model_copy(update={"grant": Dotacija(amount=Decimal(1000), programme="ES")})
    assert told(changed) != told(first)
    assert told(first.model_copy(update={"grant": Suma(amount=Decimal("1000.0"))})) != told(
        first.model_copy(update={"grant": Suma(amount=Decimal(1000))})
    )  # shown as 1000.0 and 1000: two values
    assert told(first.model_copy(update={"packed": b"\xff\x00"})) != told(first)  # not UTF-8 text
    assert told(first.model_copy(update={"title": lambda: "Tiltai"})) is None  # cannot be told


def test_work_shared_out_forks_no_process_for_a_share_that_would_be_empty(monkeypatch):
    from skaidra_model import shared_work

    forked = []
    forking = shared_work.fork
    monkeypatch.setattr(
        shared_work, "fork", lambda *args: forked.append(forking(*args)) or forked[-1]
    )
    assert shared_work.share_out(sum, [5], 3) == [5]  # one item: done here, nothing forked
    assert forked == []
    assert sorted(shared_work.share_out(sum, [1, 2, 3, 4], 3)) == [2, 3, 5]  # [1, 4], [2], [3]
    assert len(forked) == 2
    assert shared_work.share_out(sum, [], 2) == [0] and len(forked) == 2
    assert shared_work.share_out(list, [1, 2, 3, 4, 5], 2, contiguous=True) == [[1, 2, 3], [4, 5]]


def test_figures_formatted_once_are_told_apart_by_kind_currency_and_language():
    """Figures are formatted once per value (formatting._formatted): one value as a number, a share or
    money, in two currencies or two languages, and two values Python holds equal that Babel shows
    apart, keep each their own text."""
    from decimal import Decimal

    from skaidra_core.formatting import money, number, percent

    assert money(Decimal(20000), "EUR", "lt").replace("\xa0", " ") == "20 000,00 €"
    assert money(Decimal(20000), "EUR", "en") == "€20,000.00"
    assert money(Decimal(20000), "USD", "en") == "US$20,000.00"
    assert number(Decimal("1.50"), "lt") == "1,5" and number(Decimal("1.5"), "lt") == "1,5"
    assert number(Decimal("1000.125"), "en") == "1,000.125"
    assert number(Decimal(1000), "en") == number(1000, "en") == number(1000.0, "en") == "1,000"
    assert percent(Decimal("0.5"), "lt").replace("\xa0", " ") == "50 %"
    assert percent(0.5, "en") == "50%"
    assert number(Decimal(1000), "en") == "1,000" != money(Decimal(1000), "EUR", "en")
    assert number(0.0, "en") == "0" and number(-0.0, "en") == "-0"  # equal, shown apart
    assert money(Decimal(0), "EUR", "en") == "€0.00" != money(Decimal("-0"), "EUR", "en")


def test_posts_and_their_translations_are_grouped_as_pelican_groups_them(caplog):
    """Skaidra's linear `process_translations` gives what Pelican's own gives: the same originals and
    translations, in the same order, each item's translations, and Pelican's warnings."""
    from pelican.log import LimitFilter
    from pelican.utils import process_translations as pelicans
    from skaidra_core.translations import process_translations

    class Item:  # equal to itself only, as Pelican's content is
        def __init__(self, slug, lang, translation="false", page=""):
            self.slug, self.lang, self.page, self.in_default_lang = slug, lang, page, lang == "lt"
            self.metadata, self.source_path = {"translation": translation}, f"{slug}.{lang}.md"

    def contents():
        return [
            Item("b", "en"), Item("a", "lt"), Item("b", "lt"), Item("a", "en"), Item("c", "en"),
            Item("d", "lt"), Item("d", "lt"), Item("e", "lt", "true"), Item("e", "en", "true"),
            Item("f", "lt", "true"), Item("f", "en"), Item("g", "en", page="2"), Item("g", "lt"),
        ]  # fmt: skip

    def shown(result):
        index, translations = result
        return (
            [(i.slug, i.lang) for i in index],
            [(i.slug, i.lang) for i in translations],
            [
                (i.slug, i.lang, [(t.slug, t.lang) for t in i.translations])
                for i in index + translations
            ],
        )

    def anew():  # Pelican's log says a warning once: each says its own
        caplog.clear()
        LimitFilter._ignore.clear()
        LimitFilter._raised_messages.clear()

    for translation_id in ("slug", ("slug", "page"), None):
        anew()
        theirs = shown(pelicans(contents(), translation_id)) if translation_id else None
        their_warnings = [r.getMessage() for r in caplog.records]
        anew()
        ours = process_translations(contents(), translation_id)
        if translation_id is None:
            assert ours[1] == [] and len(ours[0]) == len(contents())
            continue
        assert shown(ours) == theirs
        assert [r.getMessage() for r in caplog.records] == their_warnings
        # the cases hold translations, and what Pelican warns of
        assert their_warnings and theirs[1]


def test_an_items_path_in_the_content_folder_is_the_one_pelican_works_out(tmp_path, monkeypatch):
    """Skaidra's `get_relative_source_path` gives what Pelican's gives, for the item's own file and for
    any other, under the content folder or not, and follows an item whose file moved."""
    import os

    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG
    from skaidra_core import source_paths
    from skaidra_core.source_paths import _pelicans, relative_source_path

    content = tmp_path / "turinys"
    (content / "posts").mkdir(parents=True)
    asked = [
        None, "", "posts/a.md", str(content / "posts" / "b.md"), str(content / "posts/../c.md"),
        str(tmp_path / "kitur.md"), "../kitur.md", "posts//d.md", "./e.md", str(content),
    ]  # fmt: skip
    for folder in (str(content), str(content) + "/", os.path.relpath(content), "/"):
        settings = {**DEFAULT_CONFIG, "PATH": folder}
        item = Content("", settings=settings, source_path=str(content / "posts/a.md"))
        for path in asked:
            if folder == "/" and path is not None and path.startswith(".."):
                continue  # above the root: Pelican's own answer depends on where the tests run
            assert relative_source_path(item, path) == _pelicans(item, path), (folder, path)
    settings = {**DEFAULT_CONFIG, "PATH": str(content)}
    item = Content("", settings=settings, source_path=str(content / "posts/a.md"))
    assert relative_source_path(item) == "posts/a.md"
    monkeypatch.setattr(source_paths, "_relative", lambda *args: 1 / 0)
    assert relative_source_path(item) == "posts/a.md"  # worked out once
    monkeypatch.undo()
    item.source_path = str(content / "posts" / "naujas.md")  # the same item, its file moved
    assert relative_source_path(item) == "posts/naujas.md"


def test_dates_are_formatted_as_pelican_formats_them():
    """Skaidra's `strftime` gives Pelican's text for every format, read once or left to Pelican."""
    import datetime as dt

    from pelican.utils import SafeDatetime
    from skaidra_core.date_formats import _pelicans, strftime

    formats = [
        "%a %d %B %Y", "%Y-%m-%d", "%-d %B", "%d.%m.%Y %H:%M", "%%", "100%% %Y", "%Q %Y",
        "ą %Y m. %B", "", "%", "%Y %", "%-", "%j/%U/%W %p %Z", "%G-W%V-%u",
    ]  # fmt: skip
    dates = [
        SafeDatetime(2024, 3, 5, 7, 8, 9),
        dt.datetime(2024, 12, 31, 23, 59, 1, tzinfo=dt.UTC),
        dt.date(2025, 1, 2),
    ]
    for date_format in formats:
        for date in dates:
            try:
                theirs = _pelicans(date, date_format)
            except ValueError as exc:  # a format Pelican cannot read: refused alike
                with pytest.raises(type(exc)):
                    strftime(date, date_format)
                continue
            assert strftime(date, date_format) == theirs, (date_format, date)


def test_the_caches_of_older_settings_are_removed_but_the_last_used(tmp_path):
    """Every change of the settings or upgrade starts a cache folder of its own: the folders of other
    fingerprints are removed, but the most recently used, and nothing else in the cache folder."""
    import os

    from skaidra.cache import configure_cache

    caches = tmp_path / "cache"
    site = tmp_path / "svetaine"
    site.mkdir()
    settings_file = site / "pelicanconf.py"
    other = caches / "paveikslai"  # not a cache of content: left alone
    other.mkdir(parents=True)
    used = []
    for n in range(4):
        settings_file.write_text(f"SITENAME = 'Svetainė {n}'\n", encoding="utf-8")
        folder = configure_cache({"CACHE_CONTENT": True, "CACHE_PATH": str(caches)}, settings_file)
        (folder / "ArticlesGenerator-Readers").write_bytes(b"x")
        os.utime(folder, ns=(n * 10**9, n * 10**9))  # used one after the other
        used.append(folder.name)
    assert len(set(used)) == 4  # each settings its own fingerprint
    settings_file.write_text("SITENAME = 'Svetainė 1'\n", encoding="utf-8")  # back to an older one
    folder = configure_cache({"CACHE_CONTENT": True, "CACHE_PATH": str(caches)}, settings_file)
    assert folder.name == used[1] and not (folder / "ArticlesGenerator-Readers").exists()
    assert sorted(p.name for p in caches.iterdir()) == sorted([used[1], used[3], "paveikslai"])
    assert configure_cache({"CACHE_CONTENT": False}, settings_file) is None
