from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from cryptoflexs.core.antispam import client_ip
from cryptoflexs.submissions.views import handle_public_form

from . import selectors, services
from .forms import ListingForm
from .models import Listing

MAX_QUERY = 100


def listing_list(request):
    """Browse approved listings by type, with search and pagination."""
    kind = request.GET.get("type", "")
    if kind not in Listing.Kind.values:
        kind = ""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    listings = selectors.listings_browse(kind=kind, query=query)
    page = Paginator(listings, settings.DIRECTORY_PER_PAGE).get_page(request.GET.get("page"))
    params = {k: v for k, v in (("type", kind), ("q", query)) if v}
    context = {
        "page_obj": page,
        "listings": page.object_list,
        "kinds": Listing.Kind.choices,
        "kind": kind,
        "kind_label": Listing.Kind(kind).label if kind else "",
        "query": query,
        "query_string": urlencode(params),
    }
    return render(request, "directory/listing_list.html", context)


def listing_detail(request, slug):
    listing = get_object_or_404(Listing.objects.approved(), slug=slug)
    context = {"listing": listing, "related": selectors.related_news(listing)}
    return render(request, "directory/listing_detail.html", context)


@require_http_methods(["GET", "POST"])
def listing_submit(request):
    def save(form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.listing_submit(data=data, ip_address=client_ip(request))
        return redirect("directory:thanks")

    return handle_public_form(
        request,
        form_class=ListingForm,
        scope="directory",
        template="directory/listing_form.html",
        on_valid=save,
    )


def listing_thanks(request):
    return render(request, "submissions/thanks.html", {"what": "listing"})
