"""Moderation in the admin, the editors' permissions, and the page cache around comments."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cryptoflexs.comments.models import Comment
from cryptoflexs.core.models import SiteSettings
from tests import factories

from .helpers import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def make_comments(article, n, status=Comment.Status.PENDING, **fields):
    return [
        Comment.objects.create(
            article=article, name=f"Reader {i}", email=f"r{i}@example.com",
            body=f"Comment body {i}", status=status, **fields,
        )
        for i in range(n)
    ]  # fmt: skip


def run_action(client, action, comments):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


class ModerationAdminTests:
    def test_changelist_shows_the_pending_count(self, client, editor):
        article = factories.article()
        make_comments(article, 3)
        make_comments(article, 2, status=Comment.Status.APPROVED)
        client.force_login(editor)
        response = client.get(CHANGELIST)
        assert response.status_code == 200
        assert "Comments — 3 awaiting moderation" in response.content.decode()

    def test_bulk_approve_then_shown_on_the_article(self, client, editor):
        article = factories.article()
        comments = make_comments(article, 3)
        client.force_login(editor)
        response = run_action(client, "approve", comments[:2])
        assert "2 comments approved." in response.content.decode()
        statuses = dict(Comment.objects.values_list("pk", "status"))
        assert statuses[comments[0].pk] == statuses[comments[1].pk] == "approved"
        assert statuses[comments[2].pk] == "pending"
        assert Comment.objects.get(pk=comments[0].pk).moderated_by == editor
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "Comment body 0" in html
        assert "Comment body 1" in html
        assert "Comment body 2" not in html

    def test_bulk_reject_spam_and_delete(self, client, editor):
        article = factories.article()
        comments = make_comments(article, 3, status=Comment.Status.APPROVED)
        client.force_login(editor)
        run_action(client, "reject", comments[:1])
        run_action(client, "mark_spam", comments[1:2])
        assert Comment.objects.get(pk=comments[0].pk).status == "rejected"
        assert Comment.objects.get(pk=comments[1].pk).status == "spam"
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "Comment body 0" not in html
        assert "Comment body 1" not in html
        assert "Comment body 2" in html
        response = client.post(
            CHANGELIST,
            {"action": "delete_selected", "_selected_action": [comments[2].pk], "post": "yes"},
            follow=True,
        )
        assert response.status_code == 200
        assert not Comment.objects.filter(pk=comments[2].pk).exists()

    def test_authors_cannot_moderate(self, client, author_user):
        client.force_login(author_user)
        assert client.get(CHANGELIST).status_code == 403

    def test_editor_group_has_the_community_permissions(self, editor):
        for perm in (
            "comments.change_comment", "comments.delete_comment", "comments.change_commentsettings",
            "submissions.change_submission", "submissions.view_contactmessage",
            "directory.change_listing", "directory.add_listing",
        ):  # fmt: skip
            assert editor.has_perm(perm), perm


class PageCacheTests:
    @pytest.fixture(autouse=True)
    def _cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 300
        SiteSettings.load()  # created on first use, which would bump the content version

    def test_article_page_is_cached_without_cookies_the_form_page_never(self):
        article = factories.article()
        first, second = Client(), Client()
        r1 = first.get(article.get_absolute_url())
        r2 = second.get(article.get_absolute_url())
        assert (r1["X-Cache"], r2["X-Cache"]) == ("miss", "hit")
        assert not r1.cookies
        assert not r2.cookies
        assert "Cookie" not in r2.get("Vary", "")
        forms = [c.get(f"/comments/{article.pk}/") for c in (first, second)]
        assert all("X-Cache" not in f for f in forms)
        tokens = [
            f.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"')[0]
            for f in forms
        ]
        assert tokens[0] != tokens[1]
        assert forms[0].cookies["csrftoken"].value != forms[1].cookies["csrftoken"].value

    def test_the_form_works_with_csrf_enforced(self):
        article = factories.article()
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(f"/comments/{article.pk}/").content.decode()
        form_csrf = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        data = form_data(
            csrfmiddlewaretoken=form_csrf, name="A", email="a@example.com", body="Hello there"
        )
        posted = visitor.post(f"/comments/{article.pk}/", data)
        assert posted.status_code == 302
        assert Comment.objects.get().body == "Hello there"

    def test_approving_a_comment_refreshes_the_cached_page(
        self, client, editor, django_capture_on_commit_callbacks
    ):
        article = factories.article()
        (comment,) = make_comments(article, 1)
        reader = Client()
        assert "Comment body 0" not in reader.get(article.get_absolute_url()).content.decode()
        assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            run_action(client, "approve", [comment])
        response = reader.get(article.get_absolute_url())
        assert response["X-Cache"] == "miss"
        assert "Comment body 0" in response.content.decode()

    def test_a_pending_comment_does_not_empty_the_cache(self):
        article = factories.article()
        reader = Client()
        reader.get(article.get_absolute_url())
        make_comments(article, 1)
        assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"


class QueryCountTests:
    def test_article_page_queries_do_not_grow_with_comments(self, client):
        article = factories.article()
        parents = make_comments(article, 2, status=Comment.Status.APPROVED)
        client.get(article.get_absolute_url())
        with CaptureQueriesContext(connection) as few:
            client.get(article.get_absolute_url())
        for parent in parents:
            make_comments(article, 5, status=Comment.Status.APPROVED, parent=parent)
        make_comments(article, 10, status=Comment.Status.APPROVED)
        client.get(article.get_absolute_url())  # the cached menu and sidebar, made again
        with CaptureQueriesContext(connection) as many:
            html = client.get(article.get_absolute_url()).content.decode()
        assert html.count('class="comment"') == 22
        assert len(many.captured_queries) == len(few.captured_queries)
