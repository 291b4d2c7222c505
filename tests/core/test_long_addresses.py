"""Over-long addresses (issue #15, item 11): the server takes request lines up to gunicorn's
maximum (8,190 bytes), where its default stopped at 4,094, and a longer one gets the site's
own friendly page with status 414, not gunicorn's bare one."""

import urllib.error
import urllib.request

import pytest

from tests.faults import ServeProcess


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def server(serve_env):
    serve = ServeProcess(serve_env)
    serve.start()
    yield serve
    serve.stop()


class LongAddressTests:
    def test_long_searches_answer_and_too_long_ones_get_a_friendly_414(self, server):
        status, html = get(f"{server.url}/search/?q=" + "bitcoin+" * 875)  # 7,000 characters
        assert status == 200
        assert 'name="q"' in html
        status, html = get(f"{server.url}/search/?q=" + "a" * 10_000)
        assert status == 414
        assert "<title>Address too long" in html
        assert 'href="/search/"' in html
        assert "/static/css/site.css" in html
