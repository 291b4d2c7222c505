"""Scheduled publication through a real Huey consumer (separate processes, real queue)."""

import datetime as dt
import time

import pytest
import redis
from django.contrib.auth.models import User

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial.models import ArticleTransition
from tests import factories
from tests.processes import REDIS_FOR_QUEUES, child_env, manage, start_consumer, stop

pytestmark = pytest.mark.django_db(transaction=True)

# Run in a separate process, as the web process would: the time is taken there, so a
# slow process start cannot make "two seconds ahead" already past.
SCHEDULE = (
    "import datetime as dt; from django.utils import timezone; "
    "from django.contrib.auth.models import User; "
    "from cryptoflexs.articles.models import Article; "
    "from cryptoflexs.editorial.services import article_transition; "
    "a = Article.objects.get(pk={pk}); a.published_at = timezone.now() + dt.timedelta(seconds=2); "
    "a.save(update_fields=['published_at']); "
    "article_transition(article=a, to='scheduled', by=User.objects.get(pk={user}))"
)


def schedule_in_two_seconds(env):
    editor = User.objects.create_superuser("sched-editor", password="x")
    article = factories.article(status=Article.Status.DRAFT, published_at=None)
    result = manage(env, "shell", "-c", SCHEDULE.format(pk=article.pk, user=editor.pk))
    assert result.returncode == 0, result.stderr
    # On a loaded machine the consumer may already have published it: the scheduling itself
    # is what this checks.
    assert ArticleTransition.objects.filter(
        article=article, to_status=Article.Status.SCHEDULED
    ).exists()
    article.refresh_from_db()
    return article


def wait_until_published(article, timeout=60.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        article.refresh_from_db()
        if article.status == Article.Status.PUBLISHED:
            return time.monotonic()
        time.sleep(0.2)
    pytest.fail(f"article still {article.status} after {timeout} s")


def test_consumer_publishes_an_article_scheduled_two_seconds_ahead(tmp_path):
    env = child_env(tmp_path)
    consumer = start_consumer(env, tmp_path / "consumer.log")
    try:
        article = schedule_in_two_seconds(env)
        wait_until_published(article)
    finally:
        stop(consumer)
    assert article.is_live
    transition = ArticleTransition.objects.get(article=article, to_status=Article.Status.PUBLISHED)
    assert transition.by is None  # the scheduler, not a person
    lateness = transition.at - article.published_at
    # Well within the minute the issue allows, even on a loaded machine.
    assert lateness < dt.timedelta(seconds=60), (tmp_path / "consumer.log").read_text()


def test_two_consumers_on_redis_publish_exactly_once(tmp_path):
    redis.Redis.from_url(REDIS_FOR_QUEUES).ping()  # fails, not skips, without Redis
    env = child_env(tmp_path, redis=True)
    consumers = [
        start_consumer(env, tmp_path / "consumer-1.log"),
        start_consumer(env, tmp_path / "consumer-2.log"),
    ]
    try:
        article = schedule_in_two_seconds(env)
        wait_until_published(article)
        # Both consumers also run the every-minute sweep; let a sweep pass if one is near.
        time.sleep(1.5)
        for proc in consumers:
            assert proc.poll() is None, "a consumer died"
    finally:
        for proc in consumers:
            stop(proc)
        client = redis.Redis.from_url(REDIS_FOR_QUEUES)
        for key in client.scan_iter(f"*{env['HUEY_NAME']}*"):
            client.delete(key)
    published = ArticleTransition.objects.filter(
        article=article, to_status=Article.Status.PUBLISHED
    )
    assert published.count() == 1
