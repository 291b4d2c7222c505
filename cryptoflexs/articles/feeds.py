"""RSS 2.0 and Atom 1.0 feeds of the site, each category (with its sub-categories), tag and
author (django.contrib.syndication), with conditional GET.

Feeds name the site by settings.SITE_URL (never example.com nor the request's Host), give
every item its publication and update dates, a permalink guid, and the featured image as an
enclosure. Content is the excerpt, or the whole body with FEEDS_FULL_CONTENT; relative links
in it are made absolute, as feed readers have no base URL.
"""

import hashlib
import mimetypes
import threading

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from cryptoflexs.core.html import html_text_head
from cryptoflexs.core.models import SiteSettings
from cryptoflexs.core.pagecache import mark_cacheable
from cryptoflexs.core.seo import absolute_url, absolutize_html, publisher_name

from .models import Article, Author, Category, Tag

EXCERPT_WORDS = 60
SPONSORED_CATEGORY = "Sponsored"


class AtomFeedWithContent(Atom1Feed):
    """Atom 1.0 with an atom:content element (RFC 4287 §4.1.3) when the item has content."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ArticleFeed(Feed):
    """Published articles, newest first, of the whole site or of one category/tag/author."""

    scope = "site"  # or "category", "tag", "author"
    atom = False

    def __init__(self, scope: str = "site", *, atom: bool = False):
        self.scope = scope
        self.atom = atom
        self.feed_type = AtomFeedWithContent if atom else Rss201rev2Feed
        self._request_local = threading.local()

    # The feed's subject -------------------------------------------------------------------
    def get_object(self, request, path=None, slug=None):
        if self.scope == "category":
            return get_object_or_404(Category, path=path)
        if self.scope == "tag":
            return get_object_or_404(Tag, slug=slug)
        if self.scope == "author":
            return get_object_or_404(Author, slug=slug)
        return None

    def _site(self):
        # Not kept on self: one Feed instance serves every request, in several threads; the
        # row is read once per request (get_feed) and kept for that thread only.
        site = getattr(self._request_local, "site", None)
        return site if site is not None else SiteSettings.load()

    def get_feed(self, obj, request):
        self._request_local.site = SiteSettings.load()
        try:
            return super().get_feed(obj, request)
        finally:
            self._request_local.site = None

    def title(self, obj):
        site = self._site().name
        return f"{obj.name} – {site}" if obj is not None else site

    def description(self, obj):
        site = self._site()
        if obj is None:
            return site.tagline or f"The latest news from {site.name}"
        return getattr(obj, "description", "") or f"The latest {obj.name} news from {site.name}"

    # Atom's <subtitle> (RSS uses description).
    subtitle = description

    def link(self, obj):
        return absolute_url(obj.get_absolute_url() if obj is not None else "/")

    def feed_url(self, obj):
        name = self.scope if self.scope != "site" else ""
        name = f"feeds:{name}_{'atom' if self.atom else 'rss'}" if name else None
        if name is None:
            return absolute_url(reverse("feeds:atom" if self.atom else "feeds:rss"))
        if self.scope == "category":
            return absolute_url(reverse(name, kwargs={"path": obj.path}))
        return absolute_url(reverse(name, kwargs={"slug": obj.slug}))

    def feed_guid(self, obj):
        # The Atom feed's id: its own address, stable over time.
        return self.feed_url(obj)

    def author_name(self, obj):
        # Atom requires an author on the feed when an entry has none (RFC 4287 §4.1.1).
        return publisher_name(self._site())

    def author_link(self, obj):
        return absolute_url("/")

    def items(self, obj):
        qs = Article.objects.published().one_per_story()
        if self.scope == "category":
            qs = qs.in_category(obj)
        elif self.scope == "tag":
            qs = qs.filter(tags=obj)
        elif self.scope == "author":
            qs = qs.filter(author=obj)
        return list(
            qs.select_related("category", "author")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[: settings.FEEDS_ITEMS]
        )

    # Items --------------------------------------------------------------------------------
    def item_title(self, item):
        return item.title

    def _excerpt_html(self, item) -> str:
        text = item.excerpt or html_text_head(item.body_html, EXCERPT_WORDS)
        words = text.split()
        if len(words) > EXCERPT_WORDS:
            text = " ".join(words[:EXCERPT_WORDS]) + "…"
        return escape(text)

    def _content_html(self, item) -> str:
        return absolutize_html(item.body_html, absolute_url(item.get_absolute_url()))

    def item_description(self, item):
        # Atom: the summary (content goes in atom:content); RSS: one description element.
        if settings.FEEDS_FULL_CONTENT and not self.atom:
            return self._content_html(item)
        return self._excerpt_html(item)

    def item_extra_kwargs(self, item):
        if self.atom and settings.FEEDS_FULL_CONTENT:
            return {"content": self._content_html(item)}
        return {}

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return absolute_url(item.get_absolute_url())

    def item_guid_is_permalink(self, item):
        return True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.author.name if item.author else None

    def item_author_link(self, item):
        return absolute_url(item.author.get_absolute_url()) if item.author else None

    def item_categories(self, item):
        names = [item.category.name, *(tag.name for tag in item.tags.all())]
        if item.sponsored:
            # Readers see paid content as such; the body's links carry rel="sponsored".
            names.append(SPONSORED_CATEGORY)
        return list(dict.fromkeys(names))  # a tag named like the category: once

    def item_enclosures(self, item):
        if not item.featured_image:
            return []
        try:
            length = item.featured_image.size
        except OSError:
            # A missing file: a feed without this enclosure beats a feed that fails.
            return []
        mime = mimetypes.guess_type(item.featured_image.name)[0] or "application/octet-stream"
        return [Enclosure(absolute_url(item.featured_image.url), str(length), mime)]


def conditional_feed(feed):
    """Serve `feed` with an ETag and Last-Modified, so that a reader that already has it
    gets 304 Not Modified (RFC 9110 §13, ConditionalGetMiddleware), and from the page cache."""

    def view(request, *args, **kwargs):
        response = feed(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()}"'
            mark_cacheable(response)
        return response

    return view


def _feed_paths(prefix: str, name: str, scope: str) -> list:
    atom = conditional_feed(ArticleFeed(scope, atom=True))
    rss = conditional_feed(ArticleFeed(scope))
    return [
        path(f"{prefix}feed/atom/", atom, name=f"{name}atom"),
        path(f"{prefix}feed/", rss, name=f"{name}rss"),
    ]


app_name = "feeds"
urlpatterns = [
    *_feed_paths("", "", "site"),
    *_feed_paths("category/<path:path>/", "category_", "category"),
    *_feed_paths("tag/<slug:slug>/", "tag_", "tag"),
    *_feed_paths("author/<slug:slug>/", "author_", "author"),
]
