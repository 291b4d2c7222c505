"""The admin's ingestion-health pages."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from cryptoflexs.ingest.models import FetchLog, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="pw-root-123456"))
    return client


@pytest.fixture
def source():
    source = Source.objects.create(name="Block Wire", feed_url="https://wire.example/feed")
    now = timezone.now()
    # Two days ago: 3 fetches, 1 failed; yesterday: 2 good ones; today: 1 failure.
    for days, outcome, entries, reason in [
        (2, "ok", 10, ""), (2, "not_modified", 0, ""), (2, "failed", 0, "HTTP 503 from origin"),
        (1, "ok", 7, ""), (1, "ok", 5, ""),
        (0, "failed", 0, "Feed is not XML: unexpected end of data"),
    ]:  # fmt: skip
        FetchLog.objects.create(
            source=source, started_at=now - dt.timedelta(days=days, minutes=5),
            outcome=outcome, entries=entries, reason=reason,
            http_status=503 if "503" in reason else 200,
        )  # fmt: skip
    return source


class IngestHealthPageTests:
    def test_overview_lists_sources_with_their_success_rate(
        self, admin_client, source, django_assert_max_num_queries
    ):
        Source.objects.create(name="Quiet Feed", feed_url="https://quiet.example/feed")
        with django_assert_max_num_queries(8):
            page = admin_client.get("/admin/operations/sourcehealth/")
        assert page.status_code == 200
        assert "Block Wire" in page.text
        assert "66.7 %" in page.text  # 4 of 6 fetches succeeded
        assert "Quiet Feed" in page.text

    def test_source_page_charts_rate_and_entries_and_shows_errors(self, admin_client, source):
        page = admin_client.get(f"/admin/operations/sourcehealth/{source.pk}/change/")
        assert page.status_code == 200
        text = page.text
        assert text.count('<svg class="views-chart"') == 2
        # One bar per day; the entries chart has bars of 10 and 12 entries.
        assert len(re.findall(r'<rect class="views-chart__bar"', text)) == 60
        assert re.search(r"<title>[^<]*: 12</title></rect>", text)
        assert re.search(r"<title>[^<]*: 67 %</title></rect>", text)  # 2 of 3 two days ago
        assert "HTTP 503 from origin" in text
        assert "Feed is not XML: unexpected end of data" in text
        assert text.index("Feed is not XML") < text.index("HTTP 503 from origin")  # newest first

    def test_staff_without_the_permission_are_refused(self, client, source):
        client.force_login(User.objects.create_user("ed", password="pw-ed-123456", is_staff=True))
        assert client.get("/admin/operations/sourcehealth/").status_code == 403
