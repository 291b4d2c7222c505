"""Lists send the smallest fitting copy of each image: a 96 px sidebar thumbnail is not the
1600 px original, and srcset/sizes let the browser pick a sharper one where it needs it."""

import re

import pytest

from cryptoflexs.articles.services import article_set_featured_image
from tests import factories
from tests.core.test_images import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def imgs(html: str, css_class: str) -> list[dict[str, str]]:
    tags = re.findall(rf'<img [^>]*class="{css_class}"[^>]*>', html)
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in tags]


def with_image(title, size=(1600, 900), **fields):
    article = factories.article(title, **fields)
    article_set_featured_image(
        article=article,
        uploaded_file_or_bytes=image_bytes(size=size),
        filename="photo.jpg",
        alt="A photo",
        credit="Image source: test",
    )
    article.refresh_from_db()
    return article


def test_sidebar_and_cards_use_the_smallest_fitting_rendition(client):
    article = with_image("Photo story", is_top_insight=True)
    stem = "/media/" + article.featured_image.name.removesuffix(".jpg")
    html = client.get("/").content.decode()
    # The home page's sidebar leaves out what its main column shows (#16): another page's.
    other = factories.article("Another story")
    thumbs = imgs(client.get(other.get_absolute_url()).content.decode(), "mini-item__image")
    assert thumbs, "the sidebar shows the article"
    for thumb in thumbs:
        assert thumb["src"] == f"{stem}-200w.webp"
        assert thumb["sizes"] == "96px"
        assert thumb["srcset"].startswith(f"{stem}-200w.webp 200w, {stem}-400w.webp 400w")
        assert (thumb["width"], thumb["height"]) == ("1600", "900")  # the aspect ratio

    cards = imgs(html, "card__image")
    assert cards
    for card in cards:
        # The largest card slot on the page is 500 px wide; none needs the original.
        assert card["src"] in (f"{stem}-400w.webp", f"{stem}-800w.webp"), card["src"]
        assert f"{stem}-200w.webp 200w" in card["srcset"]
        assert card["sizes"].startswith("(max-width: ")

    # The article page's hero may use every copy up to the original.
    page = client.get(article.get_absolute_url()).content.decode()
    hero = re.search(r'<figure class="article__figure">\s*<img ([^>]*)>', page).group(1)
    assert f"/media/{article.featured_image.name} 1600w" in hero
    assert 'fetchpriority="high"' in hero


def test_an_article_without_renditions_falls_back_to_its_original(client):
    article = with_image("Small picture", size=(180, 120), is_top_insight=True)
    assert article.featured_image_renditions == []
    html = client.get("/").content.decode()
    for img in imgs(html, "mini-item__image") + imgs(html, "card__image"):
        assert img["src"] == "/media/" + article.featured_image.name
        assert "srcset" not in img
        assert (img["width"], img["height"]) == ("180", "120")


def test_only_the_home_pages_lead_picture_loads_at_once(client):
    # The lead Top Insight is the largest thing above the fold on a phone: fetched first,
    # never lazily (Lighthouse's LCP); every other card waits until it scrolls into view.
    insights = [with_image(t, is_top_insight=True) for t in ("Lead story", "Second insight")]
    with_image("A plain story")
    cards = imgs(client.get("/").content.decode(), "card__image")
    eager = [c for c in cards if c.get("loading") == "eager"]
    assert len(eager) == 1
    assert eager[0]["fetchpriority"] == "high"
    stems = {"/media/" + a.featured_image.name.removesuffix(".jpg") for a in insights}
    assert eager[0]["src"].rsplit("-", 1)[0] in stems
    assert all(c.get("loading") == "lazy" for c in cards if c is not eager[0])
