"""The WSGI fast path (core.pagecache.fast_hits) answers a page held in memory exactly as
the whole handler would, and leaves every other request to it."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from config.wsgi import application
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import views_flush
from cryptoflexs.core.models import SiteSettings
from tests import factories

pytestmark = pytest.mark.django_db

UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def call(path, **headers):
    environ = {
        "REQUEST_METHOD": headers.pop("method", "GET"), "PATH_INFO": path, "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(),
        "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": UA, **headers,
    }  # fmt: skip
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture(autouse=True)
def keep_the_test_database_open():
    # As Django's test client does: a request's start and end close connections otherwise.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def article(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 300
    settings.ANALYTICS_VIEWS_DIR = tmp_path / "views"
    settings.REDIS_URL = ""
    SiteSettings.load()
    return factories.article("Spot bitcoin ETF flows", category=factories.category("Bitcoin"))


def test_a_hit_in_memory_has_the_whole_handlers_answer_and_no_sql(article):
    url = article.get_absolute_url()
    status, miss_headers, miss_body = call(url)
    assert (status, miss_headers.get("X-Cache")) == ("200 OK", "miss"), miss_headers
    with CaptureQueriesContext(connection) as ctx:
        status, hit_headers, hit_body = call(url)
    assert (status, hit_headers["X-Cache"]) == ("200 OK", "hit")
    assert ctx.captured_queries == []
    assert hit_body == miss_body
    # The same headers (security headers, CSP, validators, Vary), a request id of its own.
    per_request = {"X-Cache", "X-Request-ID", "Date"}
    assert {k: v for k, v in hit_headers.items() if k not in per_request} == {
        k: v for k, v in miss_headers.items() if k not in per_request
    }
    assert hit_headers["X-Request-ID"] != miss_headers["X-Request-ID"]
    assert hit_headers["X-Content-Type-Options"] == "nosniff"
    views_flush()
    assert ArticleViewDay.objects.get(article=article).views == 2


def test_gzip_and_304_on_the_fast_path(article):
    url = article.get_absolute_url()
    call(url)
    _, headers, body = call(url, HTTP_ACCEPT_ENCODING="gzip")
    assert (headers["X-Cache"], headers["Content-Encoding"]) == ("hit", "gzip")
    status, _, empty = call(url, HTTP_IF_NONE_MATCH=headers["ETag"], HTTP_ACCEPT_ENCODING="gzip")
    assert (status, empty) == ("304 Not Modified", b"")


def test_requests_the_fast_path_cannot_answer_go_to_django(article, settings):
    url = article.get_absolute_url()
    call(url)
    # A session (an editor), another method, an unknown host: the whole handler decides.
    _, headers, _ = call(url, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert "X-Cache" not in headers
    assert call(url, method="POST")[0] != "200 OK"
    assert call(url, HTTP_HOST="evil.example")[0].startswith("400")
    # After a content change the copy in memory is stale: a miss, made afresh.
    article.title = "Spot bitcoin ETF flows, revised"
    article.save()
    _, headers, body = call(url)
    assert headers["X-Cache"] == "miss"
    assert b"revised" in body
