"""RSS 2.0 and Atom feeds of a coin's news: the articles tagged with the coin, one per
story, with the site feeds' conditional GET and caching."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cryptoflexs.articles.feeds import ArticleFeed, conditional_feed
from cryptoflexs.core.seo import absolute_url

from .models import Coin
from .selectors import coin_news_queryset


class CoinFeed(ArticleFeed):
    def __init__(self, *, atom: bool = False):
        super().__init__("coin", atom=atom)

    def get_object(self, request, slug=None):
        return get_object_or_404(Coin.objects.active(), slug=slug)

    def title(self, obj):
        return f"{obj.name} news – {self._site().name}"

    def description(self, obj):
        return f"The latest {obj.name} ({obj.ticker}) news from {self._site().name}"

    subtitle = description

    def feed_url(self, obj):
        name = "markets:feed_atom" if self.atom else "markets:feed"
        return absolute_url(reverse(name, kwargs={"slug": obj.slug}))

    def items(self, obj):
        return list(
            coin_news_queryset(obj)
            .select_related("category", "author")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[: settings.FEEDS_ITEMS]
        )


coin_rss = conditional_feed(CoinFeed())
coin_atom = conditional_feed(CoinFeed(atom=True))
