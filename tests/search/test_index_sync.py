"""The index follows every change to an article in the same transaction: publish, edit,
unpublish, delete, the scheduler's UPDATE and QuerySet.update(); `manage.py reindex`
rebuilds it."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial.services import article_publish_due, article_transition
from tests import factories

from .helpers import search

pytestmark = pytest.mark.django_db


class IndexSyncTests:
    def test_publish_edit_unpublish_delete(self, client, editor):
        article = factories.article("Avalanche subnet launch", status="draft",
                                    published_at=None)  # fmt: skip
        assert search(client, "avalanche") == []

        article_transition(article=article, to=Article.Status.PUBLISHED, by=editor)
        assert search(client, "avalanche") == ["Avalanche subnet launch"]

        article.title = "Polkadot parachain auction"
        article.save()
        assert search(client, "avalanche") == []
        assert search(client, "polkadot") == ["Polkadot parachain auction"]

        article.body_html = "<p>Now with <em>zebras</em>.</p>"
        article.save()
        assert search(client, "zebras") == ["Polkadot parachain auction"]
        assert search(client, "word") == []  # the old body is gone from the index

        article_transition(article=article, to=Article.Status.UNPUBLISHED, by=editor)
        assert search(client, "polkadot") == []

        article_transition(article=article, to=Article.Status.PUBLISHED, by=editor)
        assert search(client, "polkadot") == ["Polkadot parachain auction"]

        article.delete()
        assert search(client, "polkadot") == []

    def test_scheduled_article_becomes_searchable_when_published_by_the_scheduler(self, client):
        when = timezone.now() + dt.timedelta(minutes=5)
        article = factories.article("Litecoin halving countdown", status="scheduled",
                                    published_at=when)  # fmt: skip
        assert search(client, "litecoin") == []
        assert article_publish_due(article_id=article.pk, now=when + dt.timedelta(seconds=1))
        Article.objects.filter(pk=article.pk).update(published_at=timezone.now())
        assert search(client, "litecoin") == ["Litecoin halving countdown"]

    def test_queryset_update_and_bulk_create(self, client):
        article = factories.article("Monero privacy update")
        Article.objects.filter(pk=article.pk).update(title="Zcash privacy update")
        assert search(client, "monero") == []
        assert search(client, "zcash") == ["Zcash privacy update"]
        Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
        assert search(client, "zcash") == []
        Article.objects.bulk_create(
            [Article(title="Hedera council grows", slug="hedera", category=article.category,
                     status="published", published_at=timezone.now(), body_html="<p>x</p>")]
        )  # fmt: skip
        assert search(client, "hedera") == ["Hedera council grows"]

    def test_a_rolled_back_change_leaves_the_index_as_it_was(self, client):
        from django.db import transaction

        article = factories.article("Filecoin storage deal")

        def rename_then_fail():
            with transaction.atomic():
                Article.objects.filter(pk=article.pk).update(title="Arweave storage deal")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            rename_then_fail()
        assert search(client, "filecoin") == ["Filecoin storage deal"]
        assert search(client, "arweave") == []


class ReindexTests:
    def test_reindex_rebuilds_from_published_articles(self, client):
        factories.article("Chainlink oracle news")
        factories.article("Chainlink draft", status="draft")
        out, err = io.StringIO(), io.StringIO()
        call_command("reindex", stdout=out, stderr=err)
        assert "Indexed 1 published articles" in out.getvalue()
        assert "articles" in err.getvalue()  # the progress bar
        assert search(client, "chainlink") == ["Chainlink oracle news"]
        call_command("reindex", "--no-progress", stdout=out, stderr=io.StringIO())
        assert search(client, "chainlink") == ["Chainlink oracle news"]
