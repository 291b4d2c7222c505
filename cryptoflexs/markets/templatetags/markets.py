"""What markets adds to pages rendered by other apps: the ticker bar (base.html), coin
links in an article's body and the price at publication (the article template)."""

import logging

from django import template
from django.conf import settings
from django.db import DatabaseError
from django.utils.safestring import SafeString, mark_safe

from cryptoflexs.markets import formatting, selectors
from cryptoflexs.markets.linking import link_first_mentions_cached
from cryptoflexs.markets.models import PublicationPrice

logger = logging.getLogger(__name__)
register = template.Library()

register.filter("usd", formatting.usd)
register.filter("compact_usd", formatting.compact_usd)
register.filter("pct", formatting.pct)
register.filter("direction", formatting.direction)


@register.inclusion_tag("markets/components/ticker.html")
def ticker_bar():
    """The top coins with price and 24 h change; empty (never an error) without data."""
    try:
        data = selectors.ticker()
    except DatabaseError:
        logger.exception("ticker bar left out: market data unavailable")
        data = None
    return {"ticker": data, "poll_seconds": settings.MARKETS_TICKER_POLL_SECONDS}


@register.filter
def link_coins(html):
    """Link the first mention of each coin in sanitised article HTML to its page."""
    if not isinstance(html, SafeString):
        return html  # only HTML already marked safe (sanitised when stored) is touched
    return mark_safe(link_first_mentions_cached(str(html)))  # noqa: S308 - adds our own links only


@register.inclusion_tag("markets/components/publication_prices.html")
def publication_prices(article):
    """ "BTC $97,120 at publication · +3.4 % since" for the article's coins (one query)."""
    rows = list(
        PublicationPrice.objects.filter(article=article).select_related("coin")[:3]
        if article.pk
        else []
    )
    snapshot = selectors.quotes_snapshot() if rows else {}
    items = []
    for row in rows:
        now = snapshot.get(row.coin.slug)
        change = (now.price / row.price - 1) * 100 if now and row.price else None
        items.append({"row": row, "coin": row.coin, "now": now, "change": change})
    return {"items": items}
