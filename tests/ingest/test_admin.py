import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from cryptoflexs.ingest.models import Source

from .conftest import fixture_bytes, make_source, serve

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", password="x"))
    return client


class SourceAdminTests:
    def test_list_shows_fetch_status_and_counts(self, admin_client, httpserver, private_ok):
        good = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")), name="Good")
        bad = make_source(f"http://127.0.0.1:{httpserver.port}/missing", name="Missing")
        admin_client.post(
            reverse("admin:ingest_source_changelist"),
            {"action": "fetch_now", "_selected_action": [good.pk, bad.pk]},
            follow=True,
        )
        page = admin_client.get(reverse("admin:ingest_source_changelist")).content.decode()
        assert "HTTP 500" in page or "HTTP 404" in page  # the last error with its reason
        good.refresh_from_db()
        assert good.articles_created == 3
        assert good.last_success_at is not None
        for column in ("Last fetch at", "Last success at", "Last error", "Next fetch at"):
            assert column in page

    def test_change_page_renders_with_fetch_history(self, admin_client, httpserver, private_ok):
        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        admin_client.post(
            reverse("admin:ingest_source_changelist"),
            {"action": "fetch_now", "_selected_action": [source.pk]},
        )
        page = admin_client.get(reverse("admin:ingest_source_change", args=[source.pk]))
        assert page.status_code == 200
        assert "Fetch logs" in page.content.decode() or "fetch log" in page.content.decode()

    def test_add_a_source(self, admin_client):
        response = admin_client.post(
            reverse("admin:ingest_source_add"),
            {
                "name": "Outlet",
                "feed_url": "https://outlet.example/feed",
                "mode": "excerpt",
                "poll_interval": 15,
                "active": "on",
                "next_fetch_at_0": "2026-03-03",
                "next_fetch_at_1": "10:00:00",
                "fetches-TOTAL_FORMS": 0,
                "fetches-INITIAL_FORMS": 0,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Source.objects.get().poll_interval == 15


class ClassifierAdminTests:
    def test_entries_show_the_prediction_and_feed_labels_are_editable(
        self, admin_client, httpserver, private_ok
    ):
        from cryptoflexs.ingest.services import source_ingest

        source = make_source(serve(httpserver, "/a", fixture_bytes("outlet-a.rss")))
        source_ingest(source=source)
        page = admin_client.get(reverse("admin:ingest_ingestedentry_changelist"))
        assert "Predicted category" in page.content.decode()
        corrected = admin_client.get(
            reverse("admin:ingest_ingestedentry_changelist") + "?corrected=yes"
        )
        assert corrected.context["cl"].result_count == 0
        response = admin_client.post(
            reverse("admin:ingest_feedcategory_add"), {"label": " Bitcoin  News ", "category": ""}
        )
        assert response.status_code == 302
        from cryptoflexs.ingest.models import FeedCategory

        assert FeedCategory.objects.get().label == "bitcoin news"
