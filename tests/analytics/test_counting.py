"""Page views are counted without a database write, and stored per day by the flush."""

import datetime as dt
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cryptoflexs.analytics import counters
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import utc_today, views_flush
from cryptoflexs.analytics.tasks import views_flush_task
from cryptoflexs.articles.models import Article
from tests import factories

from .conftest import READER_UA

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def stored_views(article, day=None) -> int:
    row = ArticleViewDay.objects.filter(article=article, day=day or utc_today()).first()
    return row.views if row else 0


class CountingTests:
    def test_page_view_makes_no_database_write(self, views_backend, reader):
        article = factories.article()
        reader.get(article.get_absolute_url())  # warm per-process state (site settings row)
        with CaptureQueriesContext(connection) as ctx:
            response = reader.get(article.get_absolute_url())
        assert response.status_code == 200
        writes = [
            q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
        ]
        assert writes == []
        assert not ArticleViewDay.objects.exists()

        result = views_flush()

        assert stored_views(article) == 2
        assert (result.rows, result.views, result.dropped) == (1, 2, 0)

    def test_no_cookie_is_set_for_a_reader(self, views_backend, reader):
        article = factories.article()
        response = reader.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert not response.cookies
        # Counting does not touch the session, so the page stays cacheable for everyone.
        assert "Cookie" not in response.headers.get("Vary", "")

    @pytest.mark.parametrize(
        "user_agent",
        [
            "",
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1)",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0) Chrome-Lighthouse",
            "Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)",
            "curl/8.5.0",
            "Wget/1.21.3",
            "python-requests/2.32.3",
            "python-httpx/0.28.1",
            "Go-http-client/2.0",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "WhatsApp/2.23.20.0 A",
        ],
    )
    def test_bots_are_not_counted(self, views_backend, client, user_agent):
        article = factories.article()
        assert client.get(article.get_absolute_url(), HTTP_USER_AGENT=user_agent).status_code == 200
        views_flush()
        assert stored_views(article) == 0

    def test_a_phone_named_cubot_is_a_reader(self, views_backend, client):
        article = factories.article()
        ua = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 Chrome/120 Mobile"
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=ua)
        views_flush()
        assert stored_views(article) == 1

    @pytest.mark.parametrize(
        "headers",
        [
            {"HTTP_SEC_PURPOSE": "prefetch"},
            {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
            {"HTTP_PURPOSE": "prefetch"},
            {"HTTP_X_MOZ": "prefetch"},
            {"HTTP_X_PURPOSE": "preview"},
        ],
    )
    def test_prefetches_are_not_counted(self, views_backend, reader, headers):
        article = factories.article()
        assert reader.get(article.get_absolute_url(), **headers).status_code == 200
        views_flush()
        assert stored_views(article) == 0

    def test_head_requests_are_not_counted(self, views_backend, reader):
        article = factories.article()
        assert reader.head(article.get_absolute_url()).status_code == 200
        views_flush()
        assert stored_views(article) == 0

    def test_staff_are_not_counted(self, views_backend, reader, admin_user, django_user_model):
        article = factories.article()
        reader.force_login(admin_user)
        assert reader.get(article.get_absolute_url()).status_code == 200
        views_flush()
        assert stored_views(article) == 0

        reader.force_login(django_user_model.objects.create_user("someone", password="x"))
        reader.get(article.get_absolute_url())
        views_flush()
        assert stored_views(article) == 1

    def test_previews_and_missing_pages_are_not_counted(self, views_backend, reader, admin_user):
        draft = factories.article(status=Article.Status.DRAFT, published_at=None)
        reader.force_login(admin_user)
        assert reader.get(draft.get_absolute_url()).status_code == 200
        reader.logout()
        assert reader.get(draft.get_absolute_url()).status_code == 404
        views_flush()
        assert not ArticleViewDay.objects.exists()


class FlushTests:
    def test_flushes_add_up(self, views_backend, reader):
        article = factories.article()
        reader.get(article.get_absolute_url())
        views_flush()
        reader.get(article.get_absolute_url())
        reader.get(article.get_absolute_url())
        views_flush()
        assert stored_views(article) == 3
        assert views_flush().rows == 0  # nothing pending: nothing changes
        assert stored_views(article) == 3

    def test_counts_are_kept_per_utc_day(self, views_backend):
        article, other = factories.article(), factories.article()
        today = utc_today()
        yesterday = today - dt.timedelta(days=1)
        for day, article_id in [(yesterday, article.pk), (today, article.pk), (today, article.pk)]:
            views_backend.incr(article_id, day)
        views_backend.incr(other.pk, today)
        views_flush()
        assert stored_views(article, yesterday) == 1
        assert stored_views(article, today) == 2
        assert stored_views(other, today) == 1

    def test_the_day_is_the_utc_day(self, settings):
        settings.TIME_ZONE = "Pacific/Kiritimati"  # UTC+14: its date is often a day ahead
        assert utc_today() == dt.datetime.now(dt.UTC).date()

    def test_views_of_a_deleted_article_are_dropped(self, views_backend, reader):
        kept, deleted = factories.article(), factories.article()
        reader.get(kept.get_absolute_url())
        reader.get(deleted.get_absolute_url())
        deleted.delete()
        result = views_flush()
        assert (result.rows, result.views, result.dropped) == (1, 1, 1)
        assert stored_views(kept) == 1
        assert ArticleViewDay.objects.count() == 1

    def test_a_failed_flush_keeps_the_counts_for_a_later_one(self, views_backend, monkeypatch):
        article = factories.article()
        views_backend.incr(article.pk, utc_today())

        def broken(rows):
            raise RuntimeError("database went away")

        monkeypatch.setattr("cryptoflexs.analytics.services._add_views", broken)
        with pytest.raises(RuntimeError):
            views_flush()
        monkeypatch.undo()
        assert views_flush().views == 0  # the claim is fresh: left alone for now
        monkeypatch.setattr(counters, "STALE_CLAIM_SECONDS", -1)
        assert views_flush().views == 1
        assert stored_views(article) == 1

    def test_the_periodic_task_flushes(self, views_backend, reader):
        article = factories.article()
        reader.get(article.get_absolute_url())
        views_flush_task.call_local()
        assert stored_views(article) == 1


class RedisDownTests:
    def test_article_page_still_answers_and_a_warning_is_logged(self, settings, reader, caplog):
        settings.ANALYTICS_BUFFER_SECONDS = 0  # views go to the store on the request
        settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
        article = factories.article()
        with caplog.at_level(logging.WARNING, logger="cryptoflexs.analytics.counters"):
            first = reader.get(article.get_absolute_url())
            second = reader.get(article.get_absolute_url())
        assert (first.status_code, second.status_code) == (200, 200)
        warnings = [r for r in caplog.records if "not being counted" in r.getMessage()]
        assert len(warnings) == 1  # rate-limited: not one per page view

    def test_an_unwritable_views_directory_does_not_break_the_page(
        self, settings, reader, caplog, tmp_path
    ):
        blocker = tmp_path / "file"
        blocker.write_text("")
        settings.ANALYTICS_BUFFER_SECONDS = 0
        settings.REDIS_URL = ""
        settings.ANALYTICS_VIEWS_DIR = blocker / "views"  # a directory inside a file
        article = factories.article()
        with caplog.at_level(logging.WARNING, logger="cryptoflexs.analytics.counters"):
            assert reader.get(article.get_absolute_url()).status_code == 200
        assert any("not being counted" in r.getMessage() for r in caplog.records)


def test_reader_ua_counts(views_backend, client):
    """The user agent the other tests use is a reader's (guards the tests themselves)."""
    article = factories.article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA)
    views_flush()
    assert stored_views(article) == 1
