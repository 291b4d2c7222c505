"""Reads of the aggregation data: stories for export and for the article page."""

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from cryptoflexs.articles.models import Article

from .models import IngestedEntry, Story

EXPORT_CHUNK = 500


def stories_export() -> Iterator[dict]:
    """Yield each story with its entries' articles, oldest story first (bounded queries:
    two per chunk of stories)."""
    stories = Story.objects.order_by("pk")
    entries = IngestedEntry.objects.select_related("source", "article").order_by("published_at")
    last = 0
    while True:
        chunk = list(
            stories.filter(pk__gt=last).prefetch_related(Prefetch("entries", queryset=entries))[
                :EXPORT_CHUNK
            ]
        )
        if not chunk:
            return
        for story in chunk:
            yield {
                "story": story.key,
                "first_seen_at": story.first_seen_at.isoformat(),
                "articles": [
                    {
                        "id": entry.article_id,
                        "title": entry.article.title if entry.article else entry.title,
                        "source": entry.source.name,
                        "url": entry.url,
                        "guid": entry.guid,
                        "published_at": entry.published_at.isoformat(),
                    }
                    for entry in story.entries.all()
                ],
            }
        last = chunk[-1].pk


def story_other_articles(article: Article, limit: int = 10) -> list[Article]:
    """Return the other published articles of `article`'s story (one query, or none when
    the article belongs to no story)."""
    if not article.story_key:
        return []
    return list(
        Article.objects.published()
        .filter(story_key=article.story_key)
        .exclude(pk=article.pk)
        .only("pk", "title", "slug", "source_name", "source_url", "published_at")
        .order_by("published_at", "pk")[:limit]
    )


def one_per_story(articles: QuerySet) -> QuerySet:
    """Narrow `articles` to one article per story: the newest of each story among
    `articles` themselves (so a category list keeps its own copy), and every article that
    belongs to no story. A NOT EXISTS in the same query, so pagination counts stay right."""
    newer_copy = articles.filter(story_key=OuterRef("story_key")).filter(
        Q(published_at__gt=OuterRef("published_at"))
        | Q(published_at=OuterRef("published_at"), pk__gt=OuterRef("pk"))
    )
    return articles.filter(Q(story_key="") | ~Exists(newer_copy))
