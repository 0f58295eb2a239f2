"""Pictures: resized at build time into WebP and their own format, with width, height and alt text,
lazy below the fold, encoded once and kept between builds; a picture without alt text is an error."""

from __future__ import annotations

import io

import pytest
from conftest import ContentTree, build, html, skaidra
from PIL import Image

pytestmark = pytest.mark.usefixtures("english_messages")  # these tests read the messages in English


def photo(width: int, height: int, kind: str = "JPEG") -> bytes:
    image = Image.new("RGB", (width, height), (11, 92, 79))
    for x in range(0, width, 40):  # some detail, so that encodings differ by size
        image.paste((255, 191, 71), (x, 0, x + 10, height))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def with_project_image(
    content: ContentTree, name: str = "nuotraukos/mokymai.jpg", data: bytes | None = None
) -> None:
    content.write(f"media/{name}", data or photo(2000, 1000))
    project = content.root / "data/projects/demo.yaml"
    project.write_text(
        project.read_text(encoding="utf-8").replace(
            "summary: Trumpas projekto aprašymas.\n",
            f"summary: Trumpas projekto aprašymas.\nimage: {name}\nimage_alt: Mokymų dalyviai prie stalo\n",
        ),
        encoding="utf-8",
    )


def files(srcset: str) -> dict[int, str]:
    return {
        int(width.rstrip("w")): path
        for path, width in (entry.split() for entry in srcset.split(", "))
    }


def test_a_project_picture_in_three_widths_as_webp_and_jpeg(content: ContentTree, tmp_path):
    with_project_image(content)
    output = tmp_path / "output"
    build(content.root, output)
    picture = html(output / "projektai/demo-1/index.html").select_one("article picture")
    img = picture.img
    assert img["alt"] == "Mokymų dalyviai prie stalo"
    assert (img["width"], img["height"]) == (
        "1600",
        "800",
    )  # the largest made, in the original's proportions
    assert "loading" not in img.attrs  # the first picture on the page loads at once
    webp = files(picture.source["srcset"])
    jpeg = files(img["srcset"])
    assert picture.source["type"] == "image/webp" and sorted(webp) == sorted(jpeg) == [
        480,
        960,
        1600,
    ]
    assert img["src"] == jpeg[1600]
    for width, path in [*webp.items(), *jpeg.items()]:
        with Image.open(output / path.lstrip("/")) as made:
            assert made.size == (width, width // 2)
            assert made.format == ("WEBP" if path.endswith(".webp") else "JPEG")
    assert (output / "media/nuotraukos/mokymai.jpg").exists()  # the original is published as it was


def test_a_small_picture_is_not_enlarged_and_a_png_stays_png(content: ContentTree, tmp_path):
    with_project_image(content, "logo.png", photo(300, 200, "PNG"))
    build(content.root, tmp_path / "output")
    picture = html(tmp_path / "output/projektai/demo-1/index.html").select_one("article picture")
    assert (picture.img["width"], picture.img["height"]) == ("300", "200")
    assert list(files(picture.img["srcset"])) == [300] and picture.img["src"].endswith(".300.png")


def test_pictures_are_encoded_once_and_a_changed_one_gets_new_addresses(
    content: ContentTree, tmp_path
):
    with_project_image(content)
    build(content.root, tmp_path / "first")
    cache = tmp_path / ".skaidra-cache/pictures"
    encoded = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(encoded) == 6  # three widths, two formats
    build(content.root, tmp_path / "second")
    assert {
        p.name: p.stat().st_mtime_ns for p in cache.iterdir()
    } == encoded  # nothing encoded again
    first = html(tmp_path / "first/projektai/demo-1/index.html").select_one("article picture img")
    second = html(tmp_path / "second/projektai/demo-1/index.html").select_one("article picture img")
    assert first["srcset"] == second["srcset"]
    assert (tmp_path / "first" / first["src"].lstrip("/")).read_bytes() == (
        tmp_path / "second" / second["src"].lstrip("/")
    ).read_bytes()

    content.write("media/nuotraukos/mokymai.jpg", photo(1200, 900))  # replaced by another photo
    build(content.root, tmp_path / "third")
    third = html(tmp_path / "third/projektai/demo-1/index.html").select_one("article picture img")
    assert third["src"] != first["src"] and list(files(third["srcset"])) == [480, 960, 1200]


def test_a_picture_below_the_fold_loads_lazily(content: ContentTree, tmp_path):
    content.write("media/renginys.jpg", photo(800, 600))
    event = content.root / "events/mokymai.md"
    event.write_text(
        event.read_text(encoding="utf-8").replace(
            "attendance: 7\n", "attendance: 7\nimage: renginys.jpg\nimage_alt: Salė prieš mokymus\n"
        ),
        encoding="utf-8",
    )
    build(content.root, tmp_path / "output")
    img = html(tmp_path / "output/renginiai/mokymai/index.html").select_one("article picture img")
    assert img["loading"] == "lazy" and img["alt"] == "Salė prieš mokymus"


def test_a_picture_without_alt_text_or_that_is_not_a_picture_is_an_error_not_a_crash(
    content: ContentTree,
):
    content.write("media/nuotrauka.jpg", photo(100, 100))
    content.write("media/ataskaita.pdf", b"%PDF-1.4")
    content.write(
        "posts/su-nuotrauka.md",
        "---\ntitle: Su nuotrauka\ndate: 2024-02-02\nimage: nuotrauka.jpg\n---\nTekstas.\n",
    )
    content.write(
        "posts/su-pdf.md",
        "---\ntitle: Su PDF\ndate: 2024-02-03\nimage: ataskaita.pdf\nimage_alt: Ataskaita\n---\nTekstas.\n",
    )
    content.write("media/sugadinta.jpg", b"ne nuotrauka")  # named like a photo, but it is not one
    content.write(
        "posts/sugadinta.md",
        "---\ntitle: Sugadinta\ndate: 2024-02-04\nimage: sugadinta.jpg\nimage_alt: Sugadinta\n---\nTekstas.\n",
    )
    run = skaidra("check", "--input", str(content.root))
    assert run.code == 1
    assert run.problems == [
        f"{content.root}/posts/su-nuotrauka.md:4: image: needs image_alt beside it: say what the picture shows, for people who cannot see it",
        f"{content.root}/posts/su-pdf.md:4: image: must be a picture (.svg, .jpg, .jpeg, .png, .webp, .gif), got 'ataskaita.pdf'",
        f"{content.root}/posts/sugadinta.md:4: image: content/media/sugadinta.jpg is not a picture that can be read: the file is damaged or of another kind",
    ]
