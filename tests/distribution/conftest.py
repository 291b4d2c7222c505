import io

import pytest
from PIL import Image

from cryptoflexs.articles.services import article_set_featured_image
from tests import factories

SITE = "https://news.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    """A public address unlike the test client's host, so that tests see which one is used."""
    settings.SITE_URL = SITE


def jpeg_bytes(width=800, height=450) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def newsroom(db):
    """A small tree of content: Crypto › Bitcoin, a tag, an author, articles with an image."""
    crypto = factories.category("Crypto")
    bitcoin = factories.category("Bitcoin", parent=crypto)
    markets = factories.category("Markets")
    etf = factories.tag("ETF")
    priya = factories.author("Priya Raman", bio="Covers markets and regulation.")
    lead = factories.article(
        "Bitcoin ETFs & funds draw $741 million",
        category=bitcoin,
        author=priya,
        tags=[etf],
        excerpt="Demand for Bitcoin funds picked up <again>.",
        body_html='<p>See <a href="/category/crypto/">our coverage</a> and '
        '<img src="/media/chart.png" alt="chart">.</p>',
        source_name="Example Wire",
        source_url="https://wire.example.com/story/1",
    )
    article_set_featured_image(
        article=lead,
        uploaded_file_or_bytes=jpeg_bytes(),
        filename="etf.jpg",
        alt="A chart of fund inflows",
        credit="Image source: Example",
    )
    lead.refresh_from_db()
    other = factories.article("Crypto market wrap", category=crypto)
    unrelated = factories.article("Stock markets calm", category=markets)
    draft = factories.article("Secret draft", category=bitcoin, status="draft")
    return {
        "crypto": crypto,
        "bitcoin": bitcoin,
        "markets": markets,
        "etf": etf,
        "priya": priya,
        "lead": lead,
        "other": other,
        "unrelated": unrelated,
        "draft": draft,
    }
