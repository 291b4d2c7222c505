"""Fetching sources from a real HTTP server on loopback: politeness and limits."""

import datetime as dt
import gzip
import time

import pytest
from django.utils import timezone
from werkzeug import Response

from cryptoflexs.articles.models import Article
from cryptoflexs.ingest.fetch import backoff_delay, retry_after
from cryptoflexs.ingest.models import FetchLog, IngestedEntry, Source
from cryptoflexs.ingest.services import source_ingest

from .conftest import SHARED_FEEDS, fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db


def refreshed(source: Source) -> Source:
    source.refresh_from_db()
    return source


class ConditionalGetTests:
    def test_validators_are_sent_back_and_304_changes_nothing(self, httpserver, private_ok):
        url = serve(
            httpserver,
            "/feed",
            fixture_bytes("outlet-a.rss"),
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Mar 2026 10:00:00 GMT"},
        )
        source = make_source(url)
        first = source_ingest(source=source)
        assert (first.outcome, first.new) == ("ok", 3)
        source = refreshed(source)
        assert (source.etag, source.last_modified) == ('"v1"', "Tue, 03 Mar 2026 10:00:00 GMT")

        httpserver.clear()
        httpserver.expect_request(
            "/feed",
            headers={
                "If-None-Match": '"v1"',
                "If-Modified-Since": "Tue, 03 Mar 2026 10:00:00 GMT",
            },
        ).respond_with_data(b"", status=304)
        second = source_ingest(source=source)

        assert (second.outcome, second.new, second.entries) == ("not_modified", 0, 0)
        source = refreshed(source)
        assert source.last_outcome == Source.Outcome.NOT_MODIFIED
        assert source.etag == '"v1"'
        assert source.last_success_at is not None
        assert source.consecutive_failures == 0
        assert source.next_fetch_at > timezone.now() + dt.timedelta(minutes=29)
        assert Article.objects.count() == 3
        assert FetchLog.objects.filter(source=source, http_status=304).count() == 1

    def test_user_agent_and_accept_name_us_and_feeds(self, httpserver, private_ok):
        serve(httpserver, "/feed", fixture_bytes("outlet-b.atom"))
        source_ingest(source=make_source(f"http://127.0.0.1:{httpserver.port}/feed"))
        request = httpserver.log[0][0]
        assert request.headers["User-Agent"] == private_ok.HTTP_USER_AGENT
        assert "application/rss+xml" in request.headers["Accept"]


class FailureTests:
    def test_retry_after_is_honoured(self, httpserver, private_ok):
        url = serve(httpserver, "/busy", b"slow down", status=503, headers={"Retry-After": "7200"})
        source = make_source(url, poll_interval=5)
        before = timezone.now()
        result = source_ingest(source=source)
        source = refreshed(source)
        assert (result.outcome, source.last_outcome) == ("failed", "failed")
        assert source.last_error == "HTTP 503"
        assert source.next_fetch_at >= before + dt.timedelta(seconds=7200)
        assert source.fetching_until is None  # the lease is released

    def test_retry_after_as_an_http_date(self):
        now = dt.datetime(2026, 3, 3, 10, 0, tzinfo=dt.UTC)
        assert retry_after("Tue, 03 Mar 2026 11:00:00 GMT", now=now) == 3600
        assert retry_after("120", now=now) == 120
        assert retry_after("soon", now=now) is None

    def test_errors_back_off_exponentially_with_jitter(self, httpserver, private_ok):
        url = serve(httpserver, "/gone", b"", status=500)
        source = make_source(url, poll_interval=10)
        delays = []
        for _ in range(3):
            start = timezone.now()
            source_ingest(source=source, now=start)
            source = refreshed(source)
            delays.append((source.next_fetch_at - start).total_seconds())
        assert source.consecutive_failures == 3
        # Window doubles each time: 20, 40, 80 minutes, jittered within its upper half.
        assert 600 <= delays[0] <= 1200
        assert 1200 <= delays[1] <= 2400
        assert 2400 <= delays[2] <= 4800
        samples = {round(backoff_delay(3, interval=600)) for _ in range(20)}
        assert len(samples) > 1, "jitter"

    def test_slow_drip_hits_the_total_deadline(self, httpserver, private_ok):
        private_ok.INGEST_FETCH_DEADLINE = 1

        sent = []

        def drip():
            for _ in range(40):
                sent.append(1)
                yield b" "
                time.sleep(0.1)

        httpserver.expect_request("/drip").respond_with_handler(lambda request: Response(drip()))
        source = make_source(f"http://127.0.0.1:{httpserver.port}/drip")
        result = source_ingest(source=source)
        # The fetch gave up while the feed was still dripping (how soon: bench/deadlines.py).
        assert len(sent) < 40
        assert result.outcome == "failed"
        assert "deadline" in refreshed(source).last_error

    def test_gzip_bomb_is_refused(self, httpserver, private_ok):
        private_ok.INGEST_MAX_FEED_BYTES = 1_000_000
        bomb = gzip.compress(b"<rss>" + b" " * 30_000_000, compresslevel=9)
        url = serve(httpserver, "/bomb", bomb, headers={"Content-Encoding": "gzip"})
        source = make_source(url)
        result = source_ingest(source=source)
        assert result.outcome == "failed"
        assert refreshed(source).last_error == "response larger than 1000000 bytes"
        assert not IngestedEntry.objects.exists()

    def test_redirect_to_a_private_address_is_refused(self, httpserver, settings):
        """The first hop is allowed (the test server is on loopback); private networks are
        switched off while it answers, so the redirect's target must be checked again."""
        settings.INGEST_ALLOW_PRIVATE_NETWORKS = True

        def redirect(request):
            settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
            return Response("", 302, {"Location": "http://169.254.169.254/latest/meta-data/"})

        httpserver.expect_request("/feed").respond_with_handler(redirect)
        source = make_source(f"http://127.0.0.1:{httpserver.port}/feed")
        result = source_ingest(source=source)
        assert result.outcome == "failed"
        assert "non-public address" in refreshed(source).last_error

    def test_private_address_refused_by_default(self, httpserver):
        url = serve(httpserver, "/feed", fixture_bytes("outlet-a.rss"))
        source = make_source(url)
        assert source_ingest(source=source).outcome == "failed"
        assert "non-public" in refreshed(source).last_error
        assert len(httpserver.log) == 0

    def test_non_feed_content_fails_with_the_reason(self, httpserver, private_ok):
        url = serve(httpserver, "/page", fixture_bytes("not-a-feed.html"), content_type="text/html")
        source = make_source(url)
        result = source_ingest(source=source)
        source = refreshed(source)
        assert (result.outcome, source.last_outcome) == ("failed", "failed")
        assert source.last_error.startswith("not a feed")
        log = FetchLog.objects.get(source=source)
        assert (log.outcome, log.http_status) == ("failed", 200)

    def test_a_failure_leaves_the_previous_validators(self, httpserver, private_ok):
        url = serve(httpserver, "/feed", fixture_bytes("outlet-a.rss"), headers={"ETag": '"v1"'})
        source = make_source(url)
        source_ingest(source=source)
        httpserver.clear()
        serve(httpserver, "/feed", b"oops", status=502)
        source_ingest(source=refreshed(source))
        source = refreshed(source)
        assert source.etag == '"v1"'
        assert source.last_error == "HTTP 502"
        assert source.last_success_at is not None
        assert Article.objects.count() == 3


@pytest.mark.skipif(
    not SHARED_FEEDS.is_dir(), reason=f"real feeds not available ({SHARED_FEEDS} is absent)"
)
class RealFeedTests:
    @pytest.mark.parametrize(
        ("name", "count"), [("coindesk_2023-03-13.xml", 50), ("cointelegraph_2025-12-12.rss", 30)]
    )
    def test_real_feed_is_taken_in_whole(self, name, count, httpserver, private_ok):
        url = serve(httpserver, "/rss", (SHARED_FEEDS / name).read_bytes())
        source = make_source(url, name=name.split("_")[0].title())
        result = source_ingest(source=source)
        assert (result.outcome, result.new, result.errors) == ("ok", count, 0)
        articles = Article.objects.filter(source_name=source.name)
        assert articles.count() == count
        for article in articles:
            assert article.source_url.startswith("https://")
            assert "utm_" not in article.source_url
            assert article.canonical_url == article.source_url
            assert article.status == Article.Status.IN_REVIEW
            assert article.published_at.tzinfo is not None
            assert "<script" not in article.body_html
        # Again: every entry is a duplicate now.
        source.refresh_from_db()
        again = source_ingest(source=source)
        assert (again.new, again.duplicates) == (0, count)
