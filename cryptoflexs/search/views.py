from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode

from cryptoflexs.core.pagecache import cache_public_page

from . import selectors
from .forms import SearchForm

FILTER_PARAMS = ("category", "author", "tag", "date_from", "date_to", "sort")


@cache_public_page
def search(request):
    """Show ranked matches for ?q= with filters and sort; the page is never indexed."""
    form = SearchForm(request.GET)
    query = form.query()
    filters = form.filters()
    sort = form.value("sort") or selectors.RELEVANCE
    results = None
    if query:
        results = selectors.search(query, filters=filters, sort=sort, page=request.GET.get("page"))
    # Pagination links keep the query, the filters and the sort.
    kept = {"q": query}
    kept.update(
        {
            name: request.GET[name]
            for name in FILTER_PARAMS
            if form.value(name) and request.GET.get(name)
        }
    )
    response = render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "page_obj": results.page if results else None,
            "filters": filters,
            "sort": sort,
            "query_string": urlencode(kept),
        },
    )
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page
def suggest(request):
    """Return up to five matching titles as JSON, for the search overlay."""
    query = request.GET.get("q", "")
    response = JsonResponse({"suggestions": selectors.suggest(query)})
    response.headers["X-Robots-Tag"] = "noindex"
    return response
