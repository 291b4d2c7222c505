import pytest
from django.core import signing

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial.preview import SALT, preview_token, preview_url
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_draft():
    return factories.article(
        "Secret upcoming story", status=Article.Status.DRAFT, published_at=None, slug="secret"
    )


def test_valid_link_shows_the_draft_as_it_will_look(client, secret_draft):
    assert client.get("/secret/").status_code == 404
    response = client.get(preview_url(secret_draft.pk))
    assert response.status_code == 200
    assert b"Secret upcoming story" in response.content
    assert b"Preview: this article is not public" in response.content
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]


def test_expired_link_is_refused_with_a_clear_page(client, secret_draft, settings):
    settings.PREVIEW_LINK_MAX_AGE = -1  # every link is already past its age
    response = client.get(preview_url(secret_draft.pk))
    assert response.status_code == 410
    assert b"This preview link has expired" in response.content
    assert b"Secret upcoming story" not in response.content


def test_forged_or_tampered_links_are_refused(client, secret_draft):
    other = factories.article(status=Article.Status.DRAFT, published_at=None)
    token = preview_token(secret_draft.pk)
    forged = signing.dumps(other.pk, salt=SALT, key="not-our-secret", compress=True)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, tampered, "garbage"):
        response = client.get(f"/preview/{bad}/")
        assert response.status_code == 404, bad
        assert b"Secret upcoming story" not in response.content
