"""Auto-approval needs proof (issue #15, item 4): knowing an approved commenter's e-mail
address is not enough; the browser that wrote the approved comment is."""

import pytest
from django.test import Client

from cryptoflexs.comments.models import Comment
from cryptoflexs.comments.services import comments_moderate
from tests import factories

from .test_comments import approved, comment_data, post_url

pytestmark = pytest.mark.django_db


def post(client, article, **fields) -> Comment:
    response = client.post(post_url(article), comment_data(**fields))
    assert response.status_code == 302
    return Comment.objects.latest("pk")


class ApprovalProofTests:
    def test_an_approved_address_alone_publishes_nothing(self, client):
        article = factories.article()
        approved(article, name="Alice", email="alice@example.com")
        forged = post(client, article, name="Mallory", email="alice@example.com")
        assert forged.status == Comment.Status.PENDING
        assert forged.body not in client.get(article.get_absolute_url()).content.decode()

    def test_the_browser_of_an_approved_comment_is_trusted(self, editor):
        article = factories.article()
        alice = Client()
        first = post(alice, article, name="Alice", email="alice@example.com")
        assert first.status == Comment.Status.PENDING
        comments_moderate(
            comments=Comment.objects.filter(pk=first.pk), status=Comment.Status.APPROVED, by=editor
        )
        again = post(alice, article, name="Alice", email="Alice@Example.com", body="Me again.")
        assert again.status == Comment.Status.APPROVED
        # Someone else with her address, and she with another address, still wait.
        assert post(Client(), article, email="alice@example.com").status == "pending"
        assert post(alice, article, email="other@example.com").status == "pending"

    def test_a_forged_cookie_is_not_proof(self, editor):
        article = factories.article()
        alice = Client()
        first = post(alice, article, email="alice@example.com")
        comments_moderate(
            comments=Comment.objects.filter(pk=first.pk), status=Comment.Status.APPROVED, by=editor
        )
        [name] = [n for n in alice.cookies if n.startswith("cf_")]
        mallory = Client()
        mallory.cookies[name] = alice.cookies[name].value[:-3] + "xyz"
        assert post(mallory, article, email="alice@example.com").status == "pending"

    def test_article_pages_stay_cookie_free(self, client):
        article = factories.article()
        post(client, article)
        [cookie] = [c for n, c in client.cookies.items() if n.startswith("cf_")]
        assert cookie["path"] == "/comments/"
        assert cookie["httponly"]
        assert not client.get(article.get_absolute_url()).cookies
