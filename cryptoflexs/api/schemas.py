"""What the public API returns: stable, documented shapes (the OpenAPI schema is built
from these)."""

import datetime as dt

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class CategoryRef(Schema):
    name: str
    slug: str
    path: str
    url: str


class TagRef(Schema):
    name: str
    slug: str
    url: str


class AuthorRef(Schema):
    name: str
    slug: str
    url: str


class CategoryOut(CategoryRef):
    id: int
    description: str
    parent_path: str | None


class TagOut(TagRef):
    id: int


class AuthorOut(AuthorRef):
    id: int
    bio: str


class ArticleOut(Schema):
    id: int
    slug: str
    title: str
    excerpt: str
    url: str
    published_at: dt.datetime
    updated_at: dt.datetime
    category: CategoryRef
    author: AuthorRef | None
    tags: list[TagRef]
    image: str | None
    image_alt: str
    image_credit: str
    source_name: str
    source_url: str
    reading_minutes: int
    # Paid content (a paid press release): labelled Sponsored on the site, and every link of
    # its body carries rel="sponsored".
    sponsored: bool


class ArticleDetailOut(ArticleOut):
    body_html: str
    canonical_url: str


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None


class CategoryPage(Schema):
    items: list[CategoryOut]
    next_cursor: str | None


class TagPage(Schema):
    items: list[TagOut]
    next_cursor: str | None


class AuthorPage(Schema):
    items: list[AuthorOut]
    next_cursor: str | None
