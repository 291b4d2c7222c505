"""Killing an ingest run at any moment and running it again: nothing lost, nothing doubled."""

import os
import signal
import subprocess
import sys
import time

import pytest

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial.models import ArticleTransition
from cryptoflexs.ingest.models import IngestedEntry, Source
from tests.processes import ROOT, child_env, manage

from .conftest import make_source
from .feedgen import feed_bytes

pytestmark = pytest.mark.django_db(transaction=True)
ENTRIES = 1500


def test_kill_9_mid_run_then_rerun_leaves_no_duplicate_and_no_half_article(tmp_path, httpserver):
    httpserver.expect_request("/big").respond_with_data(
        feed_bytes(outlet="bulk", n=ENTRIES), content_type="application/rss+xml"
    )
    source = make_source(f"http://127.0.0.1:{httpserver.port}/big", name="Bulk", auto_publish=True)
    env = child_env(tmp_path)
    env.update(INGEST_ALLOW_PRIVATE_NETWORKS="true", INGEST_MAX_ENTRIES=str(ENTRIES))
    child = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "ingest",
            "--source",
            str(source.pk),
            "--no-progress",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while IngestedEntry.objects.count() < 50:
            assert child.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no entries stored within a minute"
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    stored_when_killed = IngestedEntry.objects.count()
    assert 50 <= stored_when_killed < ENTRIES, "killed part-way"
    source.refresh_from_db()
    assert source.etag == ""
    assert source.last_success_at is None
    assert source.fetching_by.endswith(f":{child.pid}")  # the dead run's lease is still there

    # The re-run takes over the dead process's lease at once and finishes the feed.
    result = manage(env, "ingest", "--source", str(source.pk), "--no-progress", timeout=120)
    assert result.returncode == 0, result.stderr
    assert f"new {ENTRIES - stored_when_killed}, duplicates {stored_when_killed}" in result.stdout

    assert IngestedEntry.objects.count() == Article.objects.count() == ENTRIES
    assert not IngestedEntry.objects.filter(article__isnull=True).exists()
    assert not Article.objects.filter(ingested_entry__isnull=True).exists()
    assert ArticleTransition.objects.count() == ENTRIES
    assert Article.objects.values("source_url").distinct().count() == ENTRIES
    source.refresh_from_db()
    assert source.last_outcome == Source.Outcome.OK
    assert source.fetching_until is None
