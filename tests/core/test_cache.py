import datetime as dt
import logging

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.core.cache import ResilientRedisCache
from cryptoflexs.core.models import SiteSettings
from cryptoflexs.editorial import services
from tests import factories

pytestmark = pytest.mark.django_db

DEAD_REDIS = {
    "default": {
        "BACKEND": "cryptoflexs.core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    SiteSettings.load()  # created on first use, which is itself a content change


class PageCacheTests:
    def test_second_anonymous_request_is_served_from_cache(self, client, page_cache):
        factories.article("First story")
        assert client.get("/")["X-Cache"] == "miss"
        response = client.get("/")
        assert response["X-Cache"] == "hit"
        assert b"First story" in response.content

    def test_publishing_editing_and_unpublishing_show_at_once_everywhere(
        self, client, page_cache, editor
    ):
        category = factories.category("Markets")
        tag = factories.tag("Solana")
        writer = factories.author("Wendy")
        story = factories.article(
            "Solana hits a record", status=Article.Status.DRAFT, published_at=None,
            category=category, tags=[tag], author=writer,
        )  # fmt: skip
        pages = [
            "/",
            category.get_absolute_url(),
            tag.get_absolute_url(),
            writer.get_absolute_url(),
        ]
        for url in pages:
            assert b"Solana hits a record" not in client.get(url).content
            assert client.get(url)["X-Cache"] == "hit"
        services.article_transition(article=story, to=Article.Status.PUBLISHED, by=editor)
        for url in pages:
            assert b"Solana hits a record" in client.get(url).content, url
        story.title = "Solana hits an all-time high"
        story.save()
        for url in pages:
            assert b"Solana hits an all-time high" in client.get(url).content, url
        services.article_transition(article=story, to=Article.Status.UNPUBLISHED, by=editor)
        for url in pages:
            assert b"Solana hits an all-time high" not in client.get(url).content, url

    def test_scheduled_publication_invalidates_too(
        self, client, page_cache, editor, django_capture_on_commit_callbacks
    ):
        story = factories.article(
            "Scheduled scoop", status=Article.Status.DRAFT,
            published_at=timezone.now() + dt.timedelta(minutes=1),
        )  # fmt: skip
        services.article_transition(article=story, to=Article.Status.SCHEDULED, by=editor)
        # Time passes (no signal: update() is what the scheduler itself uses).
        Article.objects.filter(pk=story.pk).update(published_at=timezone.now())
        assert b"Scheduled scoop" not in client.get("/").content
        assert client.get("/")["X-Cache"] == "hit"
        with django_capture_on_commit_callbacks(execute=True):
            assert services.articles_publish_due() == 1
        assert b"Scheduled scoop" in client.get("/").content

    def test_editors_with_a_session_are_never_served_cached_pages(self, admin_client, page_cache):
        factories.article()
        admin_client.get("/")
        assert "X-Cache" not in admin_client.get("/")


class RedisOutageTests:
    def test_pages_answer_200_when_redis_is_down_and_a_warning_is_logged(
        self, client, settings, caplog
    ):
        settings.PAGE_CACHE_SECONDS = 300
        factories.article("Still readable")
        ResilientRedisCache._last_warning = 0.0
        with override_settings(CACHES=DEAD_REDIS), caplog.at_level(logging.WARNING):
            caches._settings = None  # let the handler see the overridden CACHES
            for url in ("/", Article.objects.get().get_absolute_url()):
                response = client.get(url)
                assert response.status_code == 200, url
                assert b"Still readable" in response.content
        assert "Redis cache unavailable" in caplog.text

    def test_recovers_when_redis_returns(self):
        backend = ResilientRedisCache(
            "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
        )
        assert backend.get("k", "fallback") == "fallback"
        assert backend.set("k", "v") is None
        # The same class against the real Redis works again with no restart.
        live = ResilientRedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "recover-test"})
        live.set("k", "v", 30)
        assert live.get("k") == "v"
        live.delete("k")


def test_deferred_changes_bump_the_version_once_at_the_end(page_cache):
    from cryptoflexs.core.cache import content_changes_deferred, content_version

    before = content_version()
    with content_changes_deferred():
        for _ in range(3):
            factories.article()
        with content_changes_deferred():
            factories.article()
        assert content_version() == before  # nothing stale until the import is done
    after = content_version()
    assert after != before
    with content_changes_deferred():
        pass
    assert content_version() == after  # no change, no bump
