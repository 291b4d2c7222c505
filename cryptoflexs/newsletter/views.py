from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from cryptoflexs.core.antispam import rate_limit_wait

from . import services
from .forms import SignupForm

SAFE_AND_POST = ["GET", "HEAD", "POST"]


def _page(request, template, context=None, status=200):
    response = render(request, template, context or {}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _throttled(request) -> int:
    return rate_limit_wait(
        request, "newsletter", limit=settings.NEWSLETTER_SIGNUPS_PER_HOUR, seconds=3600
    )


# The footer form sits on cached pages, which cannot carry a per-reader CSRF token. A forged
# sign-up gains an attacker nothing: it only mails a confirmation link to the address given,
# exactly as the attacker could by submitting the form themselves.
@csrf_exempt
@require_http_methods(SAFE_AND_POST)
def signup(request):
    """The sign-up page; every accepted address gets the same answer (check your inbox)."""
    if request.method != "POST":
        return _page(request, "newsletter/signup.html", {"form": SignupForm()})
    form = SignupForm(request.POST)
    if not form.is_valid():
        return _page(request, "newsletter/signup.html", {"form": form}, status=400)
    retry_after = _throttled(request)
    if retry_after:
        form.add_error(None, "Too many sign-ups from your network; please try again later.")
        response = _page(request, "newsletter/signup.html", {"form": form}, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    services.newsletter_signup(
        email=form.cleaned_data["email"],
        frequency=form.cleaned_data["frequency"],
        category_ids=[c.pk for c in form.cleaned_data["categories"]],
    )
    return redirect("newsletter:check_inbox")


@require_safe
def check_inbox(request):
    return _page(request, "newsletter/check_inbox.html")


# The token in the address is the credential; mail scanners that prefetch links only GET,
# so GET shows a button and the POST does the work.
@csrf_exempt
@require_http_methods(SAFE_AND_POST)
def confirm(request, token):
    try:
        if request.method == "POST":
            subscriber = services.subscriber_confirm(token=token)
            return _page(request, "newsletter/confirmed.html", {"subscriber": subscriber})
        data = services.confirmation_data(token)
    except ValidationError as exc:
        return _page(request, "newsletter/invalid.html", {"message": exc.messages[0]}, 400)
    return _page(request, "newsletter/confirm.html", {"email": data["e"]})


# RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" without any cookie or
# token of ours, so this endpoint cannot use CSRF protection; the signed link is the proof.
@csrf_exempt
@require_http_methods(SAFE_AND_POST)
def unsubscribe(request, token):
    try:
        target = services.unsubscribe_target(token)
        if request.method == "POST":
            services.subscriber_unsubscribe(token=token)
            return _page(request, "newsletter/unsubscribed.html", {"email": target["e"]})
    except ValidationError as exc:
        return _page(request, "newsletter/invalid.html", {"message": exc.messages[0]}, 400)
    return _page(request, "newsletter/unsubscribe.html", {"email": target["e"]})
