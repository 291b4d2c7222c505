"""The price at publication: for each of an article's coins, the price when the article
went public, stored once (never rewritten by a later refresh or a re-publication).

Recorded by the publish hook (editorial transitions and the scheduler call the articles
app's hook registry; markets registers `publication_prices_record` in AppConfig.ready),
and by a sweep after every price refresh for articles that went public any other way.
Both take the spot price nearest before the publication time, and store nothing when the
last known price is older than MARKETS_PUBLICATION_PRICE_MAX_AGE: an old price is not the
price at publication.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.core.html import html_to_text

from .models import Coin, PricePoint, PublicationPrice, Quote
from .registry import registry

logger = logging.getLogger(__name__)

MAX_COINS = 3
SWEEP_WINDOW = dt.timedelta(hours=2)
# A price taken up to this long after the publication time still counts (clock skew, and
# the minute between a publication and the next refresh for the sweep).
GRACE = dt.timedelta(seconds=90)
# A publication dated further ahead than this is not public yet: nothing to record.
AHEAD = dt.timedelta(minutes=5)


def article_coin_slugs(article: Article) -> list[str]:
    """Return the slugs of the coins an article is about, at most MAX_COINS: those its
    title names, then its coin tags (best known first); else those its text names."""
    reg = registry()
    found = [m.coin.slug for m in reg.find(article.title)]
    tagged = sorted(
        (tag.slug for tag in article.tags.all() if tag.slug in reg.by_slug), key=reg.order.get
    )
    slugs = list(dict.fromkeys([*found, *tagged]))
    if not slugs:
        text = f"{article.excerpt}\n{html_to_text(article.body_html)}"
        slugs = [m.coin.slug for m in reg.find(text)]
    return slugs[:MAX_COINS]


def _price_at(coin: Coin, when: dt.datetime, quote: Quote | None):
    max_age = dt.timedelta(seconds=settings.MARKETS_PUBLICATION_PRICE_MAX_AGE)
    point = (
        PricePoint.objects.filter(coin=coin, at__lte=when + GRACE, at__gte=when - max_age)
        .order_by("-at")
        .first()
    )
    if point is not None:
        return point.price, point.at, point.source
    if quote is not None and abs(quote.as_of - when) <= max_age:
        return quote.price, quote.as_of, quote.source
    return None


def publication_prices_record(*, article_ids, now: dt.datetime | None = None) -> int:
    """Store the price at publication of each coin of the given published articles that has
    none yet; return how many prices were stored."""
    now = now or timezone.now()
    articles = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now + AHEAD)
        .filter(pk__in=list(article_ids))
        .prefetch_related("tags")
        .only("pk", "title", "excerpt", "body_html", "published_at", "status")
    )
    stored = 0
    for article in articles:
        slugs = article_coin_slugs(article)
        if not slugs:
            continue
        coins = {c.slug: c for c in Coin.objects.filter(slug__in=slugs)}
        quotes = {q.coin_id: q for q in Quote.objects.filter(coin__in=coins.values())}
        when = article.published_at
        rows = []
        for position, slug in enumerate(slugs):
            coin = coins.get(slug)
            found = coin and _price_at(coin, when, quotes.get(coin.pk))
            if found:
                price, as_of, source = found
                rows.append(
                    PublicationPrice(article=article, coin=coin, price=price, as_of=as_of,
                                     source=source, position=position)
                )  # fmt: skip
        # ignore_conflicts: the unique (article, coin) pair keeps the first price for good.
        with transaction.atomic():
            PublicationPrice.objects.bulk_create(rows, ignore_conflicts=True)
        stored += len(rows)
    return stored


def publication_prices_sweep(*, now: dt.datetime | None = None) -> int:
    """Record prices for articles published in the last two hours that have none (published
    from the admin form, by ingestion or while the hook failed)."""
    now = now or timezone.now()
    recorded = PublicationPrice.objects.filter(article=OuterRef("pk"))
    ids = list(
        Article.objects.published()
        .filter(published_at__gte=now - SWEEP_WINDOW)
        .exclude(Exists(recorded))
        .values_list("pk", flat=True)[:200]
    )
    return publication_prices_record(article_ids=ids, now=now) if ids else 0


def on_articles_published(article_ids) -> None:
    """The publish hook: record prices at once; a failure here never fails a publication
    (the sweep tries again after the next refresh)."""
    try:
        publication_prices_record(article_ids=article_ids)
    except DatabaseError:
        logger.exception("price at publication not recorded for %s", list(article_ids))
