"""Small builders for test data: explicit, no magic, every field overridable."""

import datetime as dt
import itertools

from django.utils import timezone
from django.utils.text import slugify

from cryptoflexs.articles.models import Article, Author, Category, Tag

_seq = itertools.count(1)


def category(name=None, *, parent=None, **fields) -> Category:
    n = next(_seq)
    name = name or f"Category {n}"
    fields.setdefault("slug", slugify(name))
    return Category.objects.create(name=name, parent=parent, **fields)


def tag(name=None, **fields) -> Tag:
    n = next(_seq)
    name = name or f"Tag {n}"
    fields.setdefault("slug", slugify(name))
    return Tag.objects.create(name=name, **fields)


def author(name=None, **fields) -> Author:
    n = next(_seq)
    name = name or f"Author {n}"
    fields.setdefault("slug", slugify(name))
    return Author.objects.create(name=name, **fields)


def article(title=None, *, tags=(), **fields) -> Article:
    """Create a published article (dated in the past) unless fields say otherwise."""
    n = next(_seq)
    title = title or f"Article number {n}"
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    # Each new article a little older than the last, all within the last few hours.
    fields.setdefault("published_at", timezone.now() - dt.timedelta(seconds=n))
    fields.setdefault("body_html", "<p>" + " ".join(["word"] * 300) + "</p>")
    if "category" not in fields:
        fields["category"] = category()
    obj = Article.objects.create(title=title, **fields)
    if tags:
        obj.tags.set(tags)
    return obj
