"""The back office's "Waiting for you" panel, built from the registered ModelAdmins.

A ModelAdmin lists what waits for people in `waiting`: (label, changelist lookups) pairs,
e.g. `waiting = [("comments awaiting moderation", {"status__exact": "pending"})]`. The
lookups filter the admin's own queryset (so roles see only their share) and become the
changelist link's query string. Core names no app: each app says what waits in its own.
"""

from urllib.parse import urlencode

from django import template
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_work(context) -> list[dict]:
    """Return [{"label", "count", "url"}] for what the user may see, in registry order."""
    request = context.get("request")
    if request is None:
        return []
    items = []
    for model, model_admin in admin.site._registry.items():
        waiting = getattr(model_admin, "waiting", None)
        if not waiting or not model_admin.has_view_permission(request):
            continue
        opts = model._meta
        try:
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        for label, lookups in waiting:
            count = model_admin.get_queryset(request).filter(**lookups).count()
            items.append(
                {"label": label, "count": count, "url": f"{changelist}?{urlencode(lookups)}"}
            )
    return items
