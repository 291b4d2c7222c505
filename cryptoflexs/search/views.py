from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from .backends import search_articles

MAX_QUERY_LENGTH = 200


def search(request):
    """Show published articles matching ?q=, newest first; the page is never indexed."""
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    page = None
    if query:
        page = Paginator(search_articles(query), settings.ARTICLES_PER_PAGE).get_page(
            request.GET.get("page")
        )
    response = render(
        request,
        "search/results.html",
        {"query": query, "page_obj": page, "query_string": urlencode({"q": query})},
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response
