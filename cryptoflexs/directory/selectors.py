from django.db.models import Q

from cryptoflexs.articles.models import Article

from .models import Listing

RELATED_NEWS = 6
MIN_NAME_FOR_BODY_MATCH = 4


def listings_browse(*, kind: str = "", query: str = ""):
    listings = Listing.objects.approved()
    if kind:
        listings = listings.filter(kind=kind)
    if query:
        listings = listings.search(query)
    return listings.order_by("name", "pk")


def related_news(listing: Listing, limit: int = RELATED_NEWS) -> list[Article]:
    """Return the newest published articles that mention the listing's name (one query).

    Title matches, and body matches for names long enough not to hit every article.
    """
    name = listing.name.strip()
    match = Q(title__icontains=name)
    if len(name) >= MIN_NAME_FOR_BODY_MATCH:
        match |= Q(body_html__icontains=name)
    return list(Article.objects.published().filter(match).for_listing()[:limit])
