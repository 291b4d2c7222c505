"""A list's page count is computed once per content version and follows every change."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_page_count_follows_new_articles_at_once(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    category = factories.category("Bitcoin")
    for _ in range(3):
        factories.article(category=category)
    url = category.get_absolute_url()
    assert "Page 1 of 2" in client.get(url).content.decode()
    assert "Page 1 of 2" in client.get(url).content.decode()  # from the kept count
    factories.article(category=category)
    factories.article(category=category)
    assert "Page 1 of 3" in client.get(url).content.decode()
