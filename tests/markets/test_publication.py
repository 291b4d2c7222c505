"""Acceptance 2: the price at publication is stored once, when the article is published
(from the admin, by the scheduler, or any other way through the sweep), and never
rewritten by a later refresh or a re-publication."""

import datetime as dt

import pytest
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial import services as editorial
from cryptoflexs.markets import tasks
from cryptoflexs.markets.models import PublicationPrice
from cryptoflexs.markets.publication import article_coin_slugs, publication_prices_sweep
from tests import factories
from tests.editorial.test_admin import form_data

from .conftest import serve_simple_price, store

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def coin_tags(coins):
    return {slug: factories.tag(coins[slug].name, slug=slug) for slug in ("bitcoin", "ethereum")}


def stored(article) -> dict[str, float]:
    return dict(PublicationPrice.objects.filter(article=article).values_list("coin__slug", "price"))


class PublishTests:
    def test_publishing_from_the_admin_stores_the_price_once(
        self, client, editor, coin_tags, provider, django_capture_on_commit_callbacks
    ):
        store("bitcoin", 97120.0, at=timezone.now() - dt.timedelta(minutes=1))
        store("ethereum", 3400.0, at=timezone.now() - dt.timedelta(minutes=1))
        article = factories.article(
            "Bitcoin and Ether rally", status=S.DRAFT, published_at=None,
            tags=[coin_tags["bitcoin"], coin_tags["ethereum"]],
        )  # fmt: skip
        client.force_login(editor)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/admin/articles/article/{article.pk}/change/",
                form_data(article, status=S.PUBLISHED, tags=[t.pk for t in coin_tags.values()]),
            )
        assert response.status_code == 302
        assert stored(article) == {"bitcoin": 97120.0, "ethereum": 3400.0}

        # A later refresh moves the price, not the price at publication …
        serve_simple_price(provider, {"bitcoin": 100500.0, "ethereum": 3500.0})
        with django_capture_on_commit_callbacks(execute=True):
            tasks.prices_refresh_ticker_task.call_local()
        assert stored(article) == {"bitcoin": 97120.0, "ethereum": 3400.0}
        # … nor do unpublishing and publishing again.
        article.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_transition(article=article, to=S.UNPUBLISHED, by=editor)
            editorial.article_transition(article=article, to=S.PUBLISHED, by=editor)
        assert stored(article) == {"bitcoin": 97120.0, "ethereum": 3400.0}

        client.logout()
        page = client.get(article.get_absolute_url()).content.decode()
        assert "$97,120 at publication · " in page
        assert "+3.5 %</span> since" in page  # 97,120 → 100,500

    def test_scheduled_publication_takes_the_price_at_its_time(
        self, editor, coin_tags, django_capture_on_commit_callbacks
    ):
        when = timezone.now() + dt.timedelta(minutes=2)
        article = factories.article(
            "Bitcoin at a turning point", status=S.DRAFT, published_at=when,
            tags=[coin_tags["bitcoin"]],
        )  # fmt: skip
        editorial.article_transition(article=article, to=S.SCHEDULED, by=editor)
        store("bitcoin", 90000.0, at=when - dt.timedelta(minutes=30))
        store("bitcoin", 91000.0, at=when - dt.timedelta(seconds=30))
        with django_capture_on_commit_callbacks(execute=True):
            assert editorial.article_publish_due(article_id=article.pk, now=when)
        assert stored(article) == {"bitcoin": 91000.0}
        # The scheduler's sweep running again (another worker) changes nothing.
        store("bitcoin", 95000.0, at=when + dt.timedelta(minutes=10))
        with django_capture_on_commit_callbacks(execute=True):
            assert not editorial.article_publish_due(article_id=article.pk, now=when)
        assert publication_prices_sweep(now=when + dt.timedelta(minutes=11)) == 0
        assert stored(article) == {"bitcoin": 91000.0}

    def test_an_old_price_is_not_the_price_at_publication(
        self, editor, coin_tags, django_capture_on_commit_callbacks
    ):
        store("bitcoin", 80000.0, at=timezone.now() - dt.timedelta(hours=3))
        article = factories.article(
            "Bitcoin miners", status=S.DRAFT, published_at=None, tags=[coin_tags["bitcoin"]]
        )
        with django_capture_on_commit_callbacks(execute=True):
            editorial.article_transition(article=article, to=S.PUBLISHED, by=editor)
        assert stored(article) == {}

    def test_the_sweep_records_articles_published_any_other_way(self, coin_tags):
        store("bitcoin", 97000.0)
        article = factories.article("A Bitcoin story", tags=[coin_tags["bitcoin"]])  # no hook
        old = factories.article(
            "An old Bitcoin story", tags=[coin_tags["bitcoin"]],
            published_at=timezone.now() - dt.timedelta(days=3),
        )  # fmt: skip
        assert publication_prices_sweep() == 1
        assert stored(article) == {"bitcoin": 97000.0}
        assert stored(old) == {}


class ArticleCoinTests:
    def test_title_first_then_tags_else_the_text(self, coins, coin_tags):
        sol = factories.tag("Solana", slug="solana")
        article = factories.article("Solana ETF decision", tags=[coin_tags["bitcoin"], sol])
        assert article_coin_slugs(article) == ["solana", "bitcoin"]
        untagged = factories.article("Weekly wrap", body_html="<p>Ether and XRP gained.</p>")
        assert article_coin_slugs(untagged) == ["ethereum", "xrp"]
        nothing = factories.article("Weekly wrap", body_html="<p>One of the gas bills.</p>")
        assert article_coin_slugs(nothing) == []
