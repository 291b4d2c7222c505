from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from cryptoflexs.analytics.charts import bar_chart

from . import ingest_health
from .models import LoginLockout, SourceHealth
from .throttle import lockouts_release

HEALTH_DAYS = 30


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    list_display = ["__str__", "failures", "address", "locked_at", "locked_until", "state"]
    list_filter = ["kind", "locked_at"]
    search_fields = ["value", "address"]
    actions = ["unlock"]
    readonly_fields = [f.name for f in LoginLockout._meta.fields]

    @admin.display(description="state")
    def state(self, obj):
        if obj.unlocked_at:
            return f"unlocked by {obj.unlocked_by or 'an administrator'}"
        return "locked" if obj.is_active else "expired"

    @admin.action(description="Unlock selected accounts and addresses", permissions=["change"])
    def unlock(self, request, queryset):
        count = lockouts_release(lockouts=list(queryset), by=request.user)
        self.message_user(request, f"{count} lockout(s) lifted.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False


@admin.register(SourceHealth)
class SourceHealthAdmin(admin.ModelAdmin):
    """Per source: success rate and entries per day as charts, and the latest errors."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _context(self, request, **extra) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "days": HEALTH_DAYS,
            **extra,
        }

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        sources = ingest_health.sources_health(HEALTH_DAYS)
        context = self._context(request, title="Ingestion health", sources=sources)
        return TemplateResponse(request, "admin/operations/ingest_health.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, object_id)
        if source is None or not self.has_view_or_change_permission(request, source):
            raise Http404("No such source")
        days = ingest_health.source_days(source, HEALTH_DAYS)
        fetches = sum(d["fetches"] for d in days)
        context = self._context(
            request,
            title=f"Ingestion health: {source.name}",
            source=source,
            series=days,
            fetches=fetches,
            success_rate=ingest_health.rate(sum(d["ok"] for d in days), fetches),
            entries=sum(d["entries"] for d in days),
            rate_chart=bar_chart([(d["day"], round(d["rate"] or 0)) for d in days]),
            entries_chart=bar_chart([(d["day"], d["entries"]) for d in days]),
            errors=ingest_health.source_errors(source),
            source_admin_url=reverse("admin:ingest_source_change", args=[source.pk]),
        )
        return TemplateResponse(request, "admin/operations/ingest_health_source.html", context)
