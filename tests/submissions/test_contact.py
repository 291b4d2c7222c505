"""Contact Us through HTTP: stored, e-mailed to the site's contact address over SMTP."""

import email

import pytest
from django.test import Client

from cryptoflexs.core.models import SiteSettings
from cryptoflexs.submissions.models import ContactMessage
from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db


def contact_data(**fields) -> dict:
    fields.setdefault("name", "Grace Reader")
    fields.setdefault("email", "grace@example.com")
    fields.setdefault("subject", "A correction")
    fields.setdefault("message", "The date in your ETF story is wrong.\nThanks!")
    return form_data(**fields)


class ContactFormTests:
    def test_form_page(self, client):
        html = client.get("/contact/").content.decode()
        assert "<h1" in html
        assert "Contact Us" in html
        assert 'name="message"' in html

    def test_message_is_stored_and_emailed(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = []
        site = SiteSettings.load()
        site.contact_email = "partner@cryptoflexs.example"
        site.save()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/contact/", contact_data())
        assert response.status_code == 302
        assert response["Location"] == "/contact/thanks/"
        stored = ContactMessage.objects.get()
        assert (stored.subject, stored.status) == ("A correction", "new")
        (envelope,) = smtp_server.messages
        assert envelope.rcpt_tos == ["partner@cryptoflexs.example"]
        message = email.message_from_bytes(envelope.content)
        assert message["Subject"] == "[Crypto Flexs] Contact: A correction"
        assert message["Reply-To"] == "grace@example.com"
        assert message["From"] == settings.DEFAULT_FROM_EMAIL
        body = message.get_payload(decode=True).decode()
        assert "From: Grace Reader <grace@example.com>" in body
        assert "The date in your ETF story is wrong." in body

    def test_header_injection_in_the_subject_is_flattened(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = ["desk@cryptoflexs.example"]
        data = contact_data(subject="Hi\r\nBcc: victim@example.com")
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/contact/", data)
        (envelope,) = smtp_server.messages
        assert envelope.rcpt_tos == ["desk@cryptoflexs.example"]
        message = email.message_from_bytes(envelope.content)
        assert message["Bcc"] is None
        assert message["Subject"] == "[Crypto Flexs] Contact: Hi Bcc: victim@example.com"

    def test_spam_defences(self, client, settings):
        settings.ANTISPAM_RATE_LIMIT = "1/3600"
        settings.ANTISPAM_BLOCKED_WORDS = ["guaranteed returns"]
        bad = client.post("/contact/", contact_data(message="Guaranteed returns for you"))
        assert bad.status_code == 400
        assert "is not accepted here" in bad.content.decode()
        assert "Guaranteed returns for you</textarea>" in bad.content.decode()
        other = Client(REMOTE_ADDR="198.51.100.7")
        assert other.post("/contact/", contact_data()).status_code == 302
        limited = other.post("/contact/", contact_data())
        assert limited.status_code == 429
        assert ContactMessage.objects.count() == 1
        strict = Client(enforce_csrf_checks=True)
        assert strict.post("/contact/", contact_data()).status_code == 403

    def test_admin_lists_messages(self, client, editor):
        client.post("/contact/", contact_data(subject="<script>x</script>"))
        client.force_login(editor)
        html = client.get("/admin/submissions/contactmessage/").content.decode()
        assert "&lt;script&gt;x&lt;/script&gt;" in html
        assert "<script>x</script>" not in html
