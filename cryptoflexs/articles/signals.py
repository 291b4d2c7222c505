"""Cache invalidation, the one job signals do here: any change to what readers see makes
every cached public page stale (home, categories, tags, authors and sidebars alike)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cryptoflexs.core.cache import content_changed
from cryptoflexs.core.models import MenuLink, Page, SiteSettings

from .models import Article, ArticleRedirect, Author, Category, Tag

WATCHED = (Article, Author, Category, Tag, ArticleRedirect, Page, MenuLink, SiteSettings)


def _changed(sender, **kwargs):
    content_changed()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"cache-{model.__name__}-delete")
    m2m_changed.connect(_changed, sender=Article.tags.through, dispatch_uid="cache-article-tags")
