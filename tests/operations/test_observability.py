"""Request ids, JSON logs, /ready/ and /metrics."""

import datetime as dt
import json
import logging
import re
import time

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from cryptoflexs.core.logs import JsonFormatter
from cryptoflexs.ingest.models import FetchLog, Source
from tests.operations.server import Server, free_port

pytestmark = pytest.mark.django_db


class RequestIdTests:
    def test_every_response_has_a_fresh_id(self, client):
        first, second = client.get("/health/"), client.get("/health/")
        assert re.fullmatch(r"[0-9a-f]{32}", first["X-Request-ID"])
        assert first["X-Request-ID"] != second["X-Request-ID"]

    def test_incoming_id_only_from_a_configured_header(self, client, settings):
        assert client.get("/health/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] != "abc-123"
        settings.REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
        assert client.get("/health/", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
        forged = client.get("/health/", HTTP_X_REQUEST_ID='x" level="ERROR')["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", forged)

    def test_json_lines_carry_the_fields(self):
        record = logging.makeLogRecord(
            {"name": "t", "levelno": 30, "levelname": "WARNING", "msg": "hello %s",
             "args": ("you",), "request_id": "r1", "source": "coindesk"}
        )  # fmt: skip
        line = json.loads(JsonFormatter().format(record))
        assert line["message"] == "hello you"
        assert line["request_id"] == "r1"
        assert line["source"] == "coindesk"
        assert line["level"] == "WARNING"


class ReadyTests:
    def test_ready_reports_every_part(self, client):
        response = client.get("/ready/")
        body = response.json()
        assert set(body["checks"]) >= {"database", "cache", "queue", "ingest"}
        assert response.status_code == 200
        assert body["failing"] == []
        assert "pending" in body["checks"]["queue"]

    def test_a_down_cache_is_named_with_503(self, client, settings):
        settings.CACHES = {
            "default": {
                "BACKEND": "cryptoflexs.core.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
        response = client.get("/ready/")
        assert response.status_code == 503
        assert response.json()["failing"] == ["cache"]
        assert client.get("/health/").status_code == 200  # liveness is not readiness

    def test_stale_ingest_warns_without_failing(self, client, settings):
        settings.READY_MAX_INGEST_AGE_SECONDS = 3600
        Source.objects.create(
            name="Old", feed_url="https://old.example/feed",
            last_success_at=timezone.now() - dt.timedelta(hours=5),
        )  # fmt: skip
        response = client.get("/ready/")
        assert response.status_code == 200
        ingest = response.json()["checks"]["ingest"]
        assert ingest["status"] == "warn"
        assert ingest["age_seconds"] > 3600


class MetricsTests:
    def test_off_by_default_and_limited_to_the_allow_list(self, client, settings):
        assert client.get("/metrics").status_code == 404
        settings.METRICS_ENABLED = True
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
        settings.METRICS_ALLOWED_IPS = ["203.0.113.0/24"]
        assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 200

    def test_requests_tasks_and_ingest_are_counted(self, client, settings):
        settings.METRICS_ENABLED = True
        source = Source.objects.create(name="Chain News", feed_url="https://c.example/f")
        Source.objects.filter(pk=source.pk).update(entries_seen=42)
        FetchLog.objects.create(source=source, outcome="failed", reason="HTTP 500")
        FetchLog.objects.create(source=source, outcome="ok", entries=42)
        for _ in range(3):
            client.get("/health/")
        from cryptoflexs.operations.tasks import queue_heartbeat_task

        queue_heartbeat_task()  # enqueued and, in the tests, run at once
        Client().get("/")  # the home page: another view
        text = client.get("/metrics").text

        def value(pattern):
            match = re.search(pattern + r" ([0-9.e+]+)$", text, re.MULTILINE)
            assert match, pattern
            return float(match.group(1))

        assert (
            value(
                r'cryptoflexs_http_requests_total\{method="GET",status="200",view="core:health"\}'
            )
            >= 3
        )
        assert value(r'cryptoflexs_http_request_duration_seconds_count\{view="core:health"\}') >= 3
        assert value(r'cryptoflexs_ingest_entries_seen_total\{source="Chain News"\}') == 42
        assert value(r'cryptoflexs_ingest_failures_24h\{source="Chain News"\}') == 1
        assert value(r'cryptoflexs_ingest_fetches_24h\{source="Chain News"\}') == 2
        assert 'view="articles:home"' in text
        assert (
            value(r'cryptoflexs_tasks_total\{outcome="complete",task="queue_heartbeat_task"\}') == 1
        )


def is_json(line: str) -> bool:
    return line.startswith("{")  # gunicorn's own lines are plain text


@pytest.mark.django_db(transaction=True)  # the server's processes share the database
def test_a_task_enqueued_by_a_request_logs_that_request_id(tmp_path, server_env):
    """Real processes: gunicorn and a consumer; the request's id is in the task's log lines."""
    env = server_env
    env.update(ANTISPAM_MIN_FILL_SECONDS="0", REQUEST_ID_HEADER="HTTP_X_REQUEST_ID",
               LOG_FORMAT="json", EDITORS_EMAIL="desk@example.com")  # fmt: skip
    log = tmp_path / "server.log"
    with Server(env, log) as server, httpx.Client(base_url=server.url, timeout=10) as http:
        form = http.get("/contact/").text
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', form))
        response = http.post(
            "/contact/",
            data={**fields, "name": "Ann", "email": "ann@example.com", "subject": "Hello",
                  "message": "A question about your coverage."},
            headers={"X-Request-ID": "trace-contact-0001"},
        )  # fmt: skip
        assert response.status_code == 302, response.text[:2000]
        assert response.headers["X-Request-ID"] == "trace-contact-0001"
        deadline = time.monotonic() + 30
        task_lines = []
        while time.monotonic() < deadline and not any(
            "executed in" in line["message"] for line in task_lines
        ):
            task_lines = [
                entry
                for entry in map(json.loads, filter(is_json, log.read_text().splitlines()))
                if entry["logger"] == "huey" and "contact_message_notify_task" in entry["message"]
            ]
            time.sleep(0.2)  # the consumer's log file is the only signal there is
    assert task_lines, log.read_text()[-3000:]
    assert {line["request_id"] for line in task_lines} == {"trace-contact-0001"}
    assert any("executed in" in line["message"] for line in task_lines)
