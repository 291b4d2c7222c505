from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cryptoflexs.core.antispam import client_ip, rate_limit_message, rate_limited

from . import services
from .forms import ContactForm, SubmissionForm


def handle_public_form(request, *, form_class, scope, template, on_valid, context=None):
    """Show `form_class` on GET; on POST apply the rate limit, validate, then `on_valid(form)`.

    A refused post re-renders the form with every value kept (400, or 429 when over the
    rate limit) and says why; nothing is stored.
    """
    context = dict(context or {})
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class()})
    form = form_class(request.POST)
    if rate_limited(request, scope):
        form.refresh_token_if_invalid()
        return render(
            request, template, {**context, "form": form, "error": rate_limit_message()}, status=429
        )
    if not form.is_valid():
        form.refresh_token_if_invalid()
        return render(request, template, {**context, "form": form}, status=400)
    return on_valid(form)


def _data(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@require_http_methods(["GET", "POST"])
def submit(request):
    def save(form):
        services.submission_create(data=_data(form), ip_address=client_ip(request))
        return redirect("submissions:thanks")

    return handle_public_form(
        request,
        form_class=SubmissionForm,
        scope="submit",
        template="submissions/submission_form.html",
        on_valid=save,
    )


def submit_thanks(request):
    return render(request, "submissions/thanks.html", {"what": "submission"})


@require_http_methods(["GET", "POST"])
def contact(request):
    def save(form):
        services.contact_message_create(data=_data(form), ip_address=client_ip(request))
        return redirect("contact:thanks")

    return handle_public_form(
        request,
        form_class=ContactForm,
        scope="contact",
        template="submissions/contact_form.html",
        on_valid=save,
    )


def contact_thanks(request):
    return render(request, "submissions/thanks.html", {"what": "contact"})
