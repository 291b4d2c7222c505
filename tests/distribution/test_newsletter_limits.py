"""Newsletter abuse limits (issue #15): one inbox cannot be mail-bombed with confirmation
links from many client addresses (item 6)."""

import datetime as dt

import pytest

from . import test_newsletter

pytestmark = pytest.mark.django_db
smtp = test_newsletter.smtp  # the real SMTP server fixture


def sign_up(client, capture, address, client_ip):
    with capture(execute=True):
        return client.post(
            "/newsletter/", {"email": address, "frequency": "weekly"}, REMOTE_ADDR=client_ip
        )


class ConfirmationMailLimitTests:
    def test_one_inbox_gets_few_confirmation_mails_whatever_the_senders(
        self,
        client,
        smtp,
        settings,
        django_capture_on_commit_callbacks,
    ):
        settings.NEWSLETTER_CONFIRMATIONS_PER_DAY = 3
        for n in range(20):
            response = sign_up(
                client, django_capture_on_commit_callbacks, "victim@example.org", f"198.51.100.{n}"
            )
            # The answer is the same as for any sign-up: it reveals nothing about the limit.
            assert (response.status_code, response["Location"]) == (
                302,
                "/newsletter/check-your-inbox/",
            )
        assert len(smtp.to("victim@example.org")) == 3
        sign_up(client, django_capture_on_commit_callbacks, "other@example.org", "198.51.100.1")
        assert len(smtp.to("other@example.org")) == 1

    def test_the_limit_is_per_day(
        self,
        client,
        smtp,
        settings,
        django_capture_on_commit_callbacks,
    ):
        from cryptoflexs.newsletter.models import SignupRequest

        settings.NEWSLETTER_CONFIRMATIONS_PER_DAY = 1
        for n in range(2):
            sign_up(client, django_capture_on_commit_callbacks, "twice@example.org", f"10.0.0.{n}")
        assert len(smtp.to("twice@example.org")) == 1
        SignupRequest.objects.update(
            mail_window_start=dt.datetime.now(dt.UTC) - dt.timedelta(hours=25)
        )
        sign_up(client, django_capture_on_commit_callbacks, "twice@example.org", "10.0.0.9")
        assert len(smtp.to("twice@example.org")) == 2
