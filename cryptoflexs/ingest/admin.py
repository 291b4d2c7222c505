from django.contrib import admin, messages
from django.db import models
from django.utils import timezone

from .models import FetchLog, IngestedEntry, Source, Story
from .services import source_ingest


class FetchLogInline(admin.TabularInline):
    model = FetchLog
    extra = 0
    max_num = 0
    can_delete = False
    fields = ["started_at", "outcome", "http_status", "reason", "entries", "new", "duplicates"]
    readonly_fields = fields
    ordering = ["-started_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-started_at")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "active",
        "mode",
        "auto_publish",
        "last_fetch_at",
        "last_success_at",
        "last_outcome",
        "last_error",
        "next_fetch_at",
        "articles_created",
        "duplicates",
        "rejected",
    ]
    list_filter = ["active", "mode", "auto_publish", "last_outcome"]
    search_fields = ["name", "feed_url"]
    actions = ["fetch_now", "make_due"]
    readonly_fields = [
        "last_fetch_at",
        "last_success_at",
        "last_outcome",
        "last_error_at",
        "last_error",
        "last_warning",
        "consecutive_failures",
        "fetching_until",
        "etag",
        "last_modified",
        "entries_seen",
        "articles_created",
        "duplicates",
        "rejected",
    ]
    fieldsets = [
        (None, {"fields": ["name", "feed_url", "site_url", "active"]}),
        (
            "What to take",
            {
                "fields": [
                    "mode",
                    "auto_publish",
                    "default_category",
                    "include_keywords",
                    "exclude_keywords",
                ]
            },
        ),
        ("Schedule", {"fields": ["poll_interval", "next_fetch_at", "fetching_until"]}),
        (
            "Status",
            {
                "fields": [
                    "last_fetch_at",
                    "last_success_at",
                    "last_outcome",
                    "last_error_at",
                    "last_error",
                    "last_warning",
                    "consecutive_failures",
                    "etag",
                    "last_modified",
                    "entries_seen",
                    "articles_created",
                    "duplicates",
                    "rejected",
                ]
            },
        ),
    ]
    inlines = [FetchLogInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs["assume_scheme"] = "https"  # Django 6's default; silences its warning
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description="Fetch now")
    def fetch_now(self, request, queryset):
        for source in queryset[:20]:
            result = source_ingest(source=source)
            level = messages.ERROR if result.outcome == "failed" else messages.SUCCESS
            self.message_user(
                request,
                f"{source.name}: {result.outcome or 'done'}"
                f"{' – ' + result.reason if result.reason else ''}; new {result.new}, "
                f"duplicates {result.duplicates}, rejected {result.rejected}",
                level,
            )

    @admin.action(description="Fetch at the next sweep")
    def make_due(self, request, queryset):
        count = queryset.update(next_fetch_at=timezone.now())
        self.message_user(request, f"{count} sources will be fetched within a minute.")


@admin.register(IngestedEntry)
class IngestedEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "fetched_at", "story", "article"]
    list_filter = ["source"]
    search_fields = ["title", "url", "guid"]
    raw_id_fields = ["article", "story", "fetch"]
    list_select_related = ["source", "story", "article"]
    readonly_fields = ["dedup_key"]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["key", "first_seen_at"]
    search_fields = ["key", "entries__title"]
