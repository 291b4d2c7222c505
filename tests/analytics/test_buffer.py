"""Views wait in the web process's memory and reach the shared counter in batches."""

import time

import pytest

from cryptoflexs.analytics import buffer
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import views_flush
from tests import factories

from .conftest import READER_UA

pytestmark = pytest.mark.django_db


def pending(counter) -> dict:
    with counter.drain() as counts:
        return dict(counts)


def test_views_reach_the_counter_in_one_batch_not_one_write_per_view(views_backend, client):
    article = factories.article()
    for _ in range(3):
        assert client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA).status_code == 200
    assert pending(views_backend) == {}  # nothing written while answering
    assert buffer.flush()
    assert list(pending(views_backend).values()) == [3]


def test_views_flush_takes_the_waiting_views_of_its_own_process(views_backend, client):
    article = factories.article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA)
    assert views_flush().views == 2
    assert ArticleViewDay.objects.get(article=article).views == 2


def test_counts_wait_for_a_store_that_was_down(settings, client, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    settings.REDIS_URL = ""
    settings.ANALYTICS_VIEWS_DIR = blocker / "views"  # a directory inside a file
    article = factories.article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA)
    assert not buffer.flush()  # kept
    settings.ANALYTICS_VIEWS_DIR = tmp_path / "views"
    from cryptoflexs.analytics import counters

    counters._paused_until = 0.0  # the pause after a failure is over
    assert views_flush().views == 1


def test_the_buffer_thread_hands_views_over_by_itself(views_backend, settings, client):
    settings.ANALYTICS_BUFFER_SECONDS = 0.1
    article = factories.article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=READER_UA)
    deadline = time.monotonic() + 10
    found = {}
    while not found and time.monotonic() < deadline:
        found = pending(views_backend)
        time.sleep(0.05)
    assert list(found.values()) == [1]
