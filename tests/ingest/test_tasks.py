"""Periodic ingestion and the claim that keeps two fetches of one source apart."""

import datetime as dt
import subprocess
import sys

import pytest
from django.utils import timezone

from cryptoflexs.ingest.models import Source
from cryptoflexs.ingest.services import source_claim, source_ingest, worker_id
from cryptoflexs.ingest.tasks import source_ingest_task, sources_ingest_due_task

from .conftest import fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db


class ClaimTests:
    def test_one_claim_wins(self):
        source = make_source("https://a.example/feed")
        assert source_claim(source_id=source.pk, holder="host-a:1")
        assert not source_claim(source_id=source.pk, holder="host-b:2")

    def test_an_expired_lease_can_be_taken(self, settings):
        source = make_source("https://a.example/feed")
        now = timezone.now()
        assert source_claim(source_id=source.pk, holder="elsewhere:1", now=now)
        later = now + dt.timedelta(seconds=settings.INGEST_LEASE_SECONDS + 1)
        assert source_claim(source_id=source.pk, holder="elsewhere:2", now=later)

    def test_a_dead_local_holder_releases_at_once(self):
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        host = worker_id().rpartition(":")[0]
        source = make_source("https://a.example/feed")
        assert source_claim(source_id=source.pk, holder=f"{host}:{dead.stdout.strip()}")
        assert source_claim(source_id=source.pk)

    def test_a_live_holder_keeps_it(self):
        source = make_source("https://a.example/feed")
        assert source_claim(source_id=source.pk)  # this very process
        assert not source_claim(source_id=source.pk, holder="other:1")

    def test_a_busy_source_is_not_fetched(self, httpserver, private_ok):
        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        source_claim(source_id=source.pk, holder="other-host:1")
        assert source_ingest(source=source).outcome == "busy"
        assert len(httpserver.log) == 0


class PeriodicTests:
    def test_sweep_fetches_due_sources_only(self, httpserver, private_ok):
        due = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")), name="Due")
        later = make_source(
            serve(httpserver, "/b", fixture_bytes("outlet-b.atom")),
            name="Later",
            next_fetch_at=timezone.now() + dt.timedelta(hours=1),
        )
        inactive = make_source(f"http://127.0.0.1:{httpserver.port}/c", name="Off", active=False)
        sources_ingest_due_task()  # tasks run inline in the test settings
        paths = [entry[0].path for entry in httpserver.log]
        assert paths == ["/a"]
        for source in (due, later, inactive):
            source.refresh_from_db()
        assert due.last_outcome == "ok"
        assert later.last_fetch_at is None
        assert inactive.last_fetch_at is None

    def test_a_task_queued_twice_fetches_once(self, httpserver, private_ok):
        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        source_ingest_task(source.pk)
        source_ingest_task(source.pk)  # no longer due
        assert len(httpserver.log) == 1
        assert Source.objects.get().articles_created == 3
