"""Redis down (issue #15, item 2): a public post still answers normally and stores exactly
one row; once Redis is back, the periodic sweep sends the pending notification, once.

The task queue and the cache run on a private `redis-server` that the test stops and
starts; the editors' and readers' mail goes to a real SMTP server on loopback.
"""

import datetime as dt
import email

import pytest
import redis
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from cryptoflexs.directory.models import Listing
from cryptoflexs.newsletter.models import Subscriber
from cryptoflexs.submissions.models import ContactMessage, Submission
from tests.directory.test_directory import listing_data
from tests.submissions.test_contact import contact_data
from tests.submissions.test_submit import submit_data

# Committed for real: the after-commit enqueue runs as in production, and the tasks run by
# the test close and reopen the database connection as a worker does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queue_on_private_redis(redis_process, settings):
    """Point the task queue and the cache at the private Redis, as the scale-out mode does."""
    settings.CACHES = {
        "default": {
            "BACKEND": "cryptoflexs.core.cache.ResilientRedisCache",
            "LOCATION": redis_process.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.EDITORS_EMAIL = ["desk@cryptoflexs.example"]
    saved = HUEY.storage, HUEY._immediate
    HUEY._immediate = False
    pool = redis.ConnectionPool.from_url(redis_process.url, socket_connect_timeout=0.5)
    HUEY.storage = RedisStorage(HUEY.name, connection_pool=pool, blocking=False)
    yield redis_process
    HUEY.storage, HUEY._immediate = saved


def sweep_and_run_queue() -> None:
    """Run the pending sweep as the scheduler would, then every queued task, as a worker."""
    from cryptoflexs.core.enqueue import pending_sweep

    # The sweep leaves fresh rows to their own after-commit enqueue for a few minutes; this
    # one is past that.
    pending_sweep(now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)


FORMS = {
    "submit": ("/submit/", submit_data, Submission, "desk@cryptoflexs.example"),
    "contact": ("/contact/", contact_data, ContactMessage, "desk@cryptoflexs.example"),
    "directory": ("/directory/submit/", listing_data, Listing, "desk@cryptoflexs.example"),
}


class RedisDownTests:
    @pytest.mark.parametrize("form", FORMS)
    def test_post_is_kept_and_notified_once_redis_returns(
        self, form, client, queue_on_private_redis, smtp_server
    ):
        url, data, model, recipient = FORMS[form]
        before = model.objects.count()
        queue_on_private_redis.stop()
        response = client.post(url, data())
        assert response.status_code == 302, response.content[:300]
        assert model.objects.count() == before + 1
        assert smtp_server.messages == []

        queue_on_private_redis.start()
        sweep_and_run_queue()
        (envelope,) = smtp_server.messages
        assert envelope.rcpt_tos == [recipient]
        sweep_and_run_queue()
        assert len(smtp_server.messages) == 1
        assert model.objects.count() == before + 1

    def test_newsletter_sign_up_is_not_lost(self, client, queue_on_private_redis, smtp_server):
        queue_on_private_redis.stop()
        response = client.post("/newsletter/", {"email": "Late@Example.org", "frequency": "weekly"})
        assert response.status_code == 302
        assert response["Location"] == "/newsletter/check-your-inbox/"
        assert smtp_server.messages == []

        queue_on_private_redis.start()
        sweep_and_run_queue()
        sweep_and_run_queue()
        (envelope,) = smtp_server.messages
        assert envelope.rcpt_tos == ["late@example.org"]
        body = email.message_from_bytes(envelope.content).get_payload(decode=True).decode()
        confirm = body.split("/newsletter/confirm/", 1)[1].split()[0]
        assert client.post(f"/newsletter/confirm/{confirm}").status_code == 200
        assert Subscriber.objects.get().email == "late@example.org"

    def test_a_working_queue_sends_at_once_and_the_sweep_adds_nothing(
        self, client, queue_on_private_redis, smtp_server
    ):
        client.post("/contact/", contact_data())
        while (task := HUEY.dequeue()) is not None:
            HUEY.execute(task)
        assert len(smtp_server.messages) == 1
        sweep_and_run_queue()
        assert len(smtp_server.messages) == 1
