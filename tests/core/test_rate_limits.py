"""Rate limits hold under concurrency (issue #15, item 7) and every limiter counts clients by
the one address rule, `client_ip()` with ANTISPAM_CLIENT_IP_HEADER.

The concurrency tests run the real server (`manage.py serve`: gunicorn, two processes with
eight threads each, the embedded file cache shared by both) and send requests from 32
threads at once.
"""

import collections
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.faults import ServeProcess


def burst(url: str, count: int, data: dict | None = None) -> collections.Counter:
    """Send `count` requests at once (released together by a barrier); count the statuses."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    ready = threading.Barrier(min(count, 32))

    def one(n: int) -> int:
        if n < 32:
            ready.wait()
        try:
            with urllib.request.urlopen(url, data=body, timeout=30) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    with ThreadPoolExecutor(32) as pool:
        return collections.Counter(pool.map(one, range(count)))


@pytest.fixture
def server(serve_env):
    env = serve_env
    env.update(
        API_RATE_LIMIT="40",
        NEWSLETTER_SIGNUPS_PER_HOUR="10",
        NEWSLETTER_CONFIRMATIONS_PER_DAY="1000",
        WEB_WORKERS="2",
        WEB_THREADS="8",
    )
    serve = ServeProcess(env)
    serve.start()
    yield serve
    serve.stop()


class ConcurrentLimitTests:
    def test_api_limit_is_never_overshot(self, server):
        codes = burst(f"{server.url}/api/categories", 120)
        assert codes == {200: 40, 429: 80}

    def test_newsletter_limit_is_never_overshot(self, server):
        codes = burst(
            f"{server.url}/newsletter/", 30, {"email": "a@example.org", "frequency": "weekly"}
        )
        # 302 (check your inbox) is followed by urllib to a 200 page.
        assert codes == {200: 10, 429: 20}


@pytest.mark.django_db
class ClientAddressTests:
    """Behind a proxy every request has the proxy's REMOTE_ADDR: all limiters must count the
    client the proxy names, or one busy client locks out everyone."""

    def forwarded(self, client_address: str) -> dict:
        return {
            "REMOTE_ADDR": "10.0.0.1",
            "HTTP_X_FORWARDED_FOR": f"198.51.100.9, {client_address}",
        }

    def test_api_counts_the_forwarded_client(self, client, settings):
        settings.ANTISPAM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.API_RATE_LIMIT = 2
        for _ in range(2):
            assert client.get("/api/categories", **self.forwarded("203.0.113.5")).status_code == 200
        assert client.get("/api/categories", **self.forwarded("203.0.113.5")).status_code == 429
        assert client.get("/api/categories", **self.forwarded("203.0.113.6")).status_code == 200

    def test_newsletter_counts_the_forwarded_client(self, client, settings):
        settings.ANTISPAM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        settings.NEWSLETTER_SIGNUPS_PER_HOUR = 1
        data = {"email": "b@example.org", "frequency": "weekly"}
        assert client.post("/newsletter/", data, **self.forwarded("203.0.113.5")).status_code == 302
        assert client.post("/newsletter/", data, **self.forwarded("203.0.113.5")).status_code == 429
        assert client.post("/newsletter/", data, **self.forwarded("203.0.113.6")).status_code == 302
