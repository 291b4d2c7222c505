"""A missing image file never breaks a page (issue #15, item 3), and image dimensions are
stored when an article is saved, so rendering a list opens no image file at all."""

import importlib
import io
import os

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from cryptoflexs.articles.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def jpeg(width=320, height=180) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def article_as_the_demo_stored_it(slug: str) -> Article:
    """An article whose image file is stored but whose width/height columns are empty, as
    149 of the 150 demo articles were."""
    article = factories.article(f"Story {slug}", slug=slug)
    name = default_storage.save(f"articles/{slug}.jpg", ContentFile(jpeg()))
    Article.objects.filter(pk=article.pk).update(
        featured_image=name, featured_image_width=None, featured_image_height=None
    )
    return article


def stored_size(article) -> tuple:
    return Article.objects.values_list("featured_image_width", "featured_image_height").get(
        pk=article.pk
    )


class MissingImageFileTests:
    def test_home_and_article_pages_survive_a_deleted_file(self, client):
        kept = article_as_the_demo_stored_it("kept")
        lost = article_as_the_demo_stored_it("lost")
        os.remove(default_storage.path(Article.objects.get(pk=lost.pk).featured_image.name))
        home = client.get("/")
        assert home.status_code == 200
        html = home.content.decode()
        assert 'class="image-placeholder' in html
        assert "/media/articles/kept.jpg" in html
        assert "/media/articles/lost.jpg" not in html
        page = client.get(lost.get_absolute_url())
        assert page.status_code == 200
        assert 'class="image-placeholder' in page.content.decode()
        assert client.get(kept.get_absolute_url()).status_code == 200

    def test_saving_an_article_stores_its_image_size(self):
        article = article_as_the_demo_stored_it("sized")
        article = Article.objects.get(pk=article.pk)
        article.title = "Edited"
        article.save()
        assert stored_size(article) == (320, 180)

    def test_an_image_saved_without_a_file_name_gets_its_size(self):
        # The demo loader's way: a nameless ContentFile through the field, then save().
        article = factories.article("Drawn", slug="drawn")
        article.featured_image.save("drawn.jpg", ContentFile(jpeg(200, 100)), save=False)
        article.save()
        assert stored_size(article) == (200, 100)

    def test_the_migration_backfills_sizes_and_skips_missing_files(self):
        filled = article_as_the_demo_stored_it("filled")
        gone = article_as_the_demo_stored_it("gone")
        os.remove(default_storage.path(Article.objects.get(pk=gone.pk).featured_image.name))
        migration = importlib.import_module(
            "cryptoflexs.articles.migrations.0007_featured_image_dimensions"
        )
        migration.backfill_dimensions(apps, None)
        sizes = dict(
            Article.objects.values_list("pk", "featured_image_width").filter(
                pk__in=[filled.pk, gone.pk]
            )
        )
        assert sizes == {filled.pk: 320, gone.pk: None}
