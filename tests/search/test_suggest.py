"""The overlay's suggestions endpoint: up to five titles as the reader types."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def suggestions(client, q):
    response = client.get("/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["suggestions"]


class SuggestTests:
    def test_titles_matching_words_so_far_last_word_incomplete(self, client):
        article = factories.article("Ethereum validators vote on gas limit")
        factories.article("Ethereum fees drop", body_html="<p>validators</p>")
        factories.article("Bitcoin validators?", status="draft")
        assert suggestions(client, "ethereum valid") == [
            {"title": "Ethereum validators vote on gas limit", "url": article.get_absolute_url()}
        ]
        assert len(suggestions(client, "ethe")) == 2

    def test_at_most_five(self, client):
        for n in range(8):
            factories.article(f"Dogecoin story {n}")
        assert len(suggestions(client, "dogec")) == 5

    def test_nothing_to_suggest(self, client):
        factories.article("Dogecoin story")
        assert suggestions(client, "") == []
        assert suggestions(client, "zzzz") == []
        assert suggestions(client, "-dogecoin") == []
