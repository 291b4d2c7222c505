"""Reads of the aggregation data: the stories the pipeline found, for export."""

from collections.abc import Iterator

from django.db.models import Count, Prefetch

from cryptoflexs.articles.models import Article, Story

from .classifier.labels import label_map
from .models import FeedCategory

EXPORT_CHUNK = 500


def stories_export() -> Iterator[dict]:
    """Yield each story of two or more articles with its articles (and each article's
    original entry), oldest story first (bounded queries: two per chunk of stories)."""
    stories = Story.objects.annotate(size=Count("articles")).filter(size__gt=1).order_by("pk")
    articles = (
        Article.objects.select_related("ingested_entry__source")
        .only(
            "pk",
            "title",
            "story_id",
            "source_name",
            "source_url",
            "published_at",
            "ingested_entry__url",
            "ingested_entry__guid",
            "ingested_entry__published_at",
            "ingested_entry__source__name",
        )
        .order_by("published_at", "pk")
    )
    last = 0
    while True:
        chunk = list(
            stories.filter(pk__gt=last).prefetch_related(Prefetch("articles", queryset=articles))[
                :EXPORT_CHUNK
            ]
        )
        if not chunk:
            return
        for story in chunk:
            yield {
                "story": story.key,
                "first_seen_at": story.first_seen_at.isoformat(),
                "articles": [_exported(article) for article in story.articles.all()],
            }
        last = chunk[-1].pk


def _exported(article: Article) -> dict:
    entry = getattr(article, "ingested_entry", None)
    published = entry.published_at if entry else article.published_at
    return {
        "id": article.pk,
        "title": article.title,
        "source": entry.source.name if entry else article.source_name,
        "url": entry.url if entry else article.source_url,
        "guid": entry.guid if entry else "",
        "published_at": published.isoformat() if published else None,
    }


def feed_label_map() -> dict[str, str]:
    """Return outlet label -> category path: the editors' table over the built-in one."""
    edited = {
        row.label: (row.category.path if row.category else None)
        for row in FeedCategory.objects.select_related("category")
    }
    return label_map(edited)
