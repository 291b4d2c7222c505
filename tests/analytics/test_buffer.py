"""Views wait in the web process's memory and reach the shared counter in batches."""

import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from cryptoflexs.analytics import buffer, counters
from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.analytics.services import utc_today, views_flush
from tests import factories, processes

from .conftest import READER_UA

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.mark.parametrize("server", ["gunicorn", "granian"])
@pytest.mark.django_db(transaction=True)
def test_a_server_stopped_cleanly_hands_its_waiting_views_over(server, tmp_path, static_root):
    """A real `manage.py serve` process: views waiting in its workers' memory reach the
    counter when it stops on SIGTERM (a restart or a deploy loses none)."""
    article = factories.article()
    env = processes.child_env(tmp_path)
    env.update(STATIC_ROOT=str(static_root), ANALYTICS_BUFFER_SECONDS="3600", WEB_WORKERS="1",
               ANALYTICS_VIEWS_DIR=str(tmp_path / "views"), PAGE_CACHE_SECONDS="300")  # fmt: skip
    if not (static_root / "staticfiles.json").exists():
        assert processes.manage(env, "collectstatic", "--noinput", "-v0").returncode == 0
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(processes.ROOT / "manage.py"), "serve", "--no-worker",
         "--server", server, "--port", str(port)],
        env=env, cwd=processes.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until it listens (/health/ counts no view)
            try:
                urllib.request.urlopen(f"{base}/health/", timeout=30)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.1)
        url = base + article.get_absolute_url()
        for _ in range(3):  # a miss, then page-cache hits
            request = urllib.request.Request(url, headers={"User-Agent": READER_UA})  # noqa: S310
            assert urllib.request.urlopen(request, timeout=60).status == 200  # noqa: S310
        assert not list((tmp_path / "views").glob("*.views"))  # still in memory
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    counter = counters.FileCounter(tmp_path / "views")
    assert pending(counter) == {(article.pk, utc_today()): 3}
