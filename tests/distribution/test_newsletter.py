"""Newsletter through a real SMTP server on loopback (aiosmtpd): double opt-in, forged and
expired links refused, one-click unsubscribe, the digest's content, batches and retries."""

import datetime as dt
import email
import email.policy
import re
import socket
import time
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.test import Client
from django.utils import timezone

from cryptoflexs.analytics.models import ArticleViewDay
from cryptoflexs.newsletter import services
from cryptoflexs.newsletter.models import DigestDelivery, Subscriber
from tests import factories

from .conftest import SITE


class Collector:
    def __init__(self):
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1; Django's SMTP backend is pointed at it."""
    handler = Collector()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def link_in(message: EmailMessage, kind: str) -> str:
    match = re.search(rf"{re.escape(SITE)}(/newsletter/{kind}/[^/\s]+/)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def sign_up(client, capture, address, **extra):
    with capture(execute=True):
        return client.post("/newsletter/", {"email": address, "frequency": "weekly", **extra})


class SignupTests:
    def test_double_opt_in(self, client, smtp, db, django_capture_on_commit_callbacks):
        crypto = factories.category("Crypto")
        response = sign_up(
            client, django_capture_on_commit_callbacks, "Reader@Example.org",
            frequency="daily", categories=[crypto.pk],
        )  # fmt: skip
        assert response.status_code == 302
        assert response["Location"] == "/newsletter/check-your-inbox/"
        assert not Subscriber.objects.exists()
        [message] = smtp.to("reader@example.org")
        assert "Confirm your subscription" in message["Subject"]
        confirm = link_in(message, "confirm")
        page = client.get(confirm)  # a mail scanner's GET confirms nothing
        assert page.status_code == 200
        assert b"reader@example.org" in page.content
        assert not Subscriber.objects.exists()
        done = client.post(confirm)
        assert done.status_code == 200
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "reader@example.org"
        assert subscriber.frequency == "daily"
        assert list(subscriber.categories.all()) == [crypto]

    def test_the_answer_never_reveals_whether_an_address_is_known(
        self, client, smtp, db, django_capture_on_commit_callbacks
    ):
        Subscriber.objects.create(email="known@example.org", confirmed_at=timezone.now())
        known = sign_up(client, django_capture_on_commit_callbacks, "known@example.org")
        new = sign_up(client, django_capture_on_commit_callbacks, "new@example.org")
        assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
        page = client.get(new["Location"]).content
        assert b"known" not in page
        assert b"new@" not in page

    def test_bad_address_re_renders_the_form(self, client, smtp, db):
        response = client.post("/newsletter/", {"email": "not-an-address", "frequency": "weekly"})
        assert response.status_code == 400
        assert b"Enter a valid email address" in response.content
        assert smtp.messages == []

    def test_footer_form_on_every_page(self, client, db):
        html = client.get("/").content.decode()
        assert 'action="/newsletter/"' in html
        assert 'id="footer-newsletter-email"' in html

    def test_the_footer_form_works_without_a_csrf_token(
        self, smtp, db, django_capture_on_commit_callbacks
    ):
        # Cached pages cannot carry a CSRF token; the sign-up must not need one.
        strict = Client(enforce_csrf_checks=True)
        response = sign_up(strict, django_capture_on_commit_callbacks, "footer@example.org")
        assert response.status_code == 302
        assert len(smtp.to("footer@example.org")) == 1

    def test_sign_ups_per_address_are_limited(
        self, client, smtp, db, settings, django_capture_on_commit_callbacks
    ):
        settings.NEWSLETTER_SIGNUPS_PER_HOUR = 2
        codes = [
            sign_up(client, django_capture_on_commit_callbacks, f"r{n}@example.org").status_code
            for n in range(3)
        ]
        assert codes == [302, 302, 429]
        assert len(smtp.messages) == 2


class TokenTests:
    def test_forged_token_is_refused(self, client, db):
        token = services.confirmation_token(
            email="a@example.org", frequency="daily", category_ids=[]
        )
        forged = services.confirmation_token(
            email="b@example.org", frequency="daily", category_ids=[]
        )
        tampered = forged.rsplit(":", 1)[0] + ":" + token.rsplit(":", 1)[1]
        for bad in (tampered, "nonsense", token[:-2] + "xx"):
            assert client.get(f"/newsletter/confirm/{bad}/").status_code == 400
            assert client.post(f"/newsletter/confirm/{bad}/").status_code == 400
        assert not Subscriber.objects.exists()

    def test_expired_token_is_refused(self, client, db, settings, monkeypatch):
        settings.NEWSLETTER_CONFIRM_MAX_AGE = 3600
        real = time.time
        monkeypatch.setattr(signing.time, "time", lambda: real() - 7200)
        token = services.confirmation_token(
            email="late@example.org", frequency="weekly", category_ids=[]
        )
        monkeypatch.setattr(signing.time, "time", real)
        response = client.post(f"/newsletter/confirm/{token}/")
        assert response.status_code == 400
        assert b"expired" in response.content
        assert not Subscriber.objects.exists()

    def test_a_confirm_token_cannot_unsubscribe_and_vice_versa(self, client, db):
        subscriber = Subscriber.objects.create(email="x@example.org", confirmed_at=timezone.now())
        confirm = services.confirmation_token(
            email="x@example.org", frequency="weekly", category_ids=[]
        )
        assert client.post(f"/newsletter/unsubscribe/{confirm}/").status_code == 400
        assert Subscriber.objects.filter(pk=subscriber.pk).exists()
        unsubscribe = services.unsubscribe_token(subscriber)
        assert client.post(f"/newsletter/confirm/{unsubscribe}/").status_code == 400


@pytest.fixture
def stories(db):
    now = timezone.now()
    crypto = factories.category("Crypto")
    bitcoin = factories.category("Bitcoin", parent=crypto)
    markets = factories.category("Markets")
    quiet = factories.article("Quiet bitcoin note", category=bitcoin, excerpt="Little read.",
                              published_at=now - dt.timedelta(hours=3))  # fmt: skip
    hot = factories.article("Hot bitcoin story", category=bitcoin, excerpt="Everyone read it.",
                            published_at=now - dt.timedelta(hours=5))  # fmt: skip
    stocks = factories.article("Stocks story", category=markets,
                               published_at=now - dt.timedelta(hours=2))  # fmt: skip
    old = factories.article("Last month's story", category=bitcoin,
                            published_at=now - dt.timedelta(days=30))  # fmt: skip
    today = now.astimezone(dt.UTC).date()
    ArticleViewDay.objects.create(article=hot, day=today, views=500)
    ArticleViewDay.objects.create(article=quiet, day=today, views=3)
    ArticleViewDay.objects.create(article=old, day=today, views=10_000)
    return {
        "crypto": crypto,
        "markets": markets,
        "hot": hot,
        "quiet": quiet,
        "stocks": stocks,
        "old": old,
    }


def subscribe(address, frequency="daily", categories=()):
    subscriber = Subscriber.objects.create(
        email=address, frequency=frequency, confirmed_at=timezone.now()
    )
    subscriber.categories.set(categories)
    return subscriber


def run_digest(capture, frequency="daily"):
    with capture(execute=True):
        return services.digest_send(frequency=frequency)


class DigestTests:
    def test_digest_content_top_stories_first_with_both_parts(
        self, smtp, stories, django_capture_on_commit_callbacks
    ):
        subscribe("all@example.org")
        assert run_digest(django_capture_on_commit_callbacks) == 1
        [message] = smtp.to("all@example.org")
        text, html = text_of(message), html_of(message)
        order = (stories["hot"], stories["quiet"], stories["stocks"])
        positions = [text.index(story.title) for story in order]
        assert positions == sorted(positions)  # most read first, then the unread by date
        assert "Last month's story" not in text  # outside the period, however popular
        assert f"{SITE}{stories['hot'].get_absolute_url()}" in text
        assert f'href="{SITE}{stories["hot"].get_absolute_url()}"' in html
        assert "Hot bitcoin story" in message["Subject"]

    def test_one_click_unsubscribe_headers_and_post(
        self, smtp, stories, settings, django_capture_on_commit_callbacks
    ):
        settings.NEWSLETTER_UNSUBSCRIBE_MAILTO = "unsubscribe@example.org"
        subscriber = subscribe("leaving@example.org")
        run_digest(django_capture_on_commit_callbacks)
        [message] = smtp.to("leaving@example.org")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        https, mailto = (part.strip(" <>") for part in message["List-Unsubscribe"].split(","))
        assert https.startswith(f"{SITE}/newsletter/unsubscribe/")
        assert mailto.startswith("mailto:unsubscribe@example.org")
        # What a mail client does (RFC 8058): a POST with no cookies and no CSRF token.
        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(
            https.removeprefix(SITE),
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        # Repeating is harmless.
        assert mail_client.post(https.removeprefix(SITE)).status_code == 200

    def test_unsubscribe_link_get_asks_first(self, client, db):
        subscriber = subscribe("careful@example.org")
        url = f"/newsletter/unsubscribe/{services.unsubscribe_token(subscriber)}/"
        page = client.get(url)
        assert page.status_code == 200
        assert b'<form method="post">' in page.content
        assert Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert client.post(url).status_code == 200
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()

    def test_categories_per_subscriber(self, smtp, stories, django_capture_on_commit_callbacks):
        subscribe("crypto@example.org", categories=[stories["crypto"]])
        subscribe("markets@example.org", categories=[stories["markets"]])
        run_digest(django_capture_on_commit_callbacks)
        crypto = text_of(smtp.to("crypto@example.org")[0])
        assert "Hot bitcoin story" in crypto
        assert "Stocks story" not in crypto
        markets = text_of(smtp.to("markets@example.org")[0])
        assert "Stocks story" in markets
        assert "bitcoin" not in markets

    def test_no_mail_to_unconfirmed_or_other_frequency(
        self, client, smtp, stories, django_capture_on_commit_callbacks
    ):
        sign_up(
            client, django_capture_on_commit_callbacks, "pending@example.org", frequency="daily"
        )
        subscribe("weekly@example.org", frequency="weekly")
        smtp.messages.clear()
        run_digest(django_capture_on_commit_callbacks, "daily")
        assert smtp.messages == []

    def test_no_digest_twice_in_a_period(self, smtp, stories, django_capture_on_commit_callbacks):
        subscribe("once@example.org")
        run_digest(django_capture_on_commit_callbacks)
        assert run_digest(django_capture_on_commit_callbacks) == 0
        now = timezone.now()
        sent, skipped = services.digest_deliver(
            frequency="daily", period=services.digest_period("daily", now), now=now,
            subscriber_ids=list(Subscriber.objects.values_list("pk", flat=True)),
        )  # fmt: skip
        assert (sent, skipped) == (0, 1)
        assert len(smtp.to("once@example.org")) == 1

    def test_batches_and_a_retry_after_a_refusal(
        self, smtp, stories, settings, django_capture_on_commit_callbacks
    ):
        settings.NEWSLETTER_BATCH_SIZE = 2
        for n in range(5):
            subscribe(f"r{n}@example.org")
        smtp.refuse = {"r3@example.org"}
        # The batch task fails (the queue logs it and schedules a retry); every other
        # subscriber got the digest, the refused one has no delivery record.
        run_digest(django_capture_on_commit_callbacks)
        assert DigestDelivery.objects.count() == 4
        assert not DigestDelivery.objects.filter(subscriber__email="r3@example.org").exists()
        everyone = list(Subscriber.objects.values_list("pk", flat=True))
        now = timezone.now()
        with pytest.raises(RuntimeError):
            services.digest_deliver(
                frequency="daily", period=services.digest_period("daily", now), now=now,
                subscriber_ids=everyone,
            )  # fmt: skip
        smtp.refuse = set()
        run_digest(django_capture_on_commit_callbacks)
        for n in range(5):
            assert len(smtp.to(f"r{n}@example.org")) == 1, n
        assert DigestDelivery.objects.count() == 5
        assert len(smtp.to("r3@example.org")) == 1

    def test_weekly_period_key(self):
        moment = dt.datetime(2026, 11, 29, 23, 0, tzinfo=dt.UTC)
        assert services.digest_period("weekly", moment) == "weekly:2026-W48"
        assert services.digest_period("daily", moment) == "daily:2026-11-29"
