"""DIRECTORY through HTTP: browsing by type, search, pagination, listing pages with their
news, public suggestions that appear only once approved, and the page cache."""

import datetime as dt
import email

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cryptoflexs.core.models import SiteSettings
from cryptoflexs.directory.models import Listing
from tests import factories
from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db


def listing(name, kind="exchange", status=Listing.Status.APPROVED, **fields) -> Listing:
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    fields.setdefault("website", f"https://{fields['slug']}.example")
    fields.setdefault("description", f"{name} is a crypto {kind}.")
    return Listing.objects.create(name=name, kind=kind, status=status, **fields)


def listing_data(**fields) -> dict:
    fields.setdefault("name", "Nova Wallet")
    fields.setdefault("kind", "wallet")
    fields.setdefault("website", "https://nova.example")
    fields.setdefault("description", "A self-custody wallet for phones.")
    fields.setdefault("coins", "BTC, ETH")
    fields.setdefault("submitter_name", "Nova Team")
    fields.setdefault("submitter_email", "team@nova.example")
    return form_data(**fields)


class BrowseTests:
    def test_only_approved_listings_by_type_and_search(self, client):
        listing("Alpha Exchange")
        listing("Beta Wallet", kind="wallet", coins="BTC, LTC")
        listing("Pending Exchange", status=Listing.Status.PENDING)
        listing("Rejected Exchange", status=Listing.Status.REJECTED)
        html = client.get("/directory/").content.decode()
        assert "Alpha Exchange" in html
        assert "Beta Wallet" in html
        assert "Pending Exchange" not in html
        assert "Rejected Exchange" not in html
        wallets = client.get("/directory/?type=wallet").content.decode()
        assert "Beta Wallet" in wallets
        assert "Alpha Exchange" not in wallets
        assert "Crypto Directory: Wallets" in wallets
        found = client.get("/directory/?q=ltc").content.decode()
        assert "Beta Wallet" in found
        assert "Alpha Exchange" not in found
        assert "1 listing" in found
        nothing = client.get("/directory/?q=zzz&type=nonsense").content.decode()
        assert "No listings match “zzz”" in nothing

    def test_pagination_keeps_the_filters(self, client, settings):
        settings.DIRECTORY_PER_PAGE = 2
        for i in range(5):
            listing(f"Wallet {i}", kind="wallet")
        html = client.get("/directory/?type=wallet").content.decode()
        assert "Page 1 of 3" in html
        assert 'href="?type=wallet&amp;page=2"' in html
        page3 = client.get("/directory/?type=wallet&page=3").content.decode()
        assert "Wallet 4" in page3
        assert "Wallet 0" not in page3
        assert client.get("/directory/?page=99").status_code == 200

    def test_list_query_count_does_not_grow(self, client):
        for i in range(3):
            listing(f"Exchange {i}")
        client.get("/directory/")
        with CaptureQueriesContext(connection) as few:
            client.get("/directory/")
        for i in range(3, 15):
            listing(f"Exchange {i}")
        client.get("/directory/")  # the cached menu and sidebar, made again
        with CaptureQueriesContext(connection) as many:
            client.get("/directory/")
        assert len(many.captured_queries) == len(few.captured_queries)

    def test_search_input_is_escaped(self, client):
        html = client.get('/directory/?q=<script>alert(1)</script>"').content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;" in html


class DetailTests:
    def test_listing_page_shows_its_facts_and_related_news(self, client):
        item = listing(
            "Kraken Pro",
            coins="BTC, ETH, SOL",
            verified_at=dt.date(2026, 1, 5),
            last_checked_at=dt.date(2026, 2, 1),
            description="Trade <b>fast</b> at https://kraken-pro.example/start",
        )
        mention = factories.article("Kraken Pro adds euro pairs")
        in_body = factories.article(
            "Exchanges report volumes", body_html="<p>Volumes on Kraken Pro doubled.</p>"
        )
        factories.article("Unrelated story about mining")
        draft = factories.article("Kraken Pro draft", status="draft", published_at=None)
        html = client.get(item.get_absolute_url()).content.decode()
        assert "<h1" in html
        assert "Kraken Pro" in html
        for coin in ("BTC", "ETH", "SOL"):
            assert f"<li>{coin}</li>" in html
        assert "January 5, 2026" in html
        assert "February 1, 2026" in html
        related = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]
        assert mention.title in related
        assert in_body.title in related
        assert "Unrelated story" not in related
        assert draft.title not in html
        assert "Trade &lt;b&gt;fast&lt;/b&gt;" in html
        assert 'href="https://kraken-pro.example/start" rel="nofollow ugc"' in html

    def test_pending_or_rejected_listing_is_404(self, client):
        for status in (Listing.Status.PENDING, Listing.Status.REJECTED):
            item = listing(f"Hidden {status}", status=status)
            assert client.get(item.get_absolute_url()).status_code == 404


class PublicSubmissionTests:
    def test_suggestion_appears_only_once_approved(
        self, client, editor, settings, django_capture_on_commit_callbacks
    ):
        settings.PAGE_CACHE_SECONDS = 300
        SiteSettings.load()
        response = client.post("/directory/submit/", listing_data())
        assert response.status_code == 302
        assert response["Location"] == "/directory/thanks/"
        item = Listing.objects.get()
        assert item.status == Listing.Status.PENDING
        assert item.slug == "nova-wallet"
        reader = Client()
        assert "Nova Wallet" not in reader.get("/directory/").content.decode()
        assert reader.get("/directory/")["X-Cache"] == "hit"
        assert reader.get(item.get_absolute_url()).status_code == 404
        admin = Client()
        admin.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            admin.post(
                "/admin/directory/listing/",
                {"action": "approve", "_selected_action": [item.pk]},
            )
        item.refresh_from_db()
        assert item.status == Listing.Status.APPROVED
        assert item.last_checked_at is not None
        page = reader.get("/directory/")
        assert page["X-Cache"] == "miss"
        assert "Nova Wallet" in page.content.decode()
        assert reader.get(item.get_absolute_url()).status_code == 200

    def test_same_name_gets_its_own_address(self, client):
        listing("Nova Wallet", kind="wallet")
        client.post("/directory/submit/", listing_data())
        assert Listing.objects.latest("pk").slug == "nova-wallet-2"

    def test_bad_post_and_spam_defences(self, client, settings):
        settings.ANTISPAM_RATE_LIMIT = "1/600"
        bad = client.post("/directory/submit/", listing_data(website="not a url", name=""))
        assert bad.status_code == 400
        html = bad.content.decode()
        assert "Name: This field is required." in html
        assert "Website: Enter a valid URL." in html
        assert 'value="not a url"' in html
        assert "A self-custody wallet for phones.</textarea>" in html
        limited = client.post("/directory/submit/", listing_data())
        assert limited.status_code == 429
        honeypot = Client(REMOTE_ADDR="203.0.113.5").post(
            "/directory/submit/", listing_data(homepage="x")
        )
        assert honeypot.status_code == 400
        strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.6")
        assert strict.post("/directory/submit/", listing_data()).status_code == 403
        assert not Listing.objects.exists()

    def test_editors_are_emailed(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = ["desk@cryptoflexs.example"]
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/directory/submit/", listing_data())
        (envelope,) = smtp_server.messages
        message = email.message_from_bytes(envelope.content)
        assert message["Subject"] == "[Crypto Flexs] New directory listing: Nova Wallet"
        assert message["Reply-To"] == "team@nova.example"
