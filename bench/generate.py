"""Synthetic content for the benchmark, the same for every generator measured.

`write_site(folder, posts)` writes, from one random seed:
- `skaidra/`: a full Skaidra content folder: `posts` news posts in
  Lithuanian with tags, and about a tenth as many projects (with grants,
  activities and indicators), events and podcast episodes (with a small real
  audio file and a transcript each);
- `pelican/`: the same posts with Pelican's own metadata header, for bare Pelican;
- `hugo/`: the same posts with YAML front matter, in a minimal Hugo site.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import textwrap
from pathlib import Path

WORDS_TEXT = (
    "bendruomenė projektas savanoriai vaikai šeima mokymai forumas kaimas savivaldybė taryba "
    "finansavimas veikla rodiklis paslaugos organizacija nevyriausybinė asociacija susitikimas "
    "konsultacija tyrimas strategija bendradarbiavimas ministerija fondas sprendimas ataskaita "
    "dalyviai jaunimas senjorai kultūra švietimas sveikata aplinka žemės ūkis miškai vanduo "
    "tradicijos šventė sąskrydis stovykla dirbtuvės patirtis žinios įgūdžiai kompetencijos "
    "atstovavimas iniciatyva programa paraiška sutartis biudžetas rėmėjai partneriai regionas "
    "miestelis seniūnija mokykla biblioteka bažnyčia muziejus parkas keliai tiltai ežeras upė"
)
WORDS = WORDS_TEXT.split()
TAGS = [
    "bendruomenės", "vaiko teisės", "mokymai", "forumas", "finansavimas", "savanorystė", "kaimas",
    "jaunimas", "kultūra", "švietimas", "sveikata", "aplinka", "socialinės paslaugos", "partnerystė",
    "tyrimai", "renginiai", "podkastas", "ataskaitos", "savivalda", "NVO",
]  # fmt: skip
ROOT = Path(__file__).resolve().parent.parent
AUDIO = ROOT / "tests" / "fixtures" / "tiny.mp3"
IMAGES = ("podcast/skaidra-podkastas.png", "skaidra-kortele.png")  # the artwork site.yaml names
SITE_YAML = """\
title: Skaidra bench
publisher: {name: Bench, email: bench@skaidra.example}
social_image: skaidra-kortele.png
podcast: {title: Bench podcast, image: podcast/skaidra-podkastas.png}
"""
START = dt.date(2022, 1, 1)


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _body(rng: random.Random, n: int) -> str:
    """A post of 300 to 700 words with the Markdown editors use."""
    parts = []
    for i in range(rng.randint(5, 9)):
        if i == 2:
            parts.append(f"## {_sentence(rng)[:-1]}")
        if i == 4:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(3)))
        text = _paragraph(rng)
        if i == 1:
            text += f" Daugiau – [projekto puslapyje](https://example.org/projektas-{n}) ir **svarbiausia**."
        parts.append(text)
    return "\n\n".join(parts) + "\n"


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_site(folder: Path, posts: int, seed: int = 7) -> None:
    """Write all three trees for `posts` posts."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    skaidra, pelican, hugo = folder / "skaidra", folder / "pelican", folder / "hugo"
    tenth = max(posts // 10, 2)
    orgs = [f"org-{i}" for i in range(max(tenth // 5, 2))]
    funders = [f"fondas-{i}" for i in range(5)]
    _write(skaidra / "data/organisations.yaml", "".join(
        f"- id: {o}\n  name: Organizacija {o.split('-')[1]}\n  registration_code: \"30{i:07d}\"\n" for i, o in enumerate(orgs)))  # fmt: skip
    _write(skaidra / "data/funders.yaml", "".join(
        f"- id: {f}\n  name: Fondas {f.split('-')[1]}\n  publicity_statement: Finansuoja fondas {f.split('-')[1]}.\n" for f in funders))  # fmt: skip
    for p in range(tenth):
        start = START + dt.timedelta(days=rng.randint(0, 900))
        activities = "".join(
            f"  - id: veikla-{a}\n    title: {_yaml_text(_sentence(rng)[:60])}\n"
            f"    items: [{_yaml_text(_sentence(rng))}, {_yaml_text(_sentence(rng))}]\n"
            f"    indicators:\n      - name: Dalyviai\n        unit: asm.\n        target: {rng.randint(10, 200)}\n        source: events\n"
            f"      - name: Leidiniai\n        unit: vnt.\n        target: {rng.randint(1, 9)}\n        actual: {rng.randint(0, 9)}\n"
            for a in range(rng.randint(3, 6))
        )
        grants = "".join(
            f"  - funder: {f}\n    amount: {rng.randint(5, 120) * 500}\n    programme: Programa {rng.randint(1, 9)}\n"
            f"    decision: {{number: A-{p}-{g}, date: {start.isoformat()}}}\n"
            for g, f in enumerate(rng.sample(funders, rng.randint(1, 2)))
        )
        _write(skaidra / f"data/projects/p{p:04d}.yaml", (
            f"id: P-{p:04d}\ntitle: {_yaml_text(_sentence(rng)[:80])}\norganisation: {rng.choice(orgs)}\n"
            f"summary: {_yaml_text(_sentence(rng))}\ndescription: |\n{textwrap.indent(_paragraph(rng), '  ')}\n"
            f"period: {{start: {start.isoformat()}, end: {(start + dt.timedelta(days=365)).isoformat()}}}\n"
            f"funding:\n{grants}goals: [{_yaml_text(_sentence(rng))}, {_yaml_text(_sentence(rng))}]\nactivities:\n{activities}"
        ))  # fmt: skip
    for e in range(tenth):
        project = rng.randrange(tenth)
        day = START + dt.timedelta(days=rng.randint(0, 1400))
        when = (
            f"start: {day.isoformat()} 10:00\nend: {day.isoformat()} 15:30\n"
            if e % 3
            else f"start: {day.isoformat()}\n"
        )
        _write(skaidra / f"events/e{e:04d}.md", (
            f"---\ntitle: {_yaml_text(_sentence(rng)[:70])}\n{when}project: P-{project:04d}\nactivity: veikla-0\n"
            f"location: {{name: Kultūros centras, address: Gedimino pr. {e % 90 + 1}, locality: Vilnius, country: LT}}\n"
            f"attendance: {rng.randint(5, 80)}\n---\n{_paragraph(rng)}\n"
        ))  # fmt: skip
    for k in range(tenth):
        _write(skaidra / f"media/podcast/k{k:04d}.mp3", AUDIO.read_bytes())
        _write(
            skaidra / f"media/podcast/k{k:04d}.vtt",
            f"WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n{_sentence(rng)}\n",
        )
        _write(skaidra / f"podcast/k{k:04d}.md", (
            f"---\ntitle: {_yaml_text(_sentence(rng)[:70])}\ndate: {(START + dt.timedelta(days=k)).isoformat()} 09:00\n"
            f"audio: podcast/k{k:04d}.mp3\ntranscript: podcast/k{k:04d}.vtt\nepisode: {k + 1}\n"
            f"project: P-{rng.randrange(tenth):04d}\nchapters:\n  - {{start: \"00:00:00\", title: Pradžia}}\n---\n{_paragraph(rng)}\n"
        ))  # fmt: skip
    for n in range(posts):
        title = _sentence(rng)[:-1][:90]
        date = dt.datetime.combine(START + dt.timedelta(days=n % 1500), dt.time(9 + n % 8, 0))
        tags = rng.sample(TAGS, rng.randint(1, 3))
        body = _body(rng, n)
        slug = f"naujiena-{n:05d}"
        _write(skaidra / f"posts/{slug}.md", (
            f"---\ntitle: {_yaml_text(title)}\ndate: {date:%Y-%m-%d %H:%M}\nslug: {slug}\n"
            f"tags: [{', '.join(_yaml_text(t) for t in tags)}]\nproject: P-{n % tenth:04d}\n---\n{body}"
        ))  # fmt: skip
        _write(pelican / f"content/{slug}.md", (
            f"Title: {title}\nDate: {date:%Y-%m-%d %H:%M}\nSlug: {slug}\nTags: {', '.join(tags)}\n\n{body}"
        ))  # fmt: skip
        _write(hugo / f"content/posts/{slug}.md", (
            f"---\ntitle: {_yaml_text(title)}\ndate: {date:%Y-%m-%dT%H:%M:00+02:00}\nslug: {slug}\n"
            f"tags: [{', '.join(_yaml_text(t) for t in tags)}]\n---\n{body}"
        ))  # fmt: skip
    _write(skaidra / "pages/apie.md", "---\ntitle: Apie\nslug: apie\n---\nBandomoji svetainė.\n")
    _write(
        skaidra / "pages/prieinamumas.md",
        "---\ntitle: Prieinamumas\nslug: prieinamumas\n---\nPareiškimas.\n",
    )
    _write(
        skaidra / "pages/privatumas.md",
        "---\ntitle: Privatumas\nslug: privatumas\n---\nPrivatumas.\n",
    )
    for image in IMAGES:
        _write(skaidra / "media" / image, (ROOT / "content/media" / image).read_bytes())
    _write(skaidra / "site.yaml", SITE_YAML)
    _write(pelican / "pelicanconf.py", BARE_PELICAN)
    for name, text in HUGO.items():
        _write(hugo / name, text)


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


BARE_PELICAN = """\
# Bare Pelican: no plugins, its default theme; only what any site must set.
SITENAME = "Bench"
SITEURL = "http://localhost:8000"
PATH = "content"
TIMEZONE = "Europe/Vilnius"
DEFAULT_LANG = "lt"
PLUGINS = []
"""

HUGO = {
    "hugo.toml": 'baseURL = "http://localhost:8000/"\nlanguageCode = "lt"\ntitle = "Bench"\n',
    "layouts/_default/baseof.html": (
        '<!doctype html>\n<html lang="lt"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>\n'
        '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "layouts/_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>'
        '{{ .Content }}<p>{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p></article>{{ end }}\n'
    ),
    "layouts/_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>'
        '{{ with .Paginator.Next }}<a href="{{ .URL }}">→</a>{{ end }}{{ end }}\n'
    ),
    "layouts/index.html": (
        '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 10 (where .Site.RegularPages "Section" "posts") }}'
        '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'
    ),
}
