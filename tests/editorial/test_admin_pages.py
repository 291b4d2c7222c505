"""The back office's index and article list: what waits, with links; categories by name."""

import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cryptoflexs.articles.models import Article
from cryptoflexs.comments.models import Comment
from cryptoflexs.directory.models import Listing
from cryptoflexs.submissions.models import Submission
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("boss", password="x")


def waiting_panel(html: str) -> dict[str, tuple[int, str]]:
    panel = html.split('id="waiting-module"')[1].split("</div>")[0]
    found = re.findall(
        r'<a href="([^"]+)"><strong class="waiting__count">(\d+)</strong> ([^<]+)</a>', panel
    )
    return {label: (int(count), url) for url, count, label in found}


def test_the_index_shows_what_waits_with_links(client, admin_user):
    article = factories.article()
    factories.article(status=Article.Status.IN_REVIEW)
    Comment.objects.create(article=article, name="Ann", email="a@example.com", body="Hi")
    Comment.objects.create(
        article=article, name="Bo", email="b@example.com", body="Ok", status="approved"
    )
    Submission.objects.create(
        contact_name="Cy", contact_email="c@example.com", title="A tip", body="News"
    )
    Listing.objects.create(
        name="Wallet X", slug="wallet-x", kind="wallet", website="https://x.example",
        description="A wallet.",
    )  # fmt: skip
    client.force_login(admin_user)

    waiting = waiting_panel(client.get("/admin/").content.decode())
    assert waiting["comments awaiting moderation"][0] == 1
    assert waiting["new submissions"][0] == 1
    assert waiting["articles in review"][0] == 1
    assert waiting["articles scheduled"][0] == 0
    assert waiting["directory suggestions to review"][0] == 1
    # Each link opens the list filtered to exactly what was counted.
    url = waiting["comments awaiting moderation"][1].replace("&amp;", "&")
    assert url == "/admin/comments/comment/?status__exact=pending"
    changelist = client.get(url)
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count == 1
    review = client.get(waiting["articles in review"][1])
    assert review.context["cl"].result_count == 1


def test_the_index_shows_only_what_the_role_may_see(client):
    from tests.conftest import make_user

    contributor = make_user("conny", "Contributor")
    client.force_login(contributor)
    waiting = waiting_panel(client.get("/admin/").content.decode())
    assert "comments awaiting moderation" not in waiting
    assert waiting["articles in review"][0] == 0  # only their own articles


def test_article_list_names_categories_and_costs_the_same_for_more_rows(client, admin_user):
    crypto = factories.category("Crypto")
    bitcoin = factories.category("Bitcoin", parent=crypto)
    mining = factories.category("Mining", parent=bitcoin)
    factories.article("Deep story", category=mining)
    client.force_login(admin_user)
    html = client.get("/admin/articles/article/").content.decode()
    assert "Crypto › Bitcoin › Mining" in html
    assert "crypto/bitcoin" not in html.split('id="result_list"')[1]
    # The category filter names them too.
    assert 'title="Crypto › Bitcoin › Mining"' in html or ">Crypto › Bitcoin › Mining</a>" in html

    with CaptureQueriesContext(connection) as few:
        client.get("/admin/articles/article/")
    for n in range(5):
        factories.article(f"More {n}", category=factories.category(f"Leaf {n}", parent=bitcoin))
    with CaptureQueriesContext(connection) as more:
        client.get("/admin/articles/article/")
    assert len(more) == len(few)
