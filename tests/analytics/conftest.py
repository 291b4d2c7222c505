import os
import uuid

import pytest
import redis

from cryptoflexs.analytics import counters

READER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
# The scale-out pass points REDIS_URL at its database; otherwise a database of its own.
REDIS_TEST_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


def require_redis(url: str) -> None:
    """Fail when Redis is down in the scale-out pass; elsewhere say plainly why we skip."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.ConnectionError as exc:
        if os.environ.get("REDIS_URL"):
            pytest.fail(f"Redis at {url} is not reachable: {exc}")
        pytest.skip(f"Redis at {url} is not reachable, so its counter is not tested: {exc}")


@pytest.fixture(params=["file", "redis"])
def views_backend(request, settings, tmp_path):
    """Count views with each backend in turn: files in a temporary directory, or Redis
    under a key prefix of this test's own. Yields the counter; clears it afterwards."""
    settings.ANALYTICS_VIEWS_DIR = tmp_path / "views"
    settings.ANALYTICS_KEY_PREFIX = f"cftest-views-{uuid.uuid4().hex}"
    if request.param == "redis":
        require_redis(REDIS_TEST_URL)
        settings.REDIS_URL = REDIS_TEST_URL
    else:
        settings.REDIS_URL = ""
    counter = counters.get_counter()
    yield counter
    counter.clear()


@pytest.fixture
def reader(client):
    """A test client that looks like a person's browser (Django's client sends no UA)."""
    client.defaults["HTTP_USER_AGENT"] = READER_UA
    return client
