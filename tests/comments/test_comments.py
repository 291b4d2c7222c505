"""Comments through HTTP: posting, moderation, replies, closing, escaping and spam defences."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from cryptoflexs.comments.models import Comment, CommentSettings
from cryptoflexs.core.antispam import form_token
from tests import factories

from .helpers import aged_token, form_data

pytestmark = pytest.mark.django_db


def post_url(article) -> str:
    return f"/comments/{article.pk}/"


def comment_data(**fields) -> dict:
    fields.setdefault("name", "Satoshi Reader")
    fields.setdefault("email", "reader@example.com")
    fields.setdefault("body", "Great write-up, thanks for the clear explanation.")
    return form_data(**fields)


def approved(article, **fields) -> Comment:
    fields.setdefault("name", "Earlier Reader")
    fields.setdefault("email", "earlier@example.com")
    fields.setdefault("body", "An approved comment.")
    return Comment.objects.create(article=article, status=Comment.Status.APPROVED, **fields)


class CommentPostingTests:
    def test_article_page_leads_to_the_form(self, client):
        article = factories.article()
        response = client.get(article.get_absolute_url())
        html = response.content.decode()
        assert "Add A Comment" in html
        assert f'href="/comments/{article.pk}/#respond"' in html
        # The article page stays cookie-free and cacheable: no CSRF token in it.
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies
        form_page = client.get(f"/comments/{article.pk}/")
        assert form_page.status_code == 200
        form_html = form_page.content.decode()
        assert 'name="csrfmiddlewaretoken"' in form_html
        assert 'name="form_token"' in form_html
        assert f'action="/comments/{article.pk}/"' in form_html
        assert article.title in form_html

    def test_a_new_commenter_waits_for_moderation(self, client):
        article = factories.article()
        response = client.post(post_url(article), comment_data())
        assert response.status_code == 302
        assert response["Location"] == f"/comments/{article.pk}/posted/"
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING
        assert (comment.name, comment.email) == ("Satoshi Reader", "reader@example.com")
        assert "awaiting moderation" in client.get(response["Location"]).content.decode()
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Great write-up" not in page  # not shown until approved

    def test_a_returning_commenter_is_approved_at_once(self, client, editor):
        from cryptoflexs.comments.services import comments_moderate

        article = factories.article()
        # The proof of a returning commenter is the cookie set when that comment was sent.
        client.post(post_url(article), comment_data(email="reader@example.com", body="First."))
        comments_moderate(comments=Comment.objects.all(), status="approved", by=editor)
        response = client.post(post_url(article), comment_data(email="Reader@Example.com"))
        comment = Comment.objects.latest("pk")
        assert comment.status == Comment.Status.APPROVED
        assert response["Location"].endswith(f"#comment-{comment.pk}")
        assert "Great write-up" in client.get(article.get_absolute_url()).content.decode()

    def test_editors_can_turn_auto_approval_off(self, client):
        article = factories.article()
        approved(article, email="reader@example.com")
        settings_row = CommentSettings.load()
        settings_row.auto_approve_returning = False
        settings_row.save()
        client.post(post_url(article), comment_data())
        assert Comment.objects.latest("pk").status == Comment.Status.PENDING

    def test_a_rejected_commenter_is_not_auto_approved(self, client):
        article = factories.article()
        Comment.objects.create(
            article=article, name="x", email="reader@example.com", body="x",
            status=Comment.Status.SPAM,
        )  # fmt: skip
        client.post(post_url(article), comment_data())
        assert Comment.objects.latest("pk").status == Comment.Status.PENDING

    def test_email_is_never_shown(self, client):
        article = factories.article()
        approved(article, email="secret-address@example.com")
        html = client.get(article.get_absolute_url()).content.decode()
        assert "An approved comment." in html
        assert "secret-address" not in html

    def test_a_draft_article_takes_no_comments(self, client):
        article = factories.article(status="draft", published_at=None)
        assert client.post(post_url(article), comment_data()).status_code == 404
        assert not Comment.objects.exists()


class ReplyTests:
    def test_reply_page_and_reply_one_level_deep(self, client):
        article = factories.article()
        parent = approved(article)
        html = client.get(article.get_absolute_url()).content.decode()
        reply_link = f"/comments/{article.pk}/?reply={parent.pk}#respond"
        assert reply_link in html
        page = client.get(f"/comments/{article.pk}/?reply={parent.pk}").content.decode()
        assert "Reply to Earlier Reader" in page
        assert f'name="parent" value="{parent.pk}"' in page
        response = client.post(post_url(article), comment_data(parent=parent.pk))
        assert response.status_code == 302
        reply = Comment.objects.latest("pk")
        assert reply.parent == parent

    def test_replying_to_a_reply_is_refused(self, client):
        article = factories.article()
        parent = approved(article)
        child = approved(article, parent=parent, body="A reply.")
        response = client.post(post_url(article), comment_data(parent=child.pk))
        assert response.status_code == 400
        assert "not available" in response.content.decode()
        assert Comment.objects.count() == 2

    def test_replies_are_shown_under_their_comment(self, client):
        article = factories.article()
        parent = approved(article, body="Top-level comment")
        approved(article, parent=parent, body="Nested reply", name="Replier")
        html = client.get(article.get_absolute_url()).content.decode()
        nested = re.search(r'comment-list--replies">(.*?)</ol>', html, re.S)
        assert nested
        assert "Nested reply" in nested.group(1)
        assert "2 Comments" in html


class ClosedCommentsTests:
    def test_editor_switch_closes_comments(self, client):
        article = factories.article(comments_open=False)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Comments are closed." in html
        assert "Add A Comment" not in html
        assert '<form class="form comment-form"' not in html
        response = client.post(post_url(article), comment_data())
        assert response.status_code == 403
        assert "Comments are closed." in response.content.decode()
        assert not Comment.objects.exists()

    def test_comments_close_after_the_configured_days(self, client, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 30
        old = factories.article(published_at=timezone.now() - dt.timedelta(days=31))
        recent = factories.article(published_at=timezone.now() - dt.timedelta(days=29))
        assert "Comments are closed." in client.get(old.get_absolute_url()).content.decode()
        assert client.post(post_url(old), comment_data()).status_code == 403
        assert "Add A Comment" in client.get(recent.get_absolute_url()).content.decode()
        assert client.post(post_url(recent), comment_data()).status_code == 302
        assert Comment.objects.get().article == recent

    def test_zero_days_never_closes_by_age(self, client, settings):
        settings.COMMENTS_CLOSE_AFTER_DAYS = 0
        old = factories.article(published_at=timezone.now() - dt.timedelta(days=900))
        assert client.post(post_url(old), comment_data()).status_code == 302


XSS_NAME = '<script>alert("name")</script>'
XSS_BODY = (
    '<img src=x onerror=alert(1)> "quoted" & more\n'
    "javascript:alert(2) and see https://example.org/a?b=1&c=<b>2</b>"
)


class EscapingTests:
    def test_stored_xss_payloads_are_rendered_escaped(self, client):
        article = factories.article()
        approved(article, name=XSS_NAME, body=XSS_BODY)
        html = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
        assert "<img src=x" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert 'href="javascript:' not in html
        # The https address became a link; the markup after it stayed text.
        assert '<a href="https://example.org/a?b=1&amp;c=" rel="nofollow ugc">' in html
        assert "&lt;b&gt;2&lt;/b&gt;" in html

    def test_bad_post_rerenders_with_values_escaped_and_kept(self, client):
        article = factories.article()
        data = comment_data(name=XSS_NAME, email="not-an-address", body="Kept <b>text</b>")
        response = client.post(post_url(article), data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Enter a valid email address." in html
        assert 'value="&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;"' in html
        assert 'value="not-an-address"' in html
        assert "Kept &lt;b&gt;text&lt;/b&gt;</textarea>" in html
        assert not Comment.objects.exists()

    def test_length_is_limited(self, client, settings):
        settings.COMMENTS_MAX_LENGTH = 100
        article = factories.article()
        response = client.post(post_url(article), comment_data(body="x" * 101))
        assert response.status_code == 400
        assert "under 100 characters" in response.content.decode()


class SpamDefenceTests:
    def test_honeypot(self, client):
        article = factories.article()
        response = client.post(post_url(article), comment_data(homepage="http://spam.example"))
        assert response.status_code == 400
        html = response.content.decode()
        assert "Leave this field empty" in html
        assert "spam robots" in html
        assert 'value="http://spam.example"' not in html  # the trap is emptied again
        assert "Great write-up" in html  # the reader's text is kept
        assert not Comment.objects.exists()

    def test_minimum_fill_time(self, client, settings):
        settings.ANTISPAM_MIN_FILL_SECONDS = 5
        article = factories.article()
        data = comment_data(form_token=form_token())  # served just now
        response = client.post(post_url(article), data)
        assert response.status_code == 400
        assert "too quickly" in response.content.decode()
        assert not Comment.objects.exists()
        assert client.post(post_url(article), comment_data()).status_code == 302

    def test_forged_or_missing_token(self, client):
        article = factories.article()
        for token in ("", "forged:token", aged_token(3 * 24 * 3600)):
            response = client.post(post_url(article), comment_data(form_token=token))
            assert response.status_code == 400, token
            assert "expired or was damaged" in response.content.decode()
        assert not Comment.objects.exists()

    def test_rate_limit_answers_429(self, client, settings):
        settings.ANTISPAM_RATE_LIMIT = "3/600"
        article = factories.article()
        for _ in range(3):
            assert client.post(post_url(article), comment_data()).status_code == 302
        response = client.post(post_url(article), comment_data(body="Fourth try"))
        assert response.status_code == 429
        html = response.content.decode()
        assert "Too many posts from your address" in html
        assert "Fourth try" in html
        assert Comment.objects.count() == 3
        # Another address is not affected.
        other = client.post(post_url(article), comment_data(), REMOTE_ADDR="192.0.2.9")
        assert other.status_code == 302

    def test_csrf_is_required(self):
        article = factories.article()
        client = Client(enforce_csrf_checks=True)
        assert client.post(post_url(article), comment_data()).status_code == 403
        assert not Comment.objects.exists()

    def test_link_count_limit(self, client, settings):
        settings.ANTISPAM_MAX_LINKS = 2
        article = factories.article()
        body = "see https://a.example https://b.example www.c.example"
        response = client.post(post_url(article), comment_data(body=body))
        assert response.status_code == 400
        assert "Too many links (3)" in response.content.decode()
        ok = client.post(post_url(article), comment_data(body="https://a.example only"))
        assert ok.status_code == 302

    def test_blocklisted_words_and_domains(self, client, settings):
        settings.ANTISPAM_BLOCKED_WORDS = ["cheap pills"]
        settings.ANTISPAM_BLOCKED_DOMAINS = ["spam.example"]
        article = factories.article()
        for data in (
            comment_data(body="Buy CHEAP PILLS now"),
            comment_data(body="visit https://www.spam.example/offer"),
            comment_data(email="bot@mail.spam.example"),
        ):
            response = client.post(post_url(article), data)
            assert response.status_code == 400
            assert "is not accepted here" in response.content.decode()
        assert not Comment.objects.exists()
        # Whole words only: "pills" alone or another domain is fine.
        assert client.post(post_url(article), comment_data(body="pills")).status_code == 302
