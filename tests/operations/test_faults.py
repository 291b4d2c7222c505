"""Faults survived, each with real processes: the server (`manage.py serve`) against a real
database, a PostgreSQL backend killed, a private Redis stopped, eight concurrent SQLite
writers. (Disk full on backup: test_backup.py.)"""

import re
import shutil
import sqlite3
import subprocess
import threading
import time

import httpx
import pytest
from django.db import connection

from tests import factories
from tests.operations.server import Server, free_port
from tests.processes import manage

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ("/", "/search/?q=bitcoin", "/feed/", "/api/articles")


@pytest.fixture
def content():
    article = factories.article("Bitcoin rallies past a round number")
    return [*PAGES, article.get_absolute_url()]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a PostgreSQL fault: runs in the scale-out pass"
)
def test_a_terminated_postgresql_connection_costs_no_request(server_env, tmp_path, content):
    url = server_env["DATABASE_URL"] + "?application_name=cf-fault-test"
    env = {**server_env, "DATABASE_URL": url, "PAGE_CACHE_SECONDS": "0"}

    def terminate() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = 'cf-fault-test'"
            )
            return cursor.fetchone()[0]

    with Server(env, tmp_path / "server.log", worker=False, workers=1, threads=2) as server:
        assert server.get("/").status_code == 200
        assert terminate() >= 1  # the persistent connection, idle between requests
        assert server.get("/").status_code == 200

        # Killed again while requests are running: whatever those got, the next one is fine.
        stop = threading.Event()

        def load():
            while not stop.is_set():
                server.get(content[len(content) // 2])

        threads = [threading.Thread(target=load) for _ in range(2)]
        for thread in threads:
            thread.start()
        try:
            assert terminate() >= 1
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        for path in content:
            assert server.get(path).status_code == 200, path
        assert server.get("/ready/").status_code == 200


class PrivateRedis:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path / "redis"
        self.dir.mkdir(exist_ok=True)
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if subprocess.run(["redis-cli", "-p", str(self.port), "ping"],
                              capture_output=True, text=True).stdout.strip() == "PONG":  # fmt: skip
                return
            time.sleep(0.05)  # waiting for the port to open
        raise RuntimeError("private redis-server did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (Debian: redis-server)")
    server = PrivateRedis(tmp_path)
    yield server
    if server.proc.poll() is None:
        server.stop()


def test_pages_answer_while_redis_is_down_and_ready_says_so(server_env, tmp_path, redis, content):
    env = {**server_env, "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0"}
    with Server(env, tmp_path / "server.log", worker=False, workers=1, threads=4) as server:
        for path in content:
            assert server.get(path).status_code == 200, path
        assert server.get("/ready/").status_code == 200

        redis.stop()
        for path in content:
            assert server.get(path).status_code == 200, path
        ready = server.get("/ready/")
        assert ready.status_code == 503
        assert set(ready.json()["failing"]) == {"cache", "queue"}

        redis.start()
        deadline = time.monotonic() + 15
        while server.get("/ready/").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)  # the connection pool reconnects on its next use
        assert server.get("/ready/").status_code == 200


WRITERS, POSTS_EACH = 8, 15


def test_eight_concurrent_sqlite_writers_never_see_a_locked_database(server_env, tmp_path):
    """On a file database of its own (WAL), whichever database the suite runs on."""
    env = {k: v for k, v in server_env.items() if k != "DATABASE_URL"}
    env.update(SQLITE_PATH=str(tmp_path / "writers.sqlite3"), ANTISPAM_MIN_FILL_SECONDS="0",
               ANTISPAM_RATE_LIMIT="0/60", PAGE_CACHE_SECONDS="0")  # fmt: skip
    assert manage(env, "migrate", "--noinput", timeout=180).returncode == 0
    statuses: list[int] = []
    lock = threading.Lock()

    with Server(env, tmp_path / "server.log", workers=2, threads=4) as server:

        def writer(n: int):
            with httpx.Client(base_url=server.url, timeout=30) as http:
                form = http.get("/contact/").text
                fields = dict(
                    re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', form)
                )
                for i in range(POSTS_EACH):
                    response = http.post("/contact/", data={
                        **fields, "name": f"Writer {n}", "email": f"w{n}@example.com",
                        "subject": f"Post {i}", "message": f"Concurrent write number {i}.",
                    })  # fmt: skip
                    with lock:
                        statuses.append(response.status_code)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    log = (tmp_path / "server.log").read_text()
    assert "database is locked" not in log
    assert set(statuses) == {302}
    assert len(statuses) == WRITERS * POSTS_EACH
    db = sqlite3.connect(tmp_path / "writers.sqlite3")
    assert db.execute("SELECT count(*) FROM submissions_contactmessage").fetchone()[0] == (
        WRITERS * POSTS_EACH
    )
