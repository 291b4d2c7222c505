"""SUBMIT through HTTP: the public form, the moderation queue, drafts, sponsored labelling
and the editors' e-mail through a real SMTP server on loopback."""

import email
import re

import pytest
from django.test import Client

from cryptoflexs.articles.models import Article
from cryptoflexs.core.models import SiteSettings
from cryptoflexs.editorial.models import ArticleRevision
from cryptoflexs.submissions.models import Submission
from tests import factories
from tests.comments.helpers import form_data

pytestmark = pytest.mark.django_db


def submit_data(**fields) -> dict:
    fields.setdefault("kind", "tip")
    fields.setdefault("title", "Exchange X lists a new stablecoin")
    fields.setdefault(
        "body", "Exchange X will list the coin on Monday.\n\nDetails: https://x.example/news"
    )
    fields.setdefault("link", "https://x.example/announcement")
    fields.setdefault("contact_name", "Ada Source")
    fields.setdefault("contact_email", "ada@x.example")
    fields.setdefault("organisation", "Exchange X")
    return form_data(**fields)


def make_draft(client, submission):
    return client.post(
        "/admin/submissions/submission/",
        {"action": "make_draft", "_selected_action": [submission.pk]},
    )


class SubmitFormTests:
    def test_form_page(self, client):
        response = client.get("/submit/")
        assert response.status_code == 200
        html = response.content.decode()
        for label in ("Headline", "Your news", "Link (optional)", "Your e-mail"):
            assert label in html
        assert 'type="file"' not in html  # no attachments

    def test_valid_post_lands_in_the_queue(self, client):
        response = client.post("/submit/", submit_data())
        assert response.status_code == 302
        assert response["Location"] == "/submit/thanks/"
        submission = Submission.objects.get()
        assert submission.status == Submission.Status.NEW
        assert submission.sponsored is False
        assert submission.article is None
        assert "editors' queue" in client.get("/submit/thanks/").content.decode()

    def test_paid_press_release_is_flagged_sponsored(self, client):
        client.post("/submit/", submit_data(kind="paid"))
        assert Submission.objects.get().sponsored is True

    def test_bad_post_keeps_every_value(self, client):
        data = submit_data(title="", contact_email="nope", body="<b>My text</b>")
        response = client.post("/submit/", data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Headline: This field is required." in html
        assert "Your e-mail: Enter a valid email address." in html
        assert "&lt;b&gt;My text&lt;/b&gt;</textarea>" in html
        assert 'value="https://x.example/announcement"' in html
        assert 'value="Exchange X"' in html
        assert not Submission.objects.exists()

    def test_honeypot_fill_time_and_links(self, client, settings):
        settings.ANTISPAM_MAX_LINKS = 1
        for data, message in (
            (submit_data(homepage="x"), "spam robots"),
            (submit_data(form_token=""), "expired or was damaged"),
            (submit_data(body="https://a.example https://b.example"), "Too many links"),
        ):
            response = client.post("/submit/", data)
            assert response.status_code == 400
            assert message in response.content.decode()
        assert not Submission.objects.exists()

    def test_rate_limit_and_csrf(self, client, settings):
        settings.ANTISPAM_RATE_LIMIT = "2/3600"
        assert client.post("/submit/", submit_data()).status_code == 302
        assert client.post("/submit/", submit_data()).status_code == 302
        response = client.post("/submit/", submit_data(title="Third"))
        assert response.status_code == 429
        assert "Too many posts from your address" in response.content.decode()
        assert 'value="Third"' in response.content.decode()
        strict = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.1")
        assert strict.post("/submit/", submit_data()).status_code == 403
        assert Submission.objects.count() == 2

    def test_blocklist(self, client, settings):
        settings.ANTISPAM_BLOCKED_DOMAINS = ["scam.example"]
        response = client.post("/submit/", submit_data(link="https://airdrop.scam.example/"))
        assert response.status_code == 400
        assert "“scam.example” is not accepted here" in response.content.decode()


class SubmissionToDraftTests:
    def test_editor_turns_a_submission_into_a_draft_in_one_action(self, client, editor):
        category = factories.category("News", show_in_menu=True)
        client.post(
            "/submit/", submit_data(body="Line one <script>x</script>\nhttps://x.example/a")
        )
        submission = Submission.objects.get()
        client.force_login(editor)
        response = make_draft(client, submission)
        article = Article.objects.get(title="Exchange X lists a new stablecoin")
        assert response.status_code == 302
        assert response["Location"] == f"/admin/articles/article/{article.pk}/change/"
        assert article.status == Article.Status.DRAFT
        assert article.category == category
        assert article.author.user == editor
        assert "&lt;script&gt;x&lt;/script&gt;" in article.body_html
        assert "<script>" not in article.body_html
        assert 'href="https://x.example/announcement"' in article.body_html
        assert ArticleRevision.objects.filter(article=article).count() == 1
        submission.refresh_from_db()
        assert submission.status == Submission.Status.ACCEPTED
        assert submission.article == article
        assert submission.handled_by == editor
        # Doing it again makes no second article.
        make_draft(client, submission)
        assert Article.objects.count() == 1

    def test_without_any_category_the_editor_is_told(self, client, editor):
        client.post("/submit/", submit_data())
        client.force_login(editor)
        response = client.post(
            "/admin/submissions/submission/",
            {"action": "make_draft", "_selected_action": [Submission.objects.get().pk]},
            follow=True,
        )
        assert "Create a category first" in response.content.decode()
        assert not Article.objects.exists()

    def test_reject_and_spam_actions(self, client, editor):
        client.post("/submit/", submit_data())
        client.post("/submit/", submit_data(title="Two"))
        first, second = Submission.objects.order_by("pk")
        client.force_login(editor)
        client.post(
            "/admin/submissions/submission/",
            {"action": "reject", "_selected_action": [first.pk]},
        )
        client.post(
            "/admin/submissions/submission/",
            {"action": "mark_spam", "_selected_action": [second.pk]},
        )
        assert [s.status for s in Submission.objects.order_by("pk")] == ["rejected", "spam"]
        page = client.get("/admin/submissions/submission/").content.decode()
        assert "Submissions — 0 new" in page


class SponsoredTests:
    def publish_from(self, client, editor, kind):
        factories.category("News")
        client.post(
            "/submit/",
            submit_data(kind=kind, title=f"Token launch {kind}", body="Read https://t.example/x"),
        )
        client.force_login(editor)
        make_draft(client, Submission.objects.latest("pk"))
        article = Article.objects.latest("pk")
        article.status = Article.Status.PUBLISHED
        article.save()
        client.logout()
        return article

    def test_paid_press_release_is_labelled_and_links_are_sponsored(self, client, editor):
        article = self.publish_from(client, editor, "paid")
        html = client.get(article.get_absolute_url()).content.decode()
        assert '<span class="label label--sponsored">Sponsored</span>' in html
        prose = html.split('<div class="prose">', 1)[1].split("</div>", 1)[0]
        links = re.findall(r"<a [^>]*>", prose)
        assert links
        assert all('rel="sponsored noopener noreferrer"' in link for link in links), links

    def test_a_tip_is_not_labelled(self, client, editor):
        article = self.publish_from(client, editor, "tip")
        html = client.get(article.get_absolute_url()).content.decode()
        assert "label--sponsored" not in html
        assert 'rel="sponsored' not in html


class SubmitEmailTests:
    def test_editors_get_an_email_through_smtp(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = ["desk@cryptoflexs.example", "chief@cryptoflexs.example"]
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/submit/", submit_data(kind="press", title="Big\nnews"))
        (envelope,) = smtp_server.messages
        assert sorted(envelope.rcpt_tos) == [
            "chief@cryptoflexs.example",
            "desk@cryptoflexs.example",
        ]
        message = email.message_from_bytes(envelope.content)
        assert message["Subject"] == "[Crypto Flexs] New press release: Big news"
        assert message["Reply-To"] == "ada@x.example"
        body = message.get_payload(decode=True).decode()
        assert "Press release from Ada Source <ada@x.example>, Exchange X" in body
        submission = Submission.objects.get()
        assert f"/admin/submissions/submission/{submission.pk}/change/" in body

    def test_without_editors_email_the_site_contact_address_is_used(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = []
        site = SiteSettings.load()
        site.contact_email = "contact@cryptoflexs.example"
        site.save()
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/submit/", submit_data())
        (envelope,) = smtp_server.messages
        assert envelope.rcpt_tos == ["contact@cryptoflexs.example"]

    def test_a_refused_post_sends_nothing(
        self, client, smtp_server, settings, django_capture_on_commit_callbacks
    ):
        settings.EDITORS_EMAIL = ["desk@cryptoflexs.example"]
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/submit/", submit_data(homepage="bot"))
        assert smtp_server.messages == []
