"""Directory listings and reader comments of the demo site, written for Crypto Flexs.

The listings (`data/listings.jsonl`) reuse the invented companies of the demo's stories, so a
listing's page shows the news that mentions it; the comments are `data/comments.jsonl`.
Everything is fixed text: a second run changes nothing.
"""

import datetime as dt

from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.comments.models import Comment
from cryptoflexs.directory.models import Listing

from . import data


def load_listings(*, today: dt.date) -> int:
    """Create or refresh the demo listings; return how many rows were new."""
    created = 0
    for spec in data.listings():
        approved = spec.status == Listing.Status.APPROVED
        _, new = Listing.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "website": spec.website,
                "coins": spec.coins,
                "description": spec.description,
                "status": spec.status,
                "verified_at": today - dt.timedelta(days=30) if approved else None,
                "last_checked_at": today - dt.timedelta(days=2) if approved else None,
                "submitter_name": "Crypto Flexs demo",
                "submitter_email": "demo@cryptoflexs.example",
            },
        )
        created += new
    return created


def load_comments(article_slugs: list[str]) -> int:
    """Create or refresh the demo comments (approved) on the demo's newest articles."""
    comments = data.comments()
    articles = Article.objects.in_bulk(
        {article_slugs[c.article] for c in comments}, field_name="slug"
    )
    stored: list[Comment] = []
    created = 0
    for spec in comments:
        article = articles[article_slugs[spec.article]]
        parent = stored[spec.reply_to] if spec.reply_to is not None else None
        when = (article.published_at or timezone.now()) + dt.timedelta(hours=spec.hours_after)
        comment, new = Comment.objects.update_or_create(
            article=article,
            email=spec.email,
            parent=parent,
            defaults={
                "name": spec.name,
                "body": spec.body,
                "status": Comment.Status.APPROVED,
                "created_at": min(when, timezone.now()),
            },
        )
        stored.append(comment)
        created += new
    return created
