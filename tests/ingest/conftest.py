import datetime as dt
from pathlib import Path

import pytest

from cryptoflexs.ingest.models import Source

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
SHARED_FEEDS = Path(__file__).resolve().parents[3] / "shared" / "data" / "feeds"


@pytest.fixture
def private_ok(settings):
    """The test servers are on loopback, which ingestion refuses by default."""
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    return settings


def fixture_bytes(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def serve(httpserver, path: str, body: bytes, content_type="application/rss+xml", **kwargs):
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type, **kwargs)
    return f"http://127.0.0.1:{httpserver.port}{path}"


def make_source(url: str, name: str = "Outlet A", **fields) -> Source:
    fields.setdefault("next_fetch_at", dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    return Source.objects.create(feed_url=url, name=name, **fields)
